// The Experiment view: build a design (or pick a bundled experiment, or load a file), run it on the
// experiment engine's Web Worker pool with progress, ETA and cancel, keep every finished run in
// IndexedDB (a reload resumes without recomputing), and show the heatmap, the Pareto plane, the
// sensitivity indices, the scenario-discovery box and the tables.
import { canonicalJson } from '../../sim/engine/canonical.ts';
import { formatIssue, printable, ScenarioError, type Issue } from '../../sim/engine/errors.ts';
import { hashHex } from '../../sim/engine/hash.ts';
import type { ParamSpec } from '../../sim/engine/model.ts';
import type { PointSummary } from '../../sim/experiment/aggregate.ts';
import { BUNDLED_EXPERIMENTS } from '../../sim/experiment/bundled.ts';
import { experimentDerived, finalKeys, resolveExperiment, type Experiment } from '../../sim/experiment/experiment.ts';
import type { Analysis } from '../../sim/experiment/analysis.ts';
import { MANIFEST_KIND, readManifest } from '../../sim/experiment/manifest.ts';
import { csvHeader, csvLine, type Row } from '../../sim/experiment/rows.ts';
import { readRunResult } from '../../sim/experiment/runResult.ts';
import type { RunResult } from '../../sim/experiment/runner.ts';
import { sweepRuns, type SweepOutcome } from '../../sim/experiment/sweep.ts';
import { getModel } from '../../sim/models.ts';
import { BUNDLED_SCENARIOS } from '../../sim/scenarios.ts';
import pkg from '../../package.json' with { type: 'json' };
import { clear, el, uid } from '../dom.ts';
import { paramName } from '../exercise/text.ts';
import { download } from '../export/image.ts';
import type { I18n } from '../i18n/index.ts';
import { renderHeatmap } from '../render/heatmap.ts';
import { renderIndices } from '../render/indices.ts';
import { renderPareto } from '../render/pareto.ts';
import { renderTable } from '../render/table.ts';
import { heatmapSpec } from '../specs/heatmap.ts';
import { indicesSpec } from '../specs/indices.ts';
import { OKABE_ITO } from '../specs/palette.ts';
import { paretoSpec } from '../specs/pareto.ts';
import { sobolNotes } from '../specs/sobolNote.ts';
import type { ExperimentShare, ShareProblem } from '../share/url.ts';
import { assembleSweep, resumeSweep } from '../sweep/resumable.ts';
import { SweepStore, type SweepInfo } from '../sweep/store.ts';
import { createBrowserPool } from '../worker/pool.ts';
import { chartFrame, type ChartFrame } from './frame.ts';
import { applyI18n } from './i18nDom.ts';
import { issueLines } from './issues.ts';
import { IdleSignal } from './IdleSignal.ts';

type DesignKind = 'factorial' | 'lhs' | 'sobol' | 'morris';
const DESIGNS: DesignKind[] = ['factorial', 'lhs', 'sobol', 'morris'];

interface BuilderParam {
  name: string;
  min: number;
  max: number;
  levels: number;
}

interface Builder {
  scenario: string;
  seed: number;
  replicates: number;
  cycles: number;
  type: DesignKind;
  params: BuilderParam[];
  samples: number;
  trajectories: number;
  levels: number;
  metrics: string[];
  coherenceMin: string;
  innovationMin: string;
}

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

/** Evenly spaced levels from min to max (whole numbers for integer parameters, without repeats). */
export function levelsOf(spec: ParamSpec | undefined, min: number, max: number, n: number): (number | string)[] {
  if (spec?.kind === 'choice') return [...(spec.choices ?? [])];
  if (n <= 1 || min === max) return [min];
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    let v = min + ((max - min) * k) / (n - 1);
    v = spec?.kind === 'integer' ? Math.round(v) : Number(v.toPrecision(6));
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/**
 * A sweep's name from what it varies, so kept sweeps and their banners are told apart: scenario,
 * design and levers ("stylized-12-factorial-autonomy-monitoring"), within the file format's
 * 1–64 characters of letters, digits, ".", "_" or "-".
 */
export function builderName(b: Builder): string {
  const name = [b.scenario, b.type, ...b.params.map((p) => p.name)]
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, 64)
    .replace(/-+$/, '');
  return name === '' ? 'app-experiment' : name;
}

/** The experiment file a builder describes (docs/formats.md §7). */
export function builderExperiment(b: Builder, registry: readonly ParamSpec[]): Record<string, unknown> {
  const spec = (n: string) => registry.find((p) => p.name === n);
  let design: Record<string, unknown>;
  if (b.type === 'factorial') {
    design = {
      type: 'factorial',
      parameters: Object.fromEntries(b.params.map((p) => [p.name, levelsOf(spec(p.name), p.min, p.max, p.levels)])),
    };
  } else {
    const ranges = Object.fromEntries(b.params.map((p) => [p.name, { min: p.min, max: p.max }]));
    design =
      b.type === 'lhs'
        ? { type: 'lhs', samples: b.samples, parameters: ranges }
        : b.type === 'sobol'
          ? { type: 'sobol', samples: b.samples, parameters: ranges }
          : { type: 'morris', trajectories: b.trajectories, levels: b.levels, parameters: ranges };
  }
  const criterion: Record<string, { min: number }> = {};
  if (b.coherenceMin.trim() !== '' && b.metrics.includes('coherence'))
    criterion.coherence = { min: Number(b.coherenceMin) };
  if (b.innovationMin.trim() !== '' && b.metrics.includes('innovation'))
    criterion.innovation = { min: Number(b.innovationMin) };
  return {
    formatVersion: 1,
    name: builderName(b),
    scenario: b.scenario,
    seed: b.seed,
    replicates: b.replicates,
    cycles: b.cycles,
    design,
    metrics: b.metrics,
    ...(Object.keys(criterion).length > 0 ? { analysis: { criterion } } : {}),
  };
}

