// The `analysis` field of an experiment file (docs/formats.md §7): the scenario-discovery criterion,
// the bootstrap resamples of Sobol intervals and the two metrics of the Pareto front.
import type { Issue } from '../engine/errors.ts';
import { isObject } from '../engine/isObject.ts';
import { wholeIn } from './designFile.ts';

/** A criterion on a point's mean final values, for scenario discovery (PRIM). */
export type Criterion = Record<string, { min?: number; max?: number }>;

export interface AnalysisSpec {
  /** Scenario discovery: the points whose means meet every bound. */
  criterion: Criterion | null;
  /** Bootstrap resamples for Sobol index intervals. */
  bootstrap: number;
  /** The two metrics of the Pareto front (both maximised); null when the model lacks them. */
  pareto: [string, string] | null;
}

export function parseAnalysis(raw: unknown, metrics: string[], issues: Issue[]): AnalysisSpec {
  const defaultPareto: [string, string] | null =
    metrics.includes('coherence') && metrics.includes('innovation') ? ['coherence', 'innovation'] : null;
  const out: AnalysisSpec = { criterion: null, bootstrap: 500, pareto: defaultPareto };
  if (raw === undefined) return out;
  if (!isObject(raw)) {
    issues.push({ path: 'analysis', value: raw, rule: 'must be an object (criterion, bootstrap, pareto)' });
    return out;
  }
  for (const key of Object.keys(raw))
    if (!['criterion', 'bootstrap', 'pareto'].includes(key))
      issues.push({
        path: `analysis.${key}`,
        value: raw[key],
        rule: 'is not an analysis field (criterion, bootstrap, pareto)',
      });
  const b = wholeIn(raw, 'bootstrap', 0, 100_000, issues, 'analysis.bootstrap');
  if (b !== undefined) out.bootstrap = b;
  if (raw.pareto !== undefined) {
    const p = raw.pareto;
    if (
      !Array.isArray(p) ||
      p.length !== 2 ||
      !p.every((m) => typeof m === 'string' && metrics.includes(m)) ||
      p[0] === p[1]
    ) {
      issues.push({ path: 'analysis.pareto', value: p, rule: 'must be two different kept metrics, both maximised' });
    } else out.pareto = [p[0] as string, p[1] as string];
  }
  if (raw.criterion !== undefined) {
    const c = raw.criterion;
    if (!isObject(c) || Object.keys(c).length === 0)
      issues.push({
        path: 'analysis.criterion',
        value: c,
        rule: 'must be an object of { "min"?, "max"? } bounds on kept metrics',
      });
    else {
      const crit: Criterion = {};
      for (const [m, bounds] of Object.entries(c)) {
        const path = `analysis.criterion.${m}`;
        if (!metrics.includes(m)) {
          issues.push({ path, value: bounds, rule: 'must be a kept metric' });
          continue;
        }
        if (
          !isObject(bounds) ||
          Object.keys(bounds).length === 0 ||
          !Object.keys(bounds).every((k) => k === 'min' || k === 'max')
        ) {
          issues.push({ path, value: bounds, rule: 'must be { "min"?: number, "max"?: number }' });
          continue;
        }
        for (const k of ['min', 'max'] as const) {
          if (bounds[k] !== undefined && (typeof bounds[k] !== 'number' || !Number.isFinite(bounds[k])))
            issues.push({ path: `${path}.${k}`, value: bounds[k], rule: 'must be a finite number' });
        }
        crit[m] = {
          ...(bounds.min !== undefined ? { min: bounds.min as number } : {}),
          ...(bounds.max !== undefined ? { max: bounds.max as number } : {}),
        };
      }
      out.criterion = crit;
    }
  }
  return out;
}
