// The Exercise view's state and what a participant can do with it: choose an exercise, play its rounds,
// branch, and compare teams' results. No DOM here beyond reading files: the view's pages draw this state
// and call these actions. Work in flight (the model's runs, ranking the choices, reading files) is counted
// for whenIdle() and cancelled by dispose() through one AbortController.
import { ScenarioError } from '../../sim/engine/errors.ts';
import { BUNDLED_EXERCISES } from '../../sim/exercise/bundled.ts';
import { buildDebrief, type Debrief } from '../../sim/exercise/debrief.ts';
import { impactSteps, primaryMetric, type DecisionImpact } from '../../sim/exercise/impact.ts';
import { MODEL_REPLICATES, type ModelRunSummary } from '../../sim/exercise/modelRuns.ts';
import { parseExercise } from '../../sim/exercise/parse.ts';
import { resumeExercise } from '../../sim/exercise/save.ts';
import { createExerciseSession, type ExerciseSession, type RoundOutcome } from '../../sim/exercise/session.ts';
import type { DecisionLog, DecisionValue, Exercise, ExerciseRun } from '../../sim/exercise/types.ts';
import { IdleSignal } from '../views/IdleSignal.ts';
import { realClock } from './clock.ts';
import { lazyModelRunner, ModelRunsCache, type ModelRunsWorker } from './modelRunsClient.ts';
import { RoundTimer } from './roundTimer.ts';
import { clearStored, loadStored, saveStored, type StoredState, type StoredStorage } from './storage.ts';
import { issueText } from './parts.ts';
import { leverNoteText, textContext, type TextContext } from './text.ts';
import { WorkshopTeams } from './workshopTeams.ts';
import { stepInTasks } from './stepInTasks.ts';
import type { ControllerEvents, ExerciseDeps, ExercisePage, FocusTarget } from './controllerTypes.ts';

export type { ControllerEvents, ExerciseDeps, ExercisePage, FocusTarget } from './controllerTypes.ts';

export class ExerciseController {
  page: ExercisePage = 'choose';
  exercise: Exercise | null = null;
  current: ExerciseSession | null = null;
  /** Counts sessions started, so a page drawn for one session is never reused for the next. */
  sessionNo = 0;
  team = '';
  bookmarks: StoredState['bookmarks'] = [];
  finished: StoredState['finished'] = [];
  lastOutcome: RoundOutcome | null = null;
  models: ModelRunSummary[] | null = null;
  modelProgress: [number, number] = [0, 0];
  modelError: string | null = null;
  /** The participant's choices ranked by effect, measured once per finished run (by its checksum). */
  impacts: { checksum: string; list: DecisionImpact[] | null } | null = null;
  chooseIssues: string[] = [];
  /** A line shown once, after the action that set it (cleared when the next action starts). */
  notice = '';
  /** A confirmation under the levers, shown once after they are applied. */
  leverNote = '';
  readonly workshop: WorkshopTeams;
  readonly replicates: number;
  readonly exercises: Record<string, unknown>;
  readonly timer: RoundTimer;
  /** Finished runs replayed for the comparison, by their log (a replay takes a few tens of milliseconds). */
  readonly replays = new Map<string, ExerciseRun>();

  private storage: StoredStorage | null;
  private worker: ModelRunsWorker;
  private runs: ModelRunsCache;
  private debriefMemo: { models: ModelRunSummary[]; checksum: string; debrief: Debrief } | null = null;
  private inFlight = 0;
  private idle = new IdleSignal();
  private abort = new AbortController();

  constructor(
    private deps: ExerciseDeps,
    private events: ControllerEvents,
    /** Whether the view is out of sight (the round's clock then stands still). */
    hidden: () => boolean,
  ) {
    this.storage = deps.storage ?? null;
    this.replicates = deps.replicates ?? MODEL_REPLICATES;
    this.exercises = deps.exercises ?? BUNDLED_EXERCISES;
    this.worker = lazyModelRunner(deps.modelRuns);
    this.runs = new ModelRunsCache(() => this.worker.run);
    this.workshop = new WorkshopTeams(this.runs, this.replicates);
    this.timer = new RoundTimer(deps.clock ?? realClock, hidden, (left) => this.tick(left));
    this.restore();
  }

