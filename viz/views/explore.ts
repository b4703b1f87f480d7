// The Explore view's controller: pick or load a scenario, set levers, run it live in the session
// worker and watch the charts fill cycle by cycle (replicate 0 is "the run"; all replicates give the
// bands). It holds the state and the lifecycle; the page (explore/page.ts), the charts
// (explore/charts.ts, drawn by explore/board.ts), the event log (explore/log.ts) and the results and
// files (explore/results.ts) are drawn by their own modules. Work in flight belongs to the session it
// was started for: opening, resetting or disposing aborts that session's AbortController, and what
// comes back for an aborted one is dropped.
// Longer than 400 lines on purpose: opening a session, the play loop, stepping, resetting and the
// results' polling share one state machine (state, busy, pending, the session's AbortController and
// the idle signal); split across files, each part would have to reach into the others' state.
import type { Issue } from '../../sim/engine/errors.ts';
import type { ParamValue } from '../../sim/engine/model.ts';
import { el } from '../dom.ts';
import type { I18n } from '../i18n/index.ts';
import type { ExploreShare } from '../share/url.ts';
import type { Remote } from '../worker/client.ts';
import type { Catalog, ModelInfo, RunOutput, SessionApi, Source } from '../worker/session.ts';
import { buildExplorePage, type ExplorePage } from './explore/page.ts';
import { ExplorePainter, type PaintSource } from './explore/painter.ts';
import { exportRun, saveScenario } from './explore/results.ts';
import { RunData } from './explore/runData.ts';
import { renderControls, type RunState } from './explore/status.ts';
import { wireExplorePage, type ExploreActions } from './explore/wiring.ts';
import { IdleSignal } from './IdleSignal.ts';
import { renderIssues } from './issues.ts';
import { leverPanel, type LeverPanel } from './levers.ts';
import type { ViewHandle } from './view.ts';
import { yieldToMain } from './yieldToMain.ts';

export type { RunState } from './explore/status.ts';

export interface ExploreContext {
  i18n: I18n;
  api: Remote<SessionApi>;
  catalog: Catalog;
  /** Called whenever the shareable state changes (scenario, seed, levers). */
  onShare(share: ExploreShare): void;
}

const SPEEDS = [1, 2, 5, 10, 20, 50, 0];
export { RENDER_INTERVAL_MS } from './explore/painter.ts';

type Named = { id: string; name: string | { en: string; vi: string } };

export class ExploreView implements ViewHandle {
  readonly root: HTMLElement;
  state: RunState = 'loading';
  private readonly ctx: ExploreContext;
  private readonly i18n: I18n;
  private readonly page: ExplorePage;
  private readonly painter: ExplorePainter;
  /** Listeners and work of the view's whole life: aborted by dispose(). */
  private readonly lifetime = new AbortController();
  /** Work for the current session: aborted when it is replaced, reset or closed. */
  private run = new AbortController();
  private readonly idle = new IdleSignal();

  // What runs
  private source: Source = { bundled: 'vn34-2025' };
  private fileName = '';
  private model: ModelInfo | null = null;
  private description: string | { en: string; vi: string } | undefined;
  private baseParams: Record<string, ParamValue> = {};
  private overrides: Record<string, ParamValue> = {};
  private seed = 1;
  private replicates = 5;
  private cycles = 50;
  private speed = 10;
  private sessionId: number | null = null;
  private levers: LeverPanel | null = null;
  /** Levers whose typed value the model cannot take: nothing runs until they are fixed. */
  private readonly invalidLevers = new Set<string>();
  private issues: Issue[] = [];

  // What came back
  private readonly data = new RunData();
  private partnerNames: Named[] = [];
  private output: RunOutput | null = null;
  private lastArrival = 0;

  private announced = '';

  // In flight
  private busy = false;
  /** Operations in flight (opening, resetting, reading a file); the view is idle at 0. */
  private pending = 0;
  private resultsState: 'idle' | 'scheduled' | 'running' = 'idle';
  private resultsDirty = false;

