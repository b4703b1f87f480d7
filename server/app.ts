// The workshop server (docs/workshop-api.md): the built app and the API under one origin, state in
// SQLite. Node's http and the `ws` library; no framework. This file holds the server's lifecycle and
// its sessions; the routes are routes.ts, the sockets websocket.ts, the limits limits.ts, plain HTTP
// http.ts, request fields and secrets fields.ts, a session session.ts, and SQLite db.ts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Store } from './db.ts';
import { modelRunsFor } from './debrief.ts';
import { sendError } from './http.ts';
import { DEFAULT_LIMITS, RateLimit, type Limits } from './limits.ts';
import { handleRequest, type ApiContext } from './routes.ts';
import { LiveSession, SESSION_TTL_MS, type Settings } from './session.ts';
import { SocketHub } from './websocket.ts';

export { CODE_ALPHABET, CODE_LENGTH, cleanName, sha256 } from './fields.ts';
export { DEFAULT_LIMITS, type Limits };

export interface ServerOptions {
  port: number;
  host: string;
  dataDir: string;
  /** The built app to serve (dist/), or null for the API alone. */
  appDir: string | null;
  limits?: Partial<Limits>;
}

export class WorkshopServer implements ApiContext {
  readonly store: Store;
  readonly limits: Limits;
  readonly sessions = new Map<string, LiveSession>();
  readonly requests: RateLimit;
  readonly joins: RateLimit;
  readonly appDir: string | null;
  private readonly http: Server;
  private readonly sockets: SocketHub;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly options: ServerOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.store = new Store(options.dataDir);
    this.appDir = options.appDir ? resolve(options.appDir) : null;
    this.joins = new RateLimit(this.limits.joinsPerMinute, 60_000);
    this.requests = new RateLimit(this.limits.requestsPerMinute, 60_000);
    this.sockets = new SocketHub(this);
    this.http = createServer((req, res) => {
      handleRequest(this, req, res).catch((err) => sendError(res, err));
    });
    this.http.on('upgrade', (req, socket, head) => this.sockets.upgrade(req, socket, head));
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
    this.sockets.close();
    for (const s of this.sessions.values()) s.dispose();
    await new Promise<void>((ok) => {
      this.http.close(() => ok());
      this.http.closeAllConnections();
    });
    this.store.close();
  }

  attach(s: LiveSession): void {
    this.sessions.set(s.code, s);
    s.onChange = () => this.changed(s);
    s.onEnd = () => void modelRunsFor(s.exercise);
    if (s.status === 'ended') void modelRunsFor(s.exercise);
  }

  changed(s: LiveSession): void {
    this.sockets.changed(s);
  }

  touch(s: LiveSession): void {
    const next = Date.now() + SESSION_TTL_MS;
    // Written at most once a minute: the expiry moves with activity, not with every request.
    if (next - s.expiresAt > 60_000) {
      s.expiresAt = next;
      this.store.touchSession(s.code, next, JSON.stringify(s.settings));
    }
  }

  private sweep(): void {
    const now = Date.now();
    for (const [code, s] of this.sessions) {
      if (s.expiresAt <= now) {
        s.dispose();
        this.sessions.delete(code);
        this.sockets.expired(s);
      }
    }
  }
}
