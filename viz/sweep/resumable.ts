// A sweep that can stop and go on: the runs already finished (kept in IndexedDB by the app) are
// not run again; the rest go through the experiment engine's pool, and the outcome is assembled
// from every result in (point, replicate) order exactly as runSweep assembles it, so a resumed
// sweep gives the same rows, summary and checksum as one that never stopped.
import { PointAggregator } from '../../sim/experiment/aggregate.ts';
import { derivingPool } from '../../sim/experiment/derivingPool.ts';
import type { Experiment } from '../../sim/experiment/experiment.ts';
import { buildManifest, buildSummary, type Provenance } from '../../sim/experiment/manifest.ts';
import type { CancelSignal, Pool, PoolRunOptions, PoolRunStats } from '../../sim/experiment/pool.ts';
import { Checksum, columns, rowsOf, type Row, type RowLayout } from '../../sim/experiment/rows.ts';
import { createPlan, type RunResult, type RunTask } from '../../sim/experiment/runner.ts';
import { rowLayout, sweepRuns, sweepTasks, type SweepOutcome } from '../../sim/experiment/sweep.ts';

/** Position of run (point, replicate) in the sweep's (point, replicate) order. */
export function runIndex(exp: Experiment, point: number, replicate: number): number {
  return point * exp.replicates + replicate;
}

/**
 * Folds results into a sweep's outcome in (point, replicate) order as they become available: kept
 * results and new ones interleave by run index, and each is added as soon as every run before it is
 * in, so the work is spread over the sweep instead of falling on its end (the main thread stays free).
 */
export class SweepAssembler {
  private readonly layout: RowLayout;
  private readonly agg: PointAggregator;
  private readonly checksum = new Checksum();
  readonly rows: Row[] = [];
  private readonly waiting = new Map<number, RunResult>();
  private next = 0;
  private added = 0;
  private readonly total: number;

  constructor(private readonly exp: Experiment) {
    this.layout = rowLayout(exp, false);
    this.agg = new PointAggregator(exp.metrics, null);
    this.total = sweepRuns(exp);
  }

  add(index: number, r: RunResult): void {
    this.waiting.set(index, r);
    while (this.waiting.has(this.next)) {
      this.fold(this.waiting.get(this.next)!);
      this.waiting.delete(this.next);
      this.next++;
    }
  }

  private fold(r: RunResult): void {
    this.agg.add(r);
    for (const row of rowsOf(r, this.layout)) {
      this.checksum.add(row);
      this.rows.push(row);
    }
    this.added++;
  }

  /** The outcome; results still waiting behind a hole (a cancelled sweep) are folded in index order. */
  finish(provenance: Provenance, stats: PoolRunStats): SweepOutcome & { rows: Row[] } {
    for (const index of [...this.waiting.keys()].sort((a, b) => a - b)) this.fold(this.waiting.get(index)!);
    this.waiting.clear();
    this.agg.close();
    const complete = this.added === this.total;
    const summary = buildSummary(this.exp, this.agg.points, null, complete);
    const manifest = buildManifest(
      this.exp,
      provenance,
      { series: false, shard: null },
      {
        runs: this.agg.runs,
        ok: this.agg.ok,
        failed: this.agg.failed,
        rows: this.checksum.rows,
        checksum: this.checksum.hex(),
        complete,
      },
    );
    return { manifest, summary, columns: columns(this.layout), rows: this.rows, stats };
  }
}

/** The outcome of a sweep from its results (holes allowed: a cancelled sweep), as runSweep builds it. */
export function assembleSweep(
  exp: Experiment,
  results: ReadonlyMap<number, RunResult>,
  provenance: Provenance,
  stats: PoolRunStats,
): SweepOutcome & { rows: Row[] } {
  const a = new SweepAssembler(exp);
  for (const index of [...results.keys()].sort((x, y) => x - y)) a.add(index, results.get(index)!);
  return a.finish(provenance, stats);
}

export interface ResumeOptions {
  /** Results already finished, by run index. */
  done: ReadonlyMap<number, RunResult>;
  provenance: Provenance;
  signal?: CancelSignal;
  /** Each new result as it is handed on (store it); a promise holds back the next. */
  onResult?(result: RunResult, index: number): void | Promise<void>;
  onProgress?(done: number, total: number): void;
  /** Passed to the pool. */
  pool?: Pick<PoolRunOptions, 'batchSize' | 'window'>;
}

/** Run what is missing of a sweep and assemble the whole outcome. */
export async function resumeSweep(
  exp: Experiment,
  pool: Pool,
  options: ResumeOptions,
): Promise<SweepOutcome & { rows: Row[] }> {
  const assembler = new SweepAssembler(exp);
  const have = new Set(options.done.keys());
  for (const index of [...have].sort((a, b) => a - b)) assembler.add(index, options.done.get(index)!);
  const total = sweepRuns(exp);
  let count = have.size;
  const missing: number[] = [];
  function* tasks(): Generator<RunTask> {
    for (const t of sweepTasks(exp)) {
      const index = runIndex(exp, t.point, t.replicate);
      if (have.has(index)) continue;
      missing.push(index);
      yield t;
    }
  }
  options.onProgress?.(count, total);
  const stats = await (
    await derivingPool(exp, pool)
  ).run(createPlan(exp, false), tasks(), {
    ...options.pool,
    ...(options.signal ? { signal: options.signal } : {}),
    onResult: async (r, k) => {
      const index = missing[k] ?? runIndex(exp, r.point, r.replicate);
      assembler.add(index, r);
      count++;
      await options.onResult?.(r, index);
      options.onProgress?.(count, total);
    },
  });
  return assembler.finish(options.provenance, stats);
}
