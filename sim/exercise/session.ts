import { deepClone } from '../engine/clone.ts';
import { ScenarioError, type Issue } from '../engine/errors.ts';
import type { ModelEvent, WorldSnapshot } from '../engine/model.ts';
import { checkDecision, cloneLog } from './decisionLog.ts';
import { participantDecisions } from './decide.ts';
import { checkLever, exerciseScenario, leversInForce } from './levers.ts';
import { logDecisions, valueFits } from './replay.ts';
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
import type {
  Allocation,
  DecisionItem,
  DecisionLog,
  DecisionRecord,
  DecisionValue,
  Exercise,
  ExerciseRun,
  RoundLog,
  UndecidedRule,
} from './types.ts';

/** The round being played: lever changes and decisions so far (nothing is run until `commit`). */
export interface RoundDraft {
  levers: Record<string, number>;
  decisions: Record<string, DecisionValue>;
  timedOut: string[];
}

/** What one committed round did: the decisions taken and the cycle's events. */
export interface RoundOutcome {
  round: number;
  decisions: DecisionRecord[];
  events: ModelEvent[];
}

export interface ExerciseSession {
  readonly exercise: Exercise;
  /** The round being played, 1 … rounds; rounds + 1 once finished. */
  readonly round: number;
  readonly finished: boolean;
  /** The committed rounds (a copy). */
  log(): DecisionLog;
  draft(): RoundDraft;
  /** Every decision of the committed rounds, in the order the run met them. */
  trail(): DecisionRecord[];
  /** The current round's items, as the round would meet them with the draft's choices. */
  items(): DecisionItem[];
  undecided(): DecisionItem[];
  /** Lever values in force at the start of the current round, before the draft's changes. */
  leversInForce(): Record<string, number>;
  /** Set levers for the current round (only the exercise's levers; ScenarioError on a bad value). */
  setLevers(levers: Record<string, number>): void;
  /** Decide an item of the current round. */
  decide(key: string, value: DecisionValue): void;
  /** Give every undecided item the time limit's answer; returns the keys so decided. */
  resolveUndecided(rule: UndecidedRule): string[];
  /** Run the round with the draft's choices (every item must be decided). */
  commit(): RoundOutcome;
  /** The participant's run so far (runScenario's record shape; `final` over the cycles run). */
  run(): ExerciseRun;
  /** A new session with this one's first `rounds` committed rounds, playing round `rounds` + 1. */
  branch(rounds: number): ExerciseSession;
  /** Exercise + log + draft, as JSON: survives a reload (resumeExercise). */
  save(): SavedExercise;
}

export const SAVE_KIND = 'concerto-exercise-save';

export interface SavedExercise {
  formatVersion: 1;
  kind: typeof SAVE_KIND;
  exercise: Record<string, unknown>;
  log: DecisionLog;
  draft: RoundDraft;
  /** The round being played (log rounds + 1). */
  round: number;
}

/**
 * What an item is, independent of the answers: a decision taken on one proposal must never carry
 * over to a different one that a changed earlier choice brings up under the same key.
 */
export function itemIdentity(item: DecisionItem): string {
  switch (item.kind) {
    case 'pilot':
      return `pilot/${item.proposalId}/${item.provinceId}/${item.distance}`;
    case 'agreement':
      return `agreement/${item.requestId}/${item.provinceId}/${item.partner}`;
    case 'propose':
      return `propose/${item.index}/${item.distance}/${item.expectedBenefit}`;
    case 'allocate':
      return 'allocate';
  }
}

function ruleValue(item: DecisionItem, rule: UndecidedRule): DecisionValue {
  // An allocation has no yes or no: left undecided it takes the model's proposal under every rule.
  if (item.kind === 'allocate') return [...item.modelChoice] as Allocation;
  return rule === 'approve' ? true : rule === 'reject' ? false : item.modelChoice;
}

class Session implements ExerciseSession {
  readonly exercise: Exercise;
  private committed: DecisionLog;
  private current: RoundDraft = { levers: {}, decisions: {}, timedOut: [] };
  /** identity() of the item each draft decision was taken on. */
  private decidedOn = new Map<string, string>();
  private progress!: RunProgress;
  private decisionTrail: DecisionRecord[] = [];
  private start: WorldSnapshot | null = null;
  private pending: DecisionItem[] = [];

  constructor(exercise: Exercise, log: DecisionLog) {
    this.exercise = exercise;
    this.committed = cloneLog(log);
    this.rebuild();
  }

