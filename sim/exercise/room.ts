import { deepClone } from '../engine/clone.ts';
import { ScenarioError, type Issue } from '../engine/errors.ts';
import type { ModelEvent, WorldSnapshot } from '../engine/model.ts';
import type { GovernanceDecisions } from '../model/decisions.ts';
import type { ProvinceData } from '../model/types.ts';
import type { World } from '../model/world.ts';
import { checkDecision, cloneLog } from './decisionLog.ts';
import { participantDecisions, type Resolve } from './decide.ts';
import { checkLever, exerciseScenario, leversInForce } from './levers.ts';
import type { ReplayContext } from './impact.ts';
import { parseExercise } from './parse.ts';
import { summariseRun, type ModelRunSummary } from './modelRuns.ts';
import { observeProvince, PROVINCE_METRICS, provinceFinal } from './provinceMetrics.ts';
import { logDecisions, valueFits } from './replay.ts';
import {
  DecisionLogError,
  errorText,
  finishRun,
  initWorld,
  MODEL,
  newProgress,
  runExercise,
  stepObserved,
  type RunProgress,
} from './runner.ts';
import { itemIdentity } from './session.ts';
import type {
  Allocation,
  DecisionItem,
  DecisionLog,
  DecisionRecord,
  DecisionValue,
  Exercise,
  ExerciseRun,
  Role,
  RoundLog,
} from './types.ts';

// A room: one run of an exercise in which several seats (the centre and any province) are played by
// people at once. Each seat owns the decisions its role owns in a solo exercise; a seat's decisions
// are logged in the solo decision-log format, so the run is fully determined by the exercise and the
// seats' logs, and replays exactly (replayRoom). Seats nobody plays, and items a seat did not answer
// in time, take the model's own policy (its decision with the same draw), marked `timedOut`.

export const CENTRE_SEAT = 'centre';

export interface Seat {
  id: string;
  role: Role;
  /** The province played (province seat) or in focus (the centre: the exercise's province, if any). */
  province: string | null;
}

/** Each seat's decision log, by seat id; every seat of the room is logged, every round. */
export type RoomLog = Record<string, DecisionLog>;

/** What a seat submitted for a round: decisions by key, lever changes (centre), and the items answered. */
export interface RoomSubmission {
  decisions: Record<string, DecisionValue>;
  levers: Record<string, number>;
  /** itemIdentity() of the item each decision was taken on: it never carries over to another item. */
  on?: Record<string, string>;
}

/** The seats of an exercise: its own seat first, then the centre, then every province in the scenario's order. */
export function roomSeats(exercise: Exercise): Seat[] {
  const provinces = exercise.scenario.data.provinces as ProvinceData[];
  const all: Seat[] = [
    { id: CENTRE_SEAT, role: 'centre', province: exercise.province },
    ...provinces.map((p): Seat => ({ id: p.id, role: 'province', province: p.id })),
  ];
  const own = exercise.role === 'centre' ? CENTRE_SEAT : exercise.province!;
  return [...all.filter((s) => s.id === own), ...all.filter((s) => s.id !== own)];
}

/**
 * The exercise as one seat plays it, as a file: the same scenario, seed, rounds, events and objectives,
 * with the seat's role and province. The centre keeps the exercise's levers (the default ones when the
 * exercise is a province's); a province sets none. Objectives about a province apply to the seat's own.
 */
export function seatExerciseFile(exercise: Exercise, seat: Seat): Record<string, unknown> {
  const raw: Record<string, unknown> = { ...deepClone(exercise.raw), role: seat.role };
  if (seat.province === null) delete raw.province;
  else raw.province = seat.province;
  if (seat.role === 'province') delete raw.levers;
  // A province-scope objective needs a province: the centre of an exercise without one keeps the national ones.
  if (seat.province === null && Array.isArray(raw.objectives))
    raw.objectives = (raw.objectives as Record<string, unknown>[]).filter((o) => o.scope !== 'province');
  return raw;
}

export function seatExercise(exercise: Exercise, seat: Seat): Exercise {
  return parseExercise(seatExerciseFile(exercise, seat));
}

