import type { RunRecord } from '../../sim/engine/run.ts';
import type { ComparisonSet } from '../../sim/experiment/compare.ts';
import type { Remote } from '../worker/client.ts';
import type { Catalog, ModelInfo, RunOutput, SessionApi } from '../worker/session.ts';
import { paramsOf, type Column } from './columns.ts';

/** Replicates per request to the worker: progress and cancel act between requests. */
const CHUNK = 4;

export interface ComparisonRequest {
  columns: Column[];
  seed: number;
  replicates: number;
  cycles: number;
  derived: Record<string, string>;
}

export interface Comparison {
  model: ModelInfo;
  outputs: RunOutput[];
  /** A against each other column, as sim/experiment/compare.ts gives it (the JSON export). */
  comparison: ComparisonSet;
}

/**
 * Run every column on replicates 0 … R−1 of the same seed, then the paired comparisons with A. Problems
 * are written to the columns' `issues` and give 'invalid'; an abort between requests gives 'aborted'.
 */
export async function runComparison(
  api: Remote<SessionApi>,
  catalog: Catalog,
  req: ComparisonRequest,
  signal: AbortSignal,
  on: { validated(): void; progress(done: number, total: number): void },
): Promise<Comparison | 'invalid' | 'aborted'> {
  const { columns, seed, replicates, cycles } = req;
  // Validate every column first (and that they share a model), naming problems by path.
  let bad = false;
  const models = new Set<string>();
  for (const col of columns) {
    const v = await api.validate({ bundled: col.scenario }, paramsOf(col));
    if (signal.aborted) return 'aborted';
    col.issues = v.ok ? [] : v.issues;
    if (v.ok) models.add(v.value.model);
    else bad = true;
  }
  if (models.size > 1) {
    for (const col of columns.slice(1))
      col.issues.push({ path: 'model', value: [...models].join(', '), rule: 'every column must use the same model' });
    bad = true;
  }
  on.validated();
  if (bad) return 'invalid';
  const model = catalog.models[[...models][0]!]!;
  const total = columns.length * replicates;
  let done = 0;
  const outputs: RunOutput[] = [];
  for (const col of columns) {
    const runs: RunRecord[] = [];
    for (let from = 0; from < replicates; from += CHUNK) {
      const res = await api.runBatch({
        source: { bundled: col.scenario },
        params: paramsOf(col),
        seed,
        replicates: Math.min(CHUNK, replicates - from),
        cycles,
        from,
      });
      if (signal.aborted) return 'aborted';
      if (!res.ok) {
        col.issues = res.issues;
        return 'invalid';
      }
      runs.push(...res.value.output.runs);
      done += res.value.output.runs.length;
      on.progress(done, total);
    }
    const out = await api.outputOf(
      { source: { bundled: col.scenario }, params: paramsOf(col), seed, replicates, cycles },
      runs,
    );
    if (signal.aborted) return 'aborted';
    if (!out.ok) {
      col.issues = out.issues;
      return 'invalid';
    }
    outputs.push(out.value);
  }
  // Pairs: replicate r of A with replicate r of each other column, where both runs are ok
  // (sim/experiment/compare.ts, as `concerto compare` makes them).
  const cmp = await api.compareColumns(
    {
      columns: columns.map((col) => ({ source: { bundled: col.scenario }, params: paramsOf(col) })),
      seed,
      replicates,
      cycles,
      derived: req.derived,
    },
    outputs.map((out) => out.runs),
  );
  if (signal.aborted) return 'aborted';
  if (!cmp.ok) {
    columns[0]!.issues = cmp.issues;
    return 'invalid';
  }
  return { model, outputs, comparison: cmp.value };
}
