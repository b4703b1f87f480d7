import type { PlaneData } from '../../sim/exercise/debrief.ts';
import { DASHES, OKABE_ITO } from '../specs/palette.ts';
import type { TableSpec } from '../specs/table.ts';

export interface PlaneRunInput {
  label: string;
  coherence: readonly number[];
  innovation: readonly number[];
}

export interface ExercisePlaneInput {
  title: string;
  xLabel: string;
  yLabel: string;
  cycleLabel: string;
  bandLabel: string;
  medianLabel: string;
  finalsLabel: string;
  /** The model's band and finals (the twin's path is passed among `runs` when wanted). */
  band: PlaneData['band'];
  finals: PlaneData['finals'];
  /** The participant first, then the twin or other teams. */
  runs: readonly PlaneRunInput[];
}

export interface PlaneRunSpec {
  label: string;
  color: string;
  dash: string;
  path: [number, number][];
  end: [number, number] | null;
}

export interface ExercisePlaneSpec {
  id: 'exercise-plane';
  title: string;
  xLabel: string;
  yLabel: string;
  x: [number, number];
  y: [number, number];
  /** Per cycle, the box spanned by the model's runs' central 80% on both axes. */
  boxes: { cycle: number; x0: number; x1: number; y0: number; y1: number }[];
  median: [number, number][];
  finals: [number, number][];
  runs: PlaneRunSpec[];
  labels: { band: string; median: string; finals: string };
  table: TableSpec;
}

/** Run colours: the participant in the app's accent blue, the twin in black; teams after them. */
const RUN_COLORS = [
  OKABE_ITO.blue,
  OKABE_ITO.black,
  OKABE_ITO.orange,
  OKABE_ITO.green,
  OKABE_ITO.purple,
  OKABE_ITO.vermillion,
  OKABE_ITO.sky,
];

/** A domain covering every value with a margin, on a 0.05 grid, inside [0, 1] (both axes are shares). */
function domainOf(values: number[]): [number, number] {
  const v = values.filter(Number.isFinite);
  if (v.length === 0) return [0, 1];
  let lo = Math.min(...v);
  let hi = Math.max(...v);
  const pad = Math.max(0.02, (hi - lo) * 0.1);
  lo = Math.max(0, Math.floor((lo - pad) * 20) / 20);
  hi = Math.min(1, Math.ceil((hi + pad) * 20) / 20);
  return lo < hi ? [lo, hi] : [0, 1];
}

const pathOf = (r: PlaneRunInput): [number, number][] => {
  const n = Math.min(r.coherence.length, r.innovation.length);
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) out.push([r.coherence[i]!, r.innovation[i]!]);
  return out;
};

/**
 * The coherence–innovation plane of a debrief: the participant's path cycle by cycle beside the
 * model's band (per cycle, the central 80% of the model's runs on each axis, drawn as boxes), the
 * model's median path and each model run's final position; other runs (the twin, teams, branches)
 * as further paths told apart by colour and dash.
 */
export function exercisePlaneSpec(input: ExercisePlaneInput): ExercisePlaneSpec {
  const n = Math.min(input.band.coherence.length, input.band.innovation.length);
  const boxes: ExercisePlaneSpec['boxes'] = [];
  const median: [number, number][] = [];
  for (let c = 0; c < n; c++) {
    const bc = input.band.coherence[c]!;
    const bi = input.band.innovation[c]!;
    boxes.push({ cycle: c + 1, x0: bc.low, x1: bc.high, y0: bi.low, y1: bi.high });
    median.push([bc.median, bi.median]);
  }
  const runs: PlaneRunSpec[] = input.runs.map((r, k) => {
    const path = pathOf(r);
    return {
      label: r.label,
      color: RUN_COLORS[k % RUN_COLORS.length]!,
      dash: k === 0 ? '' : DASHES[((k - 1) % (DASHES.length - 1)) + 1]!,
      path,
      end: path.length > 0 ? path[path.length - 1]! : null,
    };
  });
  const xs = [
    ...boxes.flatMap((b) => [b.x0, b.x1]),
    ...input.finals.map((f) => f[0]),
    ...runs.flatMap((r) => r.path.map((p) => p[0])),
  ];
  const ys = [
    ...boxes.flatMap((b) => [b.y0, b.y1]),
    ...input.finals.map((f) => f[1]),
    ...runs.flatMap((r) => r.path.map((p) => p[1])),
  ];
  const cycles = Math.max(n, ...runs.map((r) => r.path.length));
  const rows: (number | null)[][] = [];
  for (let c = 0; c < cycles; c++) {
    const row: (number | null)[] = [c + 1];
    for (const r of runs) row.push(r.path[c]?.[0] ?? null, r.path[c]?.[1] ?? null);
    row.push(median[c]?.[0] ?? null, median[c]?.[1] ?? null);
    rows.push(row);
  }
  return {
    id: 'exercise-plane',
    title: input.title,
    xLabel: input.xLabel,
    yLabel: input.yLabel,
    x: domainOf(xs),
    y: domainOf(ys),
    boxes,
    median,
    finals: input.finals.map((f) => [f[0], f[1]]),
    runs,
    labels: { band: input.bandLabel, median: input.medianLabel, finals: input.finalsLabel },
    table: {
      caption: input.title,
      columns: [
        input.cycleLabel,
        ...runs.flatMap((r) => [`${r.label}: ${input.xLabel}`, `${r.label}: ${input.yLabel}`]),
        `${input.medianLabel}: ${input.xLabel}`,
        `${input.medianLabel}: ${input.yLabel}`,
      ],
      rows,
    },
  };
}
