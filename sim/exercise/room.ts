import { deepClone } from '../engine/clone.ts';
import { ScenarioError, type Issue } from '../engine/errors.ts';
import type { ModelEvent, WorldSnapshot } from '../engine/model.ts';
import type { World } from '../model/world.ts';
import { checkDecision, cloneLog } from './decisionLog.ts';
import { checkLever, leversInForce } from './levers.ts';
import { observeProvince, PROVINCE_METRICS } from './provinceMetrics.ts';
import {
  DecisionLogError,
  errorText,
  finishRun,
  initWorld,
  MODEL,
  newProgress,
  stepObserved,
  type RunProgress,
} from './runner.ts';
import type { DecisionItem, DecisionLog, DecisionRecord, Exercise, ExerciseRun, RoundLog } from './types.ts';
import {
  answer,
  modelAnswer,
  roomDecisions,
  roomLogDecisions,
  roomScenario,
  type RoomSubmission,
} from './roomDecisions.ts';
import { roundsOf } from './roomReplay.ts';
import { CENTRE_SEAT, seatExercises, type RoomLog } from './roomSeats.ts';

// A room: one run of an exercise in which several seats (the centre and any province) are played by
// people at once. Each seat owns the decisions its role owns in a solo exercise; a seat's decisions
// are logged in the solo decision-log format, so the run is fully determined by the exercise and the
// seats' logs, and replays exactly (replayRoom). Seats nobody plays, and items a seat did not answer
// in time, take the model's own policy (its decision with the same draw), marked `timedOut`.

// The room's parts, one concept a file: its seats (roomSeats.ts), decision functions (roomDecisions.ts),
// replays (roomReplay.ts) and the model's runs for its debrief (roomModelRun.ts); this file is the room
// being played, round by round, and re-exports the parts so a room is imported from one place.
export { CENTRE_SEAT, roomSeats, seatExercise, seatExerciseFile, seatExercises } from './roomSeats.ts';
export type { RoomLog, Seat } from './roomSeats.ts';
export { roomDecisions } from './roomDecisions.ts';
export type { RoomSubmission } from './roomDecisions.ts';
export { replayRoom, roomReplay } from './roomReplay.ts';
export type { RoomReplay } from './roomReplay.ts';
export { roomModelRun } from './roomModelRun.ts';

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
