import type { TableSpec } from './table.ts';
import { wrapText } from './text.ts';

/** Which stage of the provincial policy cycle an event code belongs to (0–4), or 5 for the centre. */
export const STAGE_OF_EVENT: Record<string, number> = {
  shock: 0,
  'window.open': 0,
  'track2.window': 0,
  'track2.shock': 0,
  plan: 2,
  goalShift: 2,
  directive: 2,
  'pilot.proposed': 3,
  'pilot.approved': 5,
  'pilot.rejected': 5,
  'window.missed': 5,
  scaleUp: 5,
  sanction: 5,
  legitimized: 5,
  setParam: 5,
  'agreement.signed': 4,
  fenceBreak: 4,
  incident: 4,
  'pilot.succeeded': 4,
  'pilot.failed': 4,
};

export interface PolicyCycleInput {
  title: string;
  /** The five stage names, in order. */
  stages: readonly string[];
  centreLabel: string;
  /** The stage now running (0–4), 5 for the centre's turn, null between cycles. */
  active: number | null;
  /** Events of the last cycle per stage (five stages, then the centre). */
  counts: readonly number[];
  stageLabel: string;
  countLabel: string;
}

export interface PolicyCycleSpec {
  title: string;
  width: number;
  height: number;
  nodes: { index: number; lines: string[]; x: number; y: number; r: number; active: boolean; count: number }[];
  arrows: { d: string }[];
  centre: { lines: string[]; x: number; y: number; r: number; active: boolean; count: number };
  table: TableSpec;
}

const round = (v: number) => Math.round(v * 10) / 10;

/** The five-stage cycle as nodes on a circle, clockwise from the top, with the centre in the middle. */
export function policyCycleSpec(input: PolicyCycleInput): PolicyCycleSpec {
  const width = 420;
  const height = 330;
  const cx = width / 2;
  const cy = height / 2;
  const R = 120;
  const r = 44;
  const k = input.stages.length;
  const nodes = input.stages.map((label, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / k;
    return {
      index: i,
      lines: wrapText(label, 14),
      x: round(cx + R * Math.cos(a)),
      y: round(cy + R * Math.sin(a)),
      r,
      active: input.active === i,
      count: input.counts[i] ?? 0,
    };
  });
  // Arcs between neighbouring nodes, leaving the node circles clear.
  const arrows = nodes.map((n, i) => {
    const a0 = -Math.PI / 2 + (2 * Math.PI * i) / k + 0.42;
    const a1 = -Math.PI / 2 + (2 * Math.PI * (i + 1)) / k - 0.42;
    const p0 = [round(cx + R * Math.cos(a0)), round(cy + R * Math.sin(a0))];
    const p1 = [round(cx + R * Math.cos(a1)), round(cy + R * Math.sin(a1))];
    void n;
    return { d: `M${p0[0]},${p0[1]} A${R},${R} 0 0 1 ${p1[0]},${p1[1]}` };
  });
  return {
    title: input.title,
    width,
    height,
    nodes,
    arrows,
    centre: {
      lines: wrapText(input.centreLabel, 14),
      x: cx,
      y: cy,
      r: 50,
      active: input.active === k,
      count: input.counts[k] ?? 0,
    },
    table: {
      caption: input.title,
      columns: [input.stageLabel, input.countLabel],
      rows: [...input.stages.map((s, i) => [s, input.counts[i] ?? 0]), [input.centreLabel, input.counts[k] ?? 0]],
    },
  };
}

/** Events per stage (five stages, then the centre) of a list of event codes. */
export function countByStage(codes: readonly string[]): number[] {
  const counts = [0, 0, 0, 0, 0, 0];
  for (const c of codes) {
    const s = STAGE_OF_EVENT[c];
    if (s !== undefined) counts[s] = counts[s]! + 1;
  }
  return counts;
}
