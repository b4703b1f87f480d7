// The Experiment view's controller: build a design (or pick a bundled experiment, or load a file),
// run it on the experiment engine's Web Worker pool with progress, ETA and cancel (an
// AbortController per sweep), keep every finished run in IndexedDB (a reload resumes without
// recomputing), and show the results. The page (experiment/page.ts), the design form
// (experiment/builderForm.ts, over sim/experiment/builder.ts), the kept sweep's run
// (experiment/keptSweep.ts), the kept-sweeps list (experiment/resume.ts) and the results
// (experiment/results.ts) are their own modules.
// Longer than 400 lines on purpose: the source (builder, bundled, file, manifest), its validation,
// the share link and the sweep's lifecycle (run, cancel, resume by itself, fail) share one state
// (source, experiment, state, abort, auto-resume) that the parts above only read.
import { printable, ScenarioError, type Issue } from '../../sim/engine/errors.ts';
import { BUNDLED_EXPERIMENTS } from '../../sim/experiment/bundled.ts';
import { builderExperiment, defaultBuilder, DESIGNS, type DesignKind } from '../../sim/experiment/builder.ts';
import { experimentDerived, finalKeys, resolveExperiment, type Experiment } from '../../sim/experiment/experiment.ts';
import { MANIFEST_KIND, readManifest } from '../../sim/experiment/manifest.ts';
import { csvHeader, csvLine, type Row } from '../../sim/experiment/rows.ts';
import { sweepRuns, type SweepOutcome } from '../../sim/experiment/sweep.ts';
import { BUNDLED_SCENARIOS } from '../../sim/scenarios.ts';
import { clear, el } from '../dom.ts';
import { download } from '../export/image.ts';
import type { I18n } from '../i18n/index.ts';
import type { ExperimentShare, ShareProblem } from '../share/url.ts';
import { SweepStore, type SweepInfo } from '../sweep/store.ts';
import { modelOfScenario, registryOf, renderBuilderForm } from './experiment/builderForm.ts';
import { runKeptSweep } from './experiment/keptSweep.ts';
import { buildExperimentPage, type ExperimentPage } from './experiment/page.ts';
import { renderAutoResume, renderKeptSweeps, RunningMark, setAsideText, type SetAside } from './experiment/resume.ts';
import { ExperimentResults } from './experiment/results.ts';
import { applyI18n } from './i18nDom.ts';
import { IdleSignal } from './IdleSignal.ts';
import { renderIssues } from './issues.ts';
import type { ViewHandle } from './view.ts';

export type ExperimentState = 'idle' | 'running' | 'done' | 'cancelled' | 'invalid' | 'failed';

export interface ExperimentOptions {
  i18n: I18n;
  /** IndexedDB database name (tests use their own). */
  dbName?: string;
  /** Pool size (default: the browser's core count). */
  workers?: number;
  /** The design as a share link's state, after every change (the app writes it to the address bar). */
  onShare?(share: ExperimentShare): void;
}

function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

export class ExperimentView implements ViewHandle {
  readonly root: HTMLElement;
  state: ExperimentState = 'idle';
  private readonly i18n: I18n;
  private readonly options: ExperimentOptions;
  private readonly store: SweepStore;
  private readonly page: ExperimentPage;
  private readonly results: ExperimentResults;
  private readonly running: RunningMark;
  /** Listeners and work of the view's whole life: aborted by dispose(). */
  private readonly lifetime = new AbortController();
  private builder = defaultBuilder();
  /** 'builder', a bundled experiment's name, or 'file'. */
  private source = 'builder';
  private fileRaw: unknown = null;
  private fileName = '';
  /** The results checksum of a loaded manifest, to say whether the rerun reproduces it. */
  private expected: string | null = null;
  private issues: Issue[] = [];
  private experiment: Experiment | null = null;
  private outcome: (SweepOutcome & { rows: Row[] }) | null = null;
  /** The sweep running now: Cancel aborts it. */
  private abort: AbortController | null = null;
  private readonly idle = new IdleSignal();
  /** The interrupted sweep being resumed by itself (at most once per page). */
  private auto: SweepInfo | null = null;
  private autoTried = false;
  /** What was found damaged in the kept sweeps and set aside (IndexedDB is checked like a file). */
  private setAside: SetAside = { sweeps: 0, results: null };

