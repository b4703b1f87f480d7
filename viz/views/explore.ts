import type { ModelEvent, ParamValue } from '../../sim/engine/model.ts';
import type { Issue } from '../../sim/engine/errors.ts';
import { clear, el, uid } from '../dom.ts';
import { download } from '../export/image.ts';
import { runOutputJson, runsToCsv } from '../export/results.ts';
import type { I18n } from '../i18n/index.ts';
import { renderPlane } from '../render/plane.ts';
import { renderPolicyCycle } from '../render/policyCycle.ts';
import { renderTable } from '../render/table.ts';
import { renderTiles } from '../render/tiles.ts';
import { renderTimeSeries } from '../render/timeSeries.ts';
import { COUNT_LIMITS, type ExploreShare } from '../share/url.ts';
import { eventCodeLabel, eventLogLines } from '../specs/eventLog.ts';
import { paramName } from '../exercise/text.ts';
import { METRIC_COLORS, seriesColor } from '../specs/palette.ts';
import { planeSpec } from '../specs/plane.ts';
import { countByStage, policyCycleSpec } from '../specs/policyCycle.ts';
import { resultsTableSpec } from '../specs/results.ts';
import { tilesSpec, type TileUnit } from '../specs/tiles.ts';
import { replicateBands, timeSeriesSpec } from '../specs/timeSeries.ts';
import type { Catalog, ModelInfo, RunOutput, SessionApi, Source } from '../worker/session.ts';
import type { Remote } from '../worker/client.ts';
import { chartFrame, type ChartFrame } from './frame.ts';
import { issueLines } from './issues.ts';
import { leverPanel, type LeverPanel } from './levers.ts';
import { IdleSignal } from './IdleSignal.ts';

export type RunState = 'loading' | 'invalid' | 'ready' | 'playing' | 'paused' | 'done';

export interface ExploreContext {
  i18n: I18n;
  api: Remote<SessionApi>;
  catalog: Catalog;
  /** Called whenever the shareable state changes (scenario, seed, levers). */
  onShare(share: ExploreShare): void;
}

const SPEEDS = [1, 2, 5, 10, 20, 50, 0];
const TYPES = ['border', 'coastal', 'city', 'interior'];
/** The schedule's order of the stages within a cycle: (i)–(iv), the centre's approval, (v). */
const STAGE_ORDER = [0, 1, 2, 3, 5, 4];
const LOG_LIMIT = 400;
/** While a scenario plays, the charts are redrawn at most this often (ms): about four times a second. */
export const RENDER_INTERVAL_MS = 250;

interface Chart {
  key: string;
  frame: ChartFrame;
  draw(): void;
}

/**
 * The Explore view: pick or load a scenario, set levers, run it live in the session worker and watch
 * the charts fill cycle by cycle. Replicate 0 is "the run"; all replicates give the bands.
 */
export class ExploreView {
  readonly root: HTMLElement;
  state: RunState = 'loading';
  private ctx: ExploreContext;
  private i18n: I18n;
  private source: Source = { bundled: 'vn34-2025' };
  private fileName = '';
  private model: ModelInfo | null = null;
  private baseParams: Record<string, ParamValue> = {};
  private overrides: Record<string, ParamValue> = {};
  private seed = 1;
  private replicates = 5;
  private cycles = 50;
  private speed = 10;
  private sessionId: number | null = null;
  private epoch = 0;
  private busy = false;
  private cycle = 0;
  private units: { id: string; name: string; type: string }[] = [];
  private partners: Record<string, string> = {};
  /** values[replicate][metric][cycle index] */
  private values: number[][][] = [];
  private events: ModelEvent[] = [];
  private lastCodes: string[] = [];
  private detail: Record<string, unknown> | null = null;
  private errors: (string | null)[] = [];
  private output: RunOutput | null = null;
  private issues: Issue[] = [];
  private lastArrival = 0;
  private renderQueued = false;
  /** When the charts were last redrawn (performance.now()). */
  private lastRenderAt = -Infinity;
  private resultsState: 'idle' | 'scheduled' | 'running' = 'idle';
  private resultsDirty = false;
  /** Operations in flight (opening, resetting, reading a file); the view is idle at 0. */
  private pending = 0;
  private lastLogCount = -1;
  private tileMetric = 'development';
  private logFilter = '';
  private levers: LeverPanel | null = null;
  private charts: Chart[] = [];
  private idle = new IdleSignal();
  private disposed = false;

  // DOM
  private scenarioSelect!: HTMLSelectElement;
  private fileInput!: HTMLInputElement;
  private fileName_!: HTMLElement;
  private issuesBox!: HTMLElement;
  private descBox!: HTMLElement;
  private modelBox!: HTMLElement;
  private seedInput!: HTMLInputElement;
  private repsInput!: HTMLInputElement;
  private cyclesInput!: HTMLInputElement;
  private leverHost!: HTMLElement;
  private playBtn!: HTMLButtonElement;
  private stepBtn!: HTMLButtonElement;
  private endBtn!: HTMLButtonElement;
  private resetBtn!: HTMLButtonElement;
  private speedSelect!: HTMLSelectElement;
  private progress!: HTMLProgressElement;
  private cycleText!: HTMLElement;
  private status!: HTMLElement;
  private setupToggle!: HTMLButtonElement;
  /** Replicate 0 of the run before the last lever change, per metric: drawn faint until cleared. */
  private previous: Map<string, number[]> | null = null;
  /** Held y domains per chart (the option to keep axes still between runs). */
  private heldY: Map<string, [number, number]> | null = null;
  private clearPrevBtn!: HTMLButtonElement;
  private holdYBox!: HTMLInputElement;
  /** Levers whose typed value the model cannot take: nothing runs until they are fixed. */
  private invalidLevers = new Set<string>();
  private chartHost!: HTMLElement;
  private logList!: HTMLOListElement;
  private logNote!: HTMLElement;
  private logSelect!: HTMLSelectElement;
  private resultsHost!: HTMLElement;
  private tileSelect!: HTMLSelectElement;