/** The seats' exercises, by seat id (parsed once: every decision function of the room needs them). */
export function seatExercises(exercise: Exercise): Map<string, Exercise> {
  return new Map(roomSeats(exercise).map((s) => [s.id, seatExercise(exercise, s)]));
}

/**
 * The decision functions of a room: each seat's role's functions (participantDecisions of the seat's
 * exercise) answered by `resolve(seat, item)`; the centre takes approvals, each province its own
 * allocation and proposals. The model draws before it asks, so every stream advances alike whatever
 * the answers.
 */
export function roomDecisions(
  seats: Map<string, Exercise>,
  resolve: (seat: string, item: DecisionItem) => DecisionValue,
): Partial<GovernanceDecisions> {
  const centre = participantDecisions(seats.get(CENTRE_SEAT)!, (item) => resolve(CENTRE_SEAT, item));
  const byIndex: Partial<GovernanceDecisions>[] = [];
  for (const [id, ex] of seats) {
    if (ex.role !== 'province') continue;
    const r: Resolve = (item) => resolve(id, item);
    byIndex[ex.provinceIndex!] = participantDecisions(ex, r);
  }
  return {
    approvePilot: centre.approvePilot!,
    approveAgreement: centre.approveAgreement!,
    allocate: (d) => byIndex[d.provinceIndex]!.allocate!(d),
    proposePilot: (d) => byIndex[d.provinceIndex]!.proposePilot!(d),
  };
}

/** The room's decision functions answered strictly from the seats' logs (DecisionLogError when one does not fit). */
function roomLogDecisions(
  seats: Map<string, Exercise>,
  logs: RoomLog,
  seen: (seat: string, record: DecisionRecord) => void,
): Partial<GovernanceDecisions> {
  const bySeat = new Map<string, Partial<GovernanceDecisions>>();
  for (const [id, ex] of seats) {
    const log = logs[id];
    if (!log) throw new DecisionLogError(`seat ${id}: no decision log`);
    bySeat.set(
      id,
      logDecisions(ex, log, (d) => seen(id, d)),
    );
  }
  const centre = bySeat.get(CENTRE_SEAT)!;
  const byIndex: Partial<GovernanceDecisions>[] = [];
  for (const [id, ex] of seats) if (ex.role === 'province') byIndex[ex.provinceIndex!] = bySeat.get(id)!;
  return {
    approvePilot: centre.approvePilot!,
    approveAgreement: centre.approveAgreement!,
    allocate: (d) => byIndex[d.provinceIndex]!.allocate!(d),
    proposePilot: (d) => byIndex[d.provinceIndex]!.proposePilot!(d),
  };
}

/** The scenario of a room's run: the centre's logged lever changes as `setParam` events (as in a solo exercise). */
function roomScenario(seats: Map<string, Exercise>, centreLog: DecisionLog) {
  return exerciseScenario(seats.get(CENTRE_SEAT)!, centreLog);
}

export interface RoomReplay extends ExerciseRun {
  /** Per seat, every decision it owned in the order the run met them. */
  trails: Record<string, DecisionRecord[]>;
}

/** Every seat's log has the same number of rounds: the room plays them together. */
function roundsOf(seats: Map<string, Exercise>, logs: RoomLog): number {
  const counts = [...seats.keys()].map((id) => logs[id]?.rounds.length ?? -1);
  if (counts.some((c) => c !== counts[0]))
    throw new DecisionLogError(`every seat's log must have the same rounds (got ${counts.join(', ')})`);
  return counts[0] ?? 0;
}

/**
 * Exercise + every seat's log → the room's run, exactly as played: replicate 0 of the exercise's seed,
 * the centre's lever changes as events, each seat's logged decisions in place of its role's functions.
 * `observe` chooses the province whose metrics the run carries (a seat's exercise, for its debrief);
 * the run record and its checksum do not depend on it. Strict like replayExercise.
 */
