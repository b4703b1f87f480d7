// The workshop API's HTTP routes (docs/workshop-api.md): sessions created and joined, submissions,
// the facilitator's controls, the debrief, the export and the join QR code. Who may do what is
// decided here, from the request's token; what a session does is LiveSession's.
import { randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ScenarioError } from '../sim/engine/errors.ts';
import {
  BUNDLED_EXERCISES,
  bundledExercise,
  parseExercise,
  workshopLog,
  type Exercise,
} from '../sim/exercise/index.ts';
import type { Store } from './db.ts';
import { qrcode } from './deps.ts';
import { roomDebrief } from './debrief.ts';
import { HttpError } from './errors.ts';
import { bool, cleanName, CODE_ALPHABET, CODE_LENGTH, CODE_RE, newToken, onlyFields, sha256 } from './fields.ts';
import { readBody, sendJson, serveStatic } from './http.ts';
import type { Limits, RateLimit } from './limits.ts';
import { LiveSession, seatInfos, SESSION_TTL_MS, type Settings, type Viewer } from './session.ts';

/** What the routes need of the server: its sessions and store, its limits, and how to announce a change. */
export interface ApiContext {
  readonly sessions: Map<string, LiveSession>;
  readonly store: Store;
  readonly limits: Limits;
  readonly requests: RateLimit;
  readonly joins: RateLimit;
  readonly appDir: string | null;
  readonly port: number;
  /** A new session: keep it and wire its changes to the WebSocket pushes. */
  attach(s: LiveSession): void;
  /** Activity in a session: its expiry moves on. */
  touch(s: LiveSession): void;
  /** A session changed: push its members' views. */
  changed(s: LiveSession): void;
}

const address = (req: IncomingMessage): string => req.socket.remoteAddress ?? '?';

function tooMany(path: string, value: number, rule: string, wait: number): HttpError {
  return new HttpError(429, [{ path, value, rule }], { 'Retry-After': String(wait) });
}

function tokenOf(req: IncomingMessage, url: URL): string | null {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim();
  return url.searchParams.get('token');
}

/** Who the request's token is in this session; 401 for no token or one that is not of this session. */
function viewerOf(req: IncomingMessage, url: URL, s: LiveSession): Viewer {
  const token = tokenOf(req, url);
  const v = token ? s.byTokenHash(sha256(token)) : null;
  if (!v)
    throw new HttpError(
      401,
      [{ path: 'token', value: token ? 'a token' : null, rule: 'must be a token of this session' }],
      { 'WWW-Authenticate': 'Bearer' },
    );
  return v;
}

function requireFacilitator(req: IncomingMessage, url: URL, s: LiveSession): void {
  if (viewerOf(req, url, s).role !== 'facilitator')
    throw new HttpError(403, [{ path: 'token', value: 'a participant token', rule: "must be the facilitator's" }]);
}

