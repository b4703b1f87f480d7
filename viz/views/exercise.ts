// The Exercise view (training): choose an exercise, read the briefing, play round by round with
// decision cards (the model plays everyone else), then a debrief against the model's own policy.
// The session is sim/exercise's pure session on the main thread (a round is a few milliseconds); the
// model's hundred comparison runs go to a worker. The state survives a reload (localStorage).
import { ScenarioError, type Issue } from '../../sim/engine/errors.ts';
import { BUNDLED_EXERCISES } from '../../sim/exercise/bundled.ts';
import { buildDebrief, type Debrief } from '../../sim/exercise/debrief.ts';
import { impactSteps, primaryMetric, type DecisionImpact } from '../../sim/exercise/impact.ts';
import { MODEL_REPLICATES, type ModelRunSummary } from '../../sim/exercise/modelRuns.ts';
import { parseExercise } from '../../sim/exercise/parse.ts';
import { replayExercise } from '../../sim/exercise/replay.ts';
import { compareRuns, readResult, resultFile, type VerifiedResult } from '../../sim/exercise/results.ts';
import { resumeExercise } from '../../sim/exercise/save.ts';
import { createExerciseSession, type ExerciseSession, type RoundOutcome } from '../../sim/exercise/session.ts';
import type { Allocation, DecisionLog, DecisionValue, Exercise, ExerciseRun } from '../../sim/exercise/types.ts';
import { el, uid } from '../dom.ts';
import { download } from '../export/image.ts';
import type { I18n } from '../i18n/index.ts';
import glossary from '../exercise/glossary.json' with { type: 'json' };
import {
  ModelRunsCache,
  startModelRunsWorker,
  type ModelRunner,
  type ModelRunsWorker,
} from '../exercise/modelRunsClient.ts';
import { clearStored, loadStored, saveStored, type StoredState, type StoredStorage } from '../exercise/storage.ts';
import { debriefSummary } from '../exercise/summary.ts';
import { metricLabel, paramName, textContext, type TextContext } from '../exercise/text.ts';
import { eventLogLines } from '../specs/eventLog.ts';
import { decisionCard, leverForm } from './exerciseCards.ts';
import { comparisonSections, debriefSections, textTable } from './exerciseDebrief.ts';
import { IdleSignal } from './IdleSignal.ts';

export type ExercisePage = 'choose' | 'briefing' | 'play' | 'debrief' | 'workshop';

/** Time for the round timer; tests pass a clock they move by hand. */
export interface Clock {
  now(): number;
  every(ms: number, f: () => void): () => void;
}

export interface ExerciseDeps {
  i18n: I18n;
  storage?: StoredStorage | null;
  /** Runs the model's replicates for the debrief (default: a Web Worker). */
  modelRuns?: ModelRunner;
  clock?: Clock;
  /** Model runs the debrief compares with (default 100, replicates 0–99). */
  replicates?: number;
  /** Exercises offered, by id (default: the bundled ones). */
  exercises?: Record<string, unknown>;
}

export interface ExerciseViewHandle {
  readonly root: HTMLElement;
  readonly page: ExercisePage;
  session(): ExerciseSession | null;
  /** The debrief shown, once the model's runs are in. */
  debrief(): Debrief | null;
  relabel(): void;
  /** Resolves when nothing is in flight (model runs, file reads). */
  whenIdle(): Promise<void>;
  dispose(): void;
}

const realClock: Clock = {
  now: () => Date.now(),
  every: (ms, f) => {
    const h = setInterval(f, ms);
    return () => clearInterval(h);
  },
};

/** Events worth telling the participant after a round (the rest stay in the debrief's data). */
const NEWS = new Set([
  'shock',
  'window.open',
  'window.missed',
  'directive',
  'goalShift',
  'scaleUp',
  'setParam',
  'pilot.approved',
  'pilot.rejected',
  'pilot.succeeded',
  'pilot.failed',
  'fenceBreak',
  'legitimized',
  'sanction',
  'incident',
  'agreement.signed',
  'track2.shock',
  'track2.window',
]);
const NEWS_LIMIT = 14;

function ensureStylesheet(): void {
  if (document.querySelector('link[data-exercise-css]')) return;
  // A <link> to a file (not an injected <style>) passes the app's CSP, which allows only 'self'.
  const href = new URL('../exercise/exercise.css', import.meta.url).href;
  document.head.append(el('link', { rel: 'stylesheet', href, 'data-exercise-css': '' }));
}

function issueText(issues: readonly Issue[], ctx: TextContext): string[] {
  return issues.map((i) =>
    ctx.t('exercise.issue', {
      path: i.path || ctx.t('exercise.root'),
      rule: i.rule,
      value: JSON.stringify(i.value) ?? 'nothing',
    }),
  );
}

function readFileText(file: File): Promise<string> {
  return file.text();
}

