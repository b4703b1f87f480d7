// The workshop's WebSocket side (docs/workshop-api.md, "Live updates"): members connect with their
// token, submit over the socket, and receive their view of the session whenever it changes, pushed
// coalesced and in small turns so that a room of eighty never holds up an acknowledgement.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { ScenarioError } from '../sim/engine/errors.ts';
import { isObject } from '../sim/engine/isObject.ts';
import { WebSocketServer, type WebSocket } from './deps.ts';
import { HttpError } from './errors.ts';
import { CODE_RE, sha256 } from './fields.ts';
import { RateLimit, type Limits } from './limits.ts';
import type { LiveSession, Participant, Viewer } from './session.ts';

interface Client {
  socket: WebSocket;
  session: LiveSession;
  viewer: Viewer;
}

/** What the sockets need of the server: its sessions, limits, the per-address limiter, and the expiry. */
export interface SocketContext {
  readonly sessions: Map<string, LiveSession>;
  readonly limits: Limits;
  readonly requests: RateLimit;
  touch(s: LiveSession): void;
}

export class SocketHub {
  private readonly wss;
  private readonly clients = new Set<Client>();
  private readonly pending = new Set<LiveSession>();
  private broadcastTimer: NodeJS.Timeout | null = null;

  constructor(private readonly ctx: SocketContext) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: ctx.limits.wsMessageBytes });
  }

  /** Close every connection (the server is stopping) and drop any pending push. */
  close(): void {
    if (this.broadcastTimer) clearTimeout(this.broadcastTimer);
    for (const c of this.clients) c.socket.close(1001, 'server shutting down');
  }

  /** Close the connections of a session that expired. */
  expired(s: LiveSession): void {
    for (const c of this.clients) if (c.session === s) c.socket.close(1008, 'session expired');
  }

  /** An HTTP upgrade to /api/ws?code=…&token=…: refused with a bare status unless the token is of the session. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/api/ws') return refuse(404, 'Not Found');
    if (this.ctx.requests.hit(req.socket.remoteAddress ?? '?') > 0) return refuse(429, 'Too Many Requests');
    const code = (url.searchParams.get('code') ?? '').toUpperCase();
    const s = CODE_RE.test(code) ? this.ctx.sessions.get(code) : undefined;
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
    const limit = new RateLimit(this.ctx.limits.wsMessagesPerSecond, 1000);
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
        if (s.status === 'ended' || this.ctx.sessions.get(s.code) !== s)
          throw new HttpError(409, [{ path: 'round', value: msg.round, rule: 'the session has ended' }]);
        const ack = s.submit(participant, msg);
        this.ctx.touch(s);
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
  changed(s: LiveSession): void {
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
