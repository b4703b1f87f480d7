import { interpolateCividis } from 'd3';
import type { TableSpec } from './table.ts';
import { inkOn } from './tiles.ts';

export interface HeatmapInput {
  title: string;
  xLabel: string;
  yLabel: string;
  metricLabel: string;
  countLabel: string;
  /** Each point: its two lever values and the metric's mean there. */
  points: readonly { x: number | string; y: number | string; value: number }[];
  /** An axis with more distinct values than this is cut into `bins` equal bins. */
  maxLevels?: number;
  bins?: number;
  fmt: (v: number) => string;
  /** The key's words for a cell no point fell in. */
  emptyLabel?: string;
}

export interface HeatmapSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  xTicks: string[];
  yTicks: string[];
  /**
   * For a binned x axis, the bins+1 edge values, written at the bin boundaries: a range per bin
   * ("0.125–0.25") does not fit under a narrow column. Null for levels (one label per column).
   */
  xEdges: string[] | null;
  /** Grid cells no point fell in, drawn pale and keyed, so an empty cell is not read as a value. */
  empty: { i: number; j: number }[];
  emptyLabel: string;
  cells: { i: number; j: number; value: number; n: number; fill: string; ink: string; text: string }[];
  domain: [number, number];
  stops: { offset: number; color: string }[];
  metricLabel: string;
  table: TableSpec;
}

interface Axis {
  ticks: string[];
  /** Bin edges (bins + 1) for a binned axis, null for levels. */
  edges: string[] | null;
  index(v: number | string): number;
}

/** Levels of an axis: its distinct values (sorted), or equal-width bins of a continuous range. */
export function axisOf(
  values: readonly (number | string)[],
  maxLevels: number,
  bins: number,
  fmt: (v: number) => string,
): Axis {
  const distinct = [...new Set(values)];
  const numeric = distinct.every((v) => typeof v === 'number');
  if (!numeric || distinct.length <= maxLevels) {
    const sorted = numeric ? (distinct as number[]).sort((a, b) => a - b) : distinct.map(String).sort();
    const pos = new Map<number | string, number>(sorted.map((v, k) => [v, k]));
    return {
      ticks: sorted.map((v) => (typeof v === 'number' ? fmt(v) : v)),
      edges: null,
      index: (v) => pos.get(numeric ? v : String(v))!,
    };
  }
  const xs = distinct as number[];
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const w = (hi - lo) / bins;
  return {
    ticks: Array.from({ length: bins }, (_, k) => `${fmt(lo + k * w)}–${fmt(lo + (k + 1) * w)}`),
    edges: Array.from({ length: bins + 1 }, (_, k) => fmt(lo + k * w)),
    index: (v) => Math.min(bins - 1, Math.floor(((v as number) - lo) / w)),
  };
}

/**
 * A metric over two levers: the mean of the points' means in each cell (a grid for factorial
 * designs; bins for sampled ones), coloured on cividis, with the value written in each cell.
 */
export function heatmapSpec(input: HeatmapInput): HeatmapSpec {
  const maxLevels = input.maxLevels ?? 12;
  const bins = input.bins ?? 8;
  const ax = axisOf(
    input.points.map((p) => p.x),
    maxLevels,
    bins,
    input.fmt,
  );
  const ay = axisOf(
    input.points.map((p) => p.y),
    maxLevels,
    bins,
    input.fmt,
  );
  const acc = new Map<string, { i: number; j: number; sum: number; n: number }>();
  for (const p of input.points) {
    const i = ax.index(p.x);
    const j = ay.index(p.y);
    const k = `${i},${j}`;
    const a = acc.get(k) ?? { i, j, sum: 0, n: 0 };
    a.sum += p.value;
    a.n++;
    acc.set(k, a);
  }
  const raw = [...acc.values()]
    .sort((a, b) => a.j - b.j || a.i - b.i)
    .map((a) => ({ i: a.i, j: a.j, value: a.sum / a.n, n: a.n }));
  const lo = Math.min(...raw.map((c) => c.value));
  const hi = Math.max(...raw.map((c) => c.value));
  const domain: [number, number] = raw.length === 0 ? [0, 1] : [lo, hi];
  const color = (v: number) => interpolateCividis(hi === lo ? 0.5 : (v - lo) / (hi - lo));
  const cells = raw.map((c) => {
    const fill = color(c.value);
    return { ...c, fill, ink: inkOn(fill), text: input.fmt(c.value) };
  });
  const filled = new Set(cells.map((c) => `${c.i},${c.j}`));
  const empty: { i: number; j: number }[] = [];
  for (let j = 0; j < ay.ticks.length; j++)
    for (let i = 0; i < ax.ticks.length; i++) if (!filled.has(`${i},${j}`)) empty.push({ i, j });
  return {
    title: input.title,
    xLabel: input.xLabel,
    yLabel: input.yLabel,
    xTicks: ax.ticks,
    yTicks: ay.ticks,
    xEdges: ax.edges,
    empty,
    emptyLabel: input.emptyLabel ?? 'no point in this cell',
    cells,
    domain,
    stops: Array.from({ length: 11 }, (_, k) => ({ offset: k / 10, color: interpolateCividis(k / 10) })),
    metricLabel: input.metricLabel,
    table: {
      caption: input.title,
      columns: [input.xLabel, input.yLabel, input.metricLabel, input.countLabel],
      rows: cells.map((c) => [ax.ticks[c.i]!, ay.ticks[c.j]!, c.value, c.n]),
    },
  };
}
