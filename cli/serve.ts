// concerto serve: the workshop server (docs/workshop-api.md, docs/workshop.md). One process serves the
// built app and the API; it stops cleanly on SIGINT/SIGTERM (every write is already committed).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_LIMITS, WorkshopServer, type Limits } from '../server/app.ts';
import { has, last, parseFlags, UsageError, wholeNumber } from './args.ts';
import { ROOT } from './bundle.mjs';

const HOST_RE = /^[A-Za-z0-9.:-]{1,100}$/;

/** Addresses of this computer on the room's network, for the facilitator to read out. */
function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (!a.internal && a.family === 'IPv4') out.push(a.address);
  return out;
}

/** The built app: --app DIR, else dist/ of this checkout, built with vite when it is missing (once; `--no-build` serves the API alone). */
function appDir(build: boolean, given: string | undefined): string | null {
  if (given !== undefined) {
    if (!existsSync(join(given, 'index.html')))
      throw new UsageError(`--app: ${given} has no index.html (a built app: npm run build)`);
    return resolve(given);
  }
  const dist = join(ROOT, 'dist');
  if (existsSync(join(dist, 'index.html'))) return dist;
  if (!build) {
    process.stderr.write('serve: dist/ is not built; serving the API alone (npm run build builds the app)\n');
    return null;
  }
  process.stderr.write('serve: dist/ is missing: building the app with vite (once, about a minute)…\n');
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0 || !existsSync(join(dist, 'index.html'))) {
    process.stderr.write('serve: the app could not be built; serving the API alone\n');
    return null;
  }
  return dist;
}

export async function serveCommand(args: readonly string[]): Promise<number> {
  const flags = parseFlags(args, {
    '--port': 'value',
    '--host': 'value',
    '--data': 'value',
    '--no-build': 'flag',
    '--app': 'value',
    '--max-sessions': 'value',
    '--max-participants': 'value',
    '--joins-per-minute': 'value',
    '--requests-per-minute': 'value',
  });
  if (flags.positional.length > 0) throw new UsageError(`takes no file (got ${flags.positional.join(' ')})`);
  const port = wholeNumber(flags, '--port', 8080, 0, 65535);
  const host = last(flags, '--host') ?? '127.0.0.1';
  if (!HOST_RE.test(host))
    throw new UsageError(`--host: must be an address such as 127.0.0.1 or 0.0.0.0 (got ${host})`);
  const dataDir = resolve(last(flags, '--data') ?? 'concerto-data');
  const limits: Partial<Limits> = {
    sessions: wholeNumber(flags, '--max-sessions', DEFAULT_LIMITS.sessions, 1, 10_000),
    participants: wholeNumber(flags, '--max-participants', DEFAULT_LIMITS.participants, 1, 1000),
    joinsPerMinute: wholeNumber(flags, '--joins-per-minute', DEFAULT_LIMITS.joinsPerMinute, 1, 100_000),
    requestsPerMinute: wholeNumber(flags, '--requests-per-minute', DEFAULT_LIMITS.requestsPerMinute, 1, 1_000_000),
  };
  const server = new WorkshopServer({
    port,
    host,
    dataDir,
    appDir: appDir(!has(flags, '--no-build'), last(flags, '--app')),
    limits,
  });
  let url: string;
  try {
    url = await server.listen();
  } catch (err) {
    await server.close().catch(() => {});
    throw err;
  }
  process.stdout.write(`listening on ${url}\n`);
  process.stdout.write(`data: ${dataDir} (${server.sessions.size} session(s) resumed)\n`);
  if (host === '127.0.0.1' || host === 'localhost' || host === '::1')
    process.stdout.write(
      'only this computer can open it; to open it to the room’s network: concerto serve --host 0.0.0.0\n',
    );
  else for (const a of lanAddresses()) process.stdout.write(`participants open http://${a}:${server.port}/\n`);
  await new Promise<void>((done) => {
    const stop = (signal: string) => {
      process.stdout.write(`${signal}: stopping\n`);
      server.close().then(done, done);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}
