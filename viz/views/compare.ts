import type { Issue } from '../../sim/engine/errors.ts';
import type { ParamValue } from '../../sim/engine/model.ts';
import type { RunRecord } from '../../sim/engine/run.ts';
import type { ComparisonSet } from '../../sim/experiment/compare.ts';
import { clear, el, uid } from '../dom.ts';
import { paramName } from '../exercise/text.ts';
import { download } from '../export/image.ts';
import { runsToCsv } from '../export/results.ts';
import type { I18n } from '../i18n/index.ts';
import { renderDifference } from '../render/difference.ts';
import { renderTimeSeries } from '../render/timeSeries.ts';
import { COUNT_LIMITS, valueOf, type CompareShare } from '../share/url.ts';
import { differenceSpec, type DifferenceRow } from '../specs/difference.ts';
import { decimalsOf, polarityOf } from '../specs/polarity.ts';
import { DASHES, SERIES_COLORS } from '../specs/palette.ts';
import { replicateBands, timeSeriesSpec } from '../specs/timeSeries.ts';
import type { Remote } from '../worker/client.ts';
import type { Catalog, ModelInfo, RunOutput, SessionApi } from '../worker/session.ts';
import { chartFrame, type ChartFrame } from './frame.ts';
import { applyI18n } from './i18nDom.ts';
import { issueLines } from './issues.ts';
import { IdleSignal } from './IdleSignal.ts';

export interface CompareContext {
  i18n: I18n;
  catalog: Catalog;
  /** The worker that runs the batches (started on first use). */
  api: () => Remote<SessionApi>;
  onShare(share: CompareShare): void;
}

const LETTERS = ['A', 'B', 'C', 'D'];
const SERIES_METRICS = ['coherence', 'innovation', 'security', 'development', 'prestige'];
const DIFF_METRICS = [
  'coherence',
  'innovation',
  'security',
  'development',
  'prestige',
  'value',
  'pilotsApproved',
  'scaleUps',
  'fenceBreaks',
  'incidents',
  'missedWindowShare',
];
/** Replicates per request to the worker: progress and cancel act between requests. */
const CHUNK = 4;

interface Column {
  scenario: string;
  params: { name: string; value: string }[];
  issues: Issue[];
  panel?: HTMLElement;
}

export type CompareState = 'idle' | 'running' | 'done' | 'invalid' | 'cancelled';

/**
 * Compare view: 2–4 scenarios or lever sets run on the same seeds (common random numbers); the
 * metrics over cycles on shared axes, and per metric the paired difference from A with its 95% CI.
 */
export class CompareView {
  readonly root: HTMLElement;
  state: CompareState = 'idle';
  private ctx: CompareContext;
  private i18n: I18n;
  private columns: Column[] = [];
  private seed = 1;
  private replicates = 10;
  private cycles = 50;
  private epoch = 0;
  private outputs: RunOutput[] = [];
  /** A against each other column, as sim/experiment/compare.ts gives it (the JSON export). */
  private comparison: ComparisonSet | null = null;
  private model: ModelInfo | null = null;
  private frames = new Map<string, ChartFrame>();
  private idle = new IdleSignal();

  private columnHost: HTMLElement;
  private chartHost: HTMLElement;
  private status: HTMLElement;
  private runBtn: HTMLButtonElement;
  private cancelBtn: HTMLButtonElement;
  private addBtn: HTMLButtonElement;
  private seedInput: HTMLInputElement;
  private repsInput: HTMLInputElement;
  private cyclesInput: HTMLInputElement;
  /** Derived metrics, `name = expression; …` (docs/formats.md §7), compared after the final values. */
  private derivedInput: HTMLInputElement;
  private exportJson: HTMLButtonElement;
  private exportCsv: HTMLButtonElement;