export function replayRoom(exercise: Exercise, logs: RoomLog, observe: Exercise = exercise): RoomReplay {
  const seats = seatExercises(exercise);
  const rounds = roundsOf(seats, logs);
  const trails: Record<string, DecisionRecord[]> = Object.fromEntries([...seats.keys()].map((id) => [id, []]));
  const run = runExercise(
    observe,
    roomScenario(seats, logs[CENTRE_SEAT]!),
    0,
    roomLogDecisions(seats, logs, (seat, d) => trails[seat]!.push(d)),
    rounds,
  );
  if (run.record.status === 'ok') {
    for (const [id, log] of Object.entries(logs)) {
      for (const r of log.rounds) {
        for (const key of Object.keys(r.decisions)) {
          if (!trails[id]!.some((d) => d.round === r.round && d.key === key))
            throw new DecisionLogError(`seat ${id}, round ${r.round}: the logged decision ${key} never came up`);
        }
      }
    }
  }
  return { ...run, trails };
}

/** The value a submission gives an item, if it answered this very item with a value of its kind. */
function answer(sub: RoomSubmission | undefined, item: DecisionItem): DecisionValue | undefined {
  const v = sub?.decisions[item.key];
  if (v === undefined || !valueFits(item, v)) return undefined;
  if (sub!.on && sub!.on[item.key] !== undefined && sub!.on[item.key] !== itemIdentity(item)) return undefined;
  return v;
}

/** The model's own answer to an item: its policy's choice with the same draw (an allocation: its proposal). */
function modelAnswer(item: DecisionItem): DecisionValue {
  return item.kind === 'allocate' ? ([...item.modelChoice] as Allocation) : item.modelChoice;
}

export interface RoomRoundOutcome {
  round: number;
  /** Per seat, the decisions taken this round (the model's marked timedOut). */
  decisions: Record<string, DecisionRecord[]>;
  events: ModelEvent[];
}

/**
 * A room being played, one round at a time (the multi-seat counterpart of createExerciseSession):
 * `items` shows each seat the round's items as the round would meet them with the submissions so far
 * (the model's policy for the rest), `commit` plays the round with the submissions, the model's
 * policy for whatever they do not answer. The logs replay to exactly this run (replayRoom).
 */
export class RoomRun {
  readonly exercise: Exercise;
  readonly seats: Map<string, Exercise>;
  private committed: RoomLog;
  private progress!: RunProgress;
  /** Per province seat, its province's metrics after each played round. */
  private provinceSeries: Record<string, Record<string, number[]>> = {};
  private trails: Record<string, DecisionRecord[]> = {};
  private start: WorldSnapshot | null = null;
  private draftLevers: Record<string, number> = {};
  private lastEvents: ModelEvent[] = [];

  constructor(exercise: Exercise, logs?: RoomLog) {
    this.exercise = exercise;
    this.seats = seatExercises(exercise);
    this.committed = Object.fromEntries(
      [...this.seats.keys()].map((id) => [id, cloneLog(logs?.[id] ?? { rounds: [] })]),
    );
    roundsOf(this.seats, this.committed);
    this.rebuild();
  }

  get round(): number {
    return this.committed[CENTRE_SEAT]!.rounds.length + 1;
  }

  get finished(): boolean {
    return this.round > this.exercise.rounds || this.progress.error !== null;
  }

  /** Every seat's committed log (a copy). */
  logs(): RoomLog {
    return Object.fromEntries(Object.entries(this.committed).map(([id, log]) => [id, cloneLog(log)]));
  }

  trail(seat: string): DecisionRecord[] {
    return deepClone(this.trails[seat] ?? []);
  }

  /** The room's run so far (the exercise's own province observed). */
  run(): ExerciseRun {
    return finishRun(deepClone(this.progress), this.exercise);
  }

  /** A province's metrics after each played round (null for the centre seat without a province). */
  provinceMetrics(province: string): Record<string, number[]> | null {
    const s = this.provinceSeries[province];
    return s ? deepClone(s) : null;
  }

  /** The events of the last played round. */
  events(): ModelEvent[] {
    return deepClone(this.lastEvents);
  }

  leversInForce(): Record<string, number> {
    return leversInForce(this.seats.get(CENTRE_SEAT)!, this.committed[CENTRE_SEAT]!, this.round);
  }