  constructor(host: HTMLElement, options: ExperimentOptions) {
    this.i18n = options.i18n;
    this.options = options;
    this.store = new SweepStore(options.dbName);
    this.running = new RunningMark(options.dbName);
    this.page = buildExperimentPage();
    this.root = this.page.root;
    this.results = new ExperimentResults(this.page.resultsHost, this.i18n);
    const p = this.page;
    const signal = this.lifetime.signal;
    p.sourceSelect.addEventListener(
      'change',
      () => {
        this.source = p.sourceSelect.value;
        if (this.source !== 'file') this.expected = null;
        this.refresh();
      },
      { signal },
    );
    p.fileInput.addEventListener(
      'change',
      () => {
        const f = p.fileInput.files?.[0];
        if (f) this.loadFile(f).catch((err: unknown) => this.showFailure(err));
      },
      { signal },
    );
    p.runBtn.addEventListener('click', () => this.startRun(), { signal });
    p.cancelBtn.addEventListener('click', () => this.cancel(), { signal });
    p.exportCsv.addEventListener('click', () => this.exportRows('csv'), { signal });
    p.exportJson.addEventListener('click', () => this.exportRows('json'), { signal });
    p.saveBtn.addEventListener('click', () => this.saveFile(), { signal });
    host.appendChild(this.root);
    applyI18n(this.root, this.i18n);
    this.renderSources();
    this.refresh();
    this.listKept();
  }

  // ── Source and builder ────────────────────────────────────────────────────

  private renderSources(): void {
    const t = this.i18n.t;
    clear(this.page.sourceSelect);
    this.page.sourceSelect.appendChild(el('option', { value: 'builder', text: t('experiment.builder') }));
    for (const name of Object.keys(BUNDLED_EXPERIMENTS))
      this.page.sourceSelect.appendChild(el('option', { value: name, text: name }));
    if (this.fileRaw !== null)
      this.page.sourceSelect.appendChild(
        el('option', { value: 'file', text: t('explore.fileOption', { name: this.fileName }) }),
      );
    this.page.sourceSelect.value = this.source;
  }

  private async loadFile(file: File): Promise<void> {
    this.expected = null;
    try {
      const doc: unknown = JSON.parse(await file.text());
      const kind = doc as { kind?: unknown; manifest?: { kind?: unknown } } | null;
      if (
        kind !== null &&
        typeof kind === 'object' &&
        (kind.kind === MANIFEST_KIND || kind.manifest?.kind === MANIFEST_KIND)
      ) {
        // A sweep manifest: run the experiment it embeds (with its scenario) and check the checksum.
        const m = readManifest(doc);
        this.fileRaw = { ...m.experiment, scenario: m.scenario };
        if (m.results.complete && !m.series && m.shard === null) this.expected = m.results.checksum;
      } else this.fileRaw = doc;
    } catch (err) {
      if (err instanceof ScenarioError) {
        this.fileRaw = null;
        this.issues = err.issues;
        renderIssues(this.page.issuesBox, this.issues, this.i18n);
        return;
      }
      this.fileRaw = null;
      this.issues = [
        {
          path: '',
          value: file.name,
          rule: this.i18n.t('explore.fileUnreadable', { error: err instanceof Error ? err.message : String(err) }),
        },
      ];
      renderIssues(this.page.issuesBox, this.issues, this.i18n);
      return;
    }
    this.fileName = file.name;
    this.source = 'file';
    this.renderSources();
    this.refresh();
  }

  /** The experiment JSON of the current source. */
  currentRaw(): unknown {
    if (this.source === 'builder') return builderExperiment(this.builder, registryOf(this.builder));
    if (this.source === 'file') return this.fileRaw;
    return BUNDLED_EXPERIMENTS[this.source];
  }

