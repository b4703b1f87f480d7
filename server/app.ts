import { createHash, randomBytes, randomInt } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import { ScenarioError } from '../sim/engine/errors.ts';
import {
  BUNDLED_EXERCISES,
  bundledExercise,
  parseExercise,
  workshopLog,
  type Exercise,
} from '../sim/exercise/index.ts';
import { Store } from './db.ts';
import { qrcode, WebSocketServer, type WebSocket } from './deps.ts';
import { modelRunsFor, roomDebrief } from './debrief.ts';
import { HttpError } from './errors.ts';
import { LiveSession, seatInfos, SESSION_TTL_MS, type Participant, type Settings, type Viewer } from './session.ts';

// The workshop server (docs/workshop-api.md): the built app and the API under one origin, state in
// SQLite. Node's http and the `ws` library; no framework.

export interface Limits {
  sessions: number;
  participants: number;
  joinsPerMinute: number;
  requestsPerMinute: number;
  bodyBytes: number;
  wsMessageBytes: number;
  wsMessagesPerSecond: number;
}

export const DEFAULT_LIMITS: Limits = {
  sessions: 50,
  participants: 80,
  joinsPerMinute: 30,
  requestsPerMinute: 600,
  bodyBytes: 256 * 1024,
  wsMessageBytes: 64 * 1024,
  wsMessagesPerSecond: 20,
};

export interface ServerOptions {
  port: number;
  host: string;
  dataDir: string;
  /** The built app to serve (dist/), or null for the API alone. */
  appDir: string | null;
  limits?: Partial<Limits>;
}

/** The join code's alphabet: no 0/O, 1/I/L, so a code read off a projector is typed right. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 6;
const CODE_RE = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);
const MAX_NAME = 40;

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

// Control characters, line/paragraph separators and bidirectional overrides: never part of a name.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** A display name: control characters stripped, spaces collapsed, at most 40 characters. */
export function cleanName(raw: unknown): string {
  if (typeof raw !== 'string') throw new HttpError(400, [{ path: 'name', value: raw, rule: 'must be a text' }]);
  const s = [...raw.normalize('NFC').replace(UNPRINTABLE, '').replace(/\s+/g, ' ').trim()]
    .slice(0, MAX_NAME)
    .join('')
    .trim();
  if (s.length === 0)
    throw new HttpError(400, [{ path: 'name', value: raw, rule: `must have 1–${MAX_NAME} printable characters` }]);
  return s;
}

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const newToken = (): string => randomBytes(32).toString('base64url');