  get ctx(): TextContext {
    return textContext(this.deps.i18n.lang, (this.exercise ?? this.workshop.exercise)?.scenario.data ?? {});
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** The debrief of the finished run against the model's runs (null until they are in). */
  debrief(): Debrief | null {
    const s = this.current;
    if (!s || !s.finished || !this.models) return null;
    const run = s.run();
    const memo = this.debriefMemo;
    if (memo?.models === this.models && memo.checksum === run.checksum) return memo.debrief;
    const debrief = buildDebrief(s.exercise, run, s.log(), s.trail(), this.models);
    this.debriefMemo = { models: this.models, checksum: run.checksum, debrief };
    return debrief;
  }

  whenIdle(): Promise<void> {
    return this.idle.wait(this.inFlight !== 0);
  }

  /** Count `p` as work in flight until it settles; a failure is reported, never left unhandled. */
  track(p: Promise<unknown>, what: string): void {
    this.inFlight++;
    p.catch((err: unknown) => {
      if (!this.abort.signal.aborted) console.warn(`${what}:`, err);
    }).finally(() => {
      this.inFlight--;
      if (this.inFlight === 0) this.idle.release();
    });
  }

  dispose(): void {
    this.abort.abort();
    this.impacts = null;
    this.timer.stop();
    this.worker.terminate();
  }

  /** An action of the participant: the last action's one-off lines go, then the view is told once. */
  private act(f: () => FocusTarget | null | void): void {
    this.notice = '';
    this.leverNote = '';
    const focus = f() ?? null;
    this.events.changed(focus);
  }

  /** Back to where the participant was before a reload: the session (exercise + log + draft) replayed. */
  private restore(): void {
    const stored = loadStored(this.storage);
    if (!stored) return;
    try {
      this.current = resumeExercise(stored.save);
      this.sessionNo++;
      this.exercise = this.current.exercise;
      this.team = stored.team;
      this.bookmarks = stored.bookmarks;
      this.finished = stored.finished;
      this.page = this.current.finished ? 'debrief' : 'play';
      if (this.page === 'debrief') this.loadModels();
      else this.startRoundTimer();
    } catch (err) {
      this.current = null;
      this.exercise = null;
      clearStored(this.storage);
      console.warn('the saved exercise could not be resumed:', err);
    }
  }

  private persist(): void {
    if (!this.current) return;
    const ok = saveStored(this.storage, {
      version: 1,
      save: this.current.save(),
      page: this.page === 'debrief' ? 'debrief' : 'play',
      team: this.team,
      bookmarks: this.bookmarks,
      finished: this.finished,
    });
    if (!ok && this.storage) this.notice = this.ctx.t('exercise.notSaved');
  }

  choose(raw: unknown): void {
    this.act(() => {
      try {
        this.exercise = parseExercise(raw);
        this.chooseIssues = [];
        this.page = 'briefing';
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        this.chooseIssues = issueText(err.issues, this.ctx);
      }
    });
  }

  /** An exercise file the participant picked: read, parsed as JSON, then chosen. */
  chooseFile(file: File): void {
    const signal = this.abort.signal;
    this.track(
      file.text().then((text) => {
        if (signal.aborted) return;
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch (err) {
          if (!(err instanceof SyntaxError)) throw err;
          this.act(() => {
            this.chooseIssues = [this.ctx.t('exercise.fileUnreadable', { error: err.message })];
          });
          return;
        }
        this.choose(raw);
      }),
      'the exercise file could not be read',
    );
  }

  show(page: 'choose' | 'workshop'): void {
    this.act(() => {
      this.page = page;
      if (page === 'choose' && !this.current) this.exercise = null;
    });
  }

  setTeam(team: string): void {
    this.team = team;
  }

  private newSession(rounds: DecisionLog['rounds']): void {
    this.current = createExerciseSession(this.exercise!, { rounds });
    this.sessionNo++;
    this.lastOutcome = null;
    this.page = 'play';
    this.persist();
    this.startRoundTimer();
  }

  start(): void {
    if (!this.exercise) return;
    this.act(() => {
      this.bookmarks = [];
      this.finished = [];
      this.models = null;
      this.newSession([]);
      return 'heading';
    });
  }

  leave(): void {
    this.act(() => {
      this.timer.stop();
      clearStored(this.storage);
      this.current = null;
      this.exercise = null;
      this.lastOutcome = null;
      this.models = null;
      this.page = 'choose';
    });
  }

  decide(key: string, value: DecisionValue): void {
    if (!this.current) return;
    this.act(() => {
      this.current!.decide(key, value);
      this.persist();
    });
  }

  /** Approve or reject every open pilot and agreement of the round at once. */
  decideAll(value: boolean): void {
    const s = this.current;
    if (!s) return;
    this.act(() => {
      let n = 0;
      for (let guard = 0; guard < 1000; guard++) {
        const next = s.undecided().find((i) => i.kind === 'pilot' || i.kind === 'agreement');
        if (!next) break;
        s.decide(next.key, value);
        n++;
      }
      this.persist();
      const ctx = this.ctx;
      this.notice = ctx.t('exercise.play.allDecided', {
        n,
        verdict: ctx.t(value ? 'exercise.play.approved' : 'exercise.play.rejected'),
      });
      this.events.announce(this.notice);
      return s.undecided().length === 0 ? 'commit' : 'heading';
    });
  }

  /** Apply the centre's levers; returns the problem in words when a value is refused. */
  setLevers(values: Record<string, number>): string | null {
    const s = this.current;
    if (!s) return null;
    try {
      s.setLevers(values);
    } catch (err) {
      if (err instanceof ScenarioError) return issueText(err.issues, this.ctx).join(' ');
      throw err;
    }
    this.act(() => {
      this.leverNote = leverNoteText(this.ctx, s.draft().levers);
      this.events.announce(this.leverNote);
      this.persist();
    });
    return null;
  }

  commitRound(): void {
    this.act(() => this.commit());
  }

  private commit(): FocusTarget | null {
    const s = this.current;
    if (!s || s.undecided().length > 0) return null;
    this.lastOutcome = s.commit();
    if (s.finished) {
      this.timer.stop();
      this.finished.push({ label: this.ctx.t('exercise.runLabel', { n: this.finished.length + 1 }), log: s.log() });
      this.page = 'debrief';
      this.persist();
      this.loadModels();
    } else {
      this.persist();
      this.startRoundTimer();
    }
    return 'heading';
  }

  /** Branch: the same exercise from the start of `round`, keeping the decisions before it. */
  replayFrom(log: DecisionLog, round: number): void {
    if (!this.exercise) return;
    this.act(() => {
      this.newSession(log.rounds.slice(0, round - 1));
      return 'heading';
    });
  }

  bookmark(): void {
    const s = this.current;
    if (!s) return;
    this.act(() => {
      this.bookmarks.push({ label: this.ctx.t('exercise.bookmarkLabel', { round: s.round }), log: s.log() });
      this.notice = this.ctx.t('exercise.bookmarked', { round: s.round });
      this.persist();
    });
  }

  private startRoundTimer(): void {
    this.timer.stop();
    const limit = this.current?.exercise.timeLimit;
    if (!limit || !this.current || this.current.finished) return;
    this.timer.start(limit.seconds);
  }

  private tick(left: number): void {
    if (!this.current) return;
    this.events.timer();
    if (left > 0) return;
    // Time is up: the file's rule answers what is still open, and the round is decided.
    const rule = this.current.exercise.timeLimit!.undecided;
    const keys = this.current.resolveUndecided(rule);
    this.act(() => {
      this.notice = this.ctx.t('exercise.play.timeUp', { n: keys.length, rule: this.ctx.t(`exercise.rule.${rule}`) });
      return this.commit();
    });
  }

  private loadModels(): void {
    const ex = this.exercise;
    if (!ex) return;
    this.models = null;
    this.modelError = null;
    this.modelProgress = [0, this.replicates];
    const signal = this.abort.signal;
    this.track(
      this.runs
        .get(ex.hash, ex.raw, this.replicates, (done, total) => {
          this.modelProgress = [done, total];
          if (!signal.aborted) this.events.changed(null);
        })
        .then(
          (models) => {
            if (this.exercise !== ex || signal.aborted) return;
            this.models = models;
            this.events.changed(null);
          },
          (err: unknown) => {
            if (signal.aborted) return;
            this.modelError = err instanceof Error ? err.message : String(err);
            this.events.changed(null);
          },
        ),
      'the model runs failed',
    );
  }

  /**
   * Rank the participant's choices by replaying each switched to the model's (a few tens of
   * milliseconds each), one replay per task so the page keeps answering; the view is told when done.
   */
  measureImpacts(): void {
    const s = this.current;
    if (!s) return;
    const ex = s.exercise;
    const run = s.run();
    if (this.impacts?.checksum === run.checksum) return;
    const entry: { checksum: string; list: DecisionImpact[] | null } = { checksum: run.checksum, list: null };
    this.impacts = entry;
    const steps = impactSteps(ex, s.log(), s.trail(), run, primaryMetric(ex));
    const signal = this.abort.signal;
    const wanted = () => this.impacts === entry && !signal.aborted;
    this.track(
      stepInTasks(steps, wanted, [], 'the choices could not be ranked').then((list) => {
        if (list === null) return;
        entry.list = list;
        if (wanted()) this.events.changed(null);
      }),
      'the choices could not be ranked',
    );
  }

  /** Read teams' result files (each checked by replaying its log on this device), then the model's runs. */
  loadTeams(files: File[]): void {
    const signal = this.abort.signal;
    this.track(
      this.workshop.load(files, this.ctx, signal, () => this.act(() => undefined)),
      'the result files could not be read',
    );
  }

  clearWorkshop(): void {
    this.act(() => this.workshop.clear());
  }
}