/** Every request: the app's files, or an API call (rate-limited per address). */
export async function handleRequest(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  if (!path.startsWith('/api/')) return serveStatic(ctx.appDir, req, res, path);
  const wait = ctx.requests.hit(address(req));
  if (wait > 0)
    throw tooMany('requests', ctx.limits.requestsPerMinute, 'too many requests a minute from this address', wait);
  const method = req.method ?? 'GET';
  if (path === '/api/health' && method === 'GET') return sendJson(res, 200, { ok: true });
  if (path === '/api/exercises' && method === 'GET') return sendJson(res, 200, exercises());
  if (path === '/api/sessions' && method === 'POST') return create(ctx, req, res);
  const m = /^\/api\/sessions\/([^/]{1,64})(?:\/([a-z.]+))?$/.exec(path);
  if (!m) throw new HttpError(404, [{ path: 'path', value: path, rule: 'is not an API endpoint' }]);
  const code = decodeURIComponent(m[1]!).toUpperCase();
  if (!CODE_RE.test(code))
    throw new HttpError(404, [{ path: 'code', value: m[1], rule: 'is not a session on this server (or it expired)' }]);
  const s = ctx.sessions.get(code);
  if (!s || s.expiresAt <= Date.now())
    throw new HttpError(404, [{ path: 'code', value: code, rule: 'is not a session on this server (or it expired)' }]);
  switch (`${method} ${m[2] ?? ''}`) {
    case 'GET ':
      return sendJson(res, 200, s.view(viewerOf(req, url, s), true));
    case 'GET seats':
      return sendJson(res, 200, {
        seats: s.seats.map((x) => ({ ...x, taken: s.seatTaken(x.id) > 0 })),
        pickSeats: s.settings.pickSeats,
        shareSeats: s.settings.shareSeats,
        status: s.status,
      });
    case 'POST join':
      return join(ctx, req, res, s);
    case 'POST submit': {
      const v = viewerOf(req, url, s);
      if (v.role !== 'participant')
        throw new HttpError(403, [
          {
            path: 'token',
            value: 'the facilitator token',
            rule: "must be a participant's: the facilitator does not submit",
          },
        ]);
      const body = await readBody(req, ctx.limits.bodyBytes);
      const ack = s.submit(v.participant, body);
      ctx.touch(s);
      return sendJson(res, 200, { ok: true, ...ack });
    }
    case 'POST control': {
      requireFacilitator(req, url, s);
      const body = await readBody(req, ctx.limits.bodyBytes);
      s.control(body);
      ctx.touch(s);
      return sendJson(res, 200, s.view({ role: 'facilitator' }, false));
    }
    case 'GET debrief': {
      viewerOf(req, url, s);
      if (s.status !== 'ended')
        throw new HttpError(409, [
          { path: 'status', value: s.status, rule: 'the debrief comes once the session has ended' },
        ]);
      return sendJson(res, 200, await roomDebrief(s));
    }
    case 'GET export': {
      requireFacilitator(req, url, s);
      const file = workshopLog(s.exercise, s.room.logs(), s.room.run(), s.names());
      return sendJson(res, 200, file, {
        'Content-Disposition': `attachment; filename="workshop-${s.code}-${s.exercise.id}.json"`,
      });
    }
    case 'GET qr.svg': {
      const svg = await qrcode.toString(joinUrl(ctx, req, s.code), { type: 'svg', margin: 2 });
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

function joinUrl(ctx: ApiContext, req: IncomingMessage, code: string): string {
  const host = req.headers.host;
  const origin =
    typeof host === 'string' && /^[A-Za-z0-9.:[\]-]{1,100}$/.test(host)
      ? `http://${host}`
      : `http://127.0.0.1:${ctx.port}`;
  return `${origin}/#live/join/${code}`;
}

function exercises(): unknown[] {
  return Object.keys(BUNDLED_EXERCISES).map((id) => {
    const ex = parseExercise(bundledExercise(id));
    const seats = seatInfos(ex);
    return { id, title: ex.title, rounds: ex.rounds, role: ex.role, province: ex.province, seats };
  });
}

/** POST /api/sessions: a bundled exercise or an exercise file, with the room's settings. */
async function create(ctx: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req, ctx.limits.bodyBytes);
  onlyFields(body, ['exercise', 'exerciseFile', 'pickSeats', 'shareSeats', 'seconds']);
  if ([...ctx.sessions.values()].filter((s) => s.expiresAt > Date.now()).length >= ctx.limits.sessions)
    throw new HttpError(503, [
      { path: 'sessions', value: ctx.sessions.size, rule: `at most ${ctx.limits.sessions} sessions on this server` },
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
    if (typeof body.seconds !== 'number' || !Number.isInteger(body.seconds) || body.seconds < 10 || body.seconds > 3600)
      throw new HttpError(400, [
        { path: 'seconds', value: body.seconds, rule: 'must be a whole number of seconds in [10, 3600]' },
      ]);
    settings.seconds = body.seconds;
  } else if (body.seconds === null) settings.seconds = null;
  let code: string;
  do {
    code = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  } while (ctx.sessions.has(code) || ctx.store.codeExists(code));
  const token = newToken();
  const now = Date.now();
  ctx.store.insertSession({
    code,
    exercise: JSON.stringify(exercise.raw),
    facilitator_hash: sha256(token),
    settings: JSON.stringify(settings),
    created_at: now,
    expires_at: now + SESSION_TTL_MS,
  });
  ctx.attach(new LiveSession(ctx.store, code, exercise.raw, sha256(token), settings, now + SESSION_TTL_MS));
  sendJson(res, 201, { code, facilitatorToken: token, joinUrl: joinUrl(ctx, req, code) });
}

/** POST /api/sessions/CODE/join: a name and (when seats are picked) a seat; rate-limited per address. */
async function join(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, s: LiveSession): Promise<void> {
  const wait = ctx.joins.hit(address(req));
  if (wait > 0)
    throw tooMany('join', ctx.limits.joinsPerMinute, 'too many join attempts a minute from this address', wait);
  const body = await readBody(req, ctx.limits.bodyBytes);
  onlyFields(body, ['name', 'seat']);
  const name = cleanName(body.name);
  if (body.seat !== undefined && typeof body.seat !== 'string')
    throw new HttpError(400, [{ path: 'seat', value: body.seat, rule: 'must be a seat id' }]);
  if (s.status === 'ended') throw new HttpError(409, [{ path: 'code', value: s.code, rule: 'the session has ended' }]);
  if (s.participants.size >= ctx.limits.participants)
    throw new HttpError(409, [
      { path: 'name', value: name, rule: `the session is full (${ctx.limits.participants} participants)` },
    ]);
  const seat = s.seatFor(body.seat as string | undefined);
  const token = newToken();
  const id = `p${s.participants.size + 1}`;
  ctx.store.insertParticipant({ session: s.code, id, name, seat, token_hash: sha256(token) });
  s.addParticipant(id, name, seat, sha256(token));
  ctx.touch(s);
  ctx.changed(s);
  sendJson(res, 201, { seat, token, participant: id });
}
