// Plain HTTP for the workshop server: JSON responses, errors as `{ error, fields }`, request bodies
// under a size cap, and the built app's files with the app's security headers.
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { ScenarioError } from '../sim/engine/errors.ts';
import { isObject } from '../sim/engine/isObject.ts';
import { HttpError } from './errors.ts';

// The app's own policy (index.html), sent as a header too; frame-ancestors only works as a header.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/** An error as its response: the HttpError's status and fields, 400 for bad input, else 500 (logged). */
export function sendError(res: ServerResponse, err: unknown): void {
  if (res.headersSent) return void res.destroy();
  if (err instanceof HttpError) return sendJson(res, err.status, err.body(), err.headers);
  if (err instanceof ScenarioError) return sendJson(res, 400, new HttpError(400, err.issues).body());
  process.stderr.write(`internal error: ${(err as Error)?.stack ?? String(err)}\n`);
  sendJson(res, 500, { error: 'internal error', fields: [] });
}

/** A request's body as a JSON object of at most `max` bytes (413 past it, counted as it arrives). */
export async function readBody(req: IncomingMessage, max: number): Promise<Record<string, unknown>> {
  if (Number(req.headers['content-length'] ?? 0) > max)
    throw new HttpError(413, [
      { path: 'body', value: Number(req.headers['content-length']), rule: `must be at most ${max} bytes` },
    ]);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new HttpError(413, [{ path: 'body', value: size, rule: `must be at most ${max} bytes` }]);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, [{ path: 'body', value: text.slice(0, 40), rule: 'must be JSON' }]);
  }
  if (!isObject(value)) throw new HttpError(400, [{ path: 'body', value, rule: 'must be a JSON object' }]);
  return value;
}

/** A file of the built app (`appDir`, absolute), never one outside it; 404 when the app is not built. */
export function serveStatic(appDir: string | null, req: IncomingMessage, res: ServerResponse, path: string): void {
  const headers = {
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, headers);
    return void res.end();
  }
  if (!appDir) {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    return void res.end('The app is not built here (npm run build); the API is under /api/.');
  }
  let rel: string;
  try {
    rel = decodeURIComponent(path);
  } catch {
    res.writeHead(400, headers);
    return void res.end();
  }
  if (rel.endsWith('/')) rel += 'index.html';
  const file = normalize(join(appDir, rel));
  if (!file.startsWith(appDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    return void res.end('not found');
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
}