  constructor(host: HTMLElement, ctx: CompareContext) {
    this.ctx = ctx;
    this.i18n = ctx.i18n;
    const num = (key: string, min: number, max: number, value: number, control: string) => {
      const id = uid(control);
      const input = el('input', { type: 'number', id, min, max, step: 1, value, 'data-control': control });
      return { input, field: el('div', { class: 'field' }, [el('label', { for: id, 'data-i18n': key }), input]) };
    };
    // The same bounds a share link's counts are checked against.
    const lim = COUNT_LIMITS.compare;
    const seed = num('explore.seed', lim.seed[0], lim.seed[1], this.seed, 'compare-seed');
    const reps = num('explore.replicates', lim.reps[0], lim.reps[1], this.replicates, 'compare-replicates');
    const cyc = num('explore.cycles', lim.cycles[0], lim.cycles[1], this.cycles, 'compare-cycles');
    this.seedInput = seed.input;
    this.repsInput = reps.input;
    this.cyclesInput = cyc.input;
    const derivedId = uid('compare-derived');
    this.derivedInput = el('input', {
      type: 'text',
      id: derivedId,
      'data-control': 'compare-derived',
      // Expressions are written in the metrics' code names (the names a file or `--derived` uses), so the
      // example is code, marked as such like a file preview.
      'data-code': '',
      placeholder: 'balanced = min(coherence, innovation)',
      spellcheck: 'false',
    });
    const derivedField = el('div', { class: 'field' }, [
      el('label', { for: derivedId, 'data-i18n': 'compare.derived' }),
      this.derivedInput,
    ]);
    this.addBtn = el('button', { type: 'button', 'data-control': 'compare-add', 'data-i18n': 'compare.add' });
    this.addBtn.addEventListener('click', () => {
      if (this.columns.length >= 4) return;
      this.columns.push({
        scenario: this.columns[this.columns.length - 1]?.scenario ?? 'vn34-2025',
        params: [],
        issues: [],
      });
      this.renderColumns();
    });
    this.runBtn = el('button', {
      type: 'button',
      class: 'primary',
      'data-control': 'compare-run',
      'data-i18n': 'compare.run',
    });
    this.runBtn.addEventListener('click', () => void this.run());
    this.cancelBtn = el('button', {
      type: 'button',
      'data-control': 'compare-cancel',
      'data-i18n': 'compare.cancel',
      hidden: true,
    });
    this.cancelBtn.addEventListener('click', () => this.cancel());
    this.status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite', 'data-role': 'compare-status' });
    this.exportJson = el('button', {
      type: 'button',
      class: 'small',
      'data-control': 'compare-json',
      'data-i18n': 'results.json',
      disabled: true,
    });
    this.exportCsv = el('button', {
      type: 'button',
      class: 'small',
      'data-control': 'compare-csv',
      'data-i18n': 'compare.csv',
      disabled: true,
    });
    this.exportJson.addEventListener('click', () => this.download('json'));
    this.exportCsv.addEventListener('click', () => this.download('csv'));
    this.columnHost = el('div', { class: 'compare-columns', 'data-role': 'compare-columns' });
    this.chartHost = el('div', { class: 'compare-charts', 'data-role': 'compare-charts' });
    this.root = el(
      'section',
      { class: 'view compare', 'data-view': 'compare', 'aria-labelledby': 'compare-h', hidden: true },
      [
        el('h1', { id: 'compare-h', 'data-i18n': 'compare.heading' }),
        el('p', { class: 'help', 'data-i18n': 'compare.help' }),
        el('div', { class: 'compare-actions' }, [
          seed.field,
          reps.field,
          cyc.field,
          derivedField,
          this.addBtn,
          this.runBtn,
          this.cancelBtn,
          this.exportJson,
          this.exportCsv,
        ]),
        this.columnHost,
        this.status,
        this.chartHost,
      ],
    );
    host.appendChild(this.root);
    this.columns = [
      { scenario: 'controlled-autonomy', params: [], issues: [] },
      { scenario: 'devolved', params: [], issues: [] },
    ];
    this.renderColumns();
  }

  // ── Columns (scenarios and lever sets) ────────────────────────────────────