  constructor(host: HTMLElement, ctx: ExploreContext) {
    this.ctx = ctx;
    this.i18n = ctx.i18n;
    this.root = el('section', { class: 'view explore', 'data-view': 'explore', 'aria-labelledby': 'explore-h' });
    host.appendChild(this.root);
    this.page = buildExplorePage(this.root, ctx.catalog, {
      seed: this.seed,
      replicates: this.replicates,
      cycles: this.cycles,
    });
    this.painter = new ExplorePainter(
      this.page,
      this.i18n,
      () => this.paintSource(),
      () => this.renderAll(),
      this.lifetime.signal,
    );
    wireExplorePage(this.page, this.actions(), this.lifetime.signal);
  }

  // ── Wiring the page ───────────────────────────────────────────────────────

  private actions(): ExploreActions {
    return {
      chooseScenario: async (name) => {
        this.overrides = {};
        await this.setSource({ bundled: name });
      },
      loadFile: (file) => this.guard(() => this.readFile(file)),
      setCount: async (which, v) => {
        this[which] = v;
        await this.openSession();
      },
      saveScenario: () => saveScenario(this.ctx.api, this.source, this.overrides),
      resetLevers: async () => {
        this.overrides = {};
        await this.openSession();
      },
      toggleSetup: () => {
        const folded = this.root.classList.toggle('setup-folded');
        this.page.setupToggle.setAttribute('aria-expanded', String(!folded));
        this.page.setupToggle.textContent = this.i18n.t(folded ? 'explore.setupShow' : 'explore.setupHide');
      },
      playOrPause: () => (this.state === 'playing' ? this.pause() : this.play()),
      step: () => this.stepOnce(),
      toEnd: () => this.runToEnd(),
      reset: () => this.reset(),
      setSpeed: (v) => {
        this.speed = v;
      },
      clearPrevious: () => {
        this.painter.previous = null;
        this.page.clearPrevBtn.disabled = true;
        this.painter.optionsChanged();
      },
      holdY: (on) => {
        this.painter.heldY = on ? new Map() : null;
        this.painter.optionsChanged();
      },
      filterLog: (code) => {
        this.painter.log.filter = code;
        this.painter.log.invalidate();
        this.painter.drawLog();
      },
      exportResults: async (kind) => {
        if (this.sessionId !== null && this.model) await exportRun(this.ctx.api, this.sessionId, this.model, kind);
      },
      fail: (err) => this.fail(err),
    };
  }

  // ── Language ──────────────────────────────────────────────────────────────

  /** Re-draw every text in the current language (at once: the person is looking at it). */
  relabel(): void {
    const t = this.i18n.t;
    const p = this.page;
    p.setupToggle.textContent = t(
      this.root.classList.contains('setup-folded') ? 'explore.setupShow' : 'explore.setupHide',
    );
    p.speedSelect.replaceChildren();
    for (const s of SPEEDS)
      p.speedSelect.appendChild(
        el('option', { value: s, text: s === 0 ? t('control.speedMax') : t('control.speedValue', { n: s }) }),
      );
    p.speedSelect.value = String(this.speed);
    const fileOpt = p.scenarioSelect.querySelector('option[value="__file"]');
    if (fileOpt) fileOpt.textContent = t('explore.fileOption', { name: this.fileName });
    this.levers?.relabel();
    this.renderDescription();
    renderIssues(p.issuesBox, this.issues, this.i18n);
    this.painter.log.renderFilter(this.data.events);
    this.painter.log.invalidate();
    this.updateControls();
    this.painter.drawNow();
  }

  // ── Scenario and session ──────────────────────────────────────────────────

  /** Apply a share link (or the defaults): scenario, seed, counts and levers. */
  async applyShare(share: ExploreShare): Promise<void> {
    if (share.seed !== undefined) this.seed = share.seed;
    if (share.replicates !== undefined) this.replicates = share.replicates;
    if (share.cycles !== undefined) this.cycles = share.cycles;
    this.overrides = { ...share.params };
    await this.setSource({ bundled: share.scenario }, true);
  }