  constructor(host: HTMLElement, ctx: ExploreContext) {
    this.ctx = ctx;
    this.i18n = ctx.i18n;
    this.root = el('section', { class: 'view explore', 'data-view': 'explore', 'aria-labelledby': 'explore-h' });
    host.appendChild(this.root);
    this.build();
  }

  // ── Building the page ─────────────────────────────────────────────────────

  private build(): void {
    const scenarioId = uid('scenario');
    this.scenarioSelect = el('select', { id: scenarioId, 'data-control': 'scenario' });
    for (const s of this.ctx.catalog.scenarios)
      this.scenarioSelect.appendChild(el('option', { value: s.name, text: s.name }));
    this.scenarioSelect.addEventListener('change', () => {
      if (this.scenarioSelect.value === '__file') return;
      this.overrides = {};
      void this.setSource({ bundled: this.scenarioSelect.value });
    });
    const fileId = uid('file');
    this.fileInput = el('input', {
      type: 'file',
      id: fileId,
      class: 'visually-hidden file-input',
      accept: '.json,application/json',
      'data-control': 'file',
    });
    this.fileName_ = el('span', { class: 'file-name', 'data-role': 'file-name' });
    this.fileInput.addEventListener('change', () => {
      const f = this.fileInput.files?.[0];
      if (f) void this.loadFile(f);
    });
    this.issuesBox = el('div', { class: 'issues', role: 'alert', 'data-role': 'issues' });
    this.descBox = el('p', { class: 'scenario-desc' });
    this.modelBox = el('p', { class: 'model-info' });
    const num = (label: string, min: number, max: number, value: number, control: string) => {
      const id = uid(control);
      const input = el('input', { type: 'number', id, min, max, step: 1, value, 'data-control': control });
      return { input, field: el('div', { class: 'field' }, [el('label', { for: id, 'data-i18n': label }), input]) };
    };
    // The same bounds a share link's counts are checked against.
    const lim = COUNT_LIMITS.explore;
    const seed = num('explore.seed', lim.seed[0], lim.seed[1], this.seed, 'seed');
    const reps = num('explore.replicates', lim.reps[0], lim.reps[1], this.replicates, 'replicates');
    const cyc = num('explore.cycles', lim.cycles[0], lim.cycles[1], this.cycles, 'cycles');
    this.seedInput = seed.input;
    this.repsInput = reps.input;
    this.cyclesInput = cyc.input;
    for (const [input, apply] of [
      [
        this.seedInput,
        (v: number) => {
          this.seed = v;
        },
      ],
      [
        this.repsInput,
        (v: number) => {
          this.replicates = v;
        },
      ],
      [
        this.cyclesInput,
        (v: number) => {
          this.cycles = v;
        },
      ],
    ] as const) {
      input.addEventListener('change', () => {
        const v = Number(input.value);
        if (!Number.isInteger(v) || v < Number(input.min) || v > Number(input.max)) {
          input.setAttribute('aria-invalid', 'true');
          return;
        }
        input.removeAttribute('aria-invalid');
        apply(v);
        void this.openSession();
      });
    }
    const saveBtn = el('button', {
      type: 'button',
      class: 'small',
      'data-i18n': 'explore.download',
      'data-control': 'save-scenario',
    });
    saveBtn.addEventListener('click', () => void this.saveScenario());
    this.leverHost = el('div', { class: 'levers', 'data-role': 'levers' });
    const resetLevers = el('button', {
      type: 'button',
      class: 'small',
      'data-i18n': 'explore.resetLevers',
      'data-control': 'reset-levers',
    });
    resetLevers.addEventListener('click', () => {
      this.overrides = {};
      void this.openSession();
    });

    // On a narrow screen the set-up stacks above the charts; this folds it away (and back).
    this.setupToggle = el('button', {
      type: 'button',
      class: 'setup-toggle',
      'data-control': 'setup-toggle',
      'aria-expanded': 'true',
    });
    this.setupToggle.addEventListener('click', () => {
      const folded = this.root.classList.toggle('setup-folded');
      this.setupToggle.setAttribute('aria-expanded', String(!folded));
      this.setupToggle.textContent = this.i18n.t(folded ? 'explore.setupShow' : 'explore.setupHide');
    });
    const sidebar = el('aside', { class: 'sidebar' }, [
      this.setupToggle,
      el('section', { class: 'panel', 'aria-labelledby': 'setup-h' }, [
        el('h2', { id: 'setup-h', 'data-i18n': 'explore.setup' }),
        el('div', { class: 'field' }, [
          el('label', { for: scenarioId, 'data-i18n': 'explore.scenario' }),
          this.scenarioSelect,
        ]),
        el('div', { class: 'field file-field' }, [
          this.fileInput,
          el('label', { for: fileId, class: 'button', 'data-i18n': 'explore.file' }),
          this.fileName_,
        ]),
        this.issuesBox,
        this.descBox,
        this.modelBox,
        el('div', { class: 'field-row' }, [seed.field, reps.field, cyc.field]),
        el('p', { class: 'help', 'data-i18n': 'explore.runHelp' }),
        saveBtn,
      ]),
      el('section', { class: 'panel', 'aria-labelledby': 'levers-h' }, [
        el('h2', { id: 'levers-h', 'data-i18n': 'explore.levers' }),
        el('p', { class: 'help', 'data-i18n': 'explore.leversHelp' }),
        resetLevers,
        this.leverHost,
      ]),
    ]);

    this.playBtn = el('button', { type: 'button', class: 'primary', 'data-control': 'play' });
    this.playBtn.addEventListener('click', () => (this.state === 'playing' ? this.pause() : this.play()));
    this.stepBtn = el('button', {
      type: 'button',
      'data-control': 'step',
      'data-i18n': 'control.step',
      'data-i18n-attr': 'title:control.stepTitle',
    });
    this.stepBtn.addEventListener('click', () => void this.stepOnce());
    this.endBtn = el('button', { type: 'button', 'data-control': 'end', 'data-i18n': 'control.end' });
    this.endBtn.addEventListener('click', () => void this.runToEnd());
    this.resetBtn = el('button', {
      type: 'button',
      'data-control': 'reset',
      'data-i18n': 'control.reset',
      'data-i18n-attr': 'title:control.resetTitle',
    });
    this.resetBtn.addEventListener('click', () => void this.reset());
    const speedId = uid('speed');
    this.speedSelect = el('select', { id: speedId, 'data-control': 'speed' });
    this.speedSelect.addEventListener('change', () => {
      this.speed = Number(this.speedSelect.value);
    });
    this.progress = el('progress', { max: 1, value: 0, 'aria-hidden': 'true' });
    this.cycleText = el('span', { class: 'cycle-text', 'data-role': 'cycle' });
    this.status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite', 'data-role': 'status' });
    const toolbar = el('div', { class: 'toolbar', role: 'toolbar', 'data-i18n-attr': 'aria-label:control.label' }, [
      this.playBtn,
      this.stepBtn,
      this.endBtn,
      this.resetBtn,
      el('label', { for: speedId, class: 'inline', 'data-i18n': 'control.speed' }),
      this.speedSelect,
      this.progress,
      this.cycleText,
    ]);

    this.chartHost = el('div', { class: 'charts', 'data-role': 'charts' });
    // Comparing a run with the one before it: the previous run stays faint until cleared, and
    // the y axes can be held so a change is not hidden by a rescale.
    this.clearPrevBtn = el('button', {
      type: 'button',
      class: 'small',
      'data-control': 'clear-previous',
      'data-i18n': 'explore.clearPrevious',
      disabled: true,
    });
    this.clearPrevBtn.addEventListener('click', () => {
      this.previous = null;
      this.clearPrevBtn.disabled = true;
      this.redraw();
    });
    const holdId = uid('hold');
    this.holdYBox = el('input', { type: 'checkbox', id: holdId, 'data-control': 'hold-y' });
    this.holdYBox.addEventListener('change', () => {
      this.heldY = this.holdYBox.checked ? new Map() : null;
      this.redraw();
    });
    const compareTools = el('div', { class: 'compare-tools', 'data-role': 'compare-tools' }, [
      el('span', { class: 'check' }, [this.holdYBox, el('label', { for: holdId, 'data-i18n': 'explore.holdY' })]),
      this.clearPrevBtn,
    ]);
    const logId = uid('logf');
    this.logSelect = el('select', { id: logId, 'data-control': 'log-filter' });
    this.logSelect.addEventListener('change', () => {
      this.logFilter = this.logSelect.value;
      this.lastLogCount = -1;
      this.renderLog();
    });
    this.logList = el('ol', { class: 'log', 'data-role': 'log', tabindex: 0, 'aria-labelledby': 'log-h' });
    this.logNote = el('p', { class: 'help' });
    const csvBtn = el('button', {
      type: 'button',
      class: 'small',
      'data-control': 'export-csv',
      'data-i18n': 'results.csv',
    });
    const jsonBtn = el('button', {
      type: 'button',
      class: 'small',
      'data-control': 'export-json',
      'data-i18n': 'results.json',
    });
    csvBtn.addEventListener('click', () => void this.exportResults('csv'));
    jsonBtn.addEventListener('click', () => void this.exportResults('json'));
    // A scrolling region must be reachable by keyboard (to scroll it) and say what it holds.
    this.resultsHost = el('div', {
      class: 'table-wrap results',
      'data-role': 'results',
      tabindex: 0,
      role: 'region',
      'aria-labelledby': 'results-h',
    });
    // The skip link lands here, so the run controls are the first Tab after it.
    const main = el('div', { class: 'main', tabindex: -1, 'data-skip-target': '' }, [
      el('h1', { id: 'explore-h', class: 'visually-hidden', 'data-i18n': 'explore.heading' }),
      toolbar,
      this.status,
      compareTools,
      this.chartHost,
      el('div', { class: 'lower' }, [
        el('section', { class: 'panel log-panel', 'aria-labelledby': 'log-h' }, [
          el('div', { class: 'panel-head' }, [
            el('h2', { id: 'log-h', 'data-i18n': 'log.title' }),
            el('label', { for: logId, class: 'inline', 'data-i18n': 'log.filter' }),
            this.logSelect,
          ]),
          this.logList,
          this.logNote,
        ]),
        el('section', { class: 'panel results-panel', 'aria-labelledby': 'results-h' }, [
          el('div', { class: 'panel-head' }, [
            el('h2', { id: 'results-h', 'data-i18n': 'results.title' }),
            csvBtn,
            jsonBtn,
          ]),
          el('p', { class: 'help', 'data-i18n': 'results.note' }),
          this.resultsHost,
        ]),
      ]),
    ]);
    this.root.append(sidebar, main);
  }

