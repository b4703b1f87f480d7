// Explore's charts as a list of declarations: which models a chart applies to, the plain-data spec
// it makes from the run so far (spec), and how that spec is drawn (render, a D3 renderer). The chart board
// (board.ts) makes a frame for each chart that applies and redraws only those whose data changed.
import { clear, el, uid } from '../../dom.ts';
import type { I18n } from '../../i18n/index.ts';
import { renderPlane } from '../../render/plane.ts';
import { renderPolicyCycle } from '../../render/policyCycle.ts';
import { renderTiles } from '../../render/tiles.ts';
import { renderTimeSeries } from '../../render/timeSeries.ts';
import { METRIC_COLORS, seriesColor } from '../../specs/palette.ts';
import { planeSpec, type PlaneSpec } from '../../specs/plane.ts';
import { countByStage, policyCycleSpec, type PolicyCycleSpec } from '../../specs/policyCycle.ts';
import type { TableSpec } from '../../specs/table.ts';
import { tilesSpec, type TilesSpec, type TileUnit } from '../../specs/tiles.ts';
import { replicateBands, timeSeriesSpec, type TimeSeriesSpec } from '../../specs/timeSeries.ts';
import type { ModelInfo } from '../../worker/session.ts';
import type { ChartFrame } from '../frame.ts';

/** What a chart is drawn from: the run so far and the view's options, read-only. */
export interface ChartData {
  i18n: I18n;
  model: ModelInfo;
  cycles: number;
  replicates: number;
  /** Cycles taken so far. */
  cycle: number;
  /** values[replicate][metric index][cycle index] */
  values: readonly (readonly (readonly number[])[])[];
  /** Replicate 0 of the run before the last lever change, per metric (drawn faint). */
  previous: ReadonlyMap<string, readonly number[]> | null;
  /** Held y domains per chart; a chart adds its own the first time it draws a cycle. */
  heldY: Map<string, [number, number]> | null;
  detail: Record<string, unknown> | null;
  /** Event codes of the last cycle taken (the policy cycle's counts). */
  lastCodes: readonly string[];
  /** The stage the policy cycle highlights while playing, null otherwise. */
  activeStage: number | null;
  /** The province field the tiles show. */
  tileMetric: string;
  /** Changes whenever the run's data change (a step, a reset, a new session). */
  revision: number;
  /** Changes whenever a drawing option changes (previous run, held axes, tile field, language). */
  options: number;
}

/** A drawn spec: the SVG is drawn, the caption and data table follow. */
interface Drawn {
  title: string;
  table: TableSpec;
}

export interface ChartDecl<S extends Drawn = Drawn> {
  /** Identifies the chart: its figure's data-chart attribute. */
  key: string;
  /** The figure's size class. */
  size: 'wide' | 'small' | 'square';
  applies(model: ModelInfo, hasProvinces: boolean): boolean;
  /** Changes exactly when the drawing would (the board skips a chart whose stamp is unchanged). */
  stamp(d: ChartData): string;
  /** Controls and notes of the chart's own, added once to its frame. */
  mount?(frame: ChartFrame, env: ChartEnv): void;
  /** The chart as plain data, from the run so far. */
  spec(d: ChartData, env: ChartEnv): S;
  /** Draw the spec into the frame (the SVG, and what the chart keeps beside it). */
  render(frame: ChartFrame, spec: S, d: ChartData): void;
}

/** What charts may call back into the view with. */
export interface ChartEnv {
  i18n: I18n;
  /** Record the province field the tiles show (no redraw). */
  setTileMetric(field: string): void;
  /** A drawing option changed: redraw what it touches now. */
  optionsChanged(): void;
}

const TYPES = ['border', 'coastal', 'city', 'interior'];
const hasMetric = (model: ModelInfo, n: string) => model.metrics.some((m) => m.name === n);
const hasPlane = (model: ModelInfo) => hasMetric(model, 'coherence') && hasMetric(model, 'innovation');
const metricIndex = (d: ChartData, name: string) => d.model.metrics.findIndex((m) => m.name === name);
const dataStamp = (d: ChartData) => `${d.revision}|${d.options}|${d.i18n.lang}`;

/**
 * A time series of one or more metrics: replicate 0 as the line, the replicates' range as a band,
 * the previous run faint and dashed.
 */