function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

export class ExperimentView {
  readonly root: HTMLElement;
  state: ExperimentState = 'idle';
  private i18n: I18n;
  private options: ExperimentOptions;
  private store: SweepStore;
  private builder: Builder = {
    scenario: 'vn34-2025',
    seed: 1,
    replicates: 5,
    cycles: 50,
    type: 'factorial',
    params: [
      { name: 'autonomy', min: 0, max: 1, levels: 5 },
      { name: 'monitoring', min: 0, max: 0.6, levels: 3 },
    ],
    samples: 16,
    trajectories: 4,
    levels: 4,
    metrics: ['coherence', 'innovation', 'value', 'pilotsApproved'],
    coherenceMin: '',
    innovationMin: '',
  };
  /** 'builder', a bundled experiment's name, or 'file'. */
  private source = 'builder';
  private fileRaw: unknown = null;
  private fileName = '';
  /** The results checksum of a loaded manifest, to say whether the rerun reproduces it. */
  private expected: string | null = null;
  private issues: Issue[] = [];
  private experiment: Experiment | null = null;
  private outcome: (SweepOutcome & { rows: Row[] }) | null = null;
  private abort: AbortController | null = null;
  private idle = new IdleSignal();
  private frames = new Map<string, ChartFrame>();
  private heat = { x: '', y: '', metric: '' };
  private indexMetric = '';

  private sourceSelect: HTMLSelectElement;
  private fileInput: HTMLInputElement;
  private builderHost: HTMLElement;
  private preview: HTMLElement;
  private issuesBox: HTMLElement;
  private sizeText: HTMLElement;
  private runBtn: HTMLButtonElement;
  private cancelBtn: HTMLButtonElement;
  private progress: HTMLProgressElement;
  private progressText: HTMLElement;
  private resumeHost: HTMLElement;
  /** Says that an interrupted sweep is resuming by itself, with a way to stop it. */
  private autoHost: HTMLElement;
  /** The interrupted sweep being resumed by itself (at most once per page). */
  private auto: SweepInfo | null = null;
  private autoTried = false;
  private disposed = false;
  /** What was found damaged in the kept sweeps and set aside (IndexedDB is checked like a file). */
  private storeNotice: HTMLElement;
  private setAside: { sweeps: number; results: { name: string; issues: Issue[]; count: number } | null } = {
    sweeps: 0,
    results: null,
  };
  private resultsHost: HTMLElement;
  private exportCsv: HTMLButtonElement;
  private exportJson: HTMLButtonElement;

  constructor(host: HTMLElement, options: ExperimentOptions) {
    this.i18n = options.i18n;
    this.options = options;
    this.store = new SweepStore(options.dbName);
    const srcId = uid('exp-src');
    this.sourceSelect = el('select', { id: srcId, 'data-control': 'experiment-source' });
    this.sourceSelect.addEventListener('change', () => {
      this.source = this.sourceSelect.value;
      if (this.source !== 'file') this.expected = null;
      this.refresh();
    });
    const fileId = uid('exp-file');
    this.fileInput = el('input', {
      type: 'file',
      id: fileId,
      class: 'visually-hidden file-input',
      accept: '.json,application/json',
      'data-control': 'experiment-file',
    });
    this.fileInput.addEventListener('change', () => {
      const f = this.fileInput.files?.[0];
      if (f) void this.loadFile(f);
    });
    this.builderHost = el('div', { class: 'builder', 'data-role': 'builder' });
    this.preview = el('pre', { class: 'experiment-json', 'data-role': 'experiment-json', tabindex: 0 });
    this.issuesBox = el('div', { class: 'issues', role: 'alert', 'data-role': 'experiment-issues' });
    this.sizeText = el('p', { class: 'help', 'data-role': 'experiment-size' });
    this.runBtn = el('button', {
      type: 'button',
      class: 'primary',
      'data-control': 'experiment-run',
      'data-i18n': 'experiment.run',
    });
    this.runBtn.addEventListener('click', () => void this.run());
    this.cancelBtn = el('button', {
      type: 'button',
      'data-control': 'experiment-cancel',
      'data-i18n': 'compare.cancel',
      hidden: true,
    });
    this.cancelBtn.addEventListener('click', () => this.cancel());
    this.progress = el('progress', { max: 1, value: 0, 'data-role': 'experiment-progress' });
    this.progressText = el('span', {
      class: 'cycle-text',
      role: 'status',
      'aria-live': 'polite',
      'data-role': 'experiment-progress-text',
    });
    this.resumeHost = el('div', { class: 'resume', 'data-role': 'experiment-resume' });
    this.autoHost = el('p', {
      class: 'resume-auto',
      role: 'status',
      'data-role': 'experiment-auto-resume',
      hidden: true,
    });
    this.storeNotice = el('p', { class: 'help store-notice', role: 'status', 'data-role': 'experiment-store-notice' });
    this.resultsHost = el('div', { class: 'compare-charts', 'data-role': 'experiment-results' });
    this.exportCsv = el('button', {
      type: 'button',
      class: 'small',
      'data-control': 'experiment-csv',
      'data-i18n': 'experiment.csv',
      disabled: true,
    });
    this.exportJson = el('button', {
      type: 'button',
      class: 'small',
      'data-control': 'experiment-json',
      'data-i18n': 'results.json',
      disabled: true,
    });
    this.exportCsv.addEventListener('click', () => this.exportRows('csv'));
    this.exportJson.addEventListener('click', () => this.exportRows('json'));
    const save = el('button', {
      type: 'button',
      class: 'small',
      'data-control': 'experiment-save',
      'data-i18n': 'experiment.save',
    });
    save.addEventListener('click', () => {
      const raw = this.currentRaw();
      if (raw)
        download(
          new Blob([`${JSON.stringify(raw, null, 1)}\n`], { type: 'application/json' }),
          `${String((raw as { name?: unknown }).name ?? 'experiment')}.json`,
        );
    });
    this.root = el(
      'section',
      { class: 'view experiment', 'data-view': 'experiment', 'aria-labelledby': 'experiment-h', hidden: true },
      [
        el('h1', { id: 'experiment-h', 'data-i18n': 'experiment.heading' }),
        el('p', { class: 'help', 'data-i18n': 'experiment.help' }),
        this.autoHost,
        this.resumeHost,
        this.storeNotice,
        el('div', { class: 'experiment-setup' }, [
          el('section', { class: 'panel', 'aria-labelledby': 'exp-design-h' }, [
            el('h2', { id: 'exp-design-h', 'data-i18n': 'experiment.design' }),
            el('div', { class: 'field' }, [
              el('label', { for: srcId, 'data-i18n': 'experiment.source' }),
              this.sourceSelect,
            ]),
            el('div', { class: 'field file-field' }, [
              this.fileInput,
              el('label', { for: fileId, class: 'button', 'data-i18n': 'experiment.file' }),
            ]),
            this.builderHost,
          ]),
          el('section', { class: 'panel', 'aria-labelledby': 'exp-json-h' }, [
            el('h2', { id: 'exp-json-h', 'data-i18n': 'experiment.file.title' }),
            this.issuesBox,
            this.sizeText,
            this.preview,
            save,
          ]),
        ]),
        el('div', { class: 'toolbar' }, [
          this.runBtn,
          this.cancelBtn,
          this.progress,
          this.progressText,
          this.exportCsv,
          this.exportJson,
        ]),
        this.resultsHost,
      ],
    );
    host.appendChild(this.root);
    applyI18n(this.root, this.i18n);
    this.renderSources();
    this.refresh();
    void this.renderResume();
  }

