// What an experiment costs, computed from its fields before anything is allocated: an 852-byte
// file can ask for an LHS of ten million samples × twenty parameters, and building that design
// alone exhausts memory. Each cost is checked against a limit (docs/formats.md §14, "Cost
// limits"); the default limits fit a browser tab and a laptop, the large ones (the CLI's
// --allow-large) a workstation that is meant to run for days. Pure: the CLI and the app share it.
import { ScenarioError, type Issue } from '../engine/errors.ts';
import type { DesignSpec } from './design.ts';

export interface CostLimits {
  /** Points of a design: each keeps a summary for the whole sweep (memory grows with points). */
  points: number;
  /** Values a generated design (lhs, sobol, morris) holds in memory: points × varied parameters. */
  designValues: number;
  /** Runs: points × replicates. */
  runs: number;
  /** Work: runs × cycles × units (a run's cost grows with its cycles and its provinces). */
  work: number;
}

export const DEFAULT_LIMITS: CostLimits = { points: 200_000, designValues: 4_000_000, runs: 10_000_000, work: 5e9 };
export const LARGE_LIMITS: CostLimits = { points: 10_000_000, designValues: 20_000_000, runs: 1e12, work: 1e15 };

/** The flag that lifts the default limits to the large ones, named in every limit error. */
export const ALLOW_LARGE = '--allow-large';

/** Units a run simulates: the longest list in the scenario's model data (governance: its provinces), at least 1. */
export function scenarioUnits(data: Record<string, unknown>): number {
  let n = 1;
  for (const v of Object.values(data)) if (Array.isArray(v)) n = Math.max(n, v.length);
  return n;
}

/** A cost above its limit: bad input (exit 2) even where a changed experiment would be a failed reproduction. */
export class CostLimitError extends ScenarioError {}

export interface ExperimentCost {
  points: number;
  designValues: number;
  runs: number;
  work: number;
}

export function experimentCost(
  spec: DesignSpec,
  pointCount: number,
  replicates: number,
  cycles: number,
  units: number,
): ExperimentCost {
  const generated = spec.type === 'lhs' || spec.type === 'sobol' || spec.type === 'morris';
  const k = spec.type === 'points' ? 0 : Object.keys(spec.parameters).length;
  const runs = pointCount * replicates;
  return { points: pointCount, designValues: generated ? pointCount * k : 0, runs, work: runs * cycles * units };
}

/** The field that sets the number of points of a design. */
function pointsField(spec: DesignSpec): string {
  switch (spec.type) {
    case 'lhs':
    case 'sobol':
      return 'design.samples';
    case 'morris':
      return 'design.trajectories';
    case 'points':
      return 'design.points';
    case 'factorial':
      return 'design.parameters';
  }
}

const n = (x: number) => (Number.isSafeInteger(x) ? String(x) : x.toExponential(2));

/**
 * Issues for every cost above its limit, each naming the field that sets it, the value and the
 * limit; `large` says whether the large limits are already in force (else the error names the flag).
 */
export function checkCost(
  spec: DesignSpec,
  cost: ExperimentCost,
  limits: CostLimits,
  large: boolean,
  fields: { replicates: unknown; cycles: number; units: number },
): Issue[] {
  const issues: Issue[] = [];
  const raise = (what: keyof CostLimits) =>
    large || LARGE_LIMITS[what] <= limits[what] ? '' : `; ${ALLOW_LARGE} raises it to ${n(LARGE_LIMITS[what])}`;
  const field = pointsField(spec);
  const value =
    spec.type === 'lhs' || spec.type === 'sobol'
      ? spec.samples
      : spec.type === 'morris'
        ? spec.trajectories
        : cost.points;
  if (cost.points > limits.points) {
    issues.push({
      path: field,
      value,
      rule: `makes ${n(cost.points)} points, more than the limit of ${n(limits.points)} points${raise('points')}`,
    });
  } else if (cost.designValues > limits.designValues) {
    issues.push({
      path: field,
      value,
      rule: `makes ${n(cost.points)} points × ${n(cost.designValues / cost.points)} parameters = ${n(cost.designValues)} design values, more than the limit of ${n(limits.designValues)}${raise('designValues')}`,
    });
  }
  if (issues.length > 0) return issues;
  if (cost.runs > limits.runs) {
    issues.push({
      path: 'replicates',
      value: fields.replicates,
      rule: `makes ${n(cost.points)} points × ${n(cost.runs / cost.points)} replicates = ${n(cost.runs)} runs, more than the limit of ${n(limits.runs)} runs${raise('runs')}`,
    });
  } else if (cost.work > limits.work) {
    issues.push({
      path: 'replicates',
      value: fields.replicates,
      rule: `makes ${n(cost.runs)} runs × ${fields.cycles} cycles × ${fields.units} units (provinces) = ${n(cost.work)} unit-cycles, more than the limit of ${n(limits.work)}${raise('work')}`,
    });
  }
  return issues;
}
