// The live workshop page's pure pieces: its places in the address bar, the reconnect backoff, the
// countdown text, and reading the server's answers (a missing or malformed field reads as nothing).
import { describe, expect, it } from 'vitest';
import { readDebrief, readExercises, readState } from '../../viz/live/api.ts';
import { isLiveHash, liveHash, normaliseCode, parseLiveHash } from '../../viz/live/route.ts';
import { backoffMs, socketUrl } from '../../viz/live/socket.ts';
import { clockText } from '../../viz/live/text.ts';

describe('live places', () => {
  it('reads and writes #live fragments', () => {
    expect(isLiveHash('#live')).toBe(true);
    expect(isLiveHash('#live/join/K7M2QX')).toBe(true);
    expect(isLiveHash('#/explore?s=x')).toBe(false);
    expect(isLiveHash('#lively')).toBe(false);
    expect(parseLiveHash('#live')).toEqual({ page: 'home' });
    expect(parseLiveHash('#live/join/k7m2qx')).toEqual({ page: 'join', code: 'K7M2QX' });
    expect(parseLiveHash('#live/host/K7M2QX')).toEqual({ page: 'host', code: 'K7M2QX' });
    expect(parseLiveHash('#live/play/K7M2QX')).toEqual({ page: 'play', code: 'K7M2QX' });
    expect(parseLiveHash('#live/screen/K7M2QX')).toEqual({ page: 'screen', code: 'K7M2QX' });
    expect(parseLiveHash('#live/admin/K7M2QX')).toEqual({ page: 'home' });
    expect(parseLiveHash('#live/join/<script>')).toEqual({ page: 'home' });
    expect(parseLiveHash('#live/join/')).toEqual({ page: 'home' });
    expect(liveHash({ page: 'screen', code: 'K7M2QX' })).toBe('#live/screen/K7M2QX');
    expect(liveHash({ page: 'home' })).toBe('#live');
    expect(normaliseCode(' k7m-2qx ')).toBe('K7M2QX');
  });

  it('waits 0.5 s, 1 s, 2 s … up to 10 s before reconnecting, spread by ±25 %', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map((a) => backoffMs(a, 0.5))).toEqual([
      500, 1000, 2000, 4000, 8000, 10000, 10000, 10000,
    ]);
    expect(backoffMs(0, 0)).toBe(375);
    expect(backoffMs(3, 0.999)).toBe(4998);
  });

  it('addresses the WebSocket on the page’s own server', () => {
    expect(socketUrl({ protocol: 'http:', host: '192.168.1.20:8080' }, 'K7M2QX', 'a b')).toBe(
      'ws://192.168.1.20:8080/api/ws?code=K7M2QX&token=a%20b',
    );
    expect(socketUrl({ protocol: 'https:', host: 'x.org' }, 'K7M2QX', 't')).toBe(
      'wss://x.org/api/ws?code=K7M2QX&token=t',
    );
  });

  it('counts down in minutes and seconds, rounding up, never below zero', () => {
    expect(clockText(125_000)).toBe('2:05');
    expect(clockText(1)).toBe('0:01');
    expect(clockText(0)).toBe('0:00');
    expect(clockText(-3000)).toBe('0:00');
    expect(clockText(3_600_000)).toBe('60:00');
  });
});

describe('reading the server', () => {
  it('fills what a state leaves out and drops what is malformed', () => {
    const s = readState({
      code: 'K7M2QX',
      status: 'running',
      round: 2,
      rounds: 10,
      remainingMs: 41200,
      seq: 3,
      participants: [{ id: 'p1', name: '<b>Minh</b>', seat: 'centre', submitted: true }, 'junk'],
      you: { role: 'participant', seat: 'centre', name: 'Minh' },
      seat: { id: 'centre', role: 'centre', province: null, items: [{ key: 'pilot:1' }, 3], submitted: false },
    });
    expect(s.status).toBe('running');
    expect(s.remainingMs).toBe(41200);
    expect(s.seq).toBe(3);
    expect(s.participants).toEqual([{ id: 'p1', name: '<b>Minh</b>', seat: 'centre', submitted: true }]);
    expect(s.you).toEqual({ role: 'participant', seat: 'centre', name: 'Minh' });
    expect(s.seat?.items).toEqual([{ key: 'pilot:1' }]);
    expect(s.seats).toEqual([]);
    expect(s.plane).toEqual([]);
    const empty = readState(null);
    expect(empty.status).toBe('lobby');
    expect(empty.remainingMs).toBeNull();
    expect(empty.seat).toBeNull();
    expect(readState({ status: 'over', remainingMs: Number.NaN }).status).toBe('lobby');
    expect(readState({ remainingMs: Number.NaN }).remainingMs).toBeNull();
  });

  it('reads the exercise list and the debrief', () => {
    expect(readExercises([{ id: 'x', seats: [{ id: 'centre', role: 'centre' }] }])).toEqual([
      { id: 'x', title: { en: 'x', vi: 'x' }, seats: [{ id: 'centre', role: 'centre', province: null }] },
    ]);
    const d = readDebrief({
      checksum: 'b664bc70',
      seats: [{ seat: 'hue' }, { seat: 'centre', debrief: {} }],
      room: {},
    });
    expect(d.checksum).toBe('b664bc70');
    expect(d.seats.map((s) => s.seat)).toEqual(['centre']);
    expect(d.seats[0]!.impacts).toBeNull();
    expect(d.room).toEqual({ metrics: [], replicates: null });
  });
});
