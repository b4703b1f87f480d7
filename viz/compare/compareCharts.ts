import { el } from '../dom.ts';
import type { I18n } from '../i18n/index.ts';
import { renderDifference } from '../render/difference.ts';
import { renderTimeSeries } from '../render/timeSeries.ts';
import { differenceSpec, type DifferenceRow } from '../specs/difference.ts';
import { DASHES, SERIES_COLORS } from '../specs/palette.ts';
import { decimalsOf, polarityOf } from '../specs/polarity.ts';
import { replicateBands, timeSeriesSpec } from '../specs/timeSeries.ts';
import { chartFrame, type ChartFrame } from '../views/frame.ts';
import type { ModelInfo, RunOutput } from '../worker/session.ts';
import { columnName, LETTERS, type Column } from './columns.ts';
import type { Comparison } from './runComparison.ts';

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

/** What a drawing of a comparison shows: its result, the columns' names and the run counts. */
export interface ChartInput {
  result: Comparison;
  columns: Column[];
  seed: number;
  replicates: number;
  cycles: number;
  /** On a projector (presentation mode): the difference chart laid out for the screen it is on. */
  present: boolean;
}

function seriesMetrics(model: ModelInfo): string[] {
  const names = model.metrics.map((m) => m.name);
  const headline = SERIES_METRICS.filter((m) => names.includes(m));
  return headline.length > 0
    ? headline
    : model.metrics
        .filter((m) => m.kind === 'level')
        .slice(0, 4)
        .map((m) => m.name);
}

function diffMetrics(out: RunOutput, derived: string[]): string[] {
  const finals = Object.keys(out.runs.find((r) => r.status === 'ok')?.final ?? {});
  const chosen = DIFF_METRICS.filter((m) => finals.includes(m));
  return [...(chosen.length > 0 ? chosen : finals.slice(0, 6)), ...derived];
}

/**
 * The Compare view's charts: per metric the paired difference from A with its 95% CI, then the metrics
 * over cycles on shared axes. A chart's frame is kept by key and redrawn in place.
 */
export class CompareCharts {
  private frames = new Map<string, ChartFrame>();
  /** The figures' notes read the counts of the comparison last drawn. */
  private last: ChartInput | null = null;

  constructor(
    readonly host: HTMLElement,
    private i18n: I18n,
  ) {}

  private frame(key: string, cls: string): ChartFrame {
    let f = this.frames.get(key);
    if (!f) {
      // The difference chart's export carries its title, key and a note on the dots and the runs.
      const note =
        key === 'diff'
          ? () =>
              this.i18n.t('compare.exportNote', {
                seed: this.last?.seed ?? 0,
                last: (this.last?.replicates ?? 1) - 1,
                cycles: this.last?.cycles ?? 0,
              })
          : undefined;
      f = chartFrame(this.host, this.i18n, key, undefined, note);
      f.figure.classList.add(cls);
      // The key above the panels, not below all of them.
      if (key === 'diff') f.svg.before(el('p', { class: 'help', 'data-role': 'dots-help' }));
      this.frames.set(key, f);
    }
    return f;
  }

  render(input: ChartInput): void {
    this.last = input;
    const { result, columns } = input;
    const { model, outputs, comparison } = result;
    if (outputs.length === 0) return;
    const t = this.i18n.t;
    const name = (i: number) => columnName(columns[i]!, this.i18n);
    const seriesKeys = seriesMetrics(model);
    const wanted = new Set([...seriesKeys.map((k) => `series-${k}`), 'diff']);
    for (const [k, f] of this.frames) {
      if (!wanted.has(k)) {
        f.figure.remove();
        this.frames.delete(k);
      }
    }
    const diff = this.frame('diff', 'diff');
    diff.figure.classList.toggle('present-layout', input.present);
    const polarityText = (metric: string) => {
      const p = polarityOf(metric);
      return t(p === 'higher' ? 'compare.higherBetter' : p === 'lower' ? 'compare.lowerBetter' : 'compare.neutral');
    };
    const derived = Object.keys(comparison.manifest.derived ?? {});
    const rows: { key: string; label: string; rows: DifferenceRow[] }[] = diffMetrics(outputs[0]!, derived).map(
      (m) => ({
        key: m,
        label: this.i18n.metric(m),
        polarity: polarityText(m),
        digits: decimalsOf(m),
        rows: comparison.comparisons.flatMap((cmp, j) => {
          const c = cmp.metrics[m];
          if (!c) return [];
          return [
            {
              label: t('compare.diff', { a: name(0), b: name(j + 1) }),
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
      title: t('compare.diffTitleNamed', { a: name(0) }),
      metrics: rows,
      key: { filled: t('compare.keyFilled'), open: t('compare.keyOpen') },
      // On a projector: the full width at one unit a pixel, panels in two columns, larger rows.
      ...(input.present
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
    if (help) help.textContent = t('compare.dotsHelpNamed', { a: name(0) });
    diff.update(dspec.title, dspec.table);

    for (const key of seriesKeys) {
      const spec = model.metrics.find((m) => m.name === key)!;
      const f = this.frame(`series-${key}`, 'small');
      const ts = timeSeriesSpec({
        id: `series-${key}`,
        title: t('compare.seriesTitle', { metric: this.i18n.metric(key) }),
        xLabel: t('chart.cycle'),
        yLabel: this.i18n.metric(key),
        cycles: input.cycles,
        bounds: { min: spec.min, max: spec.max },
        cycleLabel: t('chart.cycle'),
        bandLabel: t('chart.band', { n: input.replicates }),
        size: { width: 480, height: 280 },
        series: outputs.map((out, i) => {
          const b = replicateBands(out.runs.map((r) => r.series[key] ?? []));
          return {
            key: LETTERS[i]!,
            label: `${LETTERS[i]}: ${name(i)}`,
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
    this.host.prepend(diff.figure);
  }
}
