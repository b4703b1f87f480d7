// concerto sweep <experiment> …: every point × replicate of an experiment through worker threads,
// rows written in (point, replicate) order as they finish, a manifest beside them.
import type { Experiment } from '../sim/experiment/experiment.ts';
import type { Shard } from '../sim/experiment/manifest.ts';
import type { Pool, PoolRunOptions } from '../sim/experiment/pool.ts';
import { columns } from '../sim/experiment/rows.ts';
import { rowLayout, runSweep, sweepRuns, type SweepOutcome } from '../sim/experiment/sweep.ts';
import { exactlyOne, has, last, parseFlags, UsageError, wholeNumber } from './args.ts';
import { provenance } from './io.ts';
import { openRowWriter, rowFormat } from './output.ts';
import { createNodePool, defaultWorkers } from './pool-node.ts';
import { progressBar } from './progress.ts';
import { loadExperimentArg } from './sources.ts';

export const EXIT_CANCELLED = 130;

export function parseShard(text: string | undefined): Shard | null {
  if (text === undefined) return null;
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count || count > 1_000_000) throw new UsageError(`--shard: must be i/N with 1 ≤ i ≤ N, e.g. 2/8 (got ${text})`);
  return { index, count };
}

/** What tests and the bench may replace. */
export interface SweepDeps {
  createPool?: (workers: number) => Promise<Pool>;
  signal?: AbortSignal;
  pool?: Pick<PoolRunOptions, 'batchSize' | 'maxAttempts' | 'onDispatch'>;
}

export interface SweepRun {
  exp: Experiment;
  series: boolean;
  shard: Shard | null;
  workers: number;
}

/** Run a sweep to files; returns the outcome and the exit code (0, 1 some runs failed, 130 cancelled). */
export async function sweepTo(run: SweepRun, out: string | undefined, format: string | undefined, manifestOut: string | undefined, deps: SweepDeps = {}): Promise<{ outcome: SweepOutcome; code: number }> {
  const fmt = rowFormat(format, out);
  const pool = await (deps.createPool ?? ((n) => createNodePool({ workers: n })))(run.workers);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  const signal = deps.signal ?? controller.signal;
  if (!deps.signal) process.once('SIGINT', onSigint);
  const progress = progressBar(process.stderr);
  try {
    const w = await openRowWriter(fmt, out, columns(rowLayout(run.exp, run.series)), manifestOut);
    const outcome = await runSweep(run.exp, pool, {
      series: run.series, shard: run.shard, provenance: provenance(), signal,
      onRows: (rows) => w.write(rows),
      onProgress: (done, total) => progress.update(done, total),
      ...(deps.pool ? { pool: deps.pool } : {}),
    });
    progress.end();
    await w.close(outcome.manifest, outcome.summary);
    const r = outcome.manifest.results;
    if (outcome.stats.cancelled) {
      process.stderr.write(`cancelled: ${r.runs} of ${sweepRuns(run.exp, run.shard)} runs finished and were written\n`);
      return { outcome, code: EXIT_CANCELLED };
    }
    if (r.failed > 0) process.stderr.write(`${r.failed} of ${r.runs} runs failed; they are recorded with status "failed" and their error\n`);
    return { outcome, code: r.failed > 0 ? 1 : 0 };
  } finally {
    if (!deps.signal) process.removeListener('SIGINT', onSigint);
    await pool.close();
  }
}

export async function sweepCommand(args: readonly string[], deps: SweepDeps = {}): Promise<number> {
  const flags = parseFlags(args, { '--workers': 'value', '--shard': 'value', '--series': 'flag', '--out': 'value', '--format': 'value', '--manifest': 'value' });
  const source = exactlyOne(flags, 'experiment (a file or a bundled name)');
  const workers = wholeNumber(flags, '--workers', defaultWorkers(), 0, 1024);
  const shard = parseShard(last(flags, '--shard'));
  const out = last(flags, '--out');
  const format = last(flags, '--format');
  rowFormat(format, out); // usage errors before any work
  const exp = loadExperimentArg(source);
  const { code } = await sweepTo({ exp, series: has(flags, '--series'), shard, workers }, out, format, last(flags, '--manifest'), deps);
  return code;
}
