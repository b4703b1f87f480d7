// The Experiment view's results: the heatmap over two levers, the coherence–innovation plane with the
// Pareto front, the sensitivity indices (declared as a list of charts, each with the condition under
// which it applies), the scenario-discovery box and the per-point table. A finished sweep is drawn one
// part per main-thread task (yieldToMain between them); a change of a chart's menu redraws at once.
import type { PointSummary } from '../../../sim/experiment/aggregate.ts';
import type { Analysis } from '../../../sim/experiment/analysis.ts';
import type { Experiment } from '../../../sim/experiment/experiment.ts';
import type { SweepOutcome } from '../../../sim/experiment/sweep.ts';
import { clear, el, uid } from '../../dom.ts';
import { paramName } from '../../exercise/text.ts';
import type { I18n } from '../../i18n/index.ts';
import { renderHeatmap } from '../../render/heatmap.ts';
import { renderIndices } from '../../render/indices.ts';
import { renderPareto } from '../../render/pareto.ts';
import { renderTable } from '../../render/table.ts';
import { heatmapSpec } from '../../specs/heatmap.ts';
import { indicesSpec } from '../../specs/indices.ts';
import { OKABE_ITO } from '../../specs/palette.ts';
import { paretoSpec } from '../../specs/pareto.ts';
import { sobolNotes } from '../../specs/sobolNote.ts';
import { chartFrame, type ChartFrame } from '../frame.ts';
import { yieldToMain } from '../yieldToMain.ts';

/** What the results are drawn from. */
export interface ResultsData {
  points: readonly PointSummary[];
  params: readonly string[];
  metrics: readonly string[];
  analysis: Analysis | null;
}

interface ResultChart {
  key: string;
  size: 'wide' | 'square';
  applies(c: ResultsData): boolean;
  draw(r: ExperimentResults, f: ChartFrame, c: ResultsData): void;
}

/** The result charts, in page order. */
const RESULT_CHARTS: readonly ResultChart[] = [
  {
    key: 'heatmap',
    size: 'wide',
    applies: (c) => c.params.length > 0 && c.points.length > 0,
    draw: (r, f, c) => r.drawHeatmap(f, c),
  },
  { key: 'pareto', size: 'square', applies: (c) => !!c.analysis?.pareto, draw: (r, f, c) => r.drawPareto(f, c) },
  {
    key: 'indices',
    size: 'wide',
    applies: (c) => !!(c.analysis?.sobol ?? c.analysis?.morris),
    draw: (r, f, c) => r.drawIndices(f, c),
  },
];

export class ExperimentResults {
  private frames = new Map<string, ChartFrame>();
  private heat = { x: '', y: '', metric: '' };
  private indexMetric = '';
  private last: ResultsData | null = null;

  constructor(
    private readonly host: HTMLElement,
    private readonly i18n: I18n,
  ) {}

  /** What a sweep's outcome gives the results. */
  static dataOf(out: SweepOutcome, exp: Experiment): ResultsData {
    return {
      points: out.summary.points,
      params: exp.design.parameters,
      metrics: exp.metrics,
      analysis: out.summary.analysis,
    };
  }

  private steps(c: ResultsData): (() => void)[] {
    const heat = this.heat;
    const { params, metrics } = c;
    if (!params.includes(heat.x)) heat.x = params[0] ?? '';
    if (!params.includes(heat.y) || (heat.y === heat.x && params.length > 1))
      heat.y = params.find((p) => p !== heat.x) ?? heat.x;
    if (!metrics.includes(heat.metric)) heat.metric = metrics.includes('value') ? 'value' : metrics[0]!;
    return [
      ...RESULT_CHARTS.map((chart) => () => {
        if (chart.applies(c)) chart.draw(this, this.frame(chart.key, chart.size), c);
        else this.dropFrame(chart.key);
      }),
      () => this.renderPrim(c.analysis),
      () => this.renderPoints(c.points, c.params, c.metrics),
    ];
  }

  /** Draw everything at once (a new language, a chart's menu). */
  render(c: ResultsData | null = this.last): void {
    if (!c) return;
    this.last = c;
    for (const step of this.steps(c)) step();
  }

  /** Draw a finished sweep one part per task; stops when `signal` aborts. */
  async renderInParts(c: ResultsData, signal: AbortSignal): Promise<void> {
    this.last = c;
    for (const step of this.steps(c)) {
      if (signal.aborted) return;
      step();
      await yieldToMain();
    }
  }

  private frame(key: string, cls = 'wide'): ChartFrame {
    let f = this.frames.get(key);
    if (!f) {
      f = chartFrame(this.host, this.i18n, key);
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
        this.render();
      });
      tools.prepend(el('label', { for: id, class: 'inline', text: label }), sel);
    }
    (sel.previousElementSibling as HTMLElement).textContent = label;
    clear(sel);
    for (const o of options) sel.appendChild(el('option', { value: o.value, text: o.text }));
    sel.value = value;
  }

  drawHeatmap(f: ChartFrame, c: ResultsData): void {
    const { points, params, metrics } = c;
    const t = this.i18n.t;
    const fmt = (v: number) => this.i18n.num(v, 3);
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
  }

  drawPareto(f: ChartFrame, c: ResultsData): void {
    const { points, analysis } = c;
    const t = this.i18n.t;
    const fmt = (v: number) => this.i18n.num(v, 3);
    const pa = analysis!.pareto!;
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
  }

  drawIndices(f: ChartFrame, c: ResultsData): void {
    const { metrics, analysis } = c;
    const t = this.i18n.t;
    const sens = (analysis?.sobol ?? analysis?.morris)!;
    const usable = metrics.filter((m) => sens.metrics[m] && !('error' in sens.metrics[m]!));
    if (!usable.includes(this.indexMetric)) this.indexMetric = usable.includes('value') ? 'value' : (usable[0] ?? '');
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
  }

  private renderPrim(analysis: Analysis | null): void {
    const t = this.i18n.t;
    let box = this.host.querySelector<HTMLElement>('[data-role="prim"]');
    if (!analysis?.prim) {
      box?.remove();
      return;
    }
    if (!box) {
      box = el('section', { class: 'panel prim', 'data-role': 'prim' });
      this.host.appendChild(box);
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
    let box = this.host.querySelector<HTMLElement>('[data-role="points"]');
    if (!box) {
      box = el('details', { class: 'panel points', 'data-role': 'points' });
      this.host.appendChild(box);
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
}