class ExerciseView implements ExerciseViewHandle {
  readonly root: HTMLElement;
  page: ExercisePage = 'choose';
  private deps: ExerciseDeps;
  private storage: StoredStorage | null;
  private clock: Clock;
  private replicates: number;
  private exercises: Record<string, unknown>;
  private worker: ModelRunsWorker | null = null;
  private runs: ModelRunsCache;
  private exercise: Exercise | null = null;
  private current: ExerciseSession | null = null;
  private team = '';
  private bookmarks: StoredState['bookmarks'] = [];
  private finished: StoredState['finished'] = [];
  private lastOutcome: RoundOutcome | null = null;
  private models: ModelRunSummary[] | null = null;
  private modelProgress: [number, number] = [0, 0];
  private modelError: string | null = null;
  private shownDebrief: Debrief | null = null;
  /** The participant's choices ranked by effect, measured once per finished run (by its checksum). */
  private impacts: { checksum: string; list: DecisionImpact[] | null } | null = null;
  private chooseIssues: string[] = [];
  private notice = '';
  private workshop: {
    exercise: Exercise | null;
    teams: VerifiedResult[];
    problems: string[];
    models: ModelRunSummary[] | null;
  } = { exercise: null, teams: [], problems: [], models: null };
  private deadline: number | null = null;
  private lastTick = 0;
  private stopTimer: (() => void) | null = null;
  private inFlight = 0;
  private idle = new IdleSignal();
  private focusKey: string | null = null;
  /** Finished runs replayed for the comparison, by their log (a replay takes a few tens of milliseconds). */
  private replays = new Map<string, ExerciseRun>();
  private unsubscribe: () => void;
  /** A live region that outlives re-rendering, so screen readers hear what a click changed. */
  private live: HTMLElement;
  /** A visible confirmation under the levers, shown once after they are applied. */
  private leverNote = '';

  constructor(container: HTMLElement, deps: ExerciseDeps) {
    this.deps = deps;
    this.storage = deps.storage ?? null;
    this.clock = deps.clock ?? realClock;
    this.replicates = deps.replicates ?? MODEL_REPLICATES;
    this.exercises = deps.exercises ?? BUNDLED_EXERCISES;
    this.runs = new ModelRunsCache(() => this.runner());
    ensureStylesheet();
    this.root = el('section', { class: 'view exercise', 'data-view': 'exercise', 'aria-labelledby': 'exercise-h' });
    this.live = el('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'data-role': 'announce' });
    this.root.append(this.live);
    container.appendChild(this.root);
    this.unsubscribe = deps.i18n.onChange(() => this.render());
    window.addEventListener('beforeprint', this.beforePrint);
    window.addEventListener('afterprint', this.afterPrint);
    this.restore();
    this.render();
  }

  private runner(): ModelRunner {
    if (this.deps.modelRuns) return this.deps.modelRuns;
    this.worker ??= startModelRunsWorker();
    return this.worker.run;
  }

  private get ctx(): TextContext {
    return textContext(this.deps.i18n.lang, (this.exercise ?? this.workshop.exercise)?.scenario.data ?? {});
  }

  session(): ExerciseSession | null {
    return this.current;
  }

  debrief(): Debrief | null {
    return this.shownDebrief;
  }

  relabel(): void {
    this.render();
  }

  whenIdle(): Promise<void> {
    return this.idle.wait(this.inFlight !== 0);
  }

  private async track<T>(p: Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await p;
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.idle.release();
    }
  }

  /** A printed debrief shows every metric: closed disclosures do not print, so they open for the print. */
  private opened: HTMLDetailsElement[] = [];
  private beforePrint = () => {
    this.opened = Array.from(this.root.querySelectorAll<HTMLDetailsElement>('details.more-metrics:not([open])'));
    for (const d of this.opened) d.open = true;
  };
  private afterPrint = () => {
    for (const d of this.opened) d.open = false;
    this.opened = [];
  };

  dispose(): void {
    this.impacts = null;
    window.removeEventListener('beforeprint', this.beforePrint);
    window.removeEventListener('afterprint', this.afterPrint);
    this.stopRoundTimer();
    this.unsubscribe();
    this.worker?.terminate();
    this.root.remove();
  }

  // ── State ─────────────────────────────────────────────────────────────────