function seriesChart(
  key: string,
  metrics: (model: ModelInfo) => string[],
  applies: (model: ModelInfo) => boolean,
  title: (d: ChartData) => string,
  yLabel: (d: ChartData) => string,
): ChartDecl<TimeSeriesSpec> {
  return {
    key,
    size: 'small',
    applies,
    stamp: dataStamp,
    spec(d) {
      const t = d.i18n.t;
      const keys = metrics(d.model);
      const specMetrics = keys.map((k) => d.model.metrics.find((m) => m.name === k)!);
      // The y bounds all the metrics share: the lowest min, the highest max (none if one is open).
      const mins = specMetrics.map((m) => m.min);
      const maxs = specMetrics.map((m) => m.max);
      const bounds: { min?: number; max?: number } = {};
      const defMins = mins.filter((v): v is number => v !== undefined);
      if (defMins.length > 0) bounds.min = Math.min(...defMins);
      if (maxs.every((v) => v !== undefined)) bounds.max = Math.max(...(maxs as number[]));
      const perReplicate = (k: string) => d.values.map((v) => v[metricIndex(d, k)] ?? []);
      return timeSeriesSpec({
        id: key,
        title: title(d),
        xLabel: t('chart.cycle'),
        yLabel: yLabel(d),
        cycles: d.cycles,
        bounds,
        cycleLabel: t('chart.cycle'),
        size: keys.length > 1 ? { width: 640, height: 280 } : { width: 380, height: 250 },
        bandLabel: d.replicates > 1 ? t('chart.band', { n: d.replicates }) : undefined,
        ...(d.heldY?.has(key) ? { domain: d.heldY.get(key)! } : {}),
        series: [
          ...keys.map((k, i) => {
            const reps = perReplicate(k) as number[][];
            const b = replicateBands(reps);
            return {
              key: k,
              label: d.i18n.metric(k),
              color: seriesColor(k, i),
              values: reps[0] ?? [],
              ...(d.replicates > 1 ? { band: { lo: b.lo, hi: b.hi } } : {}),
            };
          }),
          ...keys.flatMap((k, i) => {
            const prev = d.previous?.get(k);
            return prev && prev.length > 0
              ? [
                  {
                    key: `${k}:previous`,
                    label: t('explore.previousRun', { metric: d.i18n.metric(k) }),
                    color: seriesColor(k, i),
                    dash: '5 3',
                    faint: true,
                    values: [...prev],
                  },
                ]
              : [];
          }),
        ],
      });
    },
    render(frame, spec, d) {
      // Holding: the first domain drawn after the option is set stays until it is unset.
      if (d.heldY && !d.heldY.has(key) && d.cycle > 0) d.heldY.set(key, spec.y);
      renderTimeSeries(frame.svg, spec);
      // A tooltip with what each metric means and on which scale (0–1 shares, 0–100 indices).
      frame.figure.title = metrics(d.model)
        .map((k) => d.model.metrics.find((m) => m.name === k)!)
        .map((m) => `${d.i18n.metric(m.name)}: ${d.i18n.pick(m.description)}`)
        .join('\n');
    },
  };
}

/** A single metric's chart, titled by the metric. */
const oneMetric = (name: string, applies: (model: ModelInfo) => boolean): ChartDecl =>
  seriesChart(
    name,
    () => [name],
    applies,
    (d) => d.i18n.metric(name),
    (d) => d.i18n.metric(name),
  );

/** A model without coherence and innovation: its first four level metrics, one chart each. */
const levelMetric = (i: number): ChartDecl => {
  const nameOf = (model: ModelInfo) => model.metrics.filter((m) => m.kind === 'level')[i]?.name ?? '';
  const decl = seriesChart(
    `level-${i}`,
    (model) => [nameOf(model)],
    (model) => !hasPlane(model) && nameOf(model) !== '',
    (d) => d.i18n.metric(nameOf(d.model)),
    (d) => d.i18n.metric(nameOf(d.model)),
  );
  return { ...decl, key: `level-${i}` };
};

const timeSeriesCharts: ChartDecl[] = [
  {
    ...seriesChart(
      'ci',
      () => ['coherence', 'innovation'],
      hasPlane,
      (d) => d.i18n.t('chart.ci'),
      (d) => d.i18n.t('chart.level'),
    ),
    size: 'wide',
  },
  ...['security', 'development', 'prestige'].map((k) =>
    oneMetric(k, (model) => hasPlane(model) && hasMetric(model, k)),
  ),
  ...[0, 1, 2, 3].map(levelMetric),
];

const plane: ChartDecl<PlaneSpec> = {
  key: 'plane',
  size: 'square',
  applies: hasPlane,
  stamp: dataStamp,
  spec(d) {
    const t = d.i18n.t;
    const ci = metricIndex(d, 'coherence');
    const ii = metricIndex(d, 'innovation');
    const others = d.values
      .slice(1)
      .filter((v) => (v[ci]?.length ?? 0) > 0)
      .map((v) => ({ x: v[ci]![v[ci]!.length - 1]!, y: v[ii]![v[ii]!.length - 1]! }));
    const spec = planeSpec({
      id: 'plane',
      title: t('chart.planeTitle'),
      xLabel: d.i18n.metric('coherence'),
      yLabel: d.i18n.metric('innovation'),
      color: METRIC_COLORS.coherence!,
      xs: [...(d.values[0]?.[ci] ?? [])],
      ys: [...(d.values[0]?.[ii] ?? [])],
      others,
      cycleLabel: t('chart.cycle'),
      startLabel: t('chart.planeStart'),
      nowLabel: t('chart.planeNow'),
      othersLabel: t('chart.planeOthers'),
    });
    return spec;
  },
  render: (frame, spec) => renderPlane(frame.svg, spec),
};