  private renderColumns(): void {
    clear(this.columnHost);
    const t = this.i18n.t;
    this.columns.forEach((col, i) => {
      const selId = uid('cmp-s');
      const select = el('select', { id: selId, 'data-control': `compare-scenario-${i}` });
      for (const s of this.ctx.catalog.scenarios) select.appendChild(el('option', { value: s.name, text: s.name }));
      select.value = col.scenario;
      select.addEventListener('change', () => {
        col.scenario = select.value;
        col.params = [];
        this.renderColumns();
      });
      const model = this.modelOf(col.scenario);
      const rows = el('div', { class: 'lever-rows' });
      col.params.forEach((p, k) => {
        const pid = uid('cmp-p');
        const vid = uid('cmp-v');
        const ps = el('select', {
          id: pid,
          'data-control': `compare-param-${i}-${k}`,
          'aria-label': t('compare.lever'),
        });
        for (const spec of model?.params ?? [])
          ps.appendChild(el('option', { value: spec.name, text: paramName(this.i18n.lang, spec.name) }));
        ps.value = p.name;
        ps.addEventListener('change', () => {
          p.name = ps.value;
        });
        const v = el('input', {
          type: 'text',
          id: vid,
          value: p.value,
          size: 8,
          'data-control': `compare-value-${i}-${k}`,
          'aria-label': t('compare.value'),
        });
        v.addEventListener('change', () => {
          p.value = v.value.trim();
        });
        const rm = el('button', {
          type: 'button',
          class: 'small',
          text: '×',
          'aria-label': `${t('compare.remove')} ${paramName(this.i18n.lang, p.name)}`,
        });
        rm.addEventListener('click', () => {
          col.params.splice(k, 1);
          this.renderColumns();
        });
        rows.appendChild(el('div', { class: 'lever-row' }, [ps, v, rm]));
      });
      const addLever = el('button', {
        type: 'button',
        class: 'small',
        'data-control': `compare-add-lever-${i}`,
        text: t('compare.setLever'),
      });
      addLever.addEventListener('click', () => {
        const first = model?.params.find((p) => p.lever) ?? model?.params[0];
        if (!first) return;
        col.params.push({ name: first.name, value: String(first.default) });
        this.renderColumns();
      });
      const remove = el('button', {
        type: 'button',
        class: 'small',
        'data-control': `compare-remove-${i}`,
        text: t('compare.remove'),
        disabled: this.columns.length <= 2,
      });
      remove.addEventListener('click', () => {
        if (this.columns.length <= 2) return;
        this.columns.splice(i, 1);
        this.renderColumns();
      });
      const issues = el('div', { class: 'issues', role: 'alert' });
      if (col.issues.length > 0) {
        const ul = el('ul');
        for (const line of issueLines(col.issues, this.i18n))
          ul.appendChild(el('li', { 'data-path': line.path, text: line.text }));
        issues.appendChild(ul);
      }
      const panel = el('section', { class: 'compare-column', 'data-column': i, 'aria-labelledby': `${selId}-h` }, [
        el('h2', { id: `${selId}-h`, text: t('compare.column', { letter: LETTERS[i]! }) }),
        el('div', { class: 'field' }, [el('label', { for: selId, text: t('explore.scenario') }), select]),
        rows,
        el('div', { class: 'lever-row' }, [addLever, remove]),
        issues,
      ]);
      col.panel = panel;
      this.columnHost.appendChild(panel);
    });
    this.addBtn.disabled = this.columns.length >= 4;
  }

  private modelOf(scenario: string): ModelInfo | null {
    const info = this.ctx.catalog.scenarios.find((s) => s.name === scenario);
    return info ? (this.ctx.catalog.models[info.model] ?? null) : null;
  }

  private paramsOf(col: Column): Record<string, ParamValue> {
    const out: Record<string, ParamValue> = {};
    for (const p of col.params) out[p.name] = valueOf(p.value);
    return out;
  }

  private columnLabel(i: number): string {
    return `${LETTERS[i]}: ${this.columnName(i)}`;
  }

  /**
   * A column's scenario name with its changed levers by their human names, e.g.
   * "controlled-autonomy (Monitoring = 0.8)"; with `code`, by registry name as files and --set
   * write them ("controlled-autonomy (monitoring=0.8)"), for the CSV export.
   */
  private columnName(i: number, code = false): string {
    const col = this.columns[i]!;
    const changes = col.params
      .map((p) =>
        code
          ? `${p.name}=${p.value}`
          : `${paramName(this.i18n.lang, p.name)} = ${p.value.trim() !== '' && Number.isFinite(Number(p.value)) ? this.i18n.num(Number(p.value), 6) : p.value}`,
      )
      .join(', ');
    return `${col.scenario}${changes ? ` (${changes})` : ''}`;
  }

  private polarityText(metric: string): string {
    const p = polarityOf(metric);
    return this.i18n.t(
      p === 'higher' ? 'compare.higherBetter' : p === 'lower' ? 'compare.lowerBetter' : 'compare.neutral',
    );
  }

