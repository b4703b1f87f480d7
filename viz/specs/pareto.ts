import { OKABE_ITO } from './palette.ts';
import type { TableSpec } from './table.ts';

export interface ParetoInput {
  title: string;
  xLabel: string;
  yLabel: string;
  pointLabel: string;
  frontLabel: string;
  othersLabel: string;
  yesNo: [string, string];
  points: readonly { point: number; x: number; y: number }[];
  /** Point numbers on the front (as sim/experiment/analysis gives them). */
  front: readonly number[];
  x?: [number, number];
  y?: [number, number];
}

export interface ParetoSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  x: [number, number];
  y: [number, number];
  others: { point: number; x: number; y: number }[];
  front: { point: number; x: number; y: number }[];
  /** The front as a staircase (both maximised): each front point, then across to the next one's x. */
  steps: [number, number][];
  colors: { front: string; others: string };
  labels: { front: string; others: string };
  table: TableSpec;
}

/** Points of a sweep on two metrics (both maximised) with the Pareto front drawn as a staircase. */
export function paretoSpec(input: ParetoInput): ParetoSpec {
  const onFront = new Set(input.front);
  const front = input.points.filter((p) => onFront.has(p.point)).sort((a, b) => a.x - b.x);
  const others = input.points.filter((p) => !onFront.has(p.point));
  const steps: [number, number][] = [];
  front.forEach((p, k) => {
    steps.push([p.x, p.y]);
    const next = front[k + 1];
    if (next) steps.push([next.x, p.y]);
  });
  return {
    title: input.title,
    xLabel: input.xLabel,
    yLabel: input.yLabel,
    x: input.x ?? [0, 1],
    y: input.y ?? [0, 1],
    others,
    front,
    steps,
    colors: { front: OKABE_ITO.vermillion, others: '#777777' },
    labels: { front: input.frontLabel, others: input.othersLabel },
    table: {
      caption: input.title,
      columns: [input.pointLabel, input.xLabel, input.yLabel, input.frontLabel],
      rows: input.points.map((p) => [p.point, p.x, p.y, onFront.has(p.point) ? input.yesNo[0] : input.yesNo[1]]),
    },
  };
}
