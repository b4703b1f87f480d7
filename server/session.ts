// One workshop session on the server: its room, rounds, timer, seats and their tokens, submissions and
// the events it records. A little over 400 lines: the round's lifecycle (open, submit, close, advance)
// is one state machine; its views, seats and the submission check are in views.ts, seats.ts, submission.ts.
import { performance } from 'node:perf_hooks';
import {
  parseExercise,
  RoomRun,
  type DecisionItem,
  type Exercise,
  type ExerciseRun,
  type RoomLog,
  type RoomSubmission,
  type RoundLog,
  type Seat,
} from '../sim/exercise/index.ts';
import { itemIdentity as itemIdentityOf } from '../sim/exercise/session.ts';
import type { Store } from './db.ts';
import { HttpError } from './errors.ts';
import { bool } from './fields.ts';
import { checkSubmission } from './submission.ts';
import { seatInfos, type Participant, type SeatInfo, type Settings, type Status, type Viewer } from './seats.ts';
import { SessionViews } from './views.ts';

export {
  seatInfos,
  SESSION_TTL_MS,
  type Participant,
  type SeatInfo,
  type Settings,
  type Status,
  type Viewer,
} from './seats.ts';

// One live session: the room's run (sim/exercise/room.ts), its seats and participants, the round
// being played with each seat's latest submission, and the facilitator's controls. Every change is
// written to SQLite before it is acknowledged; a session is rebuilt from the store on start. What each
// member sees is views.ts; the seats and settings are seats.ts.

export interface Submission extends RoomSubmission {
  participant: string;
}

export class LiveSession {
  readonly code: string;
  readonly exercise: Exercise;
  readonly seats: SeatInfo[];
  readonly facilitatorHash: string;
  settings: Settings;
  status: Status = 'lobby';
  /** Control actions applied so far (a control may name the seq it was decided on). */
  seq = 0;
  readonly participants = new Map<string, Participant>();
  private readonly byToken = new Map<string, Participant>();
  room: RoomRun;
  private submissions = new Map<string, Submission>();
  /** The room's run after the last played round (the views read it; made once per round). */
  private runCache: ExerciseRun | null = null;
  /** Whether the items have been found at least once this round (a submission is checked against them). */
  private itemsFound = false;
  /** The items of the round being played per seat, recomputed lazily after a submission. */
  private itemCache: Record<string, DecisionItem[]> | null = null;
  /** Every item shown this round per seat: key → identity (a submission answers what it was shown). */
  private shown = new Map<string, Map<string, string>>();
  /** The timer: remaining ms at `markAt` (performance.now); counts down only while running. */
  private remainingAtMark: number | null = null;
  private markAt = 0;
  private timer: NodeJS.Timeout | null = null;
  /** Called after every change (the WebSocket layer pushes state). */
  onChange: () => void = () => {};
  /** Called when the room has played its last round (the debrief's model runs can start). */
  onEnd: () => void = () => {};
  expiresAt: number;

  constructor(
    private readonly store: Store,
    code: string,
    raw: Record<string, unknown>,
    facilitatorHash: string,
    settings: Settings,
    expiresAt: number,
  ) {
    this.code = code;
    this.exercise = parseExercise(raw);
    this.facilitatorHash = facilitatorHash;
    this.settings = settings;
    this.expiresAt = expiresAt;
    this.room = new RoomRun(this.exercise);
    this.seats = seatInfos(this.exercise);
  }