  private async readFile(file: File): Promise<void> {
    let raw: unknown;
    try {
      raw = JSON.parse(await file.text());
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      this.showIssues([{ path: '', value: file.name, rule: this.i18n.t('explore.fileUnreadable', { error }) }]);
      return;
    }
    this.fileName = file.name;
    const select = this.page.scenarioSelect;
    let opt = select.querySelector<HTMLOptionElement>('option[value="__file"]');
    if (!opt) {
      opt = el('option', { value: '__file' });
      select.appendChild(opt);
    }
    opt.textContent = this.i18n.t('explore.fileOption', { name: file.name });
    select.value = '__file';
    this.overrides = {};
    await this.setSource({ raw });
  }

  /** Validate a new source; on success rebuild the levers and charts for its model and open a session. */
  setSource(source: Source, keepOverrides = false): Promise<void> {
    return this.guard(() => this.useSource(source, keepOverrides));
  }

  private async useSource(source: Source, keepOverrides: boolean): Promise<void> {
    this.pause();
    this.source = source;
    if ('bundled' in source) this.page.scenarioSelect.value = source.bundled;
    const v = await this.ctx.api.validate(source);
    if (this.lifetime.signal.aborted) return;
    if (!v.ok) {
      this.model = null;
      this.closeSession();
      this.showIssues(v.issues);
      return;
    }
    const scenario = v.value;
    const model = this.ctx.catalog.models[scenario.model]!;
    if (this.model?.id !== model.id && this.cycles > 2000) this.cycles = Math.min(model.defaultCycles, 500);
    this.model = model;
    this.baseParams = scenario.params;
    if (!keepOverrides) this.overrides = {};
    this.description = scenario.description;
    this.renderDescription();
    const provinces = Array.isArray(scenario.data.provinces) ? (scenario.data.provinces as Named[]) : [];
    this.data.units = provinces.map((p) => ({ id: String(p.id), name: String(p.name), type: '' }));
    this.partnerNames = Array.isArray(scenario.data.partners) ? (scenario.data.partners as Named[]) : [];
    this.invalidLevers.clear();
    this.levers = leverPanel(
      this.page.leverHost,
      this.i18n,
      model.params,
      (name, value) => this.onLever(name, value),
      (name, valid) => {
        if (valid) this.invalidLevers.delete(name);
        else {
          this.invalidLevers.add(name);
          this.pause();
        }
        this.updateControls();
      },
    );
    // The levers and the charts' frames are each a task of their own.
    await yieldToMain();
    if (this.lifetime.signal.aborted) return;
    this.painter.setModel(model, this.data.units.length > 0);
    await this.reopen(false);
  }

  private renderDescription(): void {
    this.page.descBox.textContent = this.i18n.pick(this.description);
    this.page.modelBox.textContent = this.model
      ? this.i18n.t('explore.model', { title: this.i18n.pick(this.model.title), version: this.model.version })
      : '';
    this.page.fileName.textContent = 'raw' in this.source ? this.fileName : '';
  }

  private onLever(name: string, value: ParamValue): void {
    // Keep the run so far as the faint comparison (replicate 0 of every metric).
    if (this.model && this.data.cycle > 0) {
      this.painter.previous = new Map(this.model.metrics.map((m, i) => [m.name, this.data.series(i)]));
      this.page.clearPrevBtn.disabled = false;
    }
    if (this.baseParams[name] === value) delete this.overrides[name];
    else this.overrides[name] = value;
    this.openSession(this.state === 'playing').catch((err: unknown) => this.fail(err));
  }

  /** Abort the current session's work and close it in the worker. */
  private closeSession(): AbortSignal {
    this.run.abort();
    this.run = new AbortController();
    if (this.sessionId !== null) this.ctx.api.close(this.sessionId).catch(() => undefined);
    this.sessionId = null;
    return this.run.signal;
  }

  /** (Re)open the run at cycle 0 with the current scenario, levers, seed and counts. */
  openSession(resume = false): Promise<void> {
    return this.guard(() => this.reopen(resume));
  }

