// A sweep: every (point, replicate) of an experiment through a pool, rows handed on in
// (point, replicate) order as they are finished, running summaries per point, a manifest.
import type { PointSummary } from './aggregate.ts';
import { PointAggregator } from './aggregate.ts';
import { analysedMetrics } from './analysis.ts';
import { derivingPool } from './derivingPool.ts';
import type { Experiment } from './experiment.ts';
import {
  buildManifest,
  buildSummary,
  sweepAnalysis,
  type Provenance,
  type Shard,
  type SweepManifest,
  type SweepSummary,
} from './manifest.ts';
import type { CancelSignal, Pool, PoolRunOptions, PoolRunStats } from './pool.ts';
import { PointMeans } from './pointMeans.ts';
import { Checksum, columns, rowsOf, type Row, type RowLayout } from './rows.ts';
import { createPlan, type RunTask } from './runner.ts';

export interface SweepOptions {
  /** One row per run and cycle (series of the kept metrics) instead of one per run. */
  series?: boolean;
  /** Run only the points p with p mod count = index − 1. */
  shard?: Shard | null;
  provenance: Provenance;
  signal?: CancelSignal;
  /** Receives the rows of each run, in (point, replicate) order; a promise holds back the next. */
  onRows?(rows: Row[]): void | Promise<void>;
  /**
   * On cancel, keep only the unbroken prefix of the run order: finished runs behind one still in
   * flight are dropped, so the rows written are exactly the first rows of the full sweep (the CLI).
   */
  prefixOnly?: boolean;
  /** Keep every row in memory and return it (for `--format json` and the app). */
  keepRows?: boolean;
  /**
   * Keep every point summary in `summary.points` (default true). False: `summary.points` is empty,
   * each point goes to `onPoint` as it closes, and only the means the analysis needs are kept, in
   * typed arrays (`PointMeans`): memory does not grow with points beyond 8 bytes per analysed value.
   */
  keepPoints?: boolean;
  /** Receives each point's summary as soon as its last replicate is in, in point order. */
  onPoint?(p: PointSummary): void | Promise<void>;
  onProgress?(done: number, total: number): void;
  /** Passed to the pool (batch size, attempts, dispatch hook). */
  pool?: Pick<PoolRunOptions, 'batchSize' | 'maxAttempts' | 'window' | 'onDispatch'>;
}

export interface SweepOutcome {
  manifest: SweepManifest;
  summary: SweepSummary;
  columns: string[];
  rows?: Row[];
  stats: PoolRunStats;
}

/** The points of a shard: round-robin, point p belongs to shard (p mod count) + 1. */
export function shardPoints(size: number, shard: Shard | null): { count: number; at(k: number): number } {
  if (!shard) return { count: size, at: (k) => k };
  const { index, count } = shard;
  return { count: size >= index ? Math.floor((size - index) / count) + 1 : 0, at: (k) => index - 1 + k * count };
}

/** The tasks of a sweep in (point, replicate) order, generated lazily (a million runs cost nothing up front). */
export function* sweepTasks(exp: Experiment, shard: Shard | null = null): Generator<RunTask> {
  const pts = shardPoints(exp.design.size, shard);
  for (let k = 0; k < pts.count; k++) {
    const point = pts.at(k);
    const params = exp.design.point(point);
    for (let r = 0; r < exp.replicates; r++) yield { point, replicate: r, params };
  }
}

export function rowLayout(exp: Experiment, series: boolean): RowLayout {
  return { parameters: exp.design.parameters, values: series ? exp.seriesMetrics : exp.metrics, series };
}

/** Number of runs a sweep (or one shard of it) makes. */
export function sweepRuns(exp: Experiment, shard: Shard | null = null): number {
  return shardPoints(exp.design.size, shard).count * exp.replicates;
}

/**
 * Run a sweep through a pool. Rows reach `onRows` in (point, replicate) order whatever the number
 * of workers, so the output is the same bytes with 1, 2 or N workers. Only running summaries are
 * kept (unless `keepRows`), so memory does not grow with the number of runs.
 */
export async function runSweep(exp: Experiment, pool: Pool, options: SweepOptions): Promise<SweepOutcome> {
  const series = options.series ?? false;
  const shard = options.shard ?? null;
  const plan = createPlan(exp, series);
  const layout = rowLayout(exp, series);
  const keepPoints = options.keepPoints ?? true;
  const means = keepPoints
    ? null
    : new PointMeans(
        analysedMetrics(exp.design, exp.analysis, exp.metrics),
        (p) => exp.design.point(p),
        Math.min(shardPoints(exp.design.size, shard).count, 1 << 20),
      );
  // A point closes when the first result of the next arrives; `onPoint` may return a promise
  // (a spill file that is behind), held back like `onRows`'.
  let pointDone: void | Promise<void> = undefined;
  const agg = new PointAggregator(exp.metrics, series ? exp.seriesMetrics : null, {
    keep: keepPoints,
    onPoint: (p) => {
      means?.add(p);
      pointDone = options.onPoint?.(p);
    },
  });
  const checksum = new Checksum();
  const kept: Row[] | undefined = options.keepRows ? [] : undefined;
  const total = sweepRuns(exp, shard);
  let done = 0;
  const stats = await (
    await derivingPool(exp, pool)
  ).run(plan, sweepTasks(exp, shard), {
    total,
    ...options.pool,
    ...(options.signal ? { signal: options.signal } : {}),
    onResult: (r, index) => {
      // Results come in task order; only a cancel hands on finished runs past a gap (index > done).
      if (options.prefixOnly && index !== done) return;
      agg.add(r);
      const rows = rowsOf(r, layout);
      for (const row of rows) checksum.add(row);
      if (kept) for (const row of rows) kept.push(row);
      done++;
      options.onProgress?.(done, total);
      const written = options.onRows?.(rows);
      const spilled = pointDone;
      pointDone = undefined;
      if (spilled && written) return Promise.all([spilled, written]).then(() => undefined);
      return spilled ?? written;
    },
  });
  agg.close();
  await pointDone;
  const complete = !stats.cancelled && done === total;
  const summary: SweepSummary = means
    ? {
        runs: { total: agg.ok + agg.failed, ok: agg.ok, failed: agg.failed },
        points: [],
        analysis: sweepAnalysis(exp, means, shard, complete),
      }
    : buildSummary(exp, agg.points, shard, complete);
  const manifest = buildManifest(
    exp,
    options.provenance,
    { series, shard },
    {
      runs: agg.runs,
      ok: agg.ok,
      failed: agg.failed,
      rows: checksum.rows,
      checksum: checksum.hex(),
      complete,
    },
  );
  return { manifest, summary, columns: columns(layout), ...(kept ? { rows: kept } : {}), stats };
}

/**
 * The summary of shards merged: their point summaries (each point lies in one shard, so each is
 * exactly what the unsharded sweep computes), in point order, and the analysis across them.
 */
export function mergeSummaries(exp: Experiment, parts: readonly PointSummary[][], complete: boolean): SweepSummary {
  const points = parts.flat().sort((a, b) => a.point - b.point);
  return buildSummary(exp, points, null, complete);
}
