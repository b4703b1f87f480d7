import { nice } from 'd3';
import type { TableSpec } from './table.ts';

/** One paired comparison of a metric: other − reference, with its paired and unpaired 95% CIs. */
export interface DifferenceRow {
  label: string;
  color: string;
  n: number;
  meanA: number;
  meanB: number;
  difference: number;
  paired: { ciLow: number; ciHigh: number };
  unpaired: { ciLow: number; ciHigh: number };
  widthRatio: number | null;
}

export interface DifferenceInput {
  title: string;
  metrics: { key: string; label: string; rows: DifferenceRow[] }[];
  labels: { metric: string; comparison: string; meanA: string; meanB: string; difference: string; paired: string; unpaired: string; widthRatio: string; n: string };
}

export interface DifferenceSpec {
  title: string;
  width: number;
  height: number;
  plotLeft: number;
  plotRight: number;
  panels: {
    key: string;
    label: string;
    y: number;
    height: number;
    domain: [number, number];
    rows: { label: string; color: string; y: number; mean: number; lo: number; hi: number; excludesZero: boolean }[];
  }[];
  table: TableSpec;
}

const ROW = 22;
const HEAD = 18;
const GAP = 16;

/**
 * Paired differences as small dot-and-whisker panels, one per metric, each on its own axis with a
 * zero line (metrics have different units, so they do not share a scale).
 */
export function differenceSpec(input: DifferenceInput): DifferenceSpec {
  const width = 640;
  const plotLeft = 190;
  const plotRight = width - 24;
  let y = 6;
  const panels = input.metrics.map((m) => {
    let lo = 0;
    let hi = 0;
    for (const r of m.rows) {
      lo = Math.min(lo, r.paired.ciLow, r.difference);
      hi = Math.max(hi, r.paired.ciHigh, r.difference);
    }
    if (lo === hi) { lo -= 1; hi += 1; }
    const pad = (hi - lo) * 0.05;
    const domain = nice(lo - pad, hi + pad, 4) as [number, number];
    const panel = {
      key: m.key, label: m.label, y, height: HEAD + m.rows.length * ROW + 20, domain,
      rows: m.rows.map((r, i) => ({
        label: r.label, color: r.color, y: y + HEAD + i * ROW + ROW / 2, mean: r.difference, lo: r.paired.ciLow, hi: r.paired.ciHigh,
        excludesZero: r.paired.ciLow > 0 || r.paired.ciHigh < 0,
      })),
    };
    y += panel.height + GAP;
    return panel;
  });
  const L = input.labels;
  return {
    title: input.title,
    width,
    height: Math.max(60, y),
    plotLeft,
    plotRight,
    panels,
    table: {
      caption: input.title,
      columns: [L.metric, L.comparison, L.n, L.meanA, L.meanB, L.difference, `${L.paired} ↓`, `${L.paired} ↑`, `${L.unpaired} ↓`, `${L.unpaired} ↑`, L.widthRatio],
      rows: input.metrics.flatMap((m) => m.rows.map((r) => [m.label, r.label, r.n, r.meanA, r.meanB, r.difference, r.paired.ciLow, r.paired.ciHigh, r.unpaired.ciLow, r.unpaired.ciHigh, r.widthRatio])),
    },
  };
}