  private async reopen(resume: boolean): Promise<void> {
    if (!this.model) return;
    const wasPlaying = resume || this.state === 'playing';
    this.pause();
    const signal = this.closeSession();
    this.page.seedInput.value = String(this.seed);
    this.page.repsInput.value = String(this.replicates);
    this.page.cyclesInput.value = String(this.cycles);
    this.setState('loading');
    const res = await this.ctx.api.open({
      source: this.source,
      params: this.overrides,
      seed: this.seed,
      replicates: this.replicates,
      cycles: this.cycles,
    });
    if (signal.aborted || this.lifetime.signal.aborted) {
      if (res.ok) this.ctx.api.close(res.value.id).catch(() => undefined);
      return;
    }
    if (!res.ok) {
      this.showIssues(res.issues);
      return;
    }
    this.issues = [];
    renderIssues(this.page.issuesBox, this.issues, this.i18n);
    this.sessionId = res.value.id;
    this.cycles = res.value.cycles;
    this.resetData(res.value.detail);
    this.levers?.set(res.value.scenario.params, this.baseParams);
    this.ctx.onShare(this.shareState()!);
    this.setState('ready');
    this.renderAll();
    if (wasPlaying) this.play();
  }

  private resetData(detail: Record<string, unknown> | null): void {
    this.data.reset(this.replicates, this.model!.metrics.length, detail);
    this.output = null;
    this.painter.log.invalidate();
  }

  private shareState(): ExploreShare | null {
    if (!('bundled' in this.source)) return null;
    return {
      view: 'explore',
      scenario: this.source.bundled,
      seed: this.seed,
      replicates: this.replicates,
      cycles: this.cycles,
      params: { ...this.overrides },
    };
  }

  /** The shareable state now (null for a loaded file, which a link cannot carry). */
  share(): ExploreShare | null {
    return this.shareState();
  }

  // ── Running ───────────────────────────────────────────────────────────────