/** The policy-cycle diagram; while playing, the highlighted stage follows the schedule through the cycle. */
const policyCycle: ChartDecl<PolicyCycleSpec> = {
  key: 'cycle',
  size: 'square',
  applies: (model) => model.id === 'governance',
  stamp: (d) => `${d.activeStage}|${d.cycle}|${d.revision}|${d.i18n.lang}`,
  mount(frame, env) {
    const t = env.i18n.t;
    frame.figure.appendChild(el('p', { class: 'help', 'data-i18n': 'chart.cycleHelp', text: t('chart.cycleHelp') }));
  },
  spec(d) {
    const t = d.i18n.t;
    return policyCycleSpec({
      title: t('chart.cycleTitle'),
      stages: [0, 1, 2, 3, 4].map((i) => t(`stage.${i}`)),
      centreLabel: t('stage.centre'),
      active: d.activeStage,
      counts: countByStage([...d.lastCodes]),
      stageLabel: t('chart.stage'),
      countLabel: t('chart.events'),
    });
  },
  render(frame, spec, d) {
    renderPolicyCycle(frame.svg, spec);
    frame.figure.dataset.active = d.activeStage === null ? '' : String(d.activeStage);
  },
};

/** The provinces' fields the tiles can show (all but id, name and type). */
const tileFields = (d: ChartData) => {
  const first = provincesOf(d)[0];
  return first ? Object.keys(first).filter((k) => !['id', 'name', 'type'].includes(k)) : [];
};
const provincesOf = (d: ChartData) =>
  d.detail && Array.isArray(d.detail.provinces) ? (d.detail.provinces as Record<string, unknown>[]) : [];

/** The provinces as tiles grouped by type, coloured by the chosen field. */
const tiles: ChartDecl<TilesSpec> = {
  key: 'tiles',
  size: 'wide',
  applies: (_model, hasProvinces) => hasProvinces,
  stamp: dataStamp,
  mount(frame, env) {
    const t = env.i18n.t;
    const selId = uid('tilem');
    const select = el('select', { id: selId, 'data-control': 'tile-metric' });
    select.addEventListener('change', () => {
      env.setTileMetric(select.value);
      env.optionsChanged();
    });
    const label = el('label', {
      for: selId,
      class: 'inline',
      'data-i18n': 'chart.tilesMetric',
      text: t('chart.tilesMetric'),
    });
    frame.figure.querySelector('.chart-tools')!.prepend(label, select);
  },
  spec(d, env) {
    const t = d.i18n.t;
    const provinces = provincesOf(d);
    const fields = tileFields(d);
    let metric = d.tileMetric;
    if (!fields.includes(metric) && fields.length > 0) {
      metric = fields[0]!;
      env.setTileMetric(metric);
    }
    const metricLabel = t(`detail.${metric}`);
    const units: TileUnit[] = provinces.map((p) => ({
      id: String(p.id),
      name: String(p.name),
      type: String(p.type),
      value: p[metric] as number | string,
    }));
    const categories =
      metric === 'status'
        ? Object.fromEntries(['authorized', 'pilot', 'unauthorized'].map((s) => [s, t(`unitStatus.${s}`)]))
        : undefined;
    return tilesSpec({
      id: 'tiles',
      title: t('chart.tilesTitle', { metric: metricLabel }),
      metricLabel,
      units,
      groups: TYPES.map((k) => ({ key: k, label: t(`type.${k}`) })),
      nameLabel: t('chart.tilesName'),
      typeLabel: t('chart.tilesType'),
      ...(categories ? { categories } : {}),
    });
  },
  render(frame, spec, d) {
    const { i18n } = d;
    const t = i18n.t;
    // The field menu follows the provinces' fields and the language.
    const select = frame.figure.querySelector<HTMLSelectElement>('select[data-control="tile-metric"]')!;
    const fields = tileFields(d);
    if (select.options.length !== fields.length || select.dataset.lang !== i18n.lang) {
      clear(select);
      for (const f of fields)
        select.appendChild(el('option', { value: f, text: t(`detail.${f}`) === `detail.${f}` ? f : t(`detail.${f}`) }));
      select.dataset.lang = i18n.lang;
    }
    select.value = fields.includes(d.tileMetric) ? d.tileMetric : (fields[0] ?? '');
    renderTiles(frame.svg, spec, (v) => i18n.num(v, 3));
  },
};

/** Every chart Explore can show, in page order. */
export const EXPLORE_CHARTS: readonly ChartDecl[] = [...timeSeriesCharts, plane, policyCycle, tiles];

/** The figure id of a chart for a model: a level chart is named after its metric. */
export function chartId(decl: ChartDecl, model: ModelInfo): string {
  const level = /^level-(\d)$/.exec(decl.key);
  if (!level) return decl.key;
  return model.metrics.filter((m) => m.kind === 'level')[Number(level[1])]!.name;
}