  /**
   * Validate the current source and show its JSON, size and problems; `rebuild` redraws the form
   * too (only when its structure changed: redrawing removes the input being edited).
   */
  private refresh(rebuild = true): void {
    if (rebuild) {
      this.page.builderHost.hidden = this.source !== 'builder';
      if (this.source === 'builder')
        renderBuilderForm(this.page.builderHost, this.i18n, this.builder, (r) => this.refresh(r));
      else this.page.builderHost.replaceChildren();
    }
    const raw = this.currentRaw();
    try {
      this.page.preview.textContent = JSON.stringify(raw, null, 1);
    } catch {
      this.page.preview.textContent = ''; // too deep to print; resolveExperiment names the problem
    }
    try {
      this.experiment = resolveExperiment(raw);
      this.issues = [];
      const e = this.experiment;
      this.page.sizeText.textContent = this.i18n.t('experiment.size', {
        points: e.design.size,
        replicates: e.replicates,
        runs: sweepRuns(e),
      });
      // Derived metrics' expressions are checked by mathjs, loaded on first use (hence async).
      if (e.derived.length > 0)
        experimentDerived(e).catch((err: unknown) => {
          if (this.experiment !== e) return;
          this.experiment = null;
          this.issues = err instanceof ScenarioError ? err.issues : [{ path: 'derived', value: '', rule: String(err) }];
          renderIssues(this.page.issuesBox, this.issues, this.i18n);
          this.page.runBtn.disabled = true;
        });
    } catch (err) {
      this.experiment = null;
      this.issues =
        err instanceof ScenarioError
          ? err.issues
          : [{ path: '', value: undefined, rule: err instanceof Error ? err.message : String(err) }];
      this.page.sizeText.textContent = '';
    }
    renderIssues(this.page.issuesBox, this.issues, this.i18n);
    this.page.runBtn.disabled = this.state === 'running' || this.experiment === null;
    this.options.onShare?.(this.share());
  }

  /** The design as a share link's state: a bundled experiment by name, or the whole builder. */
  share(): ExperimentShare {
    if (this.source !== 'builder' && this.source !== 'file') return { view: 'experiment', source: this.source };
    const b = this.builder;
    return {
      view: 'experiment',
      scenario: b.scenario,
      seed: b.seed,
      replicates: b.replicates,
      cycles: b.cycles,
      design: b.type,
      levers: b.params.map((p) => ({ ...p })),
      samples: b.samples,
      trajectories: b.trajectories,
      gridLevels: b.levels,
      metrics: [...b.metrics],
      coherenceMin: b.coherenceMin,
      innovationMin: b.innovationMin,
    };
  }

  /**
   * Restore a design from a link. Only what names a bundled scenario, design type, lever or metric
   * is taken; the rest is listed in the returned problems (the app's notice names them), and the
   * experiment then goes through the same validation as a file.
   */
  applyShare(share: ExperimentShare): ShareProblem[] {
    const problems: ShareProblem[] = [];
    if (share.source !== undefined) {
      if (share.source in BUNDLED_EXPERIMENTS) this.source = share.source;
      else problems.push({ kind: 'ignored', key: 'x', value: share.source });
    } else this.source = 'builder';
    const b = this.builder;
    if (share.scenario !== undefined) {
      if (share.scenario in BUNDLED_SCENARIOS) b.scenario = share.scenario;
      else problems.push({ kind: 'scenario', key: 's', value: share.scenario });
    }
    if (share.design !== undefined) {
      if ((DESIGNS as readonly string[]).includes(share.design)) b.type = share.design as DesignKind;
      else problems.push({ kind: 'ignored', key: 'd', value: share.design });
    }
    if (share.seed !== undefined) b.seed = share.seed;
    if (share.replicates !== undefined) b.replicates = share.replicates;
    if (share.cycles !== undefined) b.cycles = share.cycles;
    if (share.samples !== undefined) b.samples = share.samples;
    if (share.trajectories !== undefined) b.trajectories = share.trajectories;
    if (share.gridLevels !== undefined) b.levels = share.gridLevels;
    const registry = registryOf(this.builder);
    if (share.levers !== undefined) {
      b.params = [];
      for (const p of share.levers) {
        const spec = registry.find((s) => s.name === p.name);
        if (spec && (b.type === 'factorial' || spec.kind !== 'choice')) b.params.push({ ...p });
        else problems.push({ kind: 'ignored', key: 'p', value: `${p.name}:${p.min}:${p.max}:${p.levels}` });
      }
    }
    if (share.metrics !== undefined) {
      const finals = finalKeys(modelOfScenario(b.scenario));
      for (const m of share.metrics) if (!finals.includes(m)) problems.push({ kind: 'ignored', key: 'm', value: m });
      const kept = share.metrics.filter((m) => finals.includes(m));
      if (kept.length > 0) b.metrics = kept;
    }
    if (share.coherenceMin !== undefined) b.coherenceMin = share.coherenceMin;
    if (share.innovationMin !== undefined) b.innovationMin = share.innovationMin;
    this.expected = null;
    this.renderSources();
    this.refresh();
    return problems;
  }