  play(): void {
    const s = this.state;
    if (this.sessionId === null || s === 'done' || s === 'invalid' || s === 'loading' || this.invalidLevers.size > 0)
      return;
    this.setState('playing');
    this.lastArrival = performance.now();
    const signal = this.run.signal;
    let last = performance.now();
    let owed = 0;
    const frame = (now: number) => {
      if (this.state !== 'playing' || signal.aborted || this.lifetime.signal.aborted) return;
      if (!this.busy) {
        let k: number;
        if (this.speed === 0) k = 5;
        else {
          owed += ((now - last) / 1000) * this.speed;
          k = Math.floor(owed);
          owed -= k;
        }
        if (k > 0) this.advance(k).catch((err: unknown) => this.fail(err));
      }
      last = now;
      this.painter.drawStage();
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }

  pause(): void {
    if (this.state === 'playing') this.setState('paused');
  }

  async stepOnce(): Promise<void> {
    this.pause();
    if (this.invalidLevers.size > 0) return;
    await this.advance(1);
  }

  runToEnd(): Promise<void> {
    return this.guard(async () => {
      this.pause();
      if (this.invalidLevers.size > 0) return;
      const signal = this.run.signal;
      while (this.sessionId !== null && this.state !== 'done' && this.state !== 'invalid' && !signal.aborted)
        await this.advance(Math.max(1, Math.min(25, this.cycles - this.data.cycle)));
    });
  }

  reset(): Promise<void> {
    return this.guard(async () => {
      if (this.sessionId === null) return;
      this.pause();
      const id = this.sessionId;
      this.run.abort();
      this.run = new AbortController();
      const signal = this.run.signal;
      const res = await this.ctx.api.reset(id).catch((err: unknown) => {
        if (!signal.aborted && !this.lifetime.signal.aborted) this.fail(err);
        return null;
      });
      if (!res || signal.aborted) return;
      this.resetData(res.detail);
      this.setState('ready');
      this.renderAll();
    });
  }

  /** Take k cycles in the worker and add what comes back. */
  private async advance(k: number): Promise<void> {
    if (this.sessionId === null || this.busy || this.state === 'done') return;
    this.busy = true;
    const signal = this.run.signal;
    try {
      let res: Awaited<ReturnType<SessionApi['step']>>;
      try {
        res = await this.ctx.api.step(this.sessionId, k);
      } catch (err) {
        if (!signal.aborted && !this.lifetime.signal.aborted) this.fail(err);
        return;
      }
      if (signal.aborted || this.lifetime.signal.aborted) return;
      this.data.add(res);
      this.lastArrival = performance.now();
      if (res.done) this.setState('done');
      else if (this.state === 'ready') this.setState('paused');
      this.queueResults();
      this.painter.queue(() => this.settle());
    } finally {
      this.busy = false;
      this.settle();
    }
  }

  /** Fetch the results table's numbers; while playing at most twice a second. */
  private queueResults(): void {
    if (this.resultsState !== 'idle') {
      this.resultsDirty = true;
      return;
    }
    this.resultsState = 'scheduled';
    setTimeout(
      () => {
        this.fetchResults().catch((err: unknown) => this.fail(err));
      },
      this.state === 'playing' ? 500 : 0,
    );
  }

  private async fetchResults(): Promise<void> {
    this.resultsState = 'running';
    this.resultsDirty = false;
    try {
      if (this.sessionId === null || this.lifetime.signal.aborted) return;
      const signal = this.run.signal;
      let out: RunOutput;
      try {
        out = await this.ctx.api.results(this.sessionId);
      } catch (err) {
        // The session was closed meanwhile (a lever changed): nothing to show. Otherwise say so.
        if (!signal.aborted && !this.lifetime.signal.aborted) this.fail(err);
        return;
      }
      if (signal.aborted || this.lifetime.signal.aborted) return;
      this.output = out;
      this.painter.drawResults();
    } finally {
      this.resultsState = 'idle';
      if (this.resultsDirty) this.queueResults();
      else this.settle();
    }
  }

  /** Count an operation as in flight until it ends. */
  private async guard<T>(f: () => Promise<T>): Promise<T> {
    this.pending++;
    try {
      return await f();
    } finally {
      this.pending--;
      this.settle();
    }
  }

  // ── Drawing ───────────────────────────────────────────────────────────────

  private paintSource(): PaintSource {
    return {
      model: this.model,
      data: this.data,
      cycles: this.cycles,
      replicates: this.replicates,
      playing: this.state === 'playing',
      speed: this.speed,
      lastArrival: this.lastArrival,
      output: this.output,
      partners: this.partnerNames,
    };
  }

  /** Redraw what changed: the controls at once, then (over several tasks) the charts, log and results. */
  renderAll(): void {
    if (!this.model) return;
    this.updateControls();
    this.painter.draw(
      () => this.settle(),
      (err) => this.fail(err),
    );
  }

  // ── State and idle ────────────────────────────────────────────────────────

  private setState(s: RunState): void {
    this.state = s;
    this.root.dataset.state = s;
    this.updateControls();
    this.settle();
  }

  /** Resolves when nothing is in flight (tests wait on this). */
  whenIdle(): Promise<void> {
    const idle = this.idle.wait(true);
    this.settle();
    return idle;
  }

  private settle(): void {
    const idle =
      this.pending === 0 &&
      !this.busy &&
      this.painter.idle &&
      this.resultsState === 'idle' &&
      this.state !== 'loading' &&
      this.state !== 'playing';
    if (idle) this.idle.release();
  }

  private updateControls(): void {
    const run = {
      state: this.state,
      cycle: this.data.cycle,
      cycles: this.cycles,
      errors: this.data.errors,
      invalid: [...this.invalidLevers],
    };
    this.announced = renderControls(this.page, this.i18n, run, this.announced);
    this.root.dataset.cycle = String(this.data.cycle);
  }

  private showIssues(issues: Issue[]): void {
    this.issues = issues;
    this.setState('invalid');
    renderIssues(this.page.issuesBox, this.issues, this.i18n);
  }

  /** A worker call failed for a reason other than a newer request: show it, stop the run. */
  private fail(err: unknown): void {
    if (this.lifetime.signal.aborted) return;
    this.showIssues([{ path: '', value: undefined, rule: err instanceof Error ? err.message : String(err) }]);
  }

  /** What the charts hold, for tests and the data tables: replicate 0's series by metric name. */
  seriesOf(metric: string, replicate = 0): number[] {
    const i = this.model ? this.model.metrics.findIndex((m) => m.name === metric) : -1;
    return this.data.series(i, replicate);
  }

  dispose(): void {
    this.pause();
    this.closeSession();
    this.lifetime.abort();
  }
}
