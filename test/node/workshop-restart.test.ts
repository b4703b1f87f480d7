// The workshop server killed with SIGKILL in the middle of round 6 and restarted on the same data
// folder resumes the session at the same round with every seat and decision; the session is then
// finished, and its export replays through the CLI to the same checksum.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { api, ROOT, startServe, stopServe, type Served } from './workshop-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'concerto-restart-'));
let server: Served | undefined;

afterAll(async () => {
  await stopServe(server, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** What each seat submits in a round: distinct allocations, so the log shows whose decision was kept. */
const allocation = (seat: string, round: number, k = 0) => [round + k, seat === 'da-nang' ? 1 : 2, 1];

describe('workshop server restart', () => {
  it('resumes after SIGKILL at round 6 with every decision and seat, and the export replays to the same checksum', async () => {
    const data = join(dir, 'data');
    server = await startServe(data);
    let url = server.url;
    const created = await api(url, 'POST', '/api/sessions', { exercise: 'city-pilot-da-nang', seconds: 600 });
    const code = created.body.code as string;
    const fac = created.body.facilitatorToken as string;
    const seats: Record<string, string> = {};
    for (const [name, seat] of [
      ['Anh', 'da-nang'],
      ['Bao', 'hue'],
      ['Chi', 'centre'],
    ]) {
      const j = await api(url, 'POST', `/api/sessions/${code}/join`, { name, seat });
      expect(j.status).toBe(201);
      seats[seat!] = j.body.token as string;
    }
    expect((await api(url, 'POST', `/api/sessions/${code}/control`, { action: 'start', round: 1 }, fac)).status).toBe(
      200,
    );
    const submitted: Record<string, Record<number, unknown>> = { 'da-nang': {}, hue: {}, centre: {} };
    const submit = async (seat: string, round: number, k = 0) => {
      let decisions: Record<string, unknown>;
      if (seat === 'centre') {
        const st = await api(url, 'GET', `/api/sessions/${code}`, undefined, seats.centre);
        const items = (st.body.seat as { items: { key: string }[] }).items;
        // The centre rejects every pilot and agreement it sees in even rounds, approves them in odd ones.
        decisions = Object.fromEntries(items.map((i) => [i.key, round % 2 === 1]));
      } else decisions = { allocate: allocation(seat, round, k) };
      const r = await api(url, 'POST', `/api/sessions/${code}/submit`, { round, decisions }, seats[seat]);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      submitted[seat]![round] = decisions;
    };
    for (let round = 1; round <= 5; round++) for (const seat of ['da-nang', 'hue', 'centre']) await submit(seat, round);
    // Round 6: two seats submit (da-nang twice: the second one must win), then the server is killed.
    await submit('da-nang', 6, 0);
    await submit('da-nang', 6, 7);
    await submit('hue', 6);
    const before = await api(url, 'GET', `/api/sessions/${code}`, undefined, fac);
    expect(before.body).toMatchObject({ round: 6, status: 'running' });
    await stopServe(server, 'SIGKILL');
    expect(server.child.signalCode).toBe('SIGKILL');

    server = await startServe(data);
    url = server.url;
    const after = await api(url, 'GET', `/api/sessions/${code}`, undefined, fac);
    expect(server.output()).toContain('1 session(s) resumed');
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ round: 6, status: 'running', seq: before.body.seq });
    expect(after.body.participants).toEqual(
      (before.body.participants as Record<string, unknown>[]).map((p) => ({ ...p, connected: false })),
    );
    expect(
      (after.body.participants as { seat: string; submitted: boolean }[]).map((p) => [p.seat, p.submitted]),
    ).toEqual([
      ['da-nang', true],
      ['hue', true],
      ['centre', false],
    ]);
    // Each participant's token still gives its seat back.
    for (const [seat, token] of Object.entries(seats)) {
      const v = await api(url, 'GET', `/api/sessions/${code}`, undefined, token);
      expect((v.body.you as { seat: string }).seat).toBe(seat);
    }
    const mine = await api(url, 'GET', `/api/sessions/${code}`, undefined, seats['da-nang']);
    expect((mine.body.seat as { submission: { decisions: unknown } }).submission.decisions).toEqual({
      allocate: allocation('da-nang', 6, 7),
    });
    await submit('centre', 6);
    for (let round = 7; round <= 12; round++)
      for (const seat of ['da-nang', 'hue', 'centre']) await submit(seat, round);
    const end = await api(url, 'GET', `/api/sessions/${code}`, undefined, fac);
    expect(end.body).toMatchObject({ status: 'ended', round: 12 });

    const exported = await api(url, 'GET', `/api/sessions/${code}/export`, undefined, fac);
    expect(exported.status).toBe(200);
    const log = exported.body as {
      checksum: string;
      seats: Record<string, { log: { rounds: { decisions: Record<string, unknown>; timedOut: string[] }[] } }>;
    };
    // Every decision submitted is in the log, none of them taken by the model.
    for (const seat of ['da-nang', 'hue', 'centre']) {
      const rounds = log.seats[seat]!.log.rounds;
      expect(rounds).toHaveLength(12);
      for (let round = 1; round <= 12; round++) {
        const r = rounds[round - 1]!;
        for (const [key, value] of Object.entries(submitted[seat]![round] as Record<string, unknown>)) {
          if (r.decisions[key] === undefined) continue; // an item that did not come up in the end
          expect(r.decisions[key], `${seat} round ${round} ${key}`).toEqual(value);
          expect(r.timedOut).not.toContain(key);
        }
        if (seat !== 'centre')
          expect(r.decisions.allocate).toEqual(allocation(seat, round, round === 6 && seat === 'da-nang' ? 7 : 0));
      }
    }
    const file = join(dir, 'workshop.json');
    writeFileSync(file, JSON.stringify(exported.body));
    const replay = spawnSync(process.execPath, ['cli/concerto.mjs', 'replay', file], { cwd: ROOT, encoding: 'utf8' });
    expect(replay.status, replay.stderr).toBe(0);
    expect(replay.stdout.split(' ')[0]).toBe(log.checksum);
    // A log whose checksum the replay does not reproduce: exit 3.
    const tampered = { ...log, checksum: '00000000' };
    writeFileSync(file, JSON.stringify(tampered));
    const bad = spawnSync(process.execPath, ['cli/concerto.mjs', 'replay', file], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(3);
    expect(bad.stderr).toMatch(/^checksum: does not match the replayed run/);
    const code0 = await stopServe(server, 'SIGTERM');
    expect(code0).toBe(0);
    expect(server.output()).toContain('SIGTERM: stopping');
  }, 180_000);
});
