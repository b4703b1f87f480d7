import { describe, expect, it } from 'vitest';
import {
  CENTRE_SEAT,
  loadBundledExercise,
  readWorkshopLog,
  replayRoom,
  roomReplay,
  RoomRun,
  roomSeats,
  runModelPolicy,
  workshopLog,
  type RoomSubmission,
} from '../../sim/exercise/index.ts';
import { decisionImpacts } from '../../sim/exercise/impact.ts';

// A room is one run with several human seats; its seats' logs replay to exactly the run played.
describe('room (several seats in one exercise run)', () => {
  it('a room where nobody submits plays the model twin, every decision marked as the model’s', () => {
    const ex = loadBundledExercise('city-pilot-da-nang');
    const room = new RoomRun(ex);
    while (!room.finished) room.commit(new Map());
    const twin = runModelPolicy(ex, 0);
    expect(room.run().checksum).toBe(twin.checksum);
    const logs = room.logs();
    expect(logs[CENTRE_SEAT]!.rounds).toHaveLength(12);
    for (const r of logs['da-nang']!.rounds) expect(r.timedOut.sort()).toEqual(Object.keys(r.decisions).sort());
  });

  it('several seats’ submissions change the run, and the logs replay to the same checksum', () => {
    const ex = loadBundledExercise('border-shock-lang-son');
    const seats = roomSeats(ex);
    expect(seats[0]!.id).toBe('lang-son');
    expect(seats[1]!.id).toBe(CENTRE_SEAT);
    const room = new RoomRun(ex);
    while (!room.finished) {
      const subs = new Map<string, RoomSubmission>();
      subs.set('lang-son', { decisions: { allocate: [10, 10, 80] }, levers: {} });
      subs.set('hue', { decisions: { allocate: [80, 10, 10] }, levers: {} });
      let items = room.items(subs);
      const centre: Record<string, boolean> = {};
      for (const i of items[CENTRE_SEAT]!) centre[i.key] = false;
      subs.set(CENTRE_SEAT, { decisions: centre, levers: room.round === 2 ? { monitoring: 0.9 } : {} });
      items = room.items(subs);
      const prop: Record<string, boolean> = {};
      for (const i of items['lang-son']!) if (i.kind === 'propose') prop[i.key] = true;
      subs.set('lang-son', { decisions: { allocate: [10, 10, 80], ...prop }, levers: {} });
      room.commit(subs);
    }
    const run = room.run();
    expect(run.record.status).toBe('ok');
    expect(run.checksum).not.toBe(runModelPolicy(ex, 0).checksum);
    const logs = room.logs();
    expect(logs['lang-son']!.rounds[0]!.decisions.allocate).toEqual([10, 10, 80]);
    expect(logs[CENTRE_SEAT]!.rounds[1]!.levers).toEqual({ monitoring: 0.9 });
    expect(replayRoom(ex, logs).checksum).toBe(run.checksum);
    // The debrief's paired replays play a seat's variant with the other seats' logs: unchanged, it is the room's run.
    const same = roomReplay(room.seats, logs, 'hue').run(
      logs.hue!,
      (item) => logs.hue!.rounds[item.round - 1]!.decisions[item.key]!,
    );
    expect(same.checksum).toBe(run.checksum);
    expect(same.province!.id).toBe('hue');
    const ranked = decisionImpacts(
      room.seats.get('hue')!,
      logs.hue!,
      room.trail('hue'),
      same,
      'province.security',
      roomReplay(room.seats, logs, 'hue'),
      5,
    );
    expect(ranked.length).toBeGreaterThan(0);
    expect(ranked.length).toBeLessThanOrEqual(5);
    expect(ranked.every((i) => i.kind === 'allocate' && Number.isFinite(i.effect))).toBe(true);
    // A room rebuilt from its logs (a server restart) is at the same round with the same run.
    const rebuilt = new RoomRun(ex, logs);
    expect(rebuilt.finished).toBe(true);
    expect(rebuilt.run().checksum).toBe(run.checksum);
    const file = JSON.parse(JSON.stringify(workshopLog(ex, logs, run, { 'lang-son': ['Lan'] })));
    const read = readWorkshopLog(file);
    expect(read.run.checksum).toBe(run.checksum);
    expect(read.names['lang-son']).toEqual(['Lan']);
    file.seats.hue.log.rounds[0].decisions.allocate = [1, 1, 1];
    expect(() => readWorkshopLog(file)).toThrow(/checksum: does not match the replayed run/);
    file.seats.hue.log.rounds[0].decisions['pilot:3'] = true;
    expect(() => readWorkshopLog(file)).toThrow(/seats\.hue\.log\.rounds\[0\]\.decisions\.pilot:3/);
  });
});
