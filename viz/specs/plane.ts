import type { TableSpec } from './table.ts';

export interface PlaneInput {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  x?: [number, number];
  y?: [number, number];
  color: string;
  /** The shown run's trajectory, cycle by cycle. */
  xs: readonly number[];
  ys: readonly number[];
  /** Where the other replicates are now. */
  others?: { x: number; y: number }[];
  cycleLabel: string;
  startLabel: string;
  nowLabel: string;
  othersLabel: string;
}

export interface PlaneSpec {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  x: [number, number];
  y: [number, number];
  color: string;
  path: [number, number][];
  start: [number, number] | null;
  end: [number, number] | null;
  others: [number, number][];
  labels: { start: string; now: string; others: string };
  table: TableSpec;
}

/** The coherence–innovation plane with the run's trajectory (one point per cycle). */
export function planeSpec(input: PlaneInput): PlaneSpec {
  const n = Math.min(input.xs.length, input.ys.length);
  const path: [number, number][] = [];
  for (let i = 0; i < n; i++) path.push([input.xs[i]!, input.ys[i]!]);
  return {
    id: input.id,
    title: input.title,
    xLabel: input.xLabel,
    yLabel: input.yLabel,
    x: input.x ?? [0, 1],
    y: input.y ?? [0, 1],
    color: input.color,
    path,
    start: path[0] ?? null,
    end: path.length > 0 ? path[path.length - 1]! : null,
    others: (input.others ?? []).map((o) => [o.x, o.y]),
    labels: { start: input.startLabel, now: input.nowLabel, others: input.othersLabel },
    table: {
      caption: input.title,
      columns: [input.cycleLabel, input.xLabel, input.yLabel],
      rows: path.map(([x, y], i) => [i + 1, x, y]),
    },
  };
}