  /** Back to where the participant was before a reload: the session (exercise + log + draft) replayed. */
  private restore(): void {
    const stored = loadStored(this.storage);
    if (!stored) return;
    try {
      this.current = resumeExercise(stored.save);
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

  private choose(raw: unknown): void {
    try {
      this.exercise = parseExercise(raw);
      this.chooseIssues = [];
      this.page = 'briefing';
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      this.chooseIssues = issueText(err.issues, this.ctx);
    }
    this.render();
  }

  private start(): void {
    if (!this.exercise) return;
    this.current = createExerciseSession(this.exercise);
    this.bookmarks = [];
    this.finished = [];
    this.lastOutcome = null;
    this.models = null;
    this.page = 'play';
    this.persist();
    this.startRoundTimer();
    this.focusKey = 'round-heading';
    this.render();
  }

  private leave(): void {
    this.stopRoundTimer();
    clearStored(this.storage);
    this.current = null;
    this.exercise = null;
    this.lastOutcome = null;
    this.models = null;
    this.shownDebrief = null;
    this.page = 'choose';
    this.render();
  }

  private decide(key: string, value: DecisionValue): void {
    if (!this.current) return;
    this.current.decide(key, value);
    this.persist();
    // Keep the keyboard where it was: on the choice just made (the cards are rebuilt).
    this.focusKey = Array.isArray(value) ? 'alloc-confirm' : `${key}:${value ? 'yes' : 'no'}`;
    this.render();
  }

  /** Approve or reject every open pilot and agreement of the round at once. */
  private decideAll(value: boolean): void {
    const s = this.current;
    if (!s) return;
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
    this.announce(this.notice);
    this.focusKey = s.undecided().length === 0 ? 'commit' : 'round-heading';
    this.render();
  }

  private setLevers(values: Record<string, number>): string | null {
    if (!this.current) return null;
    try {
      this.current.setLevers(values);
    } catch (err) {
      if (err instanceof ScenarioError) return issueText(err.issues, this.ctx).join(' ');
      throw err;
    }
    const ctx = this.ctx;
    const changed = Object.entries(this.current.draft().levers);
    this.leverNote =
      changed.length === 0
        ? ctx.t('exercise.levers.appliedNone')
        : ctx.t('exercise.levers.applied', {
            changes: changed
              .map(([name, v]) =>
                ctx.t('exercise.levers.change', { param: paramName(ctx.lang, name), value: ctx.num(v, 3) }),
              )
              .join(', '),
          });
    this.announce(this.leverNote);
    this.persist();
    this.focusKey = 'levers-apply';
    this.render();
    return null;
  }

  private commitRound(): void {
    const s = this.current;
    if (!s || s.undecided().length > 0) return;
    this.lastOutcome = s.commit();
    if (s.finished) {
      this.stopRoundTimer();
      this.finished.push({ label: this.ctx.t('exercise.runLabel', { n: this.finished.length + 1 }), log: s.log() });
      this.page = 'debrief';
      this.persist();
      this.loadModels();
      this.focusKey = 'debrief-heading';
    } else {
      this.persist();
      this.startRoundTimer();
      this.focusKey = 'round-heading';
    }
    this.render();
  }

  /** Branch: the same exercise from the start of `round`, keeping the decisions before it. */
  private replayFrom(log: DecisionLog, round: number): void {
    if (!this.exercise) return;
    this.current = createExerciseSession(this.exercise, { rounds: log.rounds.slice(0, round - 1) });
    this.lastOutcome = null;
    this.shownDebrief = null;
    this.page = 'play';
    this.persist();
    this.startRoundTimer();
    this.focusKey = 'round-heading';
    this.render();
  }

  private bookmark(): void {
    if (!this.current) return;
    this.bookmarks.push({
      label: this.ctx.t('exercise.bookmarkLabel', { round: this.current.round }),
      log: this.current.log(),
    });
    this.notice = this.ctx.t('exercise.bookmarked', { round: this.current.round });
    this.persist();
    this.render();
  }

  private loadModels(): void {
    const ex = this.exercise;
    if (!ex) return;
    this.models = null;
    this.modelError = null;
    this.modelProgress = [0, this.replicates];
    void this.track(
      this.runs
        .get(ex.hash, ex.raw, this.replicates, (done, total) => {
          this.modelProgress = [done, total];
          const status = this.root.querySelector('[data-role="model-progress"]');
          if (status) status.textContent = this.ctx.t('exercise.debrief.running', { done, total });
        })
        .then(
          (models) => {
            if (this.exercise !== ex) return;
            this.models = models;
            this.render();
          },
          (err: unknown) => {
            this.modelError = err instanceof Error ? err.message : String(err);
            this.render();
          },
        ),
    );
  }

  // ── Timer ─────────────────────────────────────────────────────────────────

  private startRoundTimer(): void {
    this.stopRoundTimer();
    const limit = this.current?.exercise.timeLimit;
    if (!limit || !this.current || this.current.finished) return;
    this.deadline = this.clock.now() + limit.seconds * 1000;
    this.lastTick = this.clock.now();
    this.stopTimer = this.clock.every(250, () => this.tick());
  }

  private stopRoundTimer(): void {
    this.stopTimer?.();
    this.stopTimer = null;
    this.deadline = null;
  }

  /** Seconds left in the round (null without a time limit). */
  private remaining(): number | null {
    return this.deadline === null ? null : Math.max(0, Math.ceil((this.deadline - this.clock.now()) / 1000));
  }

  private tick(): void {
    // The round's clock stops while the exercise is not on screen (another tab of the app, a hidden page).
    const now = this.clock.now();
    if (this.deadline !== null && (this.root.hidden || document.hidden)) this.deadline += now - this.lastTick;
    this.lastTick = now;
    const left = this.remaining();
    if (left === null || !this.current) return;
    const node = this.root.querySelector('[data-role="timer"]');
    if (node)
      node.textContent = this.ctx.t('exercise.play.timer', {
        time: `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`,
      });
    if (left > 0) return;
    // Time is up: the file's rule answers what is still open, and the round is decided.
    const rule = this.current.exercise.timeLimit!.undecided;
    const keys = this.current.resolveUndecided(rule);
    this.notice = this.ctx.t('exercise.play.timeUp', { n: keys.length, rule: this.ctx.t(`exercise.rule.${rule}`) });
    this.commitRound();
  }

  // ── Rendering ─────────────────────────────────────────────────────────────

  private render(): void {
    const active = document.activeElement as HTMLElement | null;
    const focus = this.focusKey ?? (active && this.root.contains(active) ? (active.dataset.focus ?? null) : null);
    this.focusKey = null;
    for (const child of Array.from(this.root.children)) if (child !== this.live) child.remove();
    this.root.dataset.page = this.page;
    this.root.lang = this.deps.i18n.lang;
    switch (this.page) {
      case 'choose':
        this.renderChoose();
        break;
      case 'briefing':
        this.renderBriefing();
        break;
      case 'play':
        this.renderPlay();
        break;
      case 'debrief':
        this.renderDebrief();
        break;
      case 'workshop':
        this.renderWorkshop();
        break;
    }
    if (focus) this.root.querySelector<HTMLElement>(`[data-focus="${CSS.escape(focus)}"]`)?.focus();
  }

  /** Say `text` through the live region (and nothing else: callers show it on the page themselves). */
  private announce(text: string): void {
    this.live.textContent = text;
  }

  private heading(text: string, focusKey?: string): HTMLElement {
    return el('h1', { id: 'exercise-h', tabindex: -1, text, ...(focusKey ? { 'data-focus': focusKey } : {}) });
  }

  private button(text: string, control: string, onClick: () => void, cls = ''): HTMLButtonElement {
    const b = el('button', { type: 'button', class: cls, 'data-control': control, 'data-focus': control, text });
    b.addEventListener('click', onClick);
    return b;
  }

  private glossaryBox(): HTMLElement {
    const ctx = this.ctx;
    const dl = el('dl', { class: 'glossary' });
    for (const g of glossary.terms)
      dl.append(el('dt', { text: ctx.pick(g.term) }), el('dd', { text: ctx.pick(g.definition) }));
    return el('details', { class: 'glossary-box', 'data-role': 'glossary' }, [
      el('summary', { text: ctx.t('exercise.glossary') }),
      dl,
    ]);
  }

  private exerciseMeta(ex: Exercise): string {
    const ctx = this.ctx;
    const parts = [ctx.t(`exercise.role.${ex.role}`)];
    if (ex.province)
      parts.push(
        ctx.t(ex.role === 'province' ? 'exercise.meta.province' : 'exercise.meta.focus', {
          province: textContext(ctx.lang, ex.scenario.data).names.province[ex.province] ?? ex.province,
        }),
      );
    parts.push(ctx.t('exercise.meta.rounds', { n: ex.rounds }));
    parts.push(
      ex.timeLimit
        ? ctx.t('exercise.meta.timeLimit', {
            seconds: ex.timeLimit.seconds,
            rule: ctx.t(`exercise.rule.${ex.timeLimit.undecided}`),
          })
        : ctx.t('exercise.meta.noTimeLimit'),
    );
    return parts.join(' · ');
  }

  private renderChoose(): void {
    const ctx = this.ctx;
    const list = el('ul', { class: 'exercise-list', 'data-role': 'exercises' });
    for (const [id, raw] of Object.entries(this.exercises)) {
      let ex: Exercise;
      try {
        ex = parseExercise(raw);
      } catch {
        continue;
      }
      const headingId = uid('ex');
      list.append(
        el('li', { class: 'panel exercise-item', 'data-exercise': id, 'aria-labelledby': headingId }, [
          el('h2', { id: headingId, text: ctx.pick(ex.title) }),
          el('p', { class: 'meta', text: this.exerciseMeta(ex) }),
          this.button(ctx.t('exercise.choose.open'), `open-${id}`, () => this.choose(raw), 'primary'),
        ]),
      );
    }
    const fileId = uid('exfile');
    const file = el('input', {
      type: 'file',
      id: fileId,
      class: 'visually-hidden file-input',
      accept: '.json,application/json',
      'data-control': 'exercise-file',
    });
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      if (!f) return;
      void this.track(readFileText(f)).then((text) => {
        try {
          this.choose(JSON.parse(text));
        } catch (err) {
          if (err instanceof SyntaxError) {
            this.chooseIssues = [ctx.t('exercise.fileUnreadable', { error: err.message })];
            this.render();
          } else throw err;
        }
      });
    });
    this.root.append(
      this.heading(ctx.t('exercise.choose.heading')),
      el('p', { class: 'intro', text: ctx.t('exercise.choose.intro') }),
      list,
      el('div', { class: 'panel file-field' }, [
        file,
        el('label', { for: fileId, class: 'button', text: ctx.t('exercise.choose.file') }),
      ]),
      this.issuesBox(this.chooseIssues),
      el('section', { class: 'panel', 'aria-labelledby': 'ex-ws-h' }, [
        el('h2', { id: 'ex-ws-h', text: ctx.t('exercise.workshop.heading') }),
        el('p', { class: 'help', text: ctx.t('exercise.workshop.intro') }),
        this.button(ctx.t('exercise.workshop.open'), 'workshop', () => {
          this.page = 'workshop';
          this.render();
        }),
      ]),
      this.glossaryBox(),
    );
  }