  /**
   * The centre's lever changes for the round being played, checked like the log's; a value equal to
   * the one in force is no change. ScenarioError naming each bad value.
   */
  checkLevers(levers: Record<string, number>): Record<string, number> {
    const centre = this.seats.get(CENTRE_SEAT)!;
    const issues: Issue[] = [];
    const inForce = this.leversInForce();
    const next: Record<string, number> = {};
    for (const [name, value] of Object.entries(levers)) {
      const rule = centre.levers.includes(name) ? checkLever(name, value) : 'is not a lever of this exercise';
      if (rule) issues.push({ path: `levers.${name}`, value, rule });
      else if (value !== inForce[name]) next[name] = value;
    }
    if (issues.length > 0) throw new ScenarioError(issues);
    return next;
  }

  /** Check a seat's decisions (keys it owns, values of their kind); ScenarioError naming each. */
  checkDecisions(seat: string, decisions: Record<string, unknown>): void {
    const issues: Issue[] = [];
    const role = this.seats.get(seat)?.role;
    for (const [key, value] of Object.entries(decisions)) {
      const owned =
        role === 'centre' ? /^(pilot|agreement):[1-9][0-9]{0,8}$/ : /^(propose:(0|[1-9][0-9]{0,3})|allocate)$/;
      const rule = owned.test(key) ? checkDecision(key, value) : `is not a decision the ${role} seat takes`;
      if (rule) issues.push({ path: `decisions.${key}`, value, rule });
    }
    if (issues.length > 0) throw new ScenarioError(issues);
  }

  private step(world: World): ModelEvent[] {
    const events = stepObserved(world, this.progress, this.exercise.province);
    const detail = MODEL.detail!(world);
    for (const ex of this.seats.values()) {
      if (ex.role !== 'province') continue;
      const values = observeProvince(detail, events, ex.province!);
      const s = (this.provinceSeries[ex.province!] ??= Object.fromEntries(PROVINCE_METRICS.map((m) => [m.name, []])));
      PROVINCE_METRICS.forEach((m, k) => s[m.name]!.push(values[k]!));
    }
    return events;
  }

  /** Replay the committed rounds with the draft's lever changes in the scenario (a lever change is an event). */
  private rebuild(): void {
    const centreLog: DecisionLog = {
      rounds: [
        ...this.committed[CENTRE_SEAT]!.rounds,
        { round: this.round, levers: this.draftLevers, decisions: {}, timedOut: [] },
      ],
    };
    this.progress = newProgress(this.exercise, 0);
    this.provinceSeries = {};
    this.trails = Object.fromEntries([...this.seats.keys()].map((id) => [id, []]));
    this.start = null;
    this.lastEvents = [];
    try {
      const world = initWorld(
        this.exercise,
        roomScenario(this.seats, centreLog),
        0,
        roomLogDecisions(this.seats, this.committed, (seat, d) => this.trails[seat]!.push(d)),
      );
      for (let r = 1; r < this.round; r++) this.lastEvents = this.step(world);
      this.start = MODEL.snapshot(world);
    } catch (err) {
      if (err instanceof DecisionLogError) throw err;
      this.progress.error = errorText(err);
    }
  }

  private withLevers(levers: Record<string, number>): void {
    const next = JSON.stringify(levers);
    if (next === JSON.stringify(this.draftLevers)) return;
    this.draftLevers = { ...levers };
    this.rebuild();
  }

  /** The round's items per seat, with the submissions so far (the model's answers for the rest, provisionally). */
  items(submissions: ReadonlyMap<string, RoomSubmission>): Record<string, DecisionItem[]> {
    const seen: Record<string, DecisionItem[]> = Object.fromEntries([...this.seats.keys()].map((id) => [id, []]));
    if (this.finished) return seen;
    this.withLevers(submissions.get(CENTRE_SEAT)?.levers ?? {});
    if (!this.start) return seen;
    const world = MODEL.restore(this.start, {
      decisions: roomDecisions(this.seats, (seat, item) => {
        seen[seat]!.push(item);
        return answer(submissions.get(seat), item) ?? modelAnswer(item);
      }),
    });
    try {
      MODEL.step(world);
    } catch {
      // A failure inside the model shows when the round is played (recorded like runScenario's).
    }
    return seen;
  }