  // ── Share ─────────────────────────────────────────────────────────────────

  share(): CompareShare {
    return {
      view: 'compare',
      seed: this.seed,
      replicates: this.replicates,
      cycles: this.cycles,
      columns: this.columns.map((c) => ({ scenario: c.scenario, params: this.paramsOf(c) })),
    };
  }

  /** Apply a link: the columns and counts, then run the comparison at once. */
  async applyShare(share: CompareShare): Promise<void> {
    if (share.seed !== undefined) this.seed = share.seed;
    if (share.replicates !== undefined) this.replicates = share.replicates;
    if (share.cycles !== undefined) this.cycles = share.cycles;
    const cols = share.columns.slice(0, 4).map((c) => ({
      scenario: c.scenario,
      params: Object.entries(c.params).map(([name, v]) => ({ name, value: String(v) })),
      issues: [],
    }));
    if (cols.length >= 2) this.columns = cols;
    this.seedInput.value = String(this.seed);
    this.repsInput.value = String(this.replicates);
    this.cyclesInput.value = String(this.cycles);
    this.renderColumns();
    if (cols.length >= 2) await this.run();
  }

  // ── Running ───────────────────────────────────────────────────────────────

  private readCounts(): boolean {
    let ok = true;
    for (const [input, set] of [
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
      const v = Number(input.value);
      const good = input.value.trim() !== '' && Number.isInteger(v) && v >= Number(input.min) && v <= Number(input.max);
      input.toggleAttribute('aria-invalid', !good);
      if (good) set(v);
      else ok = false;
    }
    return ok;
  }

  cancel(): void {
    if (this.state !== 'running') return;
    this.epoch++;
    this.setState('cancelled');
  }

  /** Run every column on replicates 0 … R−1 of the same seed, then the paired comparisons with A. */
  async run(): Promise<void> {
    if (!this.readCounts()) return;
    this.seedInput.value = String(this.seed);
    this.repsInput.value = String(this.replicates);
    this.cyclesInput.value = String(this.cycles);
    const epoch = ++this.epoch;
    const api = this.ctx.api();
    this.setState('running');
    this.ctx.onShare(this.share());
    // Validate every column first (and that they share a model), naming problems by path.
    let bad = false;
    const models = new Set<string>();
    for (const col of this.columns) {
      const v = await api.validate({ bundled: col.scenario }, this.paramsOf(col));
      col.issues = v.ok ? [] : v.issues;
      if (v.ok) models.add(v.value.model);
      else bad = true;
    }
    if (epoch !== this.epoch) return;
    if (models.size > 1) {
      for (const col of this.columns.slice(1))
        col.issues.push({ path: 'model', value: [...models].join(', '), rule: 'every column must use the same model' });
      bad = true;
    }
    this.renderColumns();
    if (bad) {
      this.setState('invalid');
      return;
    }
    this.model = this.ctx.catalog.models[[...models][0]!]!;
    const total = this.columns.length * this.replicates;
    let done = 0;
    const outputs: RunOutput[] = [];
    for (const col of this.columns) {
      const runs: RunRecord[] = [];
      for (let from = 0; from < this.replicates; from += CHUNK) {
        const res = await api.runBatch({
          source: { bundled: col.scenario },
          params: this.paramsOf(col),
          seed: this.seed,
          replicates: Math.min(CHUNK, this.replicates - from),
          cycles: this.cycles,
          from,
        });
        if (epoch !== this.epoch) return;
        if (!res.ok) {
          col.issues = res.issues;
          this.renderColumns();
          this.setState('invalid');
          return;
        }
        runs.push(...res.value.output.runs);
        done += res.value.output.runs.length;
        this.status.textContent = this.i18n.t('compare.running', { done, total });
      }
      const out = await api.outputOf(
        {
          source: { bundled: col.scenario },
          params: this.paramsOf(col),
          seed: this.seed,
          replicates: this.replicates,
          cycles: this.cycles,
        },
        runs,
      );
      if (epoch !== this.epoch) return;
      if (!out.ok) return;
      outputs.push(out.value);
    }
    // Pairs: replicate r of A with replicate r of each other column, where both runs are ok
    // (sim/experiment/compare.ts, as `concerto compare` makes them).
    const cmp = await api.compareColumns(
      {
        columns: this.columns.map((col) => ({ source: { bundled: col.scenario }, params: this.paramsOf(col) })),
        seed: this.seed,
        replicates: this.replicates,
        cycles: this.cycles,
        derived: this.derivedOf(),
      },
      outputs.map((out) => out.runs),
    );
    if (epoch !== this.epoch) return;
    if (!cmp.ok) {
      this.columns[0]!.issues = cmp.issues;
      this.renderColumns();
      this.setState('invalid');
      return;
    }
    this.outputs = outputs;
    this.comparison = cmp.value;
    this.setState('done');
    this.render();
  }

  private seriesMetrics(): string[] {
    const names = this.model?.metrics.map((m) => m.name) ?? [];
    const headline = SERIES_METRICS.filter((m) => names.includes(m));
    return headline.length > 0
      ? headline
      : (this.model?.metrics
          .filter((m) => m.kind === 'level')
          .slice(0, 4)
          .map((m) => m.name) ?? []);
  }

  private diffMetrics(out: RunOutput): string[] {
    const finals = Object.keys(out.runs.find((r) => r.status === 'ok')?.final ?? {});
    const chosen = DIFF_METRICS.filter((m) => finals.includes(m));
    const derived = Object.keys(this.comparison?.manifest.derived ?? {});
    return [...(chosen.length > 0 ? chosen : finals.slice(0, 6)), ...derived];
  }

  /** `name = expression; …` as `{ name: expression }`; the worker checks names and expressions. */
  private derivedOf(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const part of this.derivedInput.value.split(';')) {
      if (part.trim() === '') continue;
      const eq = part.indexOf('=');
      out[eq < 0 ? part.trim() : part.slice(0, eq).trim()] = eq < 0 ? '' : part.slice(eq + 1).trim();
    }
    return out;
  }