/** Fixed one-window counters per key (an address, a connection), in monotonic time. */
class RateLimit {
  private counts = new Map<string, { n: number; start: number }>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds to wait when over the limit, else 0. */
  hit(key: string): number {
    const now = performance.now();
    let c = this.counts.get(key);
    if (!c || now - c.start >= this.windowMs) {
      if (this.counts.size > 10_000) this.counts.clear();
      this.counts.set(key, (c = { n: 0, start: now }));
    }
    c.n++;
    return c.n > this.max ? Math.ceil((this.windowMs - (now - c.start)) / 1000) : 0;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function onlyFields(body: Record<string, unknown>, allowed: string[]): void {
  const extra = Object.keys(body).filter((k) => !allowed.includes(k));
  if (extra.length > 0)
    throw new HttpError(
      400,
      extra.map((k) => ({
        path: k,
        value: body[k],
        rule: `is not a field of this request (fields: ${allowed.join(', ')})`,
      })),
    );
}

interface Client {
  socket: WebSocket;
  session: LiveSession;
  viewer: Viewer;
}

export class WorkshopServer {
  readonly store: Store;
  readonly limits: Limits;
  readonly sessions = new Map<string, LiveSession>();
  private readonly http: Server;
  private readonly wss;
  private readonly clients = new Set<Client>();
  private readonly pending = new Set<LiveSession>();
  private broadcastTimer: NodeJS.Timeout | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private readonly joins: RateLimit;
  private readonly requests: RateLimit;
  private readonly appDir: string | null;

  constructor(private readonly options: ServerOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.store = new Store(options.dataDir);
    this.appDir = options.appDir ? resolve(options.appDir) : null;
    this.joins = new RateLimit(this.limits.joinsPerMinute, 60_000);
    this.requests = new RateLimit(this.limits.requestsPerMinute, 60_000);
    this.http = createServer((req, res) => {
      this.handle(req, res).catch((err) => this.fail(res, err));
    });
    this.wss = new WebSocketServer({ noServer: true, maxPayload: this.limits.wsMessageBytes });
    this.http.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
    for (const row of this.store.liveSessions(Date.now())) {
      try {
        const s = new LiveSession(
          this.store,
          row.code,
          JSON.parse(row.exercise) as Record<string, unknown>,
          row.facilitator_hash,
          JSON.parse(row.settings) as Settings,
          row.expires_at,
        );
        s.restore();
        this.attach(s);
      } catch (err) {
        process.stderr.write(`session ${row.code} could not be restored: ${(err as Error).message}\n`);
      }
    }
  }

  async listen(): Promise<string> {
    await new Promise<void>((ok, fail) => {
      this.http.once('error', fail);
      this.http.listen(this.options.port, this.options.host, () => ok());
    });
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
    const a = this.http.address() as AddressInfo;
    const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
    return `http://${host}:${a.port}`;
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    if (this.broadcastTimer) clearTimeout(this.broadcastTimer);
    for (const c of this.clients) c.socket.close(1001, 'server shutting down');
    for (const s of this.sessions.values()) s.dispose();
    await new Promise<void>((ok) => {
      this.http.close(() => ok());
      this.http.closeAllConnections();
    });
    this.store.close();
  }

  private attach(s: LiveSession): void {
    this.sessions.set(s.code, s);
    s.onChange = () => this.changed(s);
    s.onEnd = () => void modelRunsFor(s.exercise);
    if (s.status === 'ended') void modelRunsFor(s.exercise);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [code, s] of this.sessions) {
      if (s.expiresAt <= now) {
        s.dispose();
        this.sessions.delete(code);
        for (const c of this.clients) if (c.session === s) c.socket.close(1008, 'session expired');
      }
    }
  }

  private touch(s: LiveSession): void {
    const next = Date.now() + SESSION_TTL_MS;
    // Written at most once a minute: the expiry moves with activity, not with every request.
    if (next - s.expiresAt > 60_000) {
      s.expiresAt = next;
      this.store.touchSession(s.code, next, JSON.stringify(s.settings));
    }
  }

  // --- HTTP ---------------------------------------------------------------------------------------

  private address(req: IncomingMessage): string {
    return req.socket.remoteAddress ?? '?';
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    });
    res.end(text);
  }

  private fail(res: ServerResponse, err: unknown): void {
    if (res.headersSent) return void res.destroy();
    if (err instanceof HttpError) return this.send(res, err.status, err.body(), err.headers);
    if (err instanceof ScenarioError) return this.send(res, 400, new HttpError(400, err.issues).body());
    process.stderr.write(`internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    this.send(res, 500, { error: 'internal error', fields: [] });
  }

  private async body(req: IncomingMessage): Promise<Record<string, unknown>> {
    const max = this.limits.bodyBytes;
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

  private session(code: string): LiveSession {
    const s = this.sessions.get(code.toUpperCase());
    if (!s || s.expiresAt <= Date.now())
      throw new HttpError(404, [
        { path: 'code', value: code, rule: 'is not a session on this server (or it expired)' },
      ]);
    return s;
  }

  private tokenOf(req: IncomingMessage, url: URL): string | null {
    const auth = req.headers.authorization;
    if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim();
    return url.searchParams.get('token');
  }

  /** Who the request's token is in this session; 401 for no token or one that is not of this session. */
  private viewer(req: IncomingMessage, url: URL, s: LiveSession): Viewer {
    const token = this.tokenOf(req, url);
    const v = token ? s.byTokenHash(sha256(token)) : null;
    if (!v)
      throw new HttpError(
        401,
        [{ path: 'token', value: token ? 'a token' : null, rule: 'must be a token of this session' }],
        {
          'WWW-Authenticate': 'Bearer',
        },
      );
    return v;
  }

  private facilitator(req: IncomingMessage, url: URL, s: LiveSession): void {
    if (this.viewer(req, url, s).role !== 'facilitator')
      throw new HttpError(403, [{ path: 'token', value: 'a participant token', rule: "must be the facilitator's" }]);
  }

  private joinUrl(req: IncomingMessage, code: string): string {
    const host = req.headers.host;
    const origin =
      typeof host === 'string' && /^[A-Za-z0-9.:[\]-]{1,100}$/.test(host)
        ? `http://${host}`
        : `http://127.0.0.1:${this.port}`;
    return `${origin}/#live/join/${code}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (!path.startsWith('/api/')) return this.serveStatic(req, res, path);
    const wait = this.requests.hit(this.address(req));
    if (wait > 0)
      throw new HttpError(
        429,
        [
          {
            path: 'requests',
            value: this.limits.requestsPerMinute,
            rule: 'too many requests a minute from this address',
          },
        ],
        {
          'Retry-After': String(wait),
        },
      );
    const method = req.method ?? 'GET';
    if (path === '/api/health' && method === 'GET') return this.send(res, 200, { ok: true });
    if (path === '/api/exercises' && method === 'GET') return this.send(res, 200, this.exercises());
    if (path === '/api/sessions' && method === 'POST') return this.create(req, res);
    const m = /^\/api\/sessions\/([^/]{1,64})(?:\/([a-z.]+))?$/.exec(path);
    if (!m) throw new HttpError(404, [{ path: 'path', value: path, rule: 'is not an API endpoint' }]);
    const code = decodeURIComponent(m[1]!).toUpperCase();
    if (!CODE_RE.test(code))
      throw new HttpError(404, [
        { path: 'code', value: m[1], rule: 'is not a session on this server (or it expired)' },
      ]);
    const s = this.session(code);
    const what = `${method} ${m[2] ?? ''}`;
    switch (what) {
      case 'GET ':
        return this.send(res, 200, s.view(this.viewer(req, url, s), true));
      case 'GET seats':
        return this.send(res, 200, {
          seats: s.seats.map((x) => ({ ...x, taken: s.seatTaken(x.id) > 0 })),
          pickSeats: s.settings.pickSeats,
          shareSeats: s.settings.shareSeats,
          status: s.status,
        });
      case 'POST join':
        return this.join(req, res, s);
      case 'POST submit': {
        const v = this.viewer(req, url, s);
        if (v.role !== 'participant')
          throw new HttpError(403, [
            {
              path: 'token',
              value: 'the facilitator token',
              rule: "must be a participant's: the facilitator does not submit",
            },
          ]);
        const body = await this.body(req);
        const ack = s.submit(v.participant, body);
        this.touch(s);
        return this.send(res, 200, { ok: true, ...ack });
      }
      case 'POST control': {
        this.facilitator(req, url, s);
        const body = await this.body(req);
        s.control(body);
        this.touch(s);
        return this.send(res, 200, s.view({ role: 'facilitator' }, false));
      }
      case 'GET debrief': {
        this.viewer(req, url, s);
        if (s.status !== 'ended')
          throw new HttpError(409, [
            { path: 'status', value: s.status, rule: 'the debrief comes once the session has ended' },
          ]);
        return this.send(res, 200, await roomDebrief(s));
      }
      case 'GET export': {
        this.facilitator(req, url, s);
        const file = workshopLog(s.exercise, s.room.logs(), s.room.run(), s.names());
        return this.send(res, 200, file, {
          'Content-Disposition': `attachment; filename="workshop-${s.code}-${s.exercise.id}.json"`,
        });
      }
      case 'GET qr.svg': {
        const svg = await qrcode.toString(this.joinUrl(req, s.code), { type: 'svg', margin: 2 });
        res.writeHead(200, {
          'Content-Type': 'image/svg+xml',
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        });
        return void res.end(svg);
      }
      default:
        throw new HttpError(404, [{ path: 'path', value: path, rule: `is not an API endpoint for ${method}` }]);
    }
  }

  private exercises(): unknown[] {
    return Object.keys(BUNDLED_EXERCISES).map((id) => {
      const ex = parseExercise(bundledExercise(id));
      const seats = seatInfos(ex);
      return { id, title: ex.title, rounds: ex.rounds, role: ex.role, province: ex.province, seats };
    });
  }

  private async create(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await this.body(req);
    onlyFields(body, ['exercise', 'exerciseFile', 'pickSeats', 'shareSeats', 'seconds']);
    if ([...this.sessions.values()].filter((s) => s.expiresAt > Date.now()).length >= this.limits.sessions)
      throw new HttpError(503, [
        {
          path: 'sessions',
          value: this.sessions.size,
          rule: `at most ${this.limits.sessions} sessions on this server`,
        },
      ]);
    let exercise: Exercise;
    if ((body.exercise === undefined) === (body.exerciseFile === undefined))
      throw new HttpError(400, [
        {
          path: 'exercise',
          value: body.exercise ?? null,
          rule: 'give a bundled exercise id, or an exerciseFile (one of them)',
        },
      ]);
    if (body.exercise !== undefined) {
      const found = typeof body.exercise === 'string' ? bundledExercise(body.exercise) : undefined;
      if (found === undefined)
        throw new HttpError(400, [{ path: 'exercise', value: body.exercise, rule: 'unknown exercise' }]);
      exercise = parseExercise(found);
    } else {
      try {
        exercise = parseExercise(body.exerciseFile);
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        throw new HttpError(
          400,
          err.issues.map((i) => ({ ...i, path: i.path ? `exerciseFile.${i.path}` : 'exerciseFile' })),
        );
      }
    }
    const settings: Settings = {
      pickSeats: body.pickSeats === undefined ? true : bool('pickSeats', body.pickSeats),
      shareSeats: body.shareSeats === undefined ? true : bool('shareSeats', body.shareSeats),
      seconds: exercise.timeLimit?.seconds ?? null,
    };
    if (body.seconds !== undefined && body.seconds !== null) {
      if (
        typeof body.seconds !== 'number' ||
        !Number.isInteger(body.seconds) ||
        body.seconds < 10 ||
        body.seconds > 3600
      )
        throw new HttpError(400, [
          { path: 'seconds', value: body.seconds, rule: 'must be a whole number of seconds in [10, 3600]' },
        ]);
      settings.seconds = body.seconds;
    } else if (body.seconds === null) settings.seconds = null;
    let code: string;
    do {
      code = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    } while (this.sessions.has(code) || this.store.codeExists(code));
    const token = newToken();
    const now = Date.now();
    this.store.insertSession({
      code,
      exercise: JSON.stringify(exercise.raw),
      facilitator_hash: sha256(token),
      settings: JSON.stringify(settings),
      created_at: now,
      expires_at: now + SESSION_TTL_MS,
    });
    const s = new LiveSession(this.store, code, exercise.raw, sha256(token), settings, now + SESSION_TTL_MS);
    this.attach(s);
    this.send(res, 201, { code, facilitatorToken: token, joinUrl: this.joinUrl(req, code) });
  }

  private async join(req: IncomingMessage, res: ServerResponse, s: LiveSession): Promise<void> {
    const wait = this.joins.hit(this.address(req));
    if (wait > 0)
      throw new HttpError(
        429,
        [
          {
            path: 'join',
            value: this.limits.joinsPerMinute,
            rule: 'too many join attempts a minute from this address',
          },
        ],
        {
          'Retry-After': String(wait),
        },
      );
    const body = await this.body(req);
    onlyFields(body, ['name', 'seat']);
    const name = cleanName(body.name);
    if (body.seat !== undefined && typeof body.seat !== 'string')
      throw new HttpError(400, [{ path: 'seat', value: body.seat, rule: 'must be a seat id' }]);
    if (s.status === 'ended')
      throw new HttpError(409, [{ path: 'code', value: s.code, rule: 'the session has ended' }]);
    if (s.participants.size >= this.limits.participants)
      throw new HttpError(409, [
        { path: 'name', value: name, rule: `the session is full (${this.limits.participants} participants)` },
      ]);
    const seat = s.seatFor(body.seat as string | undefined);
    const token = newToken();
    const id = `p${s.participants.size + 1}`;
    this.store.insertParticipant({ session: s.code, id, name, seat, token_hash: sha256(token) });
    s.addParticipant(id, name, seat, sha256(token));
    this.touch(s);
    this.changed(s);
    this.send(res, 201, { seat, token, participant: id });
  }

  private serveStatic(req: IncomingMessage, res: ServerResponse, path: string): void {
    const headers = {
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers);
      return void res.end();
    }
    if (!this.appDir) {
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
    const file = normalize(join(this.appDir, rel));
    if (!file.startsWith(this.appDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
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

  // --- WebSocket ----------------------------------------------------------------------------------

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/api/ws') return refuse(404, 'Not Found');
    if (this.requests.hit(this.address(req)) > 0) return refuse(429, 'Too Many Requests');
    const code = (url.searchParams.get('code') ?? '').toUpperCase();
    const s = CODE_RE.test(code) ? this.sessions.get(code) : undefined;
    if (!s) return refuse(404, 'Not Found');
    const token = url.searchParams.get('token');
    const viewer = token ? s.byTokenHash(sha256(token)) : null;
    if (!viewer) return refuse(401, 'Unauthorized');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws, s, viewer));
  }

  private connected(ws: WebSocket, s: LiveSession, viewer: Viewer): void {
    const client: Client = { socket: ws, session: s, viewer };
    this.clients.add(client);
    const participant: Participant | null = viewer.role === 'participant' ? viewer.participant : null;
    if (participant) participant.connections++;
    const limit = new RateLimit(this.limits.wsMessagesPerSecond, 1000);
    ws.send(JSON.stringify({ type: 'state', ...s.view(viewer, true) }));
    if (participant) this.changed(s);
    ws.on('message', (data, isBinary) => {
      if (limit.hit('m') > 0) return ws.close(1008, 'too many messages');
      let msg: unknown;
      try {
        msg = JSON.parse(isBinary ? '' : data.toString());
      } catch {
        return ws.send(
          JSON.stringify({
            type: 'error',
            status: 400,
            error: 'message: must be JSON',
            fields: ['message: must be JSON'],
          }),
        );
      }
      if (!isObject(msg) || typeof msg.type !== 'string')
        return ws.send(
          JSON.stringify({ type: 'error', status: 400, error: 'type: must be "submit" or "ping"', fields: [] }),
        );
      if (msg.type === 'ping') return ws.send(JSON.stringify({ type: 'pong' }));
      const id = typeof msg.id === 'string' && msg.id.length <= 64 ? msg.id : null;
      try {
        if (msg.type !== 'submit')
          throw new HttpError(400, [{ path: 'type', value: msg.type, rule: 'must be "submit" or "ping"' }]);
        if (id === null)
          throw new HttpError(400, [{ path: 'id', value: msg.id, rule: 'must be a text of at most 64 characters' }]);
        if (!participant)
          throw new HttpError(403, [
            {
              path: 'token',
              value: 'the facilitator token',
              rule: "must be a participant's: the facilitator does not submit",
            },
          ]);
        if (s.status === 'ended' || this.sessions.get(s.code) !== s)
          throw new HttpError(409, [{ path: 'round', value: msg.round, rule: 'the session has ended' }]);
        const ack = s.submit(participant, msg);
        this.touch(s);
        ws.send(JSON.stringify({ type: 'ack', id, ...ack }));
      } catch (err) {
        const e =
          err instanceof HttpError
            ? err
            : err instanceof ScenarioError
              ? new HttpError(400, err.issues)
              : new HttpError(500, [{ path: '', value: null, rule: 'internal error' }]);
        if (!(err instanceof HttpError || err instanceof ScenarioError))
          process.stderr.write(`internal error: ${(err as Error)?.stack ?? String(err)}\n`);
        ws.send(JSON.stringify({ type: 'error', id, status: e.status, ...e.body() }));
      }
    });
    ws.on('close', () => {
      this.clients.delete(client);
      if (participant) {
        participant.connections--;
        this.changed(s);
      }
    });
    ws.on('error', () => ws.terminate());
  }

  /**
   * A session changed: push every member's view, coalesced (at most one push per 100 ms), to ten
   * members per turn of the event loop, so that submissions arriving meanwhile are acknowledged
   * without waiting for a whole room's push.
   */
  private changed(s: LiveSession): void {
    s.bump();
    this.pending.add(s);
    if (this.broadcastTimer) return;
    this.broadcastTimer = setTimeout(() => {
      const sessions = new Set(this.pending);
      this.pending.clear();
      const targets = [...this.clients].filter((c) => sessions.has(c.session));
      const next = (from: number) => {
        for (const c of targets.slice(from, from + 10))
          if (c.socket.readyState === 1) c.socket.send(c.session.pushJson(c.viewer));
        if (from + 10 < targets.length) setImmediate(() => next(from + 10));
        else {
          this.broadcastTimer = null;
          // Changes made during this push are pushed next.
          if (this.pending.size > 0) for (const p of [...this.pending]) this.changed(p);
        }
      };
      next(0);
    }, 100);
  }
}

function bool(path: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new HttpError(400, [{ path, value: v, rule: 'must be true or false' }]);
  return v;
}