  // ── Language ──────────────────────────────────────────────────────────────

  /** Re-draw every text in the current language. */
  relabel(): void {
    const t = this.i18n.t;
    this.setupToggle.textContent = t(
      this.root.classList.contains('setup-folded') ? 'explore.setupShow' : 'explore.setupHide',
    );
    for (const opt of Array.from(this.speedSelect.options)) opt.remove();
    for (const s of SPEEDS) {
      this.speedSelect.appendChild(
        el('option', { value: s, text: s === 0 ? t('control.speedMax') : t('control.speedValue', { n: s }) }),
      );
    }
    this.speedSelect.value = String(this.speed);
    const fileOpt = this.scenarioSelect.querySelector('option[value="__file"]');
    if (fileOpt) fileOpt.textContent = t('explore.fileOption', { name: this.fileName });
    this.levers?.relabel();
    this.renderDescription();
    this.renderIssues();
    this.renderLogFilter();
    this.lastLogCount = -1;
    this.updateControls();
    this.renderAll();
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

  private loadFile(file: File): Promise<void> {
    return this.guard(() => this.readFile(file));
  }

  private async readFile(file: File): Promise<void> {
    let raw: unknown;
    try {
      raw = JSON.parse(await file.text());
    } catch (err) {
      this.issues = [
        {
          path: '',
          value: file.name,
          rule: this.i18n.t('explore.fileUnreadable', { error: err instanceof Error ? err.message : String(err) }),
        },
      ];
      this.setState('invalid');
      this.renderIssues();
      return;
    }
    this.fileName = file.name;
    let opt = this.scenarioSelect.querySelector<HTMLOptionElement>('option[value="__file"]');
    if (!opt) {
      opt = el('option', { value: '__file' });
      this.scenarioSelect.appendChild(opt);
    }
    opt.textContent = this.i18n.t('explore.fileOption', { name: file.name });
    this.scenarioSelect.value = '__file';
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
    if ('bundled' in source) this.scenarioSelect.value = source.bundled;
    const v = await this.ctx.api.validate(source);
    if (!v.ok) {
      this.issues = v.issues;
      this.model = null;
      this.closeSession();
      this.setState('invalid');
      this.renderIssues();
      return;
    }
    const scenario = v.value;
    const model = this.ctx.catalog.models[scenario.model]!;
    const modelChanged = this.model?.id !== model.id;
    this.model = model;
    this.baseParams = scenario.params;
    if (!keepOverrides) this.overrides = {};
    if (modelChanged && this.cycles > 2000) this.cycles = Math.min(model.defaultCycles, 500);
    this.description = scenario.description;
    this.renderDescription();
    const provinces = Array.isArray(scenario.data.provinces)
      ? (scenario.data.provinces as { id: string; name: string }[])
      : [];
    const partners = Array.isArray(scenario.data.partners)
      ? (scenario.data.partners as { id: string; name: string | { en: string; vi: string } }[])
      : [];
    this.units = provinces.map((p) => ({ id: String(p.id), name: String(p.name), type: '' }));
    this.partners = {};
    for (const p of partners) this.partners[String(p.id)] = this.i18n.pick(p.name);
    this.partnerNames = partners;
    this.invalidLevers.clear();
    this.levers = leverPanel(
      this.leverHost,
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
    this.buildCharts();
    await this.openSession();
  }

  private partnerNames: { id: string; name: string | { en: string; vi: string } }[] = [];
  private description: string | { en: string; vi: string } | undefined;

  private renderDescription(): void {
    this.descBox.textContent = this.i18n.pick(this.description);
    this.modelBox.textContent = this.model
      ? this.i18n.t('explore.model', { title: this.i18n.pick(this.model.title), version: this.model.version })
      : '';
    this.fileName_.textContent = 'raw' in this.source ? this.fileName : '';
  }

  private onLever(name: string, value: ParamValue): void {
    // Keep the run so far as the faint comparison (replicate 0 of every metric).
    if (this.model && this.cycle > 0) {
      this.previous = new Map(
        this.model.metrics.map((m, i) => [m.name, [...(this.perReplicate(i)[0] ?? [])]] as [string, number[]]),
      );
      this.clearPrevBtn.disabled = false;
    }
    if (this.baseParams[name] === value) delete this.overrides[name];
    else this.overrides[name] = value;
    void this.openSession(this.state === 'playing');
  }

  private closeSession(): void {
    if (this.sessionId !== null) void this.ctx.api.close(this.sessionId);
    this.sessionId = null;
  }

  /** (Re)open the run at cycle 0 with the current scenario, levers, seed and counts. */
  openSession(resume = false): Promise<void> {
    return this.guard(() => this.reopen(resume));
  }

  private async reopen(resume: boolean): Promise<void> {
    if (!this.model) return;
    const wasPlaying = resume || this.state === 'playing';
    this.pause();
    const epoch = ++this.epoch;
    this.closeSession();
    this.seedInput.value = String(this.seed);
    this.repsInput.value = String(this.replicates);
    this.cyclesInput.value = String(this.cycles);
    this.setState('loading');
    const res = await this.ctx.api.open({
      source: this.source,
      params: this.overrides,
      seed: this.seed,
      replicates: this.replicates,
      cycles: this.cycles,
    });
    if (epoch !== this.epoch || this.disposed) {
      if (res.ok) void this.ctx.api.close(res.value.id);
      return;
    }
    if (!res.ok) {
      this.issues = res.issues;
      this.setState('invalid');
      this.renderIssues();
      return;
    }
    this.issues = [];
    this.renderIssues();
    this.sessionId = res.value.id;
    this.cycles = res.value.cycles;
    this.resetData(res.value.detail);
    this.levers?.set(res.value.scenario.params, this.baseParams);
    this.shareChanged();
    this.setState('ready');
    this.renderAll();
    if (wasPlaying) this.play();
  }

  private resetData(detail: Record<string, unknown> | null): void {
    const nm = this.model!.metrics.length;
    this.values = Array.from({ length: this.replicates }, () => Array.from({ length: nm }, () => [] as number[]));
    this.events = [];
    this.lastCodes = [];
    this.errors = [];
    this.output = null;
    this.cycle = 0;
    this.lastLogCount = -1;
    this.setDetail(detail);
  }

  private setDetail(detail: Record<string, unknown> | null): void {
    this.detail = detail;
    const provinces =
      detail && Array.isArray(detail.provinces)
        ? (detail.provinces as { id: string; name: string; type: string }[])
        : null;
    if (provinces) this.units = provinces.map((p) => ({ id: p.id, name: p.name, type: p.type }));
  }

  private shareChanged(): void {
    if (!('bundled' in this.source)) return;
    this.ctx.onShare({
      view: 'explore',
      scenario: this.source.bundled,
      seed: this.seed,
      replicates: this.replicates,
      cycles: this.cycles,
      params: { ...this.overrides },
    });
  }

  /** The shareable state now (null for a loaded file, which a link cannot carry). */
  share(): ExploreShare | null {
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

  // ── Running ───────────────────────────────────────────────────────────────

  play(): void {
    if (
      this.sessionId === null ||
      this.state === 'done' ||
      this.state === 'invalid' ||
      this.state === 'loading' ||
      this.invalidLevers.size > 0
    )
      return;
    this.setState('playing');
    this.lastArrival = performance.now();
    const epoch = this.epoch;
    let last = performance.now();
    let owed = 0;
    const frame = (now: number) => {
      if (this.state !== 'playing' || epoch !== this.epoch || this.disposed) return;
      if (!this.busy) {
        let k: number;
        if (this.speed === 0) k = 5;
        else {
          owed += ((now - last) / 1000) * this.speed;
          k = Math.floor(owed);
          owed -= k;
        }
        last = now;
        if (k > 0) void this.advance(k);
      } else last = now;
      this.drawStage();
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
    return this.guard(() => this.runAll());
  }

  private async runAll(): Promise<void> {
    this.pause();
    if (this.invalidLevers.size > 0) return;
    const epoch = this.epoch;
    while (
      this.sessionId !== null &&
      this.state !== 'done' &&
      this.state !== 'invalid' &&
      epoch === this.epoch &&
      !this.disposed
    ) {
      await this.advance(Math.max(1, Math.min(25, this.cycles - this.cycle)));
    }
  }

  reset(): Promise<void> {
    return this.guard(() => this.resetRun());
  }

  private async resetRun(): Promise<void> {
    if (this.sessionId === null) return;
    this.pause();
    const epoch = ++this.epoch;
    let res: Awaited<ReturnType<SessionApi['reset']>>;
    try {
      res = await this.ctx.api.reset(this.sessionId);
    } catch (err) {
      if (epoch === this.epoch && !this.disposed) this.fail(err);
      return;
    }
    if (epoch !== this.epoch) return;
    this.resetData(res.detail);
    this.setState('ready');
    this.renderAll();
  }

  /** Take k cycles in the worker and add what comes back. */
  private async advance(k: number): Promise<void> {
    if (this.sessionId === null || this.busy || this.state === 'done') return;
    this.busy = true;
    const epoch = this.epoch;
    try {
      let res: Awaited<ReturnType<SessionApi['step']>>;
      try {
        res = await this.ctx.api.step(this.sessionId, k);
      } catch (err) {
        if (epoch === this.epoch && !this.disposed) this.fail(err);
        return;
      }
      if (epoch !== this.epoch || this.disposed) return;
      for (const row of res.rows) {
        row.values.forEach((vals, r) => {
          if (!vals) return;
          const per = this.values[r]!;
          for (let m = 0; m < vals.length; m++) per[m]!.push(vals[m]!);
        });
      }
      if (res.rows.length > 0) {
        const lastCycle = res.rows[res.rows.length - 1]!.cycle;
        this.lastCodes = res.events.filter((e) => e.cycle === lastCycle).map((e) => e.code);
      }
      this.events.push(...res.events);
      this.cycle = res.cycle;
      this.errors = res.errors;
      this.setDetail(res.detail);
      this.lastArrival = performance.now();
      if (res.done) this.setState('done');
      else if (this.state === 'ready') this.setState('paused');
      this.queueResults();
      this.queueRender();
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
    setTimeout(() => void this.fetchResults(), this.state === 'playing' ? 500 : 0);
  }

  private async fetchResults(): Promise<void> {
    this.resultsState = 'running';
    this.resultsDirty = false;
    try {
      if (this.sessionId === null || this.disposed) return;
      const epoch = this.epoch;
      let out: RunOutput;
      try {
        out = await this.ctx.api.results(this.sessionId);
      } catch (err) {
        // The session was closed meanwhile (a lever changed): nothing to show. Otherwise say so.
        if (epoch === this.epoch && !this.disposed) this.fail(err);
        return;
      }
      if (epoch !== this.epoch || this.disposed) return;
      this.output = out;
      this.renderResults();
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
      !this.renderQueued &&
      this.resultsState === 'idle' &&
      this.state !== 'loading' &&
      this.state !== 'playing';
    if (idle) this.idle.release();
  }

  private updateControls(): void {
    const t = this.i18n.t;
    const s = this.state;
    this.playBtn.textContent = s === 'playing' ? t('control.pause') : t('control.play');
    this.playBtn.setAttribute('aria-pressed', s === 'playing' ? 'true' : 'false');
    const blocked = this.invalidLevers.size > 0;
    const canRun = !blocked && (s === 'ready' || s === 'paused' || s === 'playing');
    this.playBtn.disabled = !canRun;
    this.stepBtn.disabled = blocked || !(s === 'ready' || s === 'paused');
    this.endBtn.disabled = !canRun;
    this.resetBtn.disabled = s === 'loading' || s === 'invalid' || this.cycle === 0;
    this.progress.max = Math.max(1, this.cycles);
    this.progress.value = this.cycle;
    this.cycleText.textContent = t('control.cycle', { cycle: this.cycle, cycles: this.cycles });
    this.root.dataset.cycle = String(this.cycle);
    const failed = this.errors.findIndex((e) => e !== null);
    let msg: string;
    if (s === 'loading') msg = t('status.loading');
    else if (s === 'invalid') msg = t('status.invalid');
    else if (s === 'ready') msg = t('status.ready', { cycles: this.cycles });
    else if (s === 'playing') msg = t('status.playing', { cycle: this.cycle, cycles: this.cycles });
    else if (s === 'paused') msg = t('status.paused', { cycle: this.cycle, cycles: this.cycles });
    else msg = t('status.done', { cycle: this.cycle });
    if (failed >= 0) msg += ` ${t('status.failed', { replicate: failed, error: this.errors[failed]! })}`;
    if (blocked)
      msg = t('status.blocked', { names: [...this.invalidLevers].map((n) => this.i18n.param(n)).join(', ') });
    // Announce changes of state, not every cycle of a running animation (the counter shows those,
    // and the running message names no cycle, so it stays true).
    const key = `${s}|${failed}|${this.i18n.lang}|${[...this.invalidLevers].join()}`;
    if (s !== 'playing' || this.announced !== key) this.status.textContent = msg;
    this.announced = key;
  }

  /** A worker call failed for a reason other than a newer request: show it, stop the run. */
  private fail(err: unknown): void {
    this.issues = [{ path: '', value: undefined, rule: err instanceof Error ? err.message : String(err) }];
    this.renderIssues();
    this.setState('invalid');
  }

  private renderIssues(): void {
    clear(this.issuesBox);
    if (this.issues.length === 0) return;
    this.issuesBox.appendChild(el('p', { text: this.i18n.t('explore.issuesTitle') }));
    const ul = el('ul');
    for (const line of issueLines(this.issues, this.i18n))
      ul.appendChild(el('li', { 'data-path': line.path, text: line.text }));
    this.issuesBox.appendChild(ul);
  }

  // ── Charts ────────────────────────────────────────────────────────────────

  private metricIndex(name: string): number {
    return this.model ? this.model.metrics.findIndex((m) => m.name === name) : -1;
  }

  /** Series of one metric per replicate: values[replicate][cycle index]. */
  private perReplicate(metric: number): number[][] {
    return this.values.map((v) => v[metric] ?? []);
  }

  private buildCharts(): void {
    clear(this.chartHost);
    this.charts = [];
    const model = this.model!;
    const has = (n: string) => model.metrics.some((m) => m.name === n);
    const i18n = this.i18n;
    const t = i18n.t;
    const series = (keys: string[], id: string, title: () => string, yLabel: () => string) => {
      const frame = chartFrame(this.chartHost, i18n, id);
      frame.figure.classList.add(keys.length > 1 ? 'wide' : 'small');
      this.charts.push({
        key: id,
        frame,
        draw: () => {
          const specMetrics = keys.map((k) => model.metrics.find((m) => m.name === k)!);
          const bounds = specMetrics.reduce<{ min?: number; max?: number }>(
            (b, m) => ({
              ...(m.min !== undefined && (b.min === undefined || m.min < b.min)
                ? { min: m.min }
                : b.min !== undefined
                  ? { min: b.min }
                  : {}),
              ...(m.max !== undefined && (b.max === undefined || m.max > b.max)
                ? { max: m.max }
                : b.max !== undefined
                  ? { max: b.max }
                  : {}),
            }),
            {},
          );
          if (specMetrics.some((m) => m.max === undefined)) delete bounds.max;
          const spec = timeSeriesSpec({
            id,
            title: title(),
            xLabel: t('chart.cycle'),
            yLabel: yLabel(),
            cycles: this.cycles,
            bounds,
            cycleLabel: t('chart.cycle'),
            size: keys.length > 1 ? { width: 640, height: 280 } : { width: 380, height: 250 },
            bandLabel: this.replicates > 1 ? t('chart.band', { n: this.replicates }) : undefined,
            ...(this.heldY?.has(id) ? { domain: this.heldY.get(id)! } : {}),
            series: [
              ...keys.map((k, i) => {
                const reps = this.perReplicate(this.metricIndex(k));
                const b = replicateBands(reps);
                return {
                  key: k,
                  label: this.i18n.metric(k),
                  color: seriesColor(k, i),
                  values: reps[0] ?? [],
                  ...(this.replicates > 1 ? { band: { lo: b.lo, hi: b.hi } } : {}),
                };
              }),
              ...keys.flatMap((k, i) => {
                const prev = this.previous?.get(k);
                return prev && prev.length > 0
                  ? [
                      {
                        key: `${k}:previous`,
                        label: t('explore.previousRun', { metric: this.i18n.metric(k) }),
                        color: seriesColor(k, i),
                        dash: '5 3',
                        faint: true,
                        values: prev,
                      },
                    ]
                  : [];
              }),
            ],
          });
          // Holding: the first domain drawn after the option is set stays until it is unset.
          if (this.heldY && !this.heldY.has(id) && this.cycle > 0) this.heldY.set(id, spec.y);
          renderTimeSeries(frame.svg, spec);
          frame.update(spec.title, spec.table);
          // A tooltip with what each metric means and on which scale (0–1 shares, 0–100 indices).
          frame.figure.title = specMetrics.map((m) => `${i18n.metric(m.name)}: ${i18n.pick(m.description)}`).join('\n');
        },
      });
    };
    if (has('coherence') && has('innovation')) {
      series(
        ['coherence', 'innovation'],
        'ci',
        () => t('chart.ci'),
        () => t('chart.level'),
      );
      for (const k of ['security', 'development', 'prestige'])
        if (has(k))
          series(
            [k],
            k,
            () => this.i18n.metric(k),
            () => this.i18n.metric(k),
          );
    } else {
      const levels = model.metrics.filter((m) => m.kind === 'level').slice(0, 4);
      for (const m of levels)
        series(
          [m.name],
          m.name,
          () => this.i18n.metric(m.name),
          () => this.i18n.metric(m.name),
        );
    }
    if (has('coherence') && has('innovation')) {
      const frame = chartFrame(this.chartHost, i18n, 'plane');
      frame.figure.classList.add('square');
      this.charts.push({
        key: 'plane',
        frame,
        draw: () => {
          const ci = this.metricIndex('coherence');
          const ii = this.metricIndex('innovation');
          const others = this.values
            .slice(1)
            .filter((v) => (v[ci]?.length ?? 0) > 0)
            .map((v) => ({ x: v[ci]![v[ci]!.length - 1]!, y: v[ii]![v[ii]!.length - 1]! }));
          const spec = planeSpec({
            id: 'plane',
            title: t('chart.planeTitle'),
            xLabel: this.i18n.metric('coherence'),
            yLabel: this.i18n.metric('innovation'),
            color: METRIC_COLORS.coherence!,
            xs: this.values[0]?.[ci] ?? [],
            ys: this.values[0]?.[ii] ?? [],
            others,
            cycleLabel: t('chart.cycle'),
            startLabel: t('chart.planeStart'),
            nowLabel: t('chart.planeNow'),
            othersLabel: t('chart.planeOthers'),
          });
          renderPlane(frame.svg, spec);
          frame.update(spec.title, spec.table);
        },
      });
    }
    if (model.id === 'governance') {
      const frame = chartFrame(this.chartHost, i18n, 'cycle');
      frame.figure.classList.add('square');
      frame.figure.appendChild(el('p', { class: 'help', 'data-i18n': 'chart.cycleHelp', text: t('chart.cycleHelp') }));
      this.charts.push({ key: 'cycle', frame, draw: () => this.drawStage(true) });
    }
    if (this.units.length > 0) {
      const frame = chartFrame(this.chartHost, i18n, 'tiles');
      frame.figure.classList.add('wide');
      const selId = uid('tilem');
      this.tileSelect = el('select', { id: selId, 'data-control': 'tile-metric' });
      this.tileSelect.addEventListener('change', () => {
        this.tileMetric = this.tileSelect.value;
        this.queueRender();
      });
      const label = el('label', {
        for: selId,
        class: 'inline',
        'data-i18n': 'chart.tilesMetric',
        text: t('chart.tilesMetric'),
      });
      frame.figure.querySelector('.chart-tools')!.prepend(label, this.tileSelect);
      this.charts.push({
        key: 'tiles',
        frame,
        draw: () => {
          const provinces =
            this.detail && Array.isArray(this.detail.provinces)
              ? (this.detail.provinces as Record<string, unknown>[])
              : [];
          const fields = provinces[0]
            ? Object.keys(provinces[0]).filter((k) => !['id', 'name', 'type'].includes(k))
            : [];
          if (this.tileSelect.options.length !== fields.length || this.tileSelect.dataset.lang !== i18n.lang) {
            clear(this.tileSelect);
            for (const f of fields)
              this.tileSelect.appendChild(
                el('option', { value: f, text: t(`detail.${f}`) === `detail.${f}` ? f : t(`detail.${f}`) }),
              );
            this.tileSelect.dataset.lang = i18n.lang;
          }
          if (!fields.includes(this.tileMetric) && fields.length > 0) this.tileMetric = fields[0]!;
          this.tileSelect.value = this.tileMetric;
          const metricLabel = t(`detail.${this.tileMetric}`);
          const units: TileUnit[] = provinces.map((p) => ({
            id: String(p.id),
            name: String(p.name),
            type: String(p.type),
            value: p[this.tileMetric] as number | string,
          }));
          const categories =
            this.tileMetric === 'status'
              ? Object.fromEntries(['authorized', 'pilot', 'unauthorized'].map((s) => [s, t(`unitStatus.${s}`)]))
              : undefined;
          const spec = tilesSpec({
            id: 'tiles',
            title: t('chart.tilesTitle', { metric: metricLabel }),
            metricLabel,
            units,
            groups: TYPES.map((k) => ({ key: k, label: t(`type.${k}`) })),
            nameLabel: t('chart.tilesName'),
            typeLabel: t('chart.tilesType'),
            ...(categories ? { categories } : {}),
          });
          renderTiles(frame.svg, spec, (v) => i18n.num(v, 3));
          frame.update(spec.title, spec.table);
        },
      });
    }
  }

  private stageDrawn = '';
  private announced = '';

  /** The policy-cycle diagram; while playing, the highlighted stage follows the schedule through the cycle. */
  private drawStage(force = false): void {
    const chart = this.charts.find((c) => c.key === 'cycle');
    if (!chart) return;
    let active: number | null = null;
    if (this.state === 'playing' && this.speed > 0) {
      const frac = Math.min(0.999, (performance.now() - this.lastArrival) / (1000 / this.speed));
      active = STAGE_ORDER[Math.floor(frac * STAGE_ORDER.length)]!;
    }
    const key = `${active}|${this.cycle}|${this.i18n.lang}`;
    if (!force && key === this.stageDrawn) return;
    this.stageDrawn = key;
    const t = this.i18n.t;
    const spec = policyCycleSpec({
      title: t('chart.cycleTitle'),
      stages: [0, 1, 2, 3, 4].map((i) => t(`stage.${i}`)),
      centreLabel: t('stage.centre'),
      active,
      counts: countByStage(this.lastCodes),
      stageLabel: t('chart.stage'),
      countLabel: t('chart.events'),
    });
    renderPolicyCycle(chart.frame.svg, spec);
    chart.frame.update(spec.title, spec.table);
    chart.frame.figure.dataset.active = active === null ? '' : String(active);
  }

  /**
   * Redraw on the next frame; while a scenario plays, at most once every RENDER_INTERVAL_MS, so the
   * charts are not all redrawn on every animation frame (each redraw is a main-thread task, and at
   * one a frame they added up to tasks over 50 ms). Stepping, pausing and the end draw at once.
   */
  private queueRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    const draw = () =>
      requestAnimationFrame(() => {
        this.renderQueued = false;
        this.lastRenderAt = performance.now();
        this.renderAll();
        this.settle();
      });
    const wait = this.state === 'playing' ? RENDER_INTERVAL_MS - (performance.now() - this.lastRenderAt) : 0;
    if (wait > 0) setTimeout(draw, wait);
    else draw();
  }

  /** Re-draw the charts alone (the comparison options changed). */
  private redraw(): void {
    if (!this.model) return;
    for (const c of this.charts) c.draw();
  }

  renderAll(): void {
    if (!this.model) return;
    for (const c of this.charts) c.draw();
    this.renderLog();
    this.renderResults();
    this.updateControls();
  }

  private renderLogFilter(): void {
    const t = this.i18n.t;
    const has = (k: string) => t(k) !== k;
    // Each kind of event by its human name, in the language's alphabetical order.
    const options = [...new Set(this.events.map((e) => e.code))]
      .map((code) => ({ code, label: eventCodeLabel(code, { t, has }) }))
      .sort((a, b) => a.label.localeCompare(b.label, this.i18n.lang));
    const codes = options.map((o) => o.code);
    const current = this.logFilter;
    clear(this.logSelect);
    this.logSelect.appendChild(el('option', { value: '', text: t('log.all') }));
    for (const o of options) this.logSelect.appendChild(el('option', { value: o.code, text: o.label }));
    this.logSelect.value = codes.includes(current) ? current : '';
  }

  private renderLog(): void {
    if (this.events.length === this.lastLogCount) return;
    if (new Set(this.events.map((e) => e.code)).size + 1 !== this.logSelect.options.length) this.renderLogFilter();
    this.lastLogCount = this.events.length;
    const i18n = this.i18n;
    const names = {
      province: Object.fromEntries(this.units.map((u) => [u.id, u.name])),
      partner: {} as Record<string, string>,
    };
    for (const p of this.partnerNames) names.partner[p.id] = i18n.pick(p.name);
    const shown = this.logFilter ? this.events.filter((e) => e.code === this.logFilter) : this.events;
    const latest = shown.slice(-LOG_LIMIT);
    const lines = eventLogLines(latest, {
      t: i18n.t,
      has: (k) => i18n.t(k) !== k,
      names,
      num: (v) => i18n.num(v, 3),
      param: (n) => paramName(i18n.lang, n),
    });
    clear(this.logList);
    // Newest first.
    for (let i = lines.length - 1; i >= 0; i--) {
      const l = lines[i]!;
      this.logList.appendChild(
        el('li', { 'data-code': l.code, 'data-cycle': l.cycle }, [
          el('span', { class: 'log-cycle', text: i18n.t('log.cycle', { cycle: l.cycle }) }),
          ' ',
          l.text,
        ]),
      );
    }
    this.logNote.textContent =
      shown.length === 0
        ? i18n.t('log.empty')
        : shown.length > LOG_LIMIT
          ? i18n.t('log.more', { n: LOG_LIMIT, total: shown.length })
          : '';
  }

  private renderResults(): void {
    if (!this.model) return;
    const t = this.i18n.t;
    const out = this.output;
    const spec = resultsTableSpec({
      caption: t('results.title'),
      metrics: this.model.metrics,
      output: out,
      labels: {
        metric: t('results.metric'),
        kind: t('results.kind'),
        run0: t('results.run0'),
        mean: t('results.mean'),
        ci: t('results.ci'),
        level: t('results.level'),
        count: t('results.count'),
      },
      metricLabel: (n) => this.i18n.metric(n),
    });
    renderTable(this.resultsHost, spec.table, (v) => this.i18n.num(v, 4));
    const rows = this.resultsHost.querySelectorAll('tbody tr');
    spec.keys.forEach((k, i) => rows[i]?.setAttribute('data-metric', k));
  }

  // ── Files out ─────────────────────────────────────────────────────────────

  private async exportResults(kind: 'csv' | 'json'): Promise<void> {
    if (this.sessionId === null || !this.model) return;
    const out = await this.ctx.api.results(this.sessionId);
    const base = `${out.manifest.scenario}-seed${out.manifest.seed}`;
    if (kind === 'json') download(new Blob([runOutputJson(out)], { type: 'application/json' }), `${base}.json`);
    else
      download(
        new Blob(
          [
            runsToCsv(
              out.runs,
              this.model.metrics.map((m) => m.name),
            ),
          ],
          { type: 'text/csv' },
        ),
        `${base}.csv`,
      );
  }

  private async saveScenario(): Promise<void> {
    const v = await this.ctx.api.validate(this.source, this.overrides);
    if (!v.ok) return;
    const raw =
      'bundled' in this.source
        ? { formatVersion: 1, name: v.value.name, extends: this.source.bundled, params: { ...this.overrides } }
        : {
            ...(this.source.raw as Record<string, unknown>),
            params: {
              ...(((this.source.raw as Record<string, unknown>).params as Record<string, unknown>) ?? {}),
              ...this.overrides,
            },
          };
    download(new Blob([`${JSON.stringify(raw, null, 1)}\n`], { type: 'application/json' }), `${v.value.name}.json`);
  }

  /** What the charts hold, for tests and the data tables: replicate 0's series by metric name. */
  seriesOf(metric: string, replicate = 0): number[] {
    return [...(this.values[replicate]?.[this.metricIndex(metric)] ?? [])];
  }

  dispose(): void {
    this.disposed = true;
    this.pause();
    this.closeSession();
  }
}