  /** Rebuild from the store: participants, then the events in order (each round's logs replayed). */
  restore(): void {
    for (const p of this.store.participants(this.code)) this.addParticipant(p.id, p.name, p.seat, p.token_hash);
    const logs: RoomLog = Object.fromEntries(this.seats.map((s) => [s.id, { rounds: [] as RoundLog[] }]));
    let remaining: number | null = null;
    for (const e of this.store.events(this.code)) {
      const body = JSON.parse(e.body) as Record<string, unknown>;
      this.seq = Math.max(this.seq, e.seq);
      if (typeof body.remainingMs === 'number' || body.remainingMs === null)
        remaining = body.remainingMs as number | null;
      if (e.type === 'start' || e.type === 'resume') this.status = 'running';
      else if (e.type === 'pause') this.status = 'paused';
      else if (e.type === 'end') this.status = 'ended';
      else if (e.type === 'settings') this.settings = body.settings as Settings;
      else if (e.type === 'round') {
        for (const [seat, r] of Object.entries(body.logs as Record<string, RoundLog>)) logs[seat]!.rounds.push(r);
      }
    }
    // The run is deterministic: replaying the committed rounds rebuilds the room exactly.
    const rebuilt = new RoomRun(this.exercise, logs);
    this.room = rebuilt;
    this.runCache = null;
    if (rebuilt.finished) this.status = 'ended';
    if (this.status !== 'lobby' && this.status !== 'ended') {
      for (const d of this.store.decisions(this.code, this.room.round)) {
        const body = JSON.parse(d.body) as RoomSubmission;
        this.submissions.set(d.seat, { ...body, participant: d.participant });
      }
      // The timer resumes from its last recorded value: a restart never ends a round early.
      this.mark(remaining);
      this.refreshItems();
      for (const [seat, sub] of this.submissions)
        for (const [k, id] of Object.entries(sub.on ?? {})) this.shownOf(seat).set(k, id);
      if (this.status === 'running') this.schedule();
    }
  }

  // --- participants -------------------------------------------------------------------------

  addParticipant(id: string, name: string, seat: string, tokenHash: string): Participant {
    const p: Participant = { id, name, seat, tokenHash, connections: 0 };
    this.participants.set(id, p);
    this.byToken.set(tokenHash, p);
    return p;
  }

  byTokenHash(hash: string): Viewer | null {
    if (hash === this.facilitatorHash) return { role: 'facilitator' };
    const p = this.byToken.get(hash);
    return p ? { role: 'participant', participant: p } : null;
  }

  seatTaken(seat: string): number {
    let n = 0;
    for (const p of this.participants.values()) if (p.seat === seat) n++;
    return n;
  }

  /** The seat a joining participant gets: the one picked, or the first free seat, or (teams) the least taken. */
  seatFor(wanted: string | undefined): string {
    if (wanted !== undefined) {
      if (!this.seats.some((s) => s.id === wanted))
        throw new HttpError(400, [{ path: 'seat', value: wanted, rule: 'is not a seat of this exercise' }]);
      if (!this.settings.pickSeats)
        throw new HttpError(409, [{ path: 'seat', value: wanted, rule: 'seats are assigned by the facilitator' }]);
      if (this.seatTaken(wanted) > 0 && !this.settings.shareSeats)
        throw new HttpError(409, [{ path: 'seat', value: wanted, rule: 'is taken' }]);
      return wanted;
    }
    const free = this.seats.find((s) => this.seatTaken(s.id) === 0);
    if (free) return free.id;
    if (!this.settings.shareSeats)
      throw new HttpError(409, [{ path: 'seat', value: null, rule: 'every seat is taken' }]);
    let best = this.seats[0]!;
    for (const s of this.seats) if (this.seatTaken(s.id) < this.seatTaken(best.id)) best = s;
    return best.id;
  }

  // --- the round being played ----------------------------------------------------------------

  private shownOf(seat: string): Map<string, string> {
    let m = this.shown.get(seat);
    if (!m) this.shown.set(seat, (m = new Map()));
    return m;
  }

  /** The room's run after the last played round (made once per round). */
  run(): ExerciseRun {
    return (this.runCache ??= this.room.run());
  }

  private refreshItems(): void {
    this.itemsFound = true;
    this.itemCache = this.room.items(this.submissions);
    for (const [seat, items] of Object.entries(this.itemCache))
      for (const item of items) this.shownOf(seat).set(item.key, itemIdentityOf(item));
  }

  items(seat: string): DecisionItem[] {
    if (this.status === 'lobby' || this.status === 'ended' || this.room.finished) return [];
    if (!this.itemCache) this.refreshItems();
    return this.itemCache![seat] ?? [];
  }

  get round(): number {
    return this.status === 'lobby' ? 0 : Math.min(this.room.round, this.exercise.rounds);
  }

  remainingMs(): number | null {
    if (this.remainingAtMark === null || this.status === 'lobby' || this.status === 'ended') return null;
    if (this.status === 'paused') return this.remainingAtMark;
    return Math.max(0, Math.round(this.remainingAtMark - (performance.now() - this.markAt)));
  }