  /** Play the round being played with the submissions; whatever they do not answer takes the model's policy. */
  commit(submissions: ReadonlyMap<string, RoomSubmission>): RoomRoundOutcome {
    if (this.finished) throw new Error('the exercise is finished');
    this.withLevers(submissions.get(CENTRE_SEAT)?.levers ?? {});
    if (!this.start) throw new Error('the exercise is finished');
    const round = this.round;
    const entries: Record<string, RoundLog> = {};
    const taken: Record<string, DecisionRecord[]> = {};
    for (const id of this.seats.keys()) {
      entries[id] = { round, levers: id === CENTRE_SEAT ? { ...this.draftLevers } : {}, decisions: {}, timedOut: [] };
      taken[id] = [];
    }
    const world = MODEL.restore(this.start, {
      decisions: roomDecisions(this.seats, (seat, item) => {
        const given = answer(submissions.get(seat), item);
        const v = given ?? modelAnswer(item);
        entries[seat]!.decisions[item.key] = v;
        if (given === undefined) entries[seat]!.timedOut.push(item.key);
        taken[seat]!.push({ ...item, value: v, timedOut: given === undefined });
        return v;
      }),
    });
    let events: ModelEvent[] = [];
    try {
      events = this.step(world);
    } catch (err) {
      if (err instanceof DecisionLogError) throw err;
      this.progress.error = errorText(err);
    }
    for (const id of this.seats.keys()) {
      this.committed[id]!.rounds.push(entries[id]!);
      this.trails[id]!.push(...taken[id]!);
    }
    this.start = this.progress.error === null ? MODEL.snapshot(world) : null;
    this.draftLevers = {};
    this.lastEvents = events;
    return { round, decisions: deepClone(taken), events: deepClone(events) };
  }
}

/**
 * Replicate r of the exercise played by the model's own policy (as runModelPolicy), observing several
 * provinces at once: the debrief of every seat of a room needs the same runs, each with its own
 * province's final values, and one run serves them all.
 */
export function roomModelRun(
  exercise: Exercise,
  replicate: number,
  provinces: readonly string[],
): { summary: ModelRunSummary; provinceFinal: Record<string, Record<string, number>> } {
  const progress = newProgress(exercise, replicate);
  const series: Record<string, Record<string, number[]>> = Object.fromEntries(
    provinces.map((p) => [p, Object.fromEntries(PROVINCE_METRICS.map((m) => [m.name, [] as number[]]))]),
  );
  try {
    const world = initWorld(exercise, exercise.scenario, replicate, {});
    for (let t = 1; t <= exercise.rounds; t++) {
      const events = stepObserved(world, progress, exercise.province);
      const detail = MODEL.detail!(world);
      for (const p of provinces) {
        const values = observeProvince(detail, events, p);
        PROVINCE_METRICS.forEach((m, k) => series[p]![m.name]!.push(values[k]!));
      }
    }
  } catch (err) {
    progress.error = errorText(err);
  }
  const run = finishRun(progress, exercise);
  const ok = run.record.status === 'ok';
  return {
    summary: summariseRun(run),
    provinceFinal: Object.fromEntries(provinces.map((p) => [p, ok ? provinceFinal(series[p]!) : {}])),
  };
}

/**
 * How the debrief's paired replays (sim/exercise/impact.ts) play a variant of one seat's choices in a
 * room: the seat's decisions answered by the variant, every other seat's by its log (the model's
 * choice for an item a changed choice brings up that the log does not answer), the centre's lever
 * changes from the centre's log (or the variant's, for the centre seat), the seat's province observed.
 */
export function roomReplay(seats: Map<string, Exercise>, logs: RoomLog, seat: string): ReplayContext {
  const observe = seats.get(seat)!;
  return {
    run: (log, resolve) => {
      const centreLog = seat === CENTRE_SEAT ? log : logs[CENTRE_SEAT]!;
      const decisions = roomDecisions(seats, (s, item) => {
        if (s === seat) return resolve(item);
        const v = logs[s]?.rounds[item.round - 1]?.decisions[item.key];
        return v !== undefined && valueFits(item, v) ? v : modelAnswer(item);
      });
      return runExercise(observe, roomScenario(seats, centreLog), 0, decisions, log.rounds.length);
    },
  };
}