  private setState(s: CompareState): void {
    this.state = s;
    this.root.dataset.state = s;
    this.runBtn.disabled = s === 'running';
    this.cancelBtn.hidden = s !== 'running';
    this.exportJson.disabled = s !== 'done';
    this.exportCsv.disabled = s !== 'done';
    if (s === 'invalid') this.status.textContent = this.i18n.t('status.invalid');
    if (s === 'cancelled') this.status.textContent = this.i18n.t('compare.cancelled');
    if (s === 'done')
      this.status.textContent = this.i18n.t('compare.finished', {
        n: this.columns.length,
        last: this.replicates - 1,
        seed: this.seed,
      });
    if (s !== 'running') this.idle.release();
  }

  whenIdle(): Promise<void> {
    return this.idle.wait(this.state === 'running');
  }

  // ── Charts ────────────────────────────────────────────────────────────────

  private frame(key: string, cls: string): ChartFrame {
    let f = this.frames.get(key);
    if (!f) {
      // The difference chart's export carries its title, key and a note on the dots and the runs.
      const note =
        key === 'diff'
          ? () => this.i18n.t('compare.exportNote', { seed: this.seed, last: this.replicates - 1, cycles: this.cycles })
          : undefined;
      f = chartFrame(this.chartHost, this.i18n, key, undefined, note);
      f.figure.classList.add(cls);
      // The key above the panels, not below all of them.
      if (key === 'diff') f.svg.before(el('p', { class: 'help', 'data-role': 'dots-help' }));
      this.frames.set(key, f);
    }
    return f;
  }

