import { nice } from 'd3';
import type { TableSpec } from './table.ts';

export interface IndicesInput {
  title: string;
  parameterLabel: string;
  parameters: readonly string[];
  /** Index families (e.g. first-order S and total ST), each an estimate per parameter with an optional CI. */
  series: readonly {
    key: string;
    label: string;
    color: string;
    values: readonly { estimate: number; ciLow: number | null; ciHigh: number | null }[];
  }[];
  valueLabel: string;
  /** A fixed value axis (Sobol indices live in [0, 1]); otherwise it spans the values and 0. */
  domain?: [number, number];
}

export interface IndicesSpec {
  title: string;
  width: number;
  height: number;
  x: [number, number];
  rows: { parameter: string; y: number }[];
  bars: {
    key: string;
    parameter: string;
    y: number;
    h: number;
    estimate: number;
    lo: number | null;
    hi: number | null;
    color: string;
  }[];
  legend: { key: string; label: string; color: string }[];
  valueLabel: string;
  table: TableSpec;
}

const BAR = 12;

/** Sensitivity indices as horizontal grouped bars, one group per parameter, with CI whiskers. */
export function indicesSpec(input: IndicesInput): IndicesSpec {
  const k = input.series.length;
  const group = k * BAR + 10;
  let lo = 0;
  let hi = 0;
  for (const s of input.series)
    for (const v of s.values) {
      lo = Math.min(lo, v.estimate, v.ciLow ?? v.estimate);
      hi = Math.max(hi, v.estimate, v.ciHigh ?? v.estimate);
    }
  if (hi === lo) hi = lo + 1;
  const top = 26;
  const rows = input.parameters.map((parameter, i) => ({ parameter, y: top + i * group }));
  const bars = input.parameters.flatMap((parameter, i) =>
    input.series.map((s, j) => {
      const v = s.values[i]!;
      return {
        key: s.key,
        parameter,
        y: top + i * group + j * BAR,
        h: BAR - 2,
        estimate: v.estimate,
        lo: v.ciLow,
        hi: v.ciHigh,
        color: s.color,
      };
    }),
  );
  return {
    title: input.title,
    width: 640,
    height: top + input.parameters.length * group + 40,
    x: input.domain ?? (nice(lo, hi, 5) as [number, number]),
    rows,
    bars,
    legend: input.series.map((s) => ({ key: s.key, label: s.label, color: s.color })),
    valueLabel: input.valueLabel,
    table: {
      caption: input.title,
      columns: [input.parameterLabel, ...input.series.flatMap((s) => [s.label, `${s.label} ↓`, `${s.label} ↑`])],
      rows: input.parameters.map((p, i) => [
        p,
        ...input.series.flatMap((s) => [s.values[i]!.estimate, s.values[i]!.ciLow, s.values[i]!.ciHigh]),
      ]),
    },
  };
}