  get round(): number {
    return this.committed.rounds.length + 1;
  }

  get finished(): boolean {
    return this.round > this.exercise.rounds || this.progress.error !== null;
  }

  /**
   * Replay the committed rounds from cycle 0 with the scenario that includes the draft's lever
   * changes (a lever change is a scenario event, so it must be in the world from the start), and
   * keep a snapshot of the world at the start of the current round.
   */
  private rebuild(): void {
    const draftRound: RoundLog = { round: this.round, levers: this.current.levers, decisions: {}, timedOut: [] };
    const scenario = exerciseScenario(this.exercise, { rounds: [...this.committed.rounds, draftRound] });
    this.progress = newProgress(this.exercise, 0);
    this.decisionTrail = [];
    this.start = null;
    try {
      const world = initWorld(
        this.exercise,
        scenario,
        0,
        logDecisions(this.exercise, this.committed, (d) => this.decisionTrail.push(d)),
      );
      for (let r = 0; r < this.committed.rounds.length; r++) stepObserved(world, this.progress, this.exercise.province);
      this.start = MODEL.snapshot(world);
    } catch (err) {
      if (err instanceof DecisionLogError) throw err;
      this.progress.error = errorText(err);
    }
    for (const r of this.committed.rounds) {
      for (const key of Object.keys(r.decisions)) {
        if (!this.decisionTrail.some((d) => d.round === r.round && d.key === key))
          throw new DecisionLogError(`round ${r.round}: the logged decision ${key} never came up`);
      }
    }
    this.discover();
  }

  /**
   * Run the current round on a copy of its starting world to see which items it meets: decided items
   * take the draft's answer, undecided ones the model's (provisionally), so an item that only arises
   * from an earlier choice shows up once that choice is made.
   */
  private discover(): void {
    this.pending = [];
    if (this.finished || !this.start) return;
    const seen: DecisionItem[] = [];
    const world = MODEL.restore(this.start, {
      decisions: participantDecisions(this.exercise, (item) => {
        seen.push(item);
        return this.answer(item) ?? item.modelChoice;
      }),
    });
    try {
      MODEL.step(world);
    } catch {
      // A failure inside the model shows when the round is committed (recorded like runScenario's).
    }
    this.pending = seen;
  }

  /** The draft's answer to an item, if it was taken on this very item. */
  private answer(item: DecisionItem): DecisionValue | undefined {
    const v = this.current.decisions[item.key];
    if (v === undefined || this.decidedOn.get(item.key) !== itemIdentity(item) || !valueFits(item, v)) return undefined;
    return v;
  }

  log(): DecisionLog {
    return cloneLog(this.committed);
  }

  draft(): RoundDraft {
    return deepClone(this.current);
  }

  trail(): DecisionRecord[] {
    return deepClone(this.decisionTrail);
  }

  items(): DecisionItem[] {
    return deepClone(this.pending);
  }

  undecided(): DecisionItem[] {
    return this.pending.filter((i) => this.answer(i) === undefined).map((i) => deepClone(i));
  }

  leversInForce(): Record<string, number> {
    return leversInForce(this.exercise, this.committed, this.round);
  }

  setLevers(levers: Record<string, number>): void {
    if (this.finished) throw new Error('the exercise is finished');
    const issues: Issue[] = [];
    const inForce = this.leversInForce();
    const next: Record<string, number> = {};
    for (const [name, value] of Object.entries(levers)) {
      const rule = this.exercise.levers.includes(name) ? checkLever(name, value) : 'is not a lever of this exercise';
      if (rule) issues.push({ path: `levers.${name}`, value, rule });
      // A value equal to the one in force is no change, and makes no event.
      else if (value !== inForce[name]) next[name] = value;
    }
    if (issues.length > 0) throw new ScenarioError(issues);
    this.current.levers = next;
    this.rebuild();
  }

  decide(key: string, value: DecisionValue): void {
    const item = this.pending.find((i) => i.key === key);
    if (!item) throw new Error(`round ${this.round} has no item ${key}`);
    const rule = checkDecision(key, value);
    if (rule) throw new ScenarioError([{ path: `decisions.${key}`, value, rule }]);
    this.current.decisions[key] = Array.isArray(value) ? ([...value] as Allocation) : value;
    this.decidedOn.set(key, itemIdentity(item));
    this.current.timedOut = this.current.timedOut.filter((k) => k !== key);
    this.discover();
  }