  private mark(remaining: number | null): void {
    this.remainingAtMark = remaining;
    this.markAt = performance.now();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const left = this.remainingMs();
    if (this.status !== 'running' || left === null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      // Monotonic time decides: a timer that fires early (it never should) is set again.
      if ((this.remainingMs() ?? 1) > 0) return this.schedule();
      this.play('timer');
    }, left + 5);
    this.timer.unref();
  }

  submitted(seat: string): boolean {
    return this.submissions.has(seat);
  }

  /** The seat's latest submission for the round being played, if any. */
  submission(seat: string): Submission | undefined {
    return this.submissions.get(seat);
  }

  /** Validate and keep a seat's submission for `round` (the last one before the deadline wins). */
  submit(p: Participant, body: Record<string, unknown>): { round: number; seat: string } {
    const seat = p.seat;
    const { round, next } = checkSubmission(this.room, this.status, seat, body, () => {
      // Checked against every item shown this round (found again only for the views, not per submission).
      if (!this.itemsFound) this.items(seat);
      return this.shownOf(seat);
    });
    const prev = this.submissions.get(seat);
    // The same submission again changes nothing (idempotent); a different one replaces it.
    if (
      !prev ||
      JSON.stringify({ d: prev.decisions, l: prev.levers, o: prev.on }) !==
        JSON.stringify({ d: next.decisions, l: next.levers, o: next.on })
    ) {
      this.store.insertDecision(this.code, round, seat, p.id, next);
      this.submissions.set(seat, { ...next, participant: p.id });
      this.itemCache = null;
    }
    const r = this.room.round;
    if (this.status === 'running' && this.allSubmitted()) this.play('all');
    else this.onChange();
    return { round: r, seat };
  }

  private allSubmitted(): boolean {
    const occupied = new Set([...this.participants.values()].map((p) => p.seat));
    if (occupied.size === 0) return false;
    for (const s of occupied) if (!this.submissions.has(s)) return false;
    return true;
  }

  /** Play the round being played; seats without a submission take the model's policy. */
  private play(reason: 'all' | 'timer' | 'advance'): void {
    if (this.room.finished) return;
    const outcome = this.room.commit(this.submissions);
    const logs = this.room.logs();
    const entry = Object.fromEntries(Object.entries(logs).map(([seat, log]) => [seat, log.rounds[outcome.round - 1]]));
    const finished = this.room.finished;
    const remaining = finished ? null : this.settings.seconds === null ? null : this.settings.seconds * 1000;
    this.store.insertEvent(this.code, this.seq, 'round', outcome.round, {
      reason,
      logs: entry,
      remainingMs: remaining,
    });
    this.submissions = new Map();
    this.shown = new Map();
    this.itemCache = null;
    this.itemsFound = false;
    this.runCache = null;
    if (finished) {
      this.store.insertEvent(this.code, this.seq, 'end', outcome.round, { reason: 'finished' });
      this.status = 'ended';
      this.mark(null);
      this.schedule();
      this.onEnd();
    } else {
      this.mark(remaining);
      this.schedule();
    }
    this.onChange();
  }

  // --- the facilitator's controls -----------------------------------------------------------------

  control(body: Record<string, unknown>): void {
    const action = body.action;
    const actions = ['start', 'pause', 'resume', 'extend', 'advance', 'end', 'assign', 'settings'];
    if (typeof action !== 'string' || !actions.includes(action))
      throw new HttpError(400, [{ path: 'action', value: action, rule: `must be one of ${actions.join(', ')}` }]);
    if (body.seq !== undefined && body.seq !== this.seq)
      throw new HttpError(409, [
        { path: 'seq', value: body.seq, rule: `must be the current seq (${this.seq}): the state changed` },
      ]);
    const conflict = (rule: string) => new HttpError(409, [{ path: 'action', value: action, rule }]);
    if (this.status === 'ended') throw conflict('the session has ended');
    if (action !== 'assign' && action !== 'settings') {
      const expected = action === 'start' ? 1 : this.room.round;
      if (body.round !== expected)
        throw new HttpError(409, [
          { path: 'round', value: body.round, rule: `must be the round the action applies to (${expected})` },
        ]);
    }
    const seconds = (path: string, v: unknown, min: number): number => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > 3600)
        throw new HttpError(400, [{ path, value: v, rule: `must be a whole number of seconds in [${min}, 3600]` }]);
      return v;
    };
    const round = this.room.round;
    switch (action) {
      case 'start': {
        if (this.status !== 'lobby') throw conflict(`the session has already started (${this.status})`);
        if (body.seconds !== undefined && body.seconds !== null)
          this.settings.seconds = seconds('seconds', body.seconds, 10);
        this.status = 'running';
        this.mark(this.settings.seconds === null ? null : this.settings.seconds * 1000);
        this.record('start', round, { remainingMs: this.remainingMs(), settings: this.settings });
        break;
      }
      case 'pause':
        if (this.status !== 'running') throw conflict(`the round is not running (${this.status})`);
        this.mark(this.remainingMs());
        this.status = 'paused';
        this.record('pause', round, { remainingMs: this.remainingMs() });
        break;
      case 'resume':
        if (this.status !== 'paused') throw conflict(`the round is not paused (${this.status})`);
        this.mark(this.remainingMs());
        this.status = 'running';
        this.record('resume', round, { remainingMs: this.remainingMs() });
        break;
      case 'extend': {
        if (this.status === 'lobby') throw conflict('the session has not started');
        const s = seconds('seconds', body.seconds, 1);
        this.mark((this.remainingMs() ?? 0) + s * 1000);
        this.record('extend', round, { seconds: s, remainingMs: this.remainingMs() });
        break;
      }
      case 'advance':
        if (this.status === 'lobby') throw conflict('the session has not started');
        this.seq++;
        this.store.insertEvent(this.code, this.seq, 'advance', round, {});
        this.play('advance');
        return;
      case 'end':
        this.status = 'ended';
        this.mark(null);
        this.record('end', round, { reason: 'facilitator' });
        this.onEnd();
        break;
      case 'assign': {
        const p = typeof body.participant === 'string' ? this.participants.get(body.participant) : undefined;
        if (!p)
          throw new HttpError(400, [
            { path: 'participant', value: body.participant, rule: 'is not a participant of this session' },
          ]);
        if (typeof body.seat !== 'string' || !this.seats.some((s) => s.id === body.seat))
          throw new HttpError(400, [{ path: 'seat', value: body.seat, rule: 'is not a seat of this exercise' }]);
        p.seat = body.seat;
        this.store.moveParticipant(this.code, p.id, p.seat);
        this.record('assign', round, { participant: p.id, seat: p.seat });
        break;
      }
      case 'settings': {
        const next = { ...this.settings };
        if (body.pickSeats !== undefined) next.pickSeats = bool('pickSeats', body.pickSeats);
        if (body.shareSeats !== undefined) next.shareSeats = bool('shareSeats', body.shareSeats);
        if (body.seconds !== undefined)
          next.seconds = body.seconds === null ? null : seconds('seconds', body.seconds, 10);
        this.settings = next;
        this.record('settings', round, { settings: next });
        break;
      }
    }
    this.schedule();
    this.onChange();
  }

  private record(type: string, round: number, body: unknown): void {
    this.seq++;
    this.store.insertEvent(this.code, this.seq, type, round, body);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  // --- views (views.ts) ---------------------------------------------------------------------------

  private readonly views = new SessionViews(this);

  /** Something the views show changed (a submission, a round, a control, a participant's connection). */
  bump(): void {
    this.views.bump();
  }

  /** The session as `viewer` may see it (docs/workshop-api.md, "State"); `full` adds the exercise files. */
  view(viewer: Viewer, full: boolean): Record<string, unknown> {
    return this.views.view(viewer, full);
  }

  /** A WebSocket push of the state as JSON (views.ts). */
  pushJson(viewer: Viewer): string {
    return this.views.pushJson(viewer);
  }

  seatOf(id: string): Seat {
    const s = this.seats.find((x) => x.id === id)!;
    return { id: s.id, role: s.role, province: s.province };
  }

  /** Display names per seat (for the export and the debrief). */
  names(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const p of this.participants.values()) (out[p.seat] ??= []).push(p.name);
    return out;
  }
}
