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
  /** label: the metric's name; polarity: a short "higher is better" note, shown after the name. */
  /** digits: decimals in the table (3 for a 0–1 share, 1 for a 0–100 index). */
  metrics: { key: string; label: string; polarity?: string; digits?: number; rows: DifferenceRow[] }[];
  /** The dots' key, drawn above the panels: a filled dot and an open dot with what each means. */
  key?: { filled: string; open: string };
  /** Chart width in px (wider in presentation mode); at least 640. */
  width?: number;
  /** Panels side by side (row by row); 1 by default. */
  columns?: number;
  /** Row, heading and gap heights × scale (≥ 1; larger text on a projector). */
  scale?: number;
  labels: {
    metric: string;
    comparison: string;
    meanA: string;
    meanB: string;
    difference: string;
    paired: string;
    unpaired: string;
    widthRatio: string;
    n: string;
  };
}

export interface DifferenceSpec {
  title: string;
  width: number;
  height: number;
  plotLeft: number;
  plotRight: number;
  /** The dots' key above the first panel (y is its baseline), or null. */
  key: { y: number; filled: string; open: string } | null;
  panels: {
    key: string;
    label: string;
    polarity: string;
    /** The panel's left edge and its plot's extent. */
    x: number;
    plotLeft: number;
    plotRight: number;
    y: number;
    height: number;
    /** Room for the axis under the rows. */
    axisHeight: number;
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
 * zero line (metrics have different units, so they do not share a scale). On a projector the panels
 * sit in `columns` columns (row by row) with taller rows (`scale`), so more of them fit on one screen.
 */
export function differenceSpec(input: DifferenceInput): DifferenceSpec {
  const columns = Math.max(1, Math.floor(input.columns ?? 1));
  const scale = Math.max(1, input.scale ?? 1);
  const row = ROW * scale;
  const head = HEAD * scale;
  const gap = GAP * scale;
  const axis = 20 * scale;
  const charPx = 6.8 * scale;
  // Row labels name the scenarios ("devolved − controlled-autonomy"): room for the longest (up to
  // 520 px), and the chart widens so each plot keeps at least 330 px.
  const longest = Math.max(0, ...input.metrics.flatMap((m) => m.rows.map((r) => r.label.length)));
  const label = Math.round(Math.min(520 * scale, Math.max(190, 20 + longest * charPx)));
  const colGap = columns > 1 ? 32 : 0;
  const width = Math.max(640, Math.round(input.width ?? 640), columns * (label + 330) + (columns - 1) * colGap);
  const colWidth = (width - (columns - 1) * colGap) / columns;
  const plotLeft = label;
  const plotRight = colWidth - 24;
  const key = input.key ? { y: 16 * scale, filled: input.key.filled, open: input.key.open } : null;
  let y = key ? 34 * scale : 6;
  const panels: DifferenceSpec['panels'] = [];
  for (let start = 0; start < input.metrics.length; start += columns) {
    let rowHeight = 0;
    input.metrics.slice(start, start + columns).forEach((m, c) => {
      let lo = 0;
      let hi = 0;
      for (const r of m.rows) {
        lo = Math.min(lo, r.paired.ciLow, r.difference);
        hi = Math.max(hi, r.paired.ciHigh, r.difference);
      }
      if (lo === hi) {
        lo -= 1;
        hi += 1;
      }
      const pad = (hi - lo) * 0.05;
      const domain = nice(lo - pad, hi + pad, 4) as [number, number];
      const x = Math.round(c * (colWidth + colGap));
      const panel = {
        key: m.key,
        label: m.label,
        polarity: m.polarity ?? '',
        x,
        plotLeft: x + plotLeft,
        plotRight: Math.round(x + plotRight),
        y,
        height: head + m.rows.length * row + axis,
        axisHeight: axis,
        domain,
        rows: m.rows.map((r, i) => ({
          label: r.label,
          color: r.color,
          y: y + head + i * row + row / 2,
          mean: r.difference,
          lo: r.paired.ciLow,
          hi: r.paired.ciHigh,
          excludesZero: r.paired.ciLow > 0 || r.paired.ciHigh < 0,
        })),
      };
      rowHeight = Math.max(rowHeight, panel.height);
      panels.push(panel);
    });
    y += rowHeight + gap;
  }
  const L = input.labels;
  return {
    title: input.title,
    width,
    height: Math.max(60, y),
    plotLeft,
    plotRight,
    key,
    panels,
    table: {
      caption: input.title,
      columns: [
        L.metric,
        L.comparison,
        L.n,
        L.meanA,
        L.meanB,
        L.difference,
        `${L.paired} ↓`,
        `${L.paired} ↑`,
        `${L.unpaired} ↓`,
        `${L.unpaired} ↑`,
        L.widthRatio,
      ],
      digits: input.metrics.flatMap((m) => m.rows.map(() => m.digits ?? null)),
      rows: input.metrics.flatMap((m) =>
        m.rows.map((r) => [
          m.label,
          r.label,
          r.n,
          r.meanA,
          r.meanB,
          r.difference,
          r.paired.ciLow,
          r.paired.ciHigh,
          r.unpaired.ciLow,
          r.unpaired.ciHigh,
          r.widthRatio,
        ]),
      ),
    },
  };
}