  private issuesBox(lines: readonly string[]): HTMLElement {
    const box = el('div', { class: 'issues', role: 'alert', 'data-role': 'issues' });
    if (lines.length > 0)
      box.append(
        el('p', { text: this.ctx.t('exercise.issuesTitle') }),
        el(
          'ul',
          {},
          lines.map((l) => el('li', { text: l })),
        ),
      );
    return box;
  }

  private renderBriefing(): void {
    const ex = this.exercise!;
    const ctx = this.ctx;
    const teamId = uid('team');
    const team = el('input', {
      type: 'text',
      id: teamId,
      value: this.team,
      maxlength: 80,
      'data-control': 'team',
      autocomplete: 'off',
    });
    team.addEventListener('input', () => {
      this.team = team.value;
    });
    this.root.append(
      this.heading(ctx.pick(ex.title)),
      el('p', { class: 'meta', text: this.exerciseMeta(ex) }),
      el('section', { class: 'panel briefing', 'aria-labelledby': 'ex-brief-h' }, [
        el('h2', { id: 'ex-brief-h', text: ctx.t('exercise.briefing.heading') }),
        ...ctx
          .pick(ex.briefing)
          .split(/\n+/)
          .map((p) => el('p', { text: p })),
      ]),
      this.objectivesBox(ex),
      el('div', { class: 'panel field' }, [
        el('label', { for: teamId, text: ctx.t('exercise.briefing.team') }),
        team,
        el('p', { class: 'help', text: ctx.t('exercise.briefing.teamHelp') }),
      ]),
      el('div', { class: 'actions' }, [
        this.button(ctx.t('exercise.briefing.start'), 'start', () => this.start(), 'primary'),
        this.button(ctx.t('exercise.back'), 'back', () => {
          this.page = 'choose';
          this.exercise = null;
          this.render();
        }),
      ]),
      this.glossaryBox(),
    );
  }