  // ── Source and builder ────────────────────────────────────────────────────

  private renderSources(): void {
    const t = this.i18n.t;
    clear(this.sourceSelect);
    this.sourceSelect.appendChild(el('option', { value: 'builder', text: t('experiment.builder') }));
    for (const name of Object.keys(BUNDLED_EXPERIMENTS))
      this.sourceSelect.appendChild(el('option', { value: name, text: name }));
    if (this.fileRaw !== null)
      this.sourceSelect.appendChild(
        el('option', { value: 'file', text: t('explore.fileOption', { name: this.fileName }) }),
      );
    this.sourceSelect.value = this.source;
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
        this.renderIssues();
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
      this.renderIssues();
      return;
    }
    this.fileName = file.name;
    this.source = 'file';
    this.renderSources();
    this.refresh();
  }

  private registry(): readonly ParamSpec[] {
    const raw = BUNDLED_SCENARIOS[this.builder.scenario] as { model?: string } | undefined;
    return getModel(raw?.model ?? 'governance')?.params ?? [];
  }

  /** The experiment JSON of the current source. */
  currentRaw(): unknown {
    if (this.source === 'builder') return builderExperiment(this.builder, this.registry());
    if (this.source === 'file') return this.fileRaw;
    return BUNDLED_EXPERIMENTS[this.source];
  }

  /**
   * Validate the current source and show its JSON, size and problems; `rebuild` redraws the form
   * too (only when its structure changed: redrawing removes the input being edited).
   */
  private refresh(rebuild = true): void {
    if (rebuild) this.renderBuilder();
    const raw = this.currentRaw();
    try {
      this.preview.textContent = JSON.stringify(raw, null, 1);
    } catch {
      this.preview.textContent = ''; // too deep to print; resolveExperiment names the problem
    }
    try {
      this.experiment = resolveExperiment(raw);
      this.issues = [];
      const e = this.experiment;
      this.sizeText.textContent = this.i18n.t('experiment.size', {
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
          this.renderIssues();
          this.runBtn.disabled = true;
        });
    } catch (err) {
      this.experiment = null;
      this.issues =
        err instanceof ScenarioError
          ? err.issues
          : [{ path: '', value: undefined, rule: err instanceof Error ? err.message : String(err) }];
      this.sizeText.textContent = '';
    }
    this.renderIssues();
    this.runBtn.disabled = this.state === 'running' || this.experiment === null;
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
      if ((DESIGNS as string[]).includes(share.design)) b.type = share.design as DesignKind;
      else problems.push({ kind: 'ignored', key: 'd', value: share.design });
    }
    if (share.seed !== undefined) b.seed = share.seed;
    if (share.replicates !== undefined) b.replicates = share.replicates;
    if (share.cycles !== undefined) b.cycles = share.cycles;
    if (share.samples !== undefined) b.samples = share.samples;
    if (share.trajectories !== undefined) b.trajectories = share.trajectories;
    if (share.gridLevels !== undefined) b.levels = share.gridLevels;
    const registry = this.registry();
    if (share.levers !== undefined) {
      b.params = [];
      for (const p of share.levers) {
        const spec = registry.find((s) => s.name === p.name);
        if (spec && (b.type === 'factorial' || spec.kind !== 'choice')) b.params.push({ ...p });
        else problems.push({ kind: 'ignored', key: 'p', value: `${p.name}:${p.min}:${p.max}:${p.levels}` });
      }
    }
    if (share.metrics !== undefined) {
      const finals = finalKeys(getModel((BUNDLED_SCENARIOS[b.scenario] as { model?: string }).model ?? 'governance')!);
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

  private renderIssues(): void {
    clear(this.issuesBox);
    if (this.issues.length === 0) return;
    this.issuesBox.appendChild(el('p', { text: this.i18n.t('explore.issuesTitle') }));
    const ul = el('ul');
    for (const l of issueLines(this.issues, this.i18n)) ul.appendChild(el('li', { 'data-path': l.path, text: l.text }));
    this.issuesBox.appendChild(ul);
  }

  private renderBuilder(): void {
    clear(this.builderHost);
    this.builderHost.hidden = this.source !== 'builder';
    if (this.source !== 'builder') return;
    const t = this.i18n.t;
    const b = this.builder;
    const registry = this.registry();
    const pn = (n: string) => paramName(this.i18n.lang, n);
    const field = (key: string, input: HTMLElement) =>
      el('div', { class: 'field' }, [el('label', { for: input.id, text: t(key) }), input]);
    const numberInput = (
      control: string,
      value: number,
      min: number,
      max: number,
      set: (v: number) => void,
      step: number | 'any' = 1,
    ) => {
      const input = el('input', { type: 'number', id: uid(control), value, min, max, step, 'data-control': control });
      input.addEventListener('change', () => {
        const v = Number(input.value);
        if (input.value.trim() === '' || !Number.isFinite(v)) return;
        set(v);
        this.refresh(false);
      });
      return input;
    };
    const scen = el('select', { id: uid('exp-scenario'), 'data-control': 'experiment-scenario' });
    for (const name of Object.keys(BUNDLED_SCENARIOS)) scen.appendChild(el('option', { value: name, text: name }));
    scen.value = b.scenario;
    scen.addEventListener('change', () => {
      b.scenario = scen.value;
      const names = new Set(this.registry().map((p) => p.name));
      b.params = b.params.filter((p) => names.has(p.name));
      const finals = finalKeys(getModel((BUNDLED_SCENARIOS[b.scenario] as { model?: string }).model ?? 'governance')!);
      b.metrics = b.metrics.filter((m) => finals.includes(m));
      if (b.metrics.length === 0) b.metrics = finals.slice(0, 3);
      this.refresh();
    });
    const type = el('select', { id: uid('exp-type'), 'data-control': 'experiment-type' });
    for (const d of DESIGNS) type.appendChild(el('option', { value: d, text: t(`experiment.type.${d}`) }));
    type.value = b.type;
    type.addEventListener('change', () => {
      b.type = type.value as DesignKind;
      if (b.type !== 'factorial')
        b.params = b.params.filter((p) => registry.find((s) => s.name === p.name)?.kind !== 'choice');
      this.refresh();
    });
    const rows = el('div', { class: 'param-rows' });
    b.params.forEach((p, k) => {
      const spec = registry.find((s) => s.name === p.name);
      const ps = el('select', { 'data-control': `experiment-param-${k}`, 'aria-label': t('compare.lever') });
      for (const s of registry)
        if (b.type === 'factorial' || s.kind !== 'choice')
          ps.appendChild(el('option', { value: s.name, text: pn(s.name) }));
      ps.value = p.name;
      ps.addEventListener('change', () => {
        const s = registry.find((x) => x.name === ps.value)!;
        b.params[k] = {
          name: s.name,
          min: s.min ?? 0,
          max: s.max ?? 1,
          levels: s.kind === 'choice' ? (s.choices?.length ?? 2) : 3,
        };
        this.refresh();
      });
      const mk = (control: string, label: string, value: number, set: (v: number) => void) => {
        const input = el('input', {
          type: 'number',
          value,
          step: 'any',
          size: 6,
          'data-control': `${control}-${k}`,
          'aria-label': `${pn(p.name)} ${label}`,
        });
        input.addEventListener('change', () => {
          const v = Number(input.value);
          if (input.value.trim() === '' || !Number.isFinite(v)) return;
          set(v);
          this.refresh(false);
        });
        return input;
      };
      const rm = el('button', {
        type: 'button',
        class: 'small',
        text: '×',
        'aria-label': `${t('compare.remove')} ${pn(p.name)}`,
      });
      rm.addEventListener('click', () => {
        b.params.splice(k, 1);
        this.refresh();
      });
      const row = el('div', { class: 'lever-row' }, [ps]);
      if (spec?.kind !== 'choice') {
        row.append(
          el('span', { class: 'range', text: t('experiment.min') }),
          mk('experiment-min', t('experiment.min'), p.min, (v) => {
            p.min = v;
          }),
          el('span', { class: 'range', text: t('experiment.max') }),
          mk('experiment-max', t('experiment.max'), p.max, (v) => {
            p.max = v;
          }),
        );
        if (b.type === 'factorial')
          row.append(
            el('span', { class: 'range', text: t('experiment.levels') }),
            mk('experiment-levels', t('experiment.levels'), p.levels, (v) => {
              p.levels = Math.max(1, Math.round(v));
            }),
          );
      } else
        row.append(
          el('span', { class: 'range', text: (spec.choices ?? []).map((c) => this.i18n.choice(p.name, c)).join(', ') }),
        );
      row.append(rm);
      rows.appendChild(row);
    });
    const add = el('button', {
      type: 'button',
      class: 'small',
      'data-control': 'experiment-add-param',
      text: t('experiment.addParam'),
    });
    add.addEventListener('click', () => {
      const used = new Set(b.params.map((p) => p.name));
      const s =
        registry.find((x) => x.lever && !used.has(x.name)) ??
        registry.find((x) => !used.has(x.name) && x.kind !== 'choice');
      if (!s) return;
      b.params.push({ name: s.name, min: s.min ?? 0, max: s.max ?? 1, levels: 3 });
      this.refresh();
    });
    const sizeFields: HTMLElement[] = [];
    if (b.type === 'lhs' || b.type === 'sobol')
      sizeFields.push(
        field(
          b.type === 'lhs' ? 'experiment.samples' : 'experiment.baseSamples',
          numberInput('experiment-samples', b.samples, 1, 100000, (v) => {
            b.samples = v;
          }),
        ),
      );
    if (b.type === 'morris') {
      sizeFields.push(
        field(
          'experiment.trajectories',
          numberInput('experiment-trajectories', b.trajectories, 2, 10000, (v) => {
            b.trajectories = v;
          }),
        ),
      );
      sizeFields.push(
        field(
          'experiment.gridLevels',
          numberInput('experiment-grid', b.levels, 2, 100, (v) => {
            b.levels = v;
          }),
        ),
      );
    }
    const finals = finalKeys(getModel((BUNDLED_SCENARIOS[b.scenario] as { model?: string }).model ?? 'governance')!);
    const metrics = el('fieldset', { class: 'metric-list' }, [el('legend', { text: t('compare.metrics') })]);
    for (const m of finals) {
      const id = uid('exp-m');
      const box = el('input', { type: 'checkbox', id, value: m, checked: b.metrics.includes(m), 'data-metric': m });
      box.addEventListener('change', () => {
        b.metrics = finals.filter((x) => (x === m ? box.checked : b.metrics.includes(x)));
        this.refresh(false);
      });
      metrics.appendChild(el('span', { class: 'check' }, [box, el('label', { for: id, text: this.i18n.metric(m) })]));
    }
    const crit = (key: string, control: string, value: string, set: (v: string) => void) => {
      const input = el('input', {
        type: 'number',
        id: uid(control),
        value,
        min: 0,
        max: 1,
        step: 'any',
        'data-control': control,
      });
      input.addEventListener('change', () => {
        set(input.value);
        this.refresh(false);
      });
      return field(key, input);
    };
    this.builderHost.append(
      el('div', { class: 'field-row' }, [
        field('explore.scenario', scen),
        field(
          'explore.seed',
          numberInput('experiment-seed', b.seed, 0, 4294967295, (v) => {
            b.seed = v;
          }),
        ),
        field(
          'explore.replicates',
          numberInput('experiment-replicates', b.replicates, 1, 100000, (v) => {
            b.replicates = v;
          }),
        ),
        field(
          'explore.cycles',
          numberInput('experiment-cycles', b.cycles, 1, 100000, (v) => {
            b.cycles = v;
          }),
        ),
      ]),
      el('div', { class: 'field-row' }, [field('experiment.type', type), ...sizeFields]),
      el('p', { class: 'group-title', text: t('experiment.parameters') }),
      rows,
      add,
      metrics,
      el('p', { class: 'group-title', text: t('experiment.criterion') }),
      el('div', { class: 'field-row' }, [
        crit('experiment.coherenceMin', 'experiment-coherence-min', b.coherenceMin, (v) => {
          b.coherenceMin = v;
        }),
        crit('experiment.innovationMin', 'experiment-innovation-min', b.innovationMin, (v) => {
          b.innovationMin = v;
        }),
      ]),
    );
  }

  // ── Running, resuming ─────────────────────────────────────────────────────

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
    clear(this.resumeHost);
    const t = this.i18n.t;
    if (!this.autoTried && this.state !== 'running') {
      // A sweep still marked running when the page starts was cut off by a reload (Cancel and the
      // end of a sweep clear the mark): it goes on by itself from what was kept.
      this.autoTried = true;
      const id = this.runningMark();
      const s = sweeps.find((x) => x.id === id && x.done < x.total);
      if (s) {
        this.auto = s;
        this.renderAuto();
        void this.resume(s);
        return;
      }
      this.mark(null);
    }
    for (const s of sweeps) {
      if (this.state === 'running' && this.outcome === null) continue;
      const complete = s.done >= s.total;
      const open = el('button', {
        type: 'button',
        class: 'small',
        'data-control': `experiment-resume-${s.id}`,
        text: complete ? t('experiment.show') : t('experiment.resume'),
      });
      open.addEventListener('click', () => void this.resume(s));
      const drop = el('button', {
        type: 'button',
        class: 'small',
        'data-control': `experiment-discard-${s.id}`,
        text: t('experiment.discard'),
      });
      drop.addEventListener('click', () => void this.store.remove(s.id).then(() => this.renderResume()));
      this.resumeHost.appendChild(
        el('p', { class: 'resume-item', 'data-sweep': s.id }, [
          t(complete ? 'experiment.kept' : 'experiment.unfinished', { name: s.name, done: s.done, total: s.total }),
          ' ',
          open,
          ' ',
          drop,
        ]),
      );
    }
  }

  private renderAuto(): void {
    clear(this.autoHost);
    const s = this.auto;
    this.autoHost.hidden = s === null;
    if (!s) return;
    const t = this.i18n.t;
    const stop = el('button', {
      type: 'button',
      class: 'small',
      'data-control': 'experiment-auto-stop',
      text: t('experiment.autoStop'),
    });
    stop.addEventListener('click', () => this.cancel());
    this.autoHost.append(
      t('experiment.autoResume', { name: printable(s.name, 80), done: s.done, total: s.total }),
      ' ',
      stop,
    );
  }

  /**
   * Which sweep of this database is running in this tab, kept in sessionStorage so that it survives a
   * reload but not the tab (another tab does not take over the sweep).
   */
  private runningKey(): string {
    return `concerto-running-sweep:${this.options.dbName ?? 'default'}`;
  }

  private runningMark(): string | null {
    try {
      return sessionStorage.getItem(this.runningKey());
    } catch {
      return null;
    }
  }

  private mark(id: string | null): void {
    try {
      if (id === null) sessionStorage.removeItem(this.runningKey());
      else sessionStorage.setItem(this.runningKey(), id);
    } catch {
      // no sessionStorage: an interrupted sweep is offered with a Resume button instead
    }
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
      await this.sweep(exp);
    } catch (err) {
      // Whatever went wrong, the view does not stay "running" with Run disabled.
      this.abort = null;
      this.progressText.textContent = this.i18n.t('experiment.failed', {
        error: printable(err instanceof Error ? err.message : String(err), 300),
      });
      this.setState('failed');
      if (!this.disposed) this.mark(null);
      await this.renderResume();
    }
  }

  /** The kept results of sweep `id` that check out as runs of `exp`; the others are reported and dropped. */
  private async keptResults(id: string, exp: Experiment): Promise<Map<number, RunResult>> {
    const done = new Map<number, RunResult>();
    const issues: Issue[] = [];
    const bad: number[] = [];
    for (const { index, result } of await this.store.results(id)) {
      const r = readRunResult(result, exp, index);
      if (r.ok) done.set(index as number, r.value);
      else {
        issues.push(...r.issues);
        bad.push(index as number);
      }
    }
    if (bad.length > 0) {
      await this.store.removeResults(id, bad);
      this.setAside.results = { name: exp.name, issues, count: bad.length };
      this.renderStoreNotice();
    }
    return done;
  }

  private renderStoreNotice(): void {
    const t = this.i18n.t;
    const parts: string[] = [];
    if (this.setAside.sweeps > 0) parts.push(t('experiment.sweepsSetAside', { count: this.setAside.sweeps }));
    const r = this.setAside.results;
    if (r) {
      const shown = r.issues.slice(0, 3).map(formatIssue).join('; ');
      const more = r.issues.length > 3 ? ` ${t('experiment.andMore', { count: r.issues.length - 3 })}` : '';
      parts.push(
        t('experiment.resultsSetAside', { count: r.count, name: printable(r.name, 80), problems: `${shown}${more}` }),
      );
    }
    this.storeNotice.textContent = parts.join(' ');
  }

  private async sweep(exp: Experiment): Promise<void> {
    const id = hashHex(canonicalJson(exp.raw));
    const total = sweepRuns(exp);
    this.progress.value = 0;
    let done = new Map<number, RunResult>();
    let keep = true;
    try {
      const list = await this.store.list();
      if (!list.some((x) => x.id === id))
        await this.store.begin({ id, name: exp.name, raw: exp.raw, total, created: Date.now() });
      done = await this.keptResults(id, exp);
    } catch {
      keep = false;
    }
    if (keep) this.mark(id);
    const provenance = { concerto: pkg.version, git: null };
    const start = performance.now();
    const startDone = done.size;
    let shown = 0;
    const onProgress = (d: number, n: number) => {
      // The DOM at most ten times a second (a sweep can deliver thousands of results a second).
      const now = performance.now();
      if (d < n && d > startDone && now - shown < 100) return;
      shown = now;
      this.progress.max = n;
      this.progress.value = d;
      const rate = (d - startDone) / Math.max(1, performance.now() - start);
      const eta = rate > 0 ? formatDuration((n - d) / rate) : '–';
      this.progressText.textContent = this.i18n.t('experiment.progress', {
        done: d,
        total: n,
        percent: Math.floor((100 * d) / Math.max(1, n)),
        eta,
      });
    };
    const abort = this.abort ?? new AbortController();
    this.abort = abort;
    let outcome: SweepOutcome & { rows: Row[] };
    if (done.size >= total) {
      outcome = assembleSweep(exp, done, provenance, { delivered: 0, abandoned: 0, restarts: 0, cancelled: false });
      onProgress(total, total);
    } else {
      const pool = createBrowserPool(this.options.workers ? { workers: this.options.workers } : {});
      try {
        outcome = await resumeSweep(exp, pool, {
          done,
          provenance,
          signal: abort.signal,
          onProgress,
          onResult: (r, index) =>
            keep
              ? this.store.add(id, index, r).catch(() => {
                  keep = false;
                })
              : undefined,
        });
      } finally {
        if (keep) await this.store.flush().catch(() => undefined);
        await pool.close();
      }
    }
    performance.mark('concerto:sweep-end');
    this.abort = null;
    // The page going away (dispose) leaves the mark, so the next page resumes the sweep.
    if (!this.disposed) this.mark(null);
    this.outcome = outcome;
    this.setState(outcome.manifest.results.complete ? 'done' : 'cancelled');
    if (this.expected && this.source === 'file' && outcome.manifest.results.complete) {
      const same = outcome.manifest.results.checksum === this.expected;
      this.progressText.textContent = `${this.progressText.textContent ?? ''} ${this.i18n.t(same ? 'experiment.reproduced' : 'experiment.notReproduced', { checksum: this.expected })}`;
      this.root.dataset.reproduced = same ? 'true' : 'false';
    }
    this.renderResults();
    performance.mark('concerto:results-drawn');
    await this.renderResume();
  }

  private setState(s: ExperimentState): void {
    this.state = s;
    this.root.dataset.state = s;
    this.runBtn.disabled = s === 'running' || this.experiment === null;
    this.cancelBtn.hidden = s !== 'running';
    this.exportCsv.disabled = this.outcome === null || s === 'running';
    this.exportJson.disabled = this.outcome === null || s === 'running';
    // The estimate of time left means nothing once the sweep stops: say where it stopped instead.
    const counts = {
      done: this.progress.value,
      total: this.progress.max,
      percent: Math.floor((100 * this.progress.value) / Math.max(1, this.progress.max)),
    };
    if (s === 'cancelled') this.progressText.textContent = this.i18n.t('experiment.cancelledAt', counts);
    if (s === 'done') this.progressText.textContent = this.i18n.t('experiment.progressDone', counts);
    if (s !== 'running' && this.auto) {
      this.auto = null;
      this.renderAuto();
    }
    if (s !== 'running') this.idle.release();
  }

  whenIdle(): Promise<void> {
    return this.idle.wait(this.state === 'running');
  }

  // ── Results ───────────────────────────────────────────────────────────────

  private frame(key: string, cls = 'wide'): ChartFrame {
    let f = this.frames.get(key);
    if (!f) {
      f = chartFrame(this.resultsHost, this.i18n, key);
      f.figure.classList.add(cls);
      this.frames.set(key, f);
    }
    return f;
  }

  private dropFrame(key: string): void {
    this.frames.get(key)?.figure.remove();
    this.frames.delete(key);
  }

  private select(
    frame: ChartFrame,
    control: string,
    label: string,
    options: { value: string; text: string }[],
    value: string,
    set: (v: string) => void,
  ): void {
    const tools = frame.figure.querySelector('.chart-tools')!;
    let sel = tools.querySelector<HTMLSelectElement>(`select[data-control="${control}"]`);
    if (!sel) {
      const id = uid(control);
      sel = el('select', { id, 'data-control': control });
      const s = sel;
      s.addEventListener('change', () => {
        set(s.value);
        this.renderResults();
      });
      tools.prepend(el('label', { for: id, class: 'inline', text: label }), sel);
    }
    (sel.previousElementSibling as HTMLElement).textContent = label;
    clear(sel);
    for (const o of options) sel.appendChild(el('option', { value: o.value, text: o.text }));
    sel.value = value;
  }

  renderResults(): void {
    const out = this.outcome;
    const exp = this.experiment;
    if (!out || !exp) return;
    const t = this.i18n.t;
    const fmt = (v: number) => this.i18n.num(v, 3);
    const points = out.summary.points;
    const params = exp.design.parameters;
    const metrics = exp.metrics;
    const analysis: Analysis | null = out.summary.analysis;

    // Heatmap over two levers.
    if (!params.includes(this.heat.x)) this.heat.x = params[0] ?? '';
    if (!params.includes(this.heat.y) || (this.heat.y === this.heat.x && params.length > 1))
      this.heat.y = params.find((p) => p !== this.heat.x) ?? this.heat.x;
    if (!metrics.includes(this.heat.metric)) this.heat.metric = metrics.includes('value') ? 'value' : metrics[0]!;
    if (params.length > 0 && points.length > 0) {
      const f = this.frame('heatmap');
      const pn = (p: string) => paramName(this.i18n.lang, p);
      const opts = params.map((p) => ({ value: p, text: pn(p) }));
      this.select(
        f,
        'heat-metric',
        t('experiment.metric'),
        metrics.map((m) => ({ value: m, text: this.i18n.metric(m) })),
        this.heat.metric,
        (v) => {
          this.heat.metric = v;
        },
      );
      this.select(f, 'heat-y', t('experiment.yAxis'), opts, this.heat.y, (v) => {
        this.heat.y = v;
      });
      this.select(f, 'heat-x', t('experiment.xAxis'), opts, this.heat.x, (v) => {
        this.heat.x = v;
      });
      const hp = points
        .filter((p) => p.metrics[this.heat.metric])
        .map((p) => ({
          x: p.params[this.heat.x] ?? '',
          y: this.heat.y === this.heat.x ? '' : (p.params[this.heat.y] ?? ''),
          value: p.metrics[this.heat.metric]!.mean,
        }));
      const spec = heatmapSpec({
        title: t('experiment.heatTitle', {
          metric: this.i18n.metric(this.heat.metric),
          x: pn(this.heat.x),
          y: pn(this.heat.y),
        }),
        xLabel: pn(this.heat.x),
        yLabel: this.heat.y === this.heat.x ? '' : pn(this.heat.y),
        metricLabel: t('experiment.meanOf', { metric: this.i18n.metric(this.heat.metric) }),
        countLabel: t('experiment.pointsInCell'),
        emptyLabel: t('experiment.emptyCell'),
        points: hp,
        fmt,
      });
      renderHeatmap(f.svg, spec, fmt);
      f.update(spec.title, spec.table);
    } else this.dropFrame('heatmap');

    // Coherence–innovation plane with the Pareto front.
    if (analysis?.pareto) {
      const pa = analysis.pareto;
      const f = this.frame('pareto', 'square');
      const spec = paretoSpec({
        title: t('experiment.paretoTitle', { hv: fmt(pa.hypervolume) }),
        xLabel: this.i18n.metric(pa.x),
        yLabel: this.i18n.metric(pa.y),
        pointLabel: t('experiment.point'),
        frontLabel: t('experiment.front'),
        othersLabel: t('experiment.otherPoints'),
        yesNo: [t('experiment.yes'), t('experiment.no')],
        points: points
          .filter((p) => p.metrics[pa.x] && p.metrics[pa.y])
          .map((p) => ({ point: p.point, x: p.metrics[pa.x]!.mean, y: p.metrics[pa.y]!.mean })),
        front: pa.front,
      });
      renderPareto(f.svg, spec);
      f.update(spec.title, spec.table);
    } else this.dropFrame('pareto');

    // Sensitivity: Sobol indices with bootstrap CIs, or Morris μ* and σ.
    const sens = analysis?.sobol ?? analysis?.morris ?? null;
    if (sens) {
      const usable = metrics.filter((m) => sens.metrics[m] && !('error' in sens.metrics[m]!));
      if (!usable.includes(this.indexMetric)) this.indexMetric = usable.includes('value') ? 'value' : (usable[0] ?? '');
      const f = this.frame('indices');
      this.select(
        f,
        'index-metric',
        t('experiment.metric'),
        usable.map((m) => ({ value: m, text: this.i18n.metric(m) })),
        this.indexMetric,
        (v) => {
          this.indexMetric = v;
        },
      );
      const est = sens.metrics[this.indexMetric];
      if (est && !('error' in est)) {
        const series =
          'S' in est
            ? [
                { key: 'S', label: t('experiment.firstOrder'), color: OKABE_ITO.blue, values: est.S },
                { key: 'ST', label: t('experiment.totalOrder'), color: OKABE_ITO.orange, values: est.ST },
              ]
            : [
                {
                  key: 'muStar',
                  label: 'μ*',
                  color: OKABE_ITO.blue,
                  values: est.muStar.map((v) => ({ estimate: v, ciLow: null, ciHigh: null })),
                },
                {
                  key: 'sigma',
                  label: 'σ',
                  color: OKABE_ITO.orange,
                  values: est.sigma.map((v) => ({ estimate: v, ciLow: null, ciHigh: null })),
                },
              ];
        const labels = sens.parameters.map((p) => paramName(this.i18n.lang, p));
        const spec = indicesSpec({
          title: t(analysis?.sobol ? 'experiment.sobolTitle' : 'experiment.morrisTitle', {
            metric: this.i18n.metric(this.indexMetric),
          }),
          parameterLabel: t('compare.lever'),
          parameters: labels,
          series,
          valueLabel: t('experiment.index'),
          ...(analysis?.sobol ? { domain: [0, 1] as [number, number] } : {}),
        });
        renderIndices(f.svg, spec);
        f.update(spec.title, spec.table);
        // The Sobol caveats in words, under the chart: too small an N, clipped values.
        let notes = f.figure.querySelector<HTMLElement>('[data-role="sobol-notes"]');
        const lines =
          analysis?.sobol && 'S' in est
            ? sobolNotes({
                N: analysis.sobol.N,
                bootstrap: analysis.sobol.bootstrap,
                metric: est,
                labels,
                t,
                num: this.i18n.num,
              })
            : [];
        if (lines.length === 0) notes?.remove();
        else {
          if (!notes) {
            notes = el('div', { class: 'sobol-notes', 'data-role': 'sobol-notes' });
            f.svg.after(notes);
          }
          clear(notes);
          for (const line of lines) notes.appendChild(el('p', { class: 'help', text: line }));
        }
      }
    } else this.dropFrame('indices');

    // Scenario discovery (PRIM box) and the per-point table.
    this.renderPrim(analysis);
    this.renderPoints(points, params, metrics);
  }

  private renderPrim(analysis: Analysis | null): void {
    const t = this.i18n.t;
    let box = this.resultsHost.querySelector<HTMLElement>('[data-role="prim"]');
    if (!analysis?.prim) {
      box?.remove();
      return;
    }
    if (!box) {
      box = el('section', { class: 'panel prim', 'data-role': 'prim' });
      this.resultsHost.appendChild(box);
    }
    clear(box);
    const p = analysis.prim;
    const crit = Object.entries(p.criterion)
      .map(
        ([m, b]) =>
          `${this.i18n.metric(m)}${b.min !== undefined ? ` ≥ ${b.min}` : ''}${b.max !== undefined ? ` ≤ ${b.max}` : ''}`,
      )
      .join(', ');
    box.append(
      el('h2', { text: t('experiment.primTitle') }),
      el('p', { text: t('experiment.primCriterion', { criterion: crit, positives: p.positives, points: p.points }) }),
    );
    if (p.error || !p.limits) {
      box.appendChild(el('p', { class: 'help', text: p.error ?? '' }));
      return;
    }
    box.appendChild(
      el('p', {
        text: t('experiment.primQuality', {
          coverage: this.i18n.num(p.coverage ?? 0, 3),
          density: this.i18n.num(p.density ?? 0, 3),
        }),
      }),
    );
    const host = el('div', { class: 'table-wrap' });
    box.appendChild(host);
    renderTable(
      host,
      {
        caption: t('experiment.primTitle'),
        columns: [t('compare.lever'), t('experiment.low'), t('experiment.high'), t('experiment.restricted')],
        rows: p.limits.map((l) => [
          paramName(this.i18n.lang, l.name),
          l.low,
          l.high,
          l.restricted ? t('experiment.yes') : t('experiment.no'),
        ]),
      },
      (v) => this.i18n.num(v, 4),
    );
  }

  private renderPoints(points: readonly PointSummary[], params: readonly string[], metrics: readonly string[]): void {
    const t = this.i18n.t;
    let box = this.resultsHost.querySelector<HTMLElement>('[data-role="points"]');
    if (!box) {
      box = el('details', { class: 'panel points', 'data-role': 'points' });
      this.resultsHost.appendChild(box);
    }
    clear(box);
    const host = el('div', { class: 'table-wrap' });
    box.append(el('summary', { text: t('experiment.pointsTable', { n: points.length }) }), host);
    renderTable(
      host,
      {
        caption: t('experiment.pointsTable', { n: points.length }),
        columns: [
          t('experiment.point'),
          ...params.map((k) => paramName(this.i18n.lang, k)),
          t('experiment.okRuns'),
          ...metrics.flatMap((m) => [this.i18n.metric(m), `${t('results.ci')} ↓`, `${t('results.ci')} ↑`]),
        ],
        rows: points.map((p) => [
          p.point,
          ...params.map((k) => p.params[k] ?? null),
          p.ok,
          ...metrics.flatMap((m) => [
            p.metrics[m]?.mean ?? null,
            p.metrics[m]?.ciLow ?? null,
            p.metrics[m]?.ciHigh ?? null,
          ]),
        ]),
      },
      (v) => this.i18n.num(v, 4),
    );
  }

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
    void this.renderResume();
    this.renderAuto();
    this.renderStoreNotice();
    this.renderResults();
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
    void this.store.close().catch(() => undefined);
  }
}