  private saveFile(): void {
    const raw = this.currentRaw();
    if (raw)
      download(
        new Blob([`${JSON.stringify(raw, null, 1)}\n`], { type: 'application/json' }),
        `${String((raw as { name?: unknown }).name ?? 'experiment')}.json`,
      );
  }

  // ── Running, resuming ─────────────────────────────────────────────────────

  /** The kept sweeps, checked; an interrupted one marked as running in this tab resumes by itself. */
  private async renderResume(): Promise<void> {
    let sweeps: SweepInfo[];
    try {
      const listed = await this.store.listChecked();
      sweeps = listed.sweeps;
      if (listed.corrupt.length > 0) {
        // Damaged sweep records are reported and dropped; the others are offered as usual.
        this.setAside.sweeps += listed.corrupt.length;
        for (const id of listed.corrupt) await this.store.remove(id);
        this.renderStoreNotice();
      }
    } catch {
      return; // no IndexedDB (private mode): runs still work, they are not kept
    }
    if (!this.autoTried && this.state !== 'running') {
      // A sweep still marked running when the page starts was cut off by a reload (Cancel and the
      // end of a sweep clear the mark): it goes on by itself from what was kept.
      this.autoTried = true;
      const id = this.running.get();
      const s = sweeps.find((x) => x.id === id && x.done < x.total);
      if (s) {
        this.page.resumeHost.replaceChildren();
        this.auto = s;
        this.renderAuto();
        await this.resume(s);
        return;
      }
      this.running.set(null);
    }
    const shown = this.state === 'running' && this.outcome === null ? [] : sweeps;
    renderKeptSweeps(this.page.resumeHost, this.i18n, shown, {
      open: (s) => {
        this.resume(s).catch((err: unknown) => this.showFailure(err));
      },
      discard: (s) => {
        this.store
          .remove(s.id)
          .then(() => this.renderResume())
          .catch(() => undefined);
      },
    });
  }

  /** The kept sweeps, in the background (a failure leaves the list as it was). */
  private listKept(): void {
    this.renderResume().catch(() => undefined);
  }

  private renderAuto(): void {
    renderAutoResume(this.page.autoHost, this.i18n, this.auto, () => this.cancel());
  }

  private renderStoreNotice(): void {
    this.page.storeNotice.textContent = setAsideText(this.i18n, this.setAside);
  }

  /** Open a kept sweep: run whatever is missing (nothing, when it is complete). */
  async resume(s: SweepInfo): Promise<void> {
    this.expected = null;
    this.fileRaw = s.raw;
    this.fileName = s.name;
    this.source = 'file';
    this.renderSources();
    this.refresh();
    await this.run();
  }

  cancel(): void {
    this.abort?.abort();
  }

  private startRun(): void {
    this.run().catch((err: unknown) => this.showFailure(err));
  }

  /** Run the current experiment, skipping every run already kept for it. */
  async run(): Promise<void> {
    if (this.state === 'running') return;
    this.refresh(false);
    const exp = this.experiment;
    if (!exp) {
      this.setState('invalid');
      return;
    }
    // Cancel works from the first moment, also while kept results are still being read.
    this.abort = new AbortController();
    this.setState('running');
    try {
      await this.sweep(exp, this.abort.signal);
    } catch (err) {
      // Whatever went wrong, the view does not stay "running" with Run disabled.
      this.abort = null;
      this.showFailure(err);
      if (!this.lifetime.signal.aborted) this.running.set(null);
      await this.renderResume();
    }
  }

  private showFailure(err: unknown): void {
    this.page.progressText.textContent = this.i18n.t('experiment.failed', {
      error: printable(err instanceof Error ? err.message : String(err), 300),
    });
    this.setState('failed');
  }