  private objectivesBox(ex: Exercise): HTMLElement {
    const ctx = this.ctx;
    return el('section', { class: 'panel objectives', 'aria-labelledby': 'ex-objs-h' }, [
      el('h2', { id: 'ex-objs-h', text: ctx.t('exercise.objectives') }),
      ex.objectives.length === 0
        ? el('p', { text: ctx.t('exercise.noObjectives') })
        : el(
            'ul',
            {},
            ex.objectives.map((o) => el('li', { text: ctx.pick(o.text) })),
          ),
    ]);
  }

  private renderPlay(): void {
    const s = this.current!;
    const ex = s.exercise;
    const ctx = this.ctx;
    const items = s.items();
    const draft = s.draft();
    const open = s.undecided().length;
    const run = s.run();
    const left = this.remaining();
    const header = el('div', { class: 'play-head' }, [
      this.heading(ctx.t('exercise.play.round', { round: s.round, rounds: ex.rounds }), 'round-heading'),
      el('p', { class: 'meta', text: `${ctx.pick(ex.title)} · ${this.exerciseMeta(ex)}` }),
      left !== null
        ? el('p', {
            class: 'timer',
            'data-role': 'timer',
            role: 'timer',
            'aria-live': 'off',
            text: ctx.t('exercise.play.timer', {
              time: `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`,
            }),
          })
        : null,
    ]);
    const notice = el('p', { class: 'notice', role: 'status', 'data-role': 'notice', text: this.notice });
    this.notice = '';

    const situation = el('section', { class: 'panel situation', 'aria-labelledby': 'ex-sit-h' }, [
      el('h2', { id: 'ex-sit-h', text: ctx.t('exercise.play.situation') }),
    ]);
    if (run.record.cycles === 0) situation.append(el('p', { text: ctx.t('exercise.play.noResults') }));
    else {
      const last = (series: Record<string, number[]>, k: string) => series[k]?.[series[k].length - 1] ?? null;
      const keys = ['coherence', 'innovation', 'security', 'development', 'prestige'];
      const rows = keys.map((k) => ({
        attrs: { 'data-metric': k },
        cells: [
          metricLabel(ctx, k, ex.province),
          last(run.record.series, k) === null
            ? '—'
            : { text: ctx.num(last(run.record.series, k)!, 3), value: last(run.record.series, k)! },
        ],
      }));
      if (run.province) {
        for (const k of ['security', 'development', 'prestige', 'trust', 'capacity', 'agreements']) {
          const v = last(run.province.series, k);
          rows.push({
            attrs: { 'data-metric': `province.${k}` },
            cells: [
              metricLabel(ctx, `province.${k}`, ex.province),
              v === null ? '—' : { text: ctx.num(v, 3), value: v },
            ],
          });
        }
      }
      situation.append(
        textTable(
          ctx.t('exercise.play.latest', { round: run.record.cycles }),
          [ctx.t('exercise.debrief.metric'), ctx.t('exercise.play.value')],
          rows,
          'situation',
        ),
      );
    }
    if (this.lastOutcome) {
      const relevant = this.lastOutcome.events.filter(
        (e) => NEWS.has(e.code) && (ex.role === 'centre' || !('province' in e.args) || e.args.province === ex.province),
      );
      const lines = eventLogLines(relevant, {
        t: ctx.t,
        has: ctx.has,
        names: ctx.names,
        num: (v) => ctx.num(v, 3),
        param: (n) => paramName(ctx.lang, n),
      });
      situation.append(el('h3', { text: ctx.t('exercise.play.news', { round: this.lastOutcome.round }) }));
      if (lines.length === 0) situation.append(el('p', { text: ctx.t('exercise.play.noNews') }));
      else {
        situation.append(
          el(
            'ul',
            { class: 'news', 'data-role': 'news' },
            lines.slice(0, NEWS_LIMIT).map((l) => el('li', { text: l.text })),
          ),
        );
        if (lines.length > NEWS_LIMIT)
          situation.append(
            el('p', { class: 'help', text: ctx.t('exercise.play.moreNews', { n: lines.length - NEWS_LIMIT }) }),
          );
      }
    }

    const lastAlloc = [...s.log().rounds].reverse().find((r) => Array.isArray(r.decisions.allocate))?.decisions
      .allocate as Allocation | undefined;
    const cards = el('div', { class: 'cards', 'data-role': 'cards' });
    const openKeys = new Set(s.undecided().map((u) => u.key));
    for (const item of items) {
      const v = draft.decisions[item.key];
      cards.append(
        decisionCard(item, openKeys.has(item.key) ? undefined : v, {
          ctx,
          events: run.record.events ?? [],
          lastAllocation: lastAlloc ?? null,
          decide: (k, value) => this.decide(k, value),
        }),
      );
    }
    // Several open requests at once (a window brings many): answer them all in one step.
    const openYesNo = s.undecided().filter((i) => i.kind === 'pilot' || i.kind === 'agreement').length;
    const bulk =
      openYesNo >= 2
        ? el('div', { class: 'actions bulk-actions', 'data-role': 'bulk' }, [
            this.button(ctx.t('exercise.play.approveAll'), 'approve-all', () => this.decideAll(true)),
            this.button(ctx.t('exercise.play.rejectAll'), 'reject-all', () => this.decideAll(false)),
          ])
        : null;
    const decisions = el('section', { class: 'decisions', 'aria-labelledby': 'ex-dec-h' }, [
      el('h2', {
        id: 'ex-dec-h',
        text: ctx.t(ex.role === 'centre' ? 'exercise.play.decisionsCentre' : 'exercise.play.decisionsProvince'),
      }),
      bulk,
      items.length === 0 ? el('p', { text: ctx.t('exercise.play.nothing') }) : cards,
    ]);

    const commit = this.button(ctx.t('exercise.play.commit'), 'commit', () => this.commitRound(), 'primary');
    commit.disabled = open > 0;
    const footer = el('div', { class: 'actions play-actions' }, [
      commit,
      el('span', {
        class: 'open-count',
        role: 'status',
        'data-role': 'open-count',
        text: open > 0 ? ctx.t('exercise.play.open', { n: open }) : ctx.t('exercise.play.ready'),
      }),
      this.button(ctx.t('exercise.play.bookmark'), 'bookmark', () => this.bookmark()),
      this.button(ctx.t('exercise.play.leave'), 'leave', () => this.leave()),
    ]);

    this.root.append(header, notice);
    const main = el('div', { class: 'play-grid' });
    const side = el('div', { class: 'play-side' }, [situation, this.objectivesBox(ex)]);
    const centre = el('div', { class: 'play-main' });
    if (ex.role === 'centre' && ex.levers.length > 0)
      centre.append(
        leverForm(ex.levers, s.leversInForce(), draft.levers, ctx, (v) => this.setLevers(v), this.leverNote).root,
      );
    this.leverNote = '';
    centre.append(decisions, footer);
    main.append(centre, side);
    this.root.append(main, this.glossaryBox());
  }

