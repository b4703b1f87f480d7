import { yDomain } from './scale.ts';
import type { TableSpec } from './table.ts';

/** Per-cycle mean, minimum and maximum over replicates (a replicate that stopped early drops out). */
export interface Bands {
  mean: number[];
  lo: number[];
  hi: number[];
  n: number[];
}

/** Replicate bands from values[replicate][cycle index]. */
export function replicateBands(values: readonly (readonly number[])[]): Bands {
  const len = values.reduce((m, v) => Math.max(m, v.length), 0);
  const out: Bands = { mean: [], lo: [], hi: [], n: [] };
  for (let i = 0; i < len; i++) {
    let sum = 0;
    let n = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of values) {
      if (i >= v.length) continue;
      const x = v[i]!;
      sum += x;
      n++;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    out.mean.push(sum / n);
    out.lo.push(lo);
    out.hi.push(hi);
    out.n.push(n);
  }
  return out;
}

export interface TimeSeriesInput {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  /** Length of the x axis (cycles of the run), so a live chart does not rescale as cycles arrive. */
  cycles: number;
  /** Registry bounds of the metric(s), used as the y domain when both are known. */
  bounds?: { min?: number | undefined; max?: number | undefined };
  /** Fixed y domain (Compare: shared axes across scenarios). */
  domain?: [number, number];
  series: {
    key: string;
    label: string;
    color: string;
    dash?: string;
    /** The line: values at cycles 1, 2, … */
    values: readonly number[];
    /** The band: lower and upper values at cycles 1, 2, … */
    band?: { lo: readonly number[]; hi: readonly number[] };
    /** Drawn faint (a previous run kept for comparison). */
    faint?: boolean;
  }[];
  bandLabel?: string | undefined;
  /** Header of the cycle column of the data table. */
  cycleLabel: string;
  /** Drawing size (the SVG scales to its box; a smaller size means relatively larger type). */
  size?: { width: number; height: number };
}

export interface TimeSeriesSpec {
  id: string;
  width: number;
  height: number;
  title: string;
  xLabel: string;
  yLabel: string;
  x: [number, number];
  y: [number, number];
  series: {
    key: string;
    label: string;
    color: string;
    dash: string;
    faint: boolean;
    points: [number, number][];
    band: [number, number, number][];
  }[];
  bandLabel: string | null;
  table: TableSpec;
}

/** A chart of metrics over cycles: lines (cycle, value) and optional bands (cycle, lo, hi). */
export function timeSeriesSpec(input: TimeSeriesInput): TimeSeriesSpec {
  const all: number[] = [];
  for (const s of input.series) {
    all.push(...s.values);
    if (s.band) all.push(...s.band.lo, ...s.band.hi);
  }
  const y = input.domain ?? yDomain(all, input.bounds);
  const series = input.series.map((s) => ({
    key: s.key,
    label: s.label,
    color: s.color,
    dash: s.dash ?? '',
    faint: s.faint ?? false,
    points: s.values.map((v, i) => [i + 1, v] as [number, number]),
    band: s.band ? s.band.lo.map((lo, i) => [i + 1, lo, s.band!.hi[i]!] as [number, number, number]) : [],
  }));
  const len = input.series.reduce((m, s) => Math.max(m, s.values.length), 0);
  const columns = [input.cycleLabel];
  for (const s of input.series) {
    columns.push(s.label);
    if (s.band) columns.push(`${s.label} ↓`, `${s.label} ↑`);
  }
  const rows: (number | null)[][] = [];
  for (let i = 0; i < len; i++) {
    const row: (number | null)[] = [i + 1];
    for (const s of input.series) {
      row.push(i < s.values.length ? s.values[i]! : null);
      if (s.band) row.push(i < s.band.lo.length ? s.band.lo[i]! : null, i < s.band.hi.length ? s.band.hi[i]! : null);
    }
    rows.push(row);
  }
  return {
    id: input.id,
    width: input.size?.width ?? 640,
    height: input.size?.height ?? 280,
    title: input.title,
    xLabel: input.xLabel,
    yLabel: input.yLabel,
    x: [0, Math.max(1, input.cycles)],
    y,
    series,
    bandLabel: input.series.some((s) => s.band) ? (input.bandLabel ?? null) : null,
    table: { caption: input.title, columns, rows },
  };
}