  resolveUndecided(rule: UndecidedRule): string[] {
    const keys: string[] = [];
    // Each answer may bring up later items of the round; a round meets a bounded number of items.
    for (let pass = 0; pass < 100; pass++) {
      const open = this.pending.filter((i) => this.answer(i) === undefined);
      if (open.length === 0) break;
      for (const item of open) {
        this.current.decisions[item.key] = ruleValue(item, rule);
        this.decidedOn.set(item.key, itemIdentity(item));
        if (!this.current.timedOut.includes(item.key)) this.current.timedOut.push(item.key);
        keys.push(item.key);
      }
      this.discover();
    }
    return keys;
  }

  commit(): RoundOutcome {
    if (this.finished || !this.start) throw new Error('the exercise is finished');
    const open = this.undecided();
    if (open.length > 0)
      throw new Error(`round ${this.round}: ${open.length} item(s) undecided (${open.map((i) => i.key).join(', ')})`);
    const round = this.round;
    const entry: RoundLog = { round, levers: { ...this.current.levers }, decisions: {}, timedOut: [] };
    const taken: DecisionRecord[] = [];
    const world = MODEL.restore(this.start, {
      decisions: participantDecisions(this.exercise, (item) => {
        const v = this.answer(item);
        if (v === undefined) throw new DecisionLogError(`round ${round}: no decision for ${item.key}`);
        const timedOut = this.current.timedOut.includes(item.key);
        entry.decisions[item.key] = v;
        if (timedOut) entry.timedOut.push(item.key);
        taken.push({ ...item, value: v, timedOut });
        return v;
      }),
    });
    let events: ModelEvent[] = [];
    try {
      events = stepObserved(world, this.progress, this.exercise.province);
    } catch (err) {
      if (err instanceof DecisionLogError) throw err;
      this.progress.error = errorText(err);
    }
    this.committed.rounds.push(entry);
    this.decisionTrail.push(...taken);
    this.start = this.progress.error === null ? MODEL.snapshot(world) : null;
    this.current = { levers: {}, decisions: {}, timedOut: [] };
    this.decidedOn.clear();
    this.discover();
    return { round, decisions: deepClone(taken), events: deepClone(events) };
  }

  run(): ExerciseRun {
    return finishRun(deepClone(this.progress), this.exercise);
  }

  branch(rounds: number): ExerciseSession {
    if (!Number.isInteger(rounds) || rounds < 0 || rounds > this.committed.rounds.length) {
      throw new RangeError(
        `a branch starts after a committed round: 0 … ${this.committed.rounds.length}, got ${rounds}`,
      );
    }
    return new Session(this.exercise, { rounds: this.committed.rounds.slice(0, rounds) });
  }

  save(): SavedExercise {
    return {
      formatVersion: 1,
      kind: SAVE_KIND,
      exercise: deepClone(this.exercise.raw),
      log: this.log(),
      draft: this.draft(),
      round: this.round,
    };
  }

  /** Restore a saved draft: its levers, then each decision whose item still comes up. */
  applyDraft(draft: RoundDraft): void {
    if (Object.keys(draft.levers).length > 0) this.setLevers(draft.levers);
    for (let pass = 0; pass < 100; pass++) {
      const next = this.pending.find(
        (i) =>
          draft.decisions[i.key] !== undefined &&
          this.answer(i) === undefined &&
          checkDecision(i.key, draft.decisions[i.key]) === null,
      );
      if (!next) break;
      this.decide(next.key, draft.decisions[next.key]!);
      if (draft.timedOut.includes(next.key)) this.current.timedOut.push(next.key);
    }
  }
}

/**
 * A pure exercise session: the participant's world, replicate 0 of the exercise's seed, advanced one
 * round at a time. Each round first shows its items (found by running the round on a snapshot), the
 * participant answers, and `commit` runs the round from the same snapshot with those answers, so
 * the committed log replays to exactly this run (replayExercise). `log` starts it part-way (resume,
 * branches); DecisionLogError when the log does not fit the exercise.
 */
export function createExerciseSession(exercise: Exercise, log: DecisionLog = { rounds: [] }): ExerciseSession {
  return new Session(exercise, log);
}

/** Internal to resume: a session with its draft restored. */
export function sessionWithDraft(exercise: Exercise, log: DecisionLog, draft: RoundDraft): ExerciseSession {
  const s = new Session(exercise, log);
  if (!s.finished) s.applyDraft(draft);
  return s;
}