  private renderDebrief(): void {
    const s = this.current!;
    const ex = s.exercise;
    const ctx = this.ctx;
    const run = s.run();
    this.root.append(
      this.heading(ctx.t('exercise.debrief.heading', { title: ctx.pick(ex.title) }), 'debrief-heading'),
      el('p', {
        class: 'meta',
        'data-role': 'checksum',
        'data-checksum': run.checksum,
        text: ctx.t('exercise.debrief.meta', {
          team: this.team || ctx.t('exercise.debrief.noTeam'),
          rounds: s.log().rounds.length,
          checksum: run.checksum,
          seed: ex.seed,
        }),
      }),
      el('p', { class: 'notice', role: 'status', text: this.notice }),
    );
    this.notice = '';
    if (run.record.status === 'failed')
      this.root.append(
        el('p', {
          class: 'issues',
          role: 'alert',
          text: ctx.t('exercise.debrief.failed', { error: run.record.error ?? '' }),
        }),
      );
    const actions = el('div', { class: 'actions debrief-actions', 'data-print': 'hide' }, [
      this.button(ctx.t('exercise.debrief.export'), 'export', () => this.exportResult(), 'primary'),
      this.button(ctx.t('exercise.debrief.print'), 'print', () => window.print()),
      this.button(ctx.t('exercise.debrief.leave'), 'leave', () => this.leave()),
    ]);
    this.root.append(actions);
    if (!this.models) {
      this.shownDebrief = null;
      const [done, total] = this.modelProgress;
      this.root.append(
        el('p', {
          class: 'status',
          role: 'status',
          'data-role': 'model-progress',
          text: this.modelError
            ? ctx.t('exercise.debrief.modelFailed', { error: this.modelError })
            : ctx.t('exercise.debrief.running', { done, total }),
        }),
      );
      return;
    }
    const d = buildDebrief(ex, run, s.log(), s.trail(), this.models);
    this.shownDebrief = d;
    if (this.impacts?.checksum !== run.checksum) this.measureImpacts(s);
    const impacts = this.impacts?.list ?? null;
    this.root.append(
      ...debriefSections({
        exercise: ex,
        debrief: d,
        team: this.team,
        ctx,
        i18n: this.deps.i18n,
        impacts,
        impactMetric: primaryMetric(ex),
      }),
    );
    this.root.append(this.branchSection(s));
  }