  private async sweep(exp: Experiment, signal: AbortSignal): Promise<void> {
    this.page.progress.value = 0;
    const start = performance.now();
    let shown = 0;
    const outcome = await runKeptSweep(exp, {
      store: this.store,
      ...(this.options.workers ? { workers: this.options.workers } : {}),
      signal,
      onKept: (id) => this.running.set(id),
      onSetAside: (issues, count) => {
        this.setAside.results = { name: exp.name, issues, count };
        this.renderStoreNotice();
      },
      onProgress: (d, n, startDone) => {
        // The DOM at most ten times a second (a sweep can deliver thousands of results a second).
        const now = performance.now();
        if (d < n && d > startDone && now - shown < 100) return;
        shown = now;
        this.page.progress.max = n;
        this.page.progress.value = d;
        const rate = (d - startDone) / Math.max(1, performance.now() - start);
        const eta = rate > 0 ? formatDuration((n - d) / rate) : '–';
        this.page.progressText.textContent = this.i18n.t('experiment.progress', {
          done: d,
          total: n,
          percent: Math.floor((100 * d) / Math.max(1, n)),
          eta,
        });
      },
    });
    performance.mark('concerto:sweep-end');
    this.abort = null;
    // The page going away (dispose) leaves the mark, so the next page resumes the sweep.
    if (!this.lifetime.signal.aborted) this.running.set(null);
    this.outcome = outcome;
    // The results are drawn one part per task before the view says it is done.
    await this.results.renderInParts(ExperimentResults.dataOf(outcome, exp), this.lifetime.signal);
    performance.mark('concerto:results-drawn');
    this.setState(outcome.manifest.results.complete ? 'done' : 'cancelled');
    if (this.expected && this.source === 'file' && outcome.manifest.results.complete) {
      const same = outcome.manifest.results.checksum === this.expected;
      const note = this.i18n.t(same ? 'experiment.reproduced' : 'experiment.notReproduced', {
        checksum: this.expected,
      });
      this.page.progressText.textContent = `${this.page.progressText.textContent ?? ''} ${note}`;
      this.root.dataset.reproduced = same ? 'true' : 'false';
    }
    await this.renderResume();
  }

  private setState(s: ExperimentState): void {
    this.state = s;
    this.root.dataset.state = s;
    this.page.runBtn.disabled = s === 'running' || this.experiment === null;
    this.page.cancelBtn.hidden = s !== 'running';
    this.page.exportCsv.disabled = this.outcome === null || s === 'running';
    this.page.exportJson.disabled = this.outcome === null || s === 'running';
    // The estimate of time left means nothing once the sweep stops: say where it stopped instead.
    const counts = {
      done: this.page.progress.value,
      total: this.page.progress.max,
      percent: Math.floor((100 * this.page.progress.value) / Math.max(1, this.page.progress.max)),
    };
    if (s === 'cancelled') this.page.progressText.textContent = this.i18n.t('experiment.cancelledAt', counts);
    if (s === 'done') this.page.progressText.textContent = this.i18n.t('experiment.progressDone', counts);
    if (s !== 'running' && this.auto) {
      this.auto = null;
      this.renderAuto();
    }
    if (s !== 'running') this.idle.release();
  }

  whenIdle(): Promise<void> {
    return this.idle.wait(this.state === 'running');
  }

  // ── Results and files ─────────────────────────────────────────────────────

  /** The sweep as `concerto sweep` writes it: CSV rows, or { manifest, rows, summary }. */
  sweepText(kind: 'csv' | 'json'): string | null {
    const out = this.outcome;
    if (!out) return null;
    if (kind === 'json') return `${JSON.stringify({ manifest: out.manifest, rows: out.rows, summary: out.summary })}\n`;
    let text = csvHeader(out.columns);
    for (const row of out.rows) text += csvLine(row, out.columns);
    return text;
  }

  private exportRows(kind: 'csv' | 'json'): void {
    const text = this.sweepText(kind);
    if (!text || !this.outcome) return;
    download(
      new Blob([text], { type: kind === 'csv' ? 'text/csv' : 'application/json' }),
      `${this.outcome.manifest.name}.${kind}`,
    );
  }

  relabel(): void {
    applyI18n(this.root, this.i18n);
    this.renderSources();
    this.refresh();
    this.listKept();
    this.renderAuto();
    this.renderStoreNotice();
    if (this.outcome) this.results.render();
  }

  dispose(): void {
    this.lifetime.abort();
    this.cancel();
    this.store.close().catch(() => undefined);
  }
}
