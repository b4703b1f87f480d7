// Batches for the Compare view and the exports: replicates of a scenario run to the end, their run
// output document (sim/experiment/runOutput.ts, as `concerto run` writes it), and comparisons.
import { ScenarioError, type Issue } from '../../sim/engine/errors.ts';
import type { Params, Scenario } from '../../sim/engine/model.ts';
import { runScenario, type RunRecord } from '../../sim/engine/run.ts';
import { changedParams, compareRunSet, type ComparisonSet } from '../../sim/experiment/compare.ts';
import { compileDerived, parseDerived, type DerivedSet } from '../../sim/experiment/derived.ts';
import { finalKeys } from '../../sim/experiment/experiment.ts';
import { runOutput, type RunOutput } from '../../sim/experiment/runOutput.ts';
import { pairedComparison, summarize, type PairedComparison, type Summary } from '../../sim/experiment/stats/index.ts';
import { getModel } from '../../sim/models.ts';
import { CONCERTO_VERSION, validate } from './catalog.ts';
import type { BatchRequest, CompareRequest, Result } from './protocol.ts';

/** runScenario over replicates from … from + replicates − 1 (the Compare view, exports). */
export function runBatch(req: BatchRequest): Result<{ scenario: Scenario; output: RunOutput }> {
  const v = validate(req.source, req.params);
  if (!v.ok) return v;
  const model = getModel(v.value.model)!;
  const runs: RunRecord[] = [];
  const from = req.from ?? 0;
  const cycles = req.cycles ?? model.defaultCycles;
  for (let r = from; r < from + req.replicates; r++)
    runs.push(runScenario(model, v.value, { seed: req.seed, replicate: r, cycles }));
  const settings = { concerto: CONCERTO_VERSION, seed: req.seed, replicates: req.replicates, cycles };
  return { ok: true, value: { scenario: v.value, output: runOutput(model, v.value, runs, settings) } };
}

/** The run output document of runs made in parts (manifest for all `req.replicates`, summary of `runs`). */
export function outputOf(req: BatchRequest, runs: RunRecord[]): Result<RunOutput> {
  const v = validate(req.source, req.params);
  if (!v.ok) return v;
  const model = getModel(v.value.model)!;
  const cycles = req.cycles ?? model.defaultCycles;
  const settings = { concerto: CONCERTO_VERSION, seed: req.seed, replicates: req.replicates, cycles };
  return { ok: true, value: runOutput(model, v.value, runs, settings) };
}

/** The statistics the app shows, exposed unchanged from sim/experiment/stats. */
export function summarizeMany(samples: Record<string, number[]>, level = 0.95): Record<string, Summary | null> {
  const out: Record<string, Summary | null> = {};
  for (const [k, v] of Object.entries(samples))
    out[k] = v.length > 0 && v.every(Number.isFinite) ? summarize(v, level) : null;
  return out;
}

export function compareMany(
  pairs: Record<string, [number[], number[]]>,
  level = 0.95,
): Record<string, PairedComparison | null> {
  const out: Record<string, PairedComparison | null> = {};
  for (const [k, [a, b]] of Object.entries(pairs)) {
    try {
      out[k] = pairedComparison(a, b, level);
    } catch {
      out[k] = null;
    }
  }
  return out;
}

/**
 * The comparison document (docs/formats.md §11, the `comparisons` form) of runs made in batches:
 * `runs[k]` are replicates 0 … R−1 of column k. sim/experiment/compare.ts's compareRunSet, unchanged.
 */
export async function compareColumns(req: CompareRequest, runs: RunRecord[][]): Promise<Result<ComparisonSet>> {
  const scenarios: Scenario[] = [];
  const changed: Params[] = [];
  for (const col of req.columns) {
    const v = validate(col.source, col.params);
    if (!v.ok) return v;
    scenarios.push(v.value);
    // The column's levers as changes from its named scenario, so the export names them.
    const base = validate(col.source, {});
    changed.push(base.ok ? changedParams(base.value, v.value) : { ...col.params });
  }
  const id = scenarios[0]!.model;
  const other = scenarios.find((s) => s.model !== id);
  if (other)
    return {
      ok: false,
      issues: [{ path: 'model', value: other.model, rule: `every column must use the same model (A uses ${id})` }],
    };
  const model = getModel(id)!;
  let derived: DerivedSet | null = null;
  if (req.derived && Object.keys(req.derived).length > 0) {
    const finals = finalKeys(model);
    const issues: Issue[] = [];
    const defs = parseDerived(req.derived, 'derived', [...finals, ...model.params.map((p) => p.name)], issues);
    if (issues.length > 0) return { ok: false, issues };
    try {
      derived = await compileDerived(defs, finals);
    } catch (e) {
      if (e instanceof ScenarioError) return { ok: false, issues: e.issues };
      throw e;
    }
  }
  return {
    ok: true,
    value: compareRunSet(model, scenarios, runs, {
      seed: req.seed,
      replicates: req.replicates,
      cycles: req.cycles,
      changed,
      ...(derived ? { derived } : {}),
    }),
  };
}