  /**
   * Rank the participant's choices by replaying each switched to the model's (a few tens of
   * milliseconds each), after the debrief is on screen; the summary's list is then filled in place.
   */
  private measureImpacts(s: ExerciseSession): void {
    const ex = s.exercise;
    const run = s.run();
    const log = s.log();
    const trail = s.trail();
    const entry: { checksum: string; list: DecisionImpact[] | null } = { checksum: run.checksum, list: null };
    this.impacts = entry;
    // One replay per task, so the page keeps answering while the choices are measured.
    const steps = impactSteps(ex, log, trail, run, primaryMetric(ex));
    void this.track(
      new Promise<void>((resolve) => {
        const finish = (list: DecisionImpact[]) => {
          entry.list = list;
          const node = this.root.querySelector('[data-role="summary-decisions"]');
          if (this.impacts === entry && this.page === 'debrief' && node && this.shownDebrief) {
            const lines = debriefSummary(ex, this.shownDebrief, list, this.ctx).decisions;
            node.replaceChildren(...lines.map((l) => el('li', { text: l })));
          }
          resolve();
        };
        const step = () => {
          if (this.impacts !== entry) return resolve();
          try {
            const r = steps.next();
            if (r.done) finish(r.value);
            else setTimeout(step, 0);
          } catch (err) {
            console.warn('the choices could not be ranked:', err);
            finish([]);
          }
        };
        setTimeout(step, 0);
      }),
    );
  }

  /** "What if": replay from any round of this run, or from a saved point; finished runs side by side. */
  private branchSection(s: ExerciseSession): HTMLElement {
    const ctx = this.ctx;
    const ex = s.exercise;
    const section = el('section', { class: 'panel branches', 'aria-labelledby': 'ex-br-h', 'data-print': 'hide' }, [
      el('h2', { id: 'ex-br-h', text: ctx.t('exercise.branch.heading') }),
      el('p', { class: 'help', text: ctx.t('exercise.branch.help') }),
    ]);
    const selId = uid('round');
    const sel = el('select', { id: selId, 'data-control': 'branch-round' });
    for (let r = 1; r <= s.log().rounds.length; r++)
      sel.append(el('option', { value: r, text: ctx.t('exercise.round.n', { round: r }) }));
    const log = s.log();
    section.append(
      el('div', { class: 'field-row' }, [
        el('label', { for: selId, text: ctx.t('exercise.branch.from') }),
        sel,
        this.button(ctx.t('exercise.branch.replay'), 'branch', () => this.replayFrom(log, Number(sel.value))),
      ]),
    );
    if (this.bookmarks.length > 0) {
      section.append(
        el('h3', { text: ctx.t('exercise.branch.bookmarks') }),
        el(
          'ul',
          {},
          this.bookmarks.map((b, i) =>
            el('li', {}, [
              el('span', { text: `${b.label} ` }),
              this.button(
                ctx.t('exercise.branch.continue'),
                `bookmark-${i}`,
                () => this.replayFrom(b.log, b.log.rounds.length + 1),
                'small',
              ),
            ]),
          ),
        ),
      );
    }
    if (this.finished.length >= 2 && this.models) {
      const runs = this.finished.flatMap((f) => {
        const key = JSON.stringify(f.log);
        try {
          let run = this.replays.get(key);
          if (!run) {
            run = replayExercise(ex, f.log);
            this.replays.set(key, run);
          }
          return [{ label: f.label, run, log: f.log }];
        } catch {
          return [];
        }
      });
      const cmp = compareRuns(ex, runs, this.models);
      section.append(
        el('h3', { text: ctx.t('exercise.branch.compare') }),
        ...comparisonSections(cmp, ex, ctx, this.deps.i18n, ctx.t('exercise.branch.compareCaption')),
      );
    }
    return section;
  }