  render(): void {
    if (this.state !== 'done' || !this.model || this.outputs.length === 0) return;
    const t = this.i18n.t;
    const model = this.model;
    const seriesKeys = this.seriesMetrics();
    const wanted = new Set([...seriesKeys.map((k) => `series-${k}`), 'diff']);
    for (const [k, f] of this.frames) {
      if (!wanted.has(k)) {
        f.figure.remove();
        this.frames.delete(k);
      }
    }
    const diff = this.frame('diff', 'diff');
    const present = this.root.closest('.present') !== null;
    diff.figure.classList.toggle('present-layout', present);
    const rows: { key: string; label: string; rows: DifferenceRow[] }[] = this.diffMetrics(this.outputs[0]!).map(
      (m) => ({
        key: m,
        label: this.i18n.metric(m),
        polarity: this.polarityText(m),
        digits: decimalsOf(m),
        rows: (this.comparison?.comparisons ?? []).flatMap((cmp, j) => {
          const c = cmp.metrics[m];
          if (!c) return [];
          return [
            {
              label: t('compare.diff', { a: this.columnName(0), b: this.columnName(j + 1) }),
              color: SERIES_COLORS[j + 1]!,
              n: c.n,
              meanA: c.meanA,
              meanB: c.meanB,
              difference: c.difference,
              paired: { ciLow: c.paired.ciLow, ciHigh: c.paired.ciHigh },
              unpaired: { ciLow: c.unpaired.ciLow, ciHigh: c.unpaired.ciHigh },
              widthRatio: c.widthRatio,
            },
          ];
        }),
      }),
    );
    const dspec = differenceSpec({
      title: t('compare.diffTitleNamed', { a: this.columnName(0) }),
      metrics: rows,
      key: { filled: t('compare.keyFilled'), open: t('compare.keyOpen') },
      // On a projector: the full width at one unit a pixel, panels in two columns, larger rows.
      ...(present
        ? {
            width: diff.svg.clientWidth || 1100,
            columns: diff.svg.clientWidth >= 1200 || !diff.svg.clientWidth ? 2 : 1,
            scale: 1.4,
          }
        : {}),
      labels: {
        metric: t('results.metric'),
        comparison: t('compare.comparison'),
        meanA: t('compare.meanRef'),
        meanB: t('compare.meanOther'),
        difference: t('compare.meanDiff'),
        paired: t('compare.ciPaired'),
        unpaired: t('compare.ciWelch'),
        widthRatio: t('compare.widthRatio'),
        n: 'n',
      },
    });
    renderDifference(diff.svg, dspec);
    const help = diff.figure.querySelector<HTMLElement>('[data-role="dots-help"]');
    if (help) help.textContent = t('compare.dotsHelpNamed', { a: this.columnName(0) });
    diff.update(dspec.title, dspec.table);

    for (const key of seriesKeys) {
      const spec = model.metrics.find((m) => m.name === key)!;
      const f = this.frame(`series-${key}`, 'small');
      const ts = timeSeriesSpec({
        id: `series-${key}`,
        title: t('compare.seriesTitle', { metric: this.i18n.metric(key) }),
        xLabel: t('chart.cycle'),
        yLabel: this.i18n.metric(key),
        cycles: this.cycles,
        bounds: { min: spec.min, max: spec.max },
        cycleLabel: t('chart.cycle'),
        bandLabel: t('chart.band', { n: this.replicates }),
        size: { width: 480, height: 280 },
        series: this.outputs.map((out, i) => {
          const b = replicateBands(out.runs.map((r) => r.series[key] ?? []));
          return {
            key: LETTERS[i]!,
            label: this.columnLabel(i),
            color: SERIES_COLORS[i]!,
            dash: DASHES[i]!,
            values: b.mean,
            band: { lo: b.lo, hi: b.hi },
          };
        }),
      });
      renderTimeSeries(f.svg, ts);
      f.update(ts.title, ts.table);
    }
    // Differences first, then the series in the headline order.
    this.chartHost.prepend(diff.figure);
  }

  // ── Files out ─────────────────────────────────────────────────────────────

  private download(kind: 'json' | 'csv'): void {
    if (this.state !== 'done' || !this.model) return;
    if (kind === 'json') {
      // docs/formats.md §11: A against each other column, each pair as `concerto compare` writes it.
      download(
        new Blob([`${JSON.stringify(this.comparison)}\n`], { type: 'application/json' }),
        `compare-seed${this.seed}.json`,
      );
    } else {
      // One tidy CSV per column in docs/formats.md's run format, concatenated under a scenario column.
      const metrics = this.model.metrics.map((m) => m.name);
      // Rows are labelled with the scenario's name and its changed levers (quoted as CSV text).
      const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
      const parts = this.outputs.map((out, i) =>
        runsToCsv(out.runs, metrics)
          .trimEnd()
          .split('\n')
          .map((line, k) => (k === 0 ? `scenario,${line}` : `${quote(this.columnName(i, true))},${line}`)),
      );
      const lines = [parts[0]![0]!, ...parts.flatMap((p) => p.slice(1))];
      download(new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' }), `compare-seed${this.seed}.csv`);
    }
  }

  relabel(): void {
    applyI18n(this.root, this.i18n);
    this.renderColumns();
    if (this.state === 'done') this.setState('done');
    this.render();
  }

  dispose(): void {
    this.epoch++;
  }
}
