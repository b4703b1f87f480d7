// The workshop server's API contract (docs/workshop-api.md) and its authorisation: every request a
// participant or a stranger should not be able to make fails closed, and bad input is named.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readWorkshopLog } from '../../sim/exercise/index.ts';
import { CODE_ALPHABET, WorkshopServer } from '../../server/app.ts';

let server: WorkshopServer;
let base: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'concerto-api-'));
  server = new WorkshopServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    appDir: null,
    limits: { joinsPerMinute: 1000, sessions: 20 },
  });
  base = await server.listen();
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

async function call(method: string, path: string, body?: unknown, token?: string): Promise<Reply> {
  const res = await fetch(base + path, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** The first value `get` gives, polled every 5 ms (at most 2000 times, so a lost message fails the test). */
async function until<T>(get: () => T | undefined): Promise<T> {
  for (let k = 0; k < 2000; k++) {
    const v = get();
    if (v !== undefined) return v;
    await new Promise((ok) => setTimeout(ok, 5));
  }
  throw new Error('the expected message never came');
}

async function session(exercise = 'city-pilot-da-nang', extra: Record<string, unknown> = {}) {
  const r = await call('POST', '/api/sessions', { exercise, ...extra });
  expect(r.status).toBe(201);
  return { code: r.body.code as string, fac: r.body.facilitatorToken as string };
}

async function enter(code: string, name: string, seat?: string) {
  const r = await call('POST', `/api/sessions/${code}/join`, seat === undefined ? { name } : { name, seat });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { seat: r.body.seat as string, token: r.body.token as string, id: r.body.participant as string };
}

describe('workshop API: contract', () => {
  it('health, bundled exercises with their seats, and a session with a 6-character code', async () => {
    expect(await call('GET', '/api/health')).toEqual({ status: 200, body: { ok: true } });
    const list = (await fetch(`${base}/api/exercises`).then((r) => r.json())) as {
      id: string;
      seats: { id: string; role: string }[];
    }[];
    const city = list.find((e) => e.id === 'city-pilot-da-nang')!;
    expect(city.seats[0]).toMatchObject({ id: 'centre', role: 'centre' });
    expect(city.seats).toHaveLength(35);
    const border = list.find((e) => e.id === 'border-shock-lang-son')!;
    expect(border.seats[0]).toMatchObject({ id: 'lang-son', role: 'province' });
    const { code, fac } = await session();
    expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{6}$`));
    expect(fac.length).toBeGreaterThanOrEqual(40);
    // The token is stored hashed only.
    const row = server.store.db.prepare('SELECT facilitator_hash FROM sessions WHERE code = ?').get(code) as {
      facilitator_hash: string;
    };
    expect(row.facilitator_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.facilitator_hash).not.toContain(fac);
  });

  it('names what is wrong in a request', async () => {
    expect(await call('POST', '/api/sessions', { exercise: 'x' })).toEqual({
      status: 400,
      body: { error: 'exercise: unknown exercise (got "x")', fields: ['exercise: unknown exercise (got "x")'] },
    });
    const bad = await call('POST', '/api/sessions', {
      exerciseFile: { formatVersion: 1, kind: 'concerto-exercise', id: 'x', rounds: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toContain('exerciseFile.rounds: must be a whole number in [2, 60] (got 1)');
    expect((await call('POST', '/api/sessions', '{"exercise":')).body.error).toMatch(/^body: must be JSON/);
    const extra = await call('POST', '/api/sessions', { exercise: 'city-pilot-da-nang', admin: true });
    expect(extra.body.error).toMatch(/^admin: is not a field of this request/);
    const big = await call('POST', '/api/sessions', { exercise: 'x'.repeat(300 * 1024) });
    expect(big.status).toBe(413);
    const { code } = await session();
    const empty = await call('POST', `/api/sessions/${code}/join`, { name: '\u0007\u200f  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatch(/^name: must have 1–40 printable characters/);
    expect((await call('POST', `/api/sessions/${code}/join`, { name: 'A', seat: 'atlantis' })).body.error).toBe(
      'seat: is not a seat of this exercise (got "atlantis")',
    );
    expect((await call('GET', '/api/sessions/ZZZZZZ')).status).toBe(404);
    const qr = await fetch(`${base}/api/sessions/${code}/qr.svg`);
    expect(qr.headers.get('content-type')).toBe('image/svg+xml');
    expect(await qr.text()).toMatch(/^<svg /);
  });

  it('display names are stripped of control characters and capped at 40 characters', async () => {
    const { code, fac } = await session();
    await enter(code, 'Lan\u0007\u001b[31m\u202e Nguyễn');
    await enter(code, 'x'.repeat(100));
    const state = await call('GET', `/api/sessions/${code}`, undefined, fac);

    const names = (state.body.participants as { name: string }[]).map((p) => p.name);
    expect(names).toEqual(['Lan[31m Nguyễn', 'x'.repeat(40)]);
  });

  it('seats: picked, assigned in order, shared by teams, or refused when teams are off', async () => {
    const a = await session('border-shock-lang-son', { shareSeats: false });
    expect((await enter(a.code, 'One')).seat).toBe('lang-son');
    expect((await enter(a.code, 'Two')).seat).toBe('centre');
    expect((await enter(a.code, 'Three', 'hue')).seat).toBe('hue');
    const taken = await call('POST', `/api/sessions/${a.code}/join`, { name: 'Four', seat: 'hue' });
    expect(taken).toMatchObject({ status: 409, body: { error: 'seat: is taken (got "hue")' } });
    const seats = await call('GET', `/api/sessions/${a.code}/seats`);
    const list = seats.body.seats as { id: string; taken: boolean }[];
    expect(list.filter((s) => s.taken).map((s) => s.id)).toEqual(['lang-son', 'centre', 'hue']);
    expect(JSON.stringify(seats.body)).not.toContain('One');
    const b = await session('border-shock-lang-son');
    await enter(b.code, 'One');
    expect((await enter(b.code, 'Team mate', 'lang-son')).seat).toBe('lang-son');
  });
});

describe('workshop API: authorisation fails closed', () => {
  it('no token, a garbage token and a token of another session get 401; a participant sees only its seat', async () => {
    const a = await session();
    const b = await session();
    const pa = await enter(a.code, 'Anh', 'da-nang');
    const pb = await enter(b.code, 'Binh');
    expect((await call('GET', `/api/sessions/${a.code}`)).status).toBe(401);
    expect((await call('GET', `/api/sessions/${a.code}`, undefined, 'garbage')).status).toBe(401);
    expect((await call('GET', `/api/sessions/${a.code}`, undefined, pb.token)).status).toBe(401);
    expect((await call('GET', `/api/sessions/${a.code}`, undefined, b.fac)).status).toBe(401);
    expect((await call('POST', `/api/sessions/${a.code}/submit`, { round: 1, decisions: {} }, pb.token)).status).toBe(
      401,
    );
    expect((await call('POST', `/api/sessions/${a.code}/control`, { action: 'start', round: 1 }, b.fac)).status).toBe(
      401,
    );
    const view = await call('GET', `/api/sessions/${a.code}`, undefined, pa.token);
    expect(view.status).toBe(200);
    expect(view.body.you).toEqual({ role: 'participant', seat: 'da-nang', name: 'Anh', participant: 'p1' });
    expect(view.body.plane).toBeUndefined();
    expect((view.body.seat as { id: string }).id).toBe('da-nang');
  });

  it('a participant cannot act as facilitator, submit for another seat, or read the export', async () => {
    const { code, fac } = await session();
    const p = await enter(code, 'Anh', 'da-nang');
    const q = await enter(code, 'Bao', 'centre');
    const control = await call('POST', `/api/sessions/${code}/control`, { action: 'start', round: 1 }, p.token);
    expect(control.status).toBe(403);
    expect((await call('GET', `/api/sessions/${code}/export`, undefined, p.token)).status).toBe(403);
    expect((await call('POST', `/api/sessions/${code}/control`, { action: 'start', round: 1 }, fac)).status).toBe(200);
    // The seat is the token's: a body cannot name another one.
    const other = await call(
      'POST',
      `/api/sessions/${code}/submit`,
      { round: 1, seat: 'centre', decisions: {} },
      p.token,
    );
    expect(other.status).toBe(400);
    expect(other.body.error).toMatch(/^seat: is not a field of a submission/);
    // The centre's decision keys are not a province's.
    const state = await call('GET', `/api/sessions/${code}`, undefined, p.token);
    const items = (state.body.seat as { items: { key: string }[] }).items;
    expect(items.map((i) => i.key)).toContain('allocate');
    const foreign = await call(
      'POST',
      `/api/sessions/${code}/submit`,
      { round: 1, decisions: { 'pilot:1': true } },
      p.token,
    );
    expect(foreign.body.error).toBe('decisions.pilot:1: is not a decision the province seat takes (got true)');
    const lever = await call(
      'POST',
      `/api/sessions/${code}/submit`,
      { round: 1, levers: { monitoring: 0.5 } },
      p.token,
    );
    expect(lever.body.error).toBe('levers: only the centre seat sets levers (got {"monitoring":0.5})');
    const fsub = await call('POST', `/api/sessions/${code}/submit`, { round: 1, decisions: {} }, fac);
    expect(fsub.status).toBe(403);
    // Every rejected field is named.
    const bad = await call(
      'POST',
      `/api/sessions/${code}/submit`,
      { round: 1, decisions: {}, levers: { monitoring: 2, autonomy: 0.1 } },
      q.token,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([
      'levers.monitoring: must be in [0, 1] (got 2)',
      'levers.autonomy: is not a lever of this exercise (got 0.1)',
    ]);
    const alloc = await call(
      'POST',
      `/api/sessions/${code}/submit`,
      { round: 1, decisions: { allocate: [1, -1, 0] } },
      p.token,
    );
    expect(alloc.body.error).toBe(
      'decisions.allocate: must be three finite shares ≥ 0 (agreements, missions, culture) (got [1,-1,0])',
    );
    const late = await call('POST', `/api/sessions/${code}/submit`, { round: 2, decisions: {} }, p.token);
    expect(late).toMatchObject({ status: 409 });
  });

  it('a replayed facilitator action is refused (409), not applied twice', async () => {
    const { code, fac } = await session();
    await enter(code, 'Anh', 'da-nang');
    const ctl = (body: unknown) => call('POST', `/api/sessions/${code}/control`, body, fac);
    expect((await ctl({ action: 'start', round: 1 })).status).toBe(200);
    expect((await ctl({ action: 'start', round: 1 })).status).toBe(409);
    expect((await ctl({ action: 'advance', round: 1 })).status).toBe(200);
    const again = await ctl({ action: 'advance', round: 1 });
    expect(again).toMatchObject({
      status: 409,
      body: { error: 'round: must be the round the action applies to (2) (got 1)' },
    });
    const st = await ctl({ action: 'pause', round: 2 });
    expect(st.body).toMatchObject({ status: 'paused', round: 2, seq: 3 });
    expect((await ctl({ action: 'pause', round: 2 })).status).toBe(409);
    // An action decided on an older state (its seq) is refused.
    expect((await ctl({ action: 'extend', round: 2, seconds: 30, seq: 2 })).status).toBe(409);
    expect((await ctl({ action: 'extend', round: 2, seconds: 30, seq: 3 })).status).toBe(200);
    expect((await ctl({ action: 'extend', round: 2, seconds: 30, seq: 3 })).status).toBe(409);
    expect((await ctl({ action: 'explode', round: 2 })).body.error).toMatch(/^action: must be one of start, pause/);
  });
});

describe('workshop API: a session played to the end', () => {
  it('submissions are idempotent, the last one wins, the debrief and the export replay to the same checksum', async () => {
    const { code, fac } = await session();
    const province = await enter(code, 'Anh', 'da-nang');
    const centre = await enter(code, 'Bao', 'centre');
    const ctl = (body: unknown) => call('POST', `/api/sessions/${code}/control`, body, fac);
    expect((await call('GET', `/api/sessions/${code}/debrief`, undefined, fac)).status).toBe(409);
    await ctl({ action: 'start', round: 1 });
    // Round 1: the province submits twice (the same, then another allocation); the centre never does.
    const submit = (round: number, decisions: Record<string, unknown>) =>
      call('POST', `/api/sessions/${code}/submit`, { round, decisions }, province.token);
    expect(await submit(1, { allocate: [1, 1, 1] })).toEqual({
      status: 200,
      body: { ok: true, round: 1, seat: 'da-nang' },
    });
    expect((await submit(1, { allocate: [1, 1, 1] })).status).toBe(200);
    expect((await submit(1, { allocate: [5, 1, 1] })).status).toBe(200);
    const rows = server.store.db
      .prepare("SELECT body FROM decisions WHERE session = ? AND round = 1 AND seat = 'da-nang'")
      .all(code) as { body: string }[];
    expect(rows).toHaveLength(2);
    const view = await call('GET', `/api/sessions/${code}`, undefined, fac);
    expect(view.body.participants).toEqual([
      { id: 'p1', name: 'Anh', seat: 'da-nang', submitted: true, connected: false },
      { id: 'p2', name: 'Bao', seat: 'centre', submitted: false, connected: false },
    ]);
    expect(JSON.stringify(view.body)).not.toContain('[5,1,1]');
    await ctl({ action: 'advance', round: 1 });
    // Round 2 onwards: everyone submits, so each round is played as soon as the last seat submits.
    for (let round = 2; round <= 12; round++) {
      const cs = await call('GET', `/api/sessions/${code}`, undefined, centre.token);
      expect(cs.body.round).toBe(round);
      const decisions = Object.fromEntries(
        (cs.body.seat as { items: { key: string; kind: string }[] }).items.map((i) => [i.key, false]),
      );
      expect(
        (
          await call(
            'POST',
            `/api/sessions/${code}/submit`,
            { round, decisions, levers: round === 3 ? { monitoring: 0.8 } : {} },
            centre.token,
          )
        ).status,
      ).toBe(200);
      expect((await submit(round, { allocate: [2, 1, 1] })).status).toBe(200);
    }
    const end = await call('GET', `/api/sessions/${code}`, undefined, fac);
    expect(end.body).toMatchObject({ status: 'ended', round: 12 });
    const exported = await call('GET', `/api/sessions/${code}/export`, undefined, fac);
    expect(exported.status).toBe(200);
    const log = exported.body as {
      checksum: string;
      seats: Record<
        string,
        {
          names: string[];
          log: { rounds: { decisions: Record<string, unknown>; timedOut: string[]; levers: Record<string, number> }[] };
        }
      >;
    };
    expect(log.seats['da-nang']!.names).toEqual(['Anh']);
    const r1 = log.seats['da-nang']!.log.rounds[0]!;
    expect(r1.decisions.allocate).toEqual([5, 1, 1]);
    expect(r1.timedOut).toEqual([]);
    const c1 = log.seats.centre!.log.rounds[0]!;
    expect(c1.timedOut.sort()).toEqual(Object.keys(c1.decisions).sort());
    expect(log.seats.centre!.log.rounds[2]!.levers).toEqual({ monitoring: 0.8 });
    expect(log.seats.centre!.log.rounds[3]!.timedOut).toEqual([]);
    const verified = readWorkshopLog(log);
    expect(verified.run.checksum).toBe(log.checksum);
    const debrief = await call('GET', `/api/sessions/${code}/debrief`, undefined, province.token);
    expect(debrief.status).toBe(200);
    expect(debrief.body.checksum).toBe(log.checksum);
    const seats = debrief.body.seats as {
      seat: string;
      names: string[];
      debrief: { checksum: string; replicates: number };
    }[];
    expect(seats.map((s) => s.seat)).toEqual(['centre', 'da-nang']);
    expect(seats[0]!.debrief.checksum).toBe(log.checksum);
    expect(seats[0]!.debrief.replicates).toBe(100);
    const room = debrief.body.room as { metrics: { key: string; twin: number | null }[] };
    expect(room.metrics.map((m) => m.key)).toContain('coherence');
    expect((await call('POST', `/api/sessions/${code}/control`, { action: 'advance', round: 12 }, fac)).status).toBe(
      409,
    );
  }, 120_000);
});

describe('workshop API: WebSocket and limits', () => {
  it('pushes state, acknowledges a submission, refuses a bad token and the facilitator’s submission', async () => {
    const { code, fac } = await session();
    const p = await enter(code, 'Anh', 'da-nang');
    // A second seat keeps the round open after the first one submits.
    await enter(code, 'Bao', 'centre');
    const wsUrl = base.replace('http', 'ws');
    const refused = await new Promise<number>((ok) => {
      const ws = new WebSocket(`${wsUrl}/api/ws?code=${code}&token=nope`);
      ws.on('unexpected-response', (_req, res) => ok(res.statusCode ?? 0));
      ws.on('open', () => ok(101));
    });
    expect(refused).toBe(401);
    await call('POST', `/api/sessions/${code}/control`, { action: 'start', round: 1 }, fac);
    const ws = new WebSocket(`${wsUrl}/api/ws?code=${code}&token=${p.token}`);
    let fws: WebSocket | null = null;
    try {
      const messages: Record<string, unknown>[] = [];
      ws.on('message', (d) => messages.push(JSON.parse(d.toString()) as Record<string, unknown>));
      await new Promise((ok) => ws.once('open', ok));
      const first = await until(() => messages[0]);
      expect(first).toMatchObject({ type: 'state', round: 1, status: 'running' });
      ws.send(JSON.stringify({ type: 'submit', id: 'a1', round: 1, decisions: { allocate: [1, 2, 3] } }));
      ws.send(JSON.stringify({ type: 'submit', id: 'a2', round: 1, decisions: { allocate: 'lots' } }));
      const acks = await until(() => {
        const got = messages.filter((m) => m.type === 'ack' || m.type === 'error');
        return got.length >= 2 ? got : undefined;
      });
      expect(acks[0]).toEqual({ type: 'ack', id: 'a1', round: 1, seat: 'da-nang' });
      expect(acks[1]).toMatchObject({ type: 'error', id: 'a2', status: 400 });
      expect(acks[1]!.error).toMatch(/^decisions\.allocate: must be three finite shares/);
      const f = new WebSocket(`${wsUrl}/api/ws?code=${code}&token=${fac}`);
      fws = f;
      const fmsg: Record<string, unknown>[] = [];
      f.on('message', (d) => fmsg.push(JSON.parse(d.toString()) as Record<string, unknown>));
      await new Promise((ok) => f.once('open', ok));
      f.send(JSON.stringify({ type: 'submit', id: 'f', round: 1, decisions: {} }));
      const ferr = await until(() => fmsg.find((m) => m.type === 'error'));
      expect(ferr).toMatchObject({ status: 403 });
    } finally {
      ws.close();
      fws?.close();
    }
  });

  it('closes a WebSocket that sends a message over 64 KiB or more than 20 messages a second', async () => {
    const { code } = await session();
    const p = await enter(code, 'Anh', 'da-nang');
    const wsUrl = `${base.replace('http', 'ws')}/api/ws?code=${code}&token=${p.token}`;
    const closed = (ws: WebSocket) => new Promise<number>((ok) => ws.once('close', (c) => ok(c)));
    const big = new WebSocket(wsUrl);
    try {
      await new Promise((ok) => big.once('open', ok));
      const done = closed(big);
      big.send('x'.repeat(70 * 1024));
      expect(await done).toBe(1009);
    } finally {
      big.terminate();
    }
    const chatty = new WebSocket(wsUrl);
    try {
      await new Promise((ok) => chatty.once('open', ok));
      const done = closed(chatty);
      for (let k = 0; k < 25; k++) chatty.send(JSON.stringify({ type: 'ping' }));
      expect(await done).toBe(1008);
    } finally {
      chatty.terminate();
    }
  });

  it('rate-limits join attempts per address and caps sessions per server', async () => {
    const d = mkdtempSync(join(tmpdir(), 'concerto-api-limits-'));
    const small = new WorkshopServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: d,
      appDir: null,
      limits: { joinsPerMinute: 3, sessions: 2 },
    });
    try {
      const url = await small.listen();
      const post = (path: string, body: unknown) =>
        fetch(url + path, { method: 'POST', body: JSON.stringify(body) }).then(async (r) => ({
          status: r.status,
          retry: r.headers.get('retry-after'),
          body: (await r.json()) as Record<string, unknown>,
        }));
      const s = await post('/api/sessions', { exercise: 'city-pilot-da-nang' });
      const code = s.body.code as string;
      for (let k = 0; k < 3; k++)
        expect((await post(`/api/sessions/${code}/join`, { name: `P${k}` })).status).toBe(201);
      const limited = await post(`/api/sessions/${code}/join`, { name: 'P4' });
      expect(limited.status).toBe(429);
      expect(Number(limited.retry)).toBeGreaterThan(0);
      expect((await post('/api/sessions', { exercise: 'city-pilot-da-nang' })).status).toBe(201);
      expect((await post('/api/sessions', { exercise: 'city-pilot-da-nang' })).status).toBe(503);
    } finally {
      await small.close();
      rmSync(d, { recursive: true, force: true });
    }
  });
});

describe('workshop server: the built app', () => {
  it('serves the app with its CSP and nothing outside its folder', async () => {
    const d = mkdtempSync(join(tmpdir(), 'concerto-app-'));
    mkdirSync(join(d, 'app'));
    writeFileSync(join(d, 'app', 'index.html'), '<!doctype html><title>Concerto</title>');
    writeFileSync(join(d, 'secret.txt'), 'not for the room');
    const s = new WorkshopServer({ port: 0, host: '127.0.0.1', dataDir: join(d, 'data'), appDir: join(d, 'app') });
    try {
      const url = await s.listen();
      const index = await fetch(`${url}/`);
      expect(index.status).toBe(200);
      expect(await index.text()).toContain('<title>Concerto</title>');
      expect(index.headers.get('content-security-policy')).toContain("connect-src 'self'");
      expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
      for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/nope.js'])
        expect((await fetch(url + path)).status, path).toBe(404);
    } finally {
      await s.close();
      rmSync(d, { recursive: true, force: true });
    }
  });
});