  private exportResult(): void {
    const s = this.current;
    if (!s) return;
    const file = resultFile(s.exercise, s.run(), s.log(), this.team, this.shownDebrief ?? undefined);
    const name = `${s.exercise.id}-${(this.team || 'result').replace(/[^\p{L}\p{N}-]+/gu, '-').slice(0, 40)}.json`;
    download(new Blob([`${JSON.stringify(file, null, 1)}\n`], { type: 'application/json' }), name);
  }

  private renderWorkshop(): void {
    const ctx = this.ctx;
    const ws = this.workshop;
    const fileId = uid('wsfile');
    const file = el('input', {
      type: 'file',
      id: fileId,
      multiple: true,
      class: 'visually-hidden file-input',
      accept: '.json,application/json',
      'data-control': 'workshop-files',
    });
    file.addEventListener('change', () => void this.track(this.loadTeams(Array.from(file.files ?? []))));
    this.root.append(
      this.heading(ctx.t('exercise.workshop.heading')),
      el('p', { class: 'intro', text: ctx.t('exercise.workshop.intro') }),
      el('div', { class: 'panel file-field', 'data-print': 'hide' }, [
        file,
        el('label', { for: fileId, class: 'button', text: ctx.t('exercise.workshop.files') }),
        this.button(ctx.t('exercise.workshop.clear'), 'workshop-clear', () => {
          this.workshop = { exercise: null, teams: [], problems: [], models: null };
          this.render();
        }),
        this.button(ctx.t('exercise.back'), 'back', () => {
          this.page = 'choose';
          this.render();
        }),
      ]),
      this.issuesBox(ws.problems),
    );
    if (!ws.exercise || ws.teams.length === 0) {
      this.root.append(el('p', { text: ctx.t('exercise.workshop.empty') }));
      return;
    }
    this.root.append(
      el('h2', { text: ctx.pick(ws.exercise.title) }),
      el('p', { class: 'meta', text: this.exerciseMeta(ws.exercise) }),
    );
    if (!ws.models) {
      this.root.append(
        el('p', {
          class: 'status',
          role: 'status',
          'data-role': 'model-progress',
          text: ctx.t('exercise.debrief.running', { done: 0, total: this.replicates }),
        }),
      );
      return;
    }
    const cmp = compareRuns(
      ws.exercise,
      ws.teams.map((t) => ({ label: t.team || ctx.t('exercise.workshop.unnamed'), run: t.run, log: t.log })),
      ws.models,
    );
    this.root.append(
      el('section', { class: 'panel', 'aria-labelledby': 'ex-wsc-h' }, [
        el('h2', { id: 'ex-wsc-h', text: ctx.t('exercise.workshop.compare', { n: ws.teams.length }) }),
        ...comparisonSections(cmp, ws.exercise, ctx, this.deps.i18n, ctx.t('exercise.workshop.caption')),
      ]),
    );
  }

  /** Read teams' result files: each is checked by replaying its log on this device. */
  private async loadTeams(files: File[]): Promise<void> {
    const ws = this.workshop;
    ws.problems = [];
    for (const f of files) {
      try {
        const result = readResult(JSON.parse(await readFileText(f)), ws.exercise ?? undefined);
        ws.exercise ??= result.exercise;
        ws.teams.push(result);
      } catch (err) {
        const lines =
          err instanceof ScenarioError
            ? issueText(err.issues, this.ctx)
            : [err instanceof Error ? err.message : String(err)];
        ws.problems.push(...lines.map((l) => `${f.name}: ${l}`));
      }
    }
    this.render();
    const ex = ws.exercise;
    if (ex && !ws.models) {
      ws.models = await this.runs.get(ex.hash, ex.raw, this.replicates);
      if (this.workshop === ws) this.render();
    }
  }
}

/**
 * Mount the Exercise view in `container`. `deps.i18n` is the app's language state (the view follows
 * its changes); the rest is optional (storage for resuming, a model runner and clock for tests).
 */
export function mountExerciseView(container: HTMLElement, deps: ExerciseDeps): ExerciseViewHandle {
  return new ExerciseView(container, deps);
}
