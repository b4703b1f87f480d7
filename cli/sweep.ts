// concerto sweep <experiment> …: every point × replicate of an experiment through worker threads,
// rows written in (point, replicate) order as they finish, a manifest beside them.
import type { PointSummary } from '../sim/experiment/aggregate.ts';
import { experimentDerived, type Experiment } from '../sim/experiment/experiment.ts';
import type { Shard } from '../sim/experiment/manifest.ts';
import type { Pool, PoolRunOptions } from '../sim/experiment/pool.ts';
import { buildManifest, buildSummary } from '../sim/experiment/manifest.ts';
import { Checksum, columns } from '../sim/experiment/rows.ts';
import { rowLayout, runSweep, sweepRuns, type SweepOutcome } from '../sim/experiment/sweep.ts';
import { costLimits, exactlyOne, has, last, parseFlags, UsageError, wholeNumber } from './args.ts';
import { provenance } from './io.ts';
import { openRowWriter, rowFormat, type RowWriter } from './output.ts';
import { createNodePool, defaultWorkers } from './pool-node.ts';
import { progressBar } from './progress.ts';
import { loadExperimentArg, scenarioRoots } from './sources.ts';

/** Exit code after Ctrl-C (SIGINT): 128 + 2, as a shell reports a process ended by that signal. */
export const EXIT_CANCELLED = 130;

/**
 * The signals that stop a sweep cleanly, with the exit code each gives (128 + its number, the shell's
 * convention): Ctrl-C, and what schedulers send on pre-emption or a lost session (Slurm and
 * Kubernetes send SIGTERM; a closed terminal SIGHUP; Ctrl-\ SIGQUIT).
 */
export const STOP_SIGNALS = { SIGINT: 130, SIGHUP: 129, SIGQUIT: 131, SIGTERM: 143 } as const;
export type StopSignal = keyof typeof STOP_SIGNALS;

export function parseShard(text: string | undefined): Shard | null {
  if (text === undefined) return null;
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count || count > 1_000_000)
    throw new UsageError(`--shard: must be i/N with 1 ≤ i ≤ N, e.g. 2/8 (got ${text})`);
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

/**
 * Run a sweep to files; returns the outcome and the exit code (0, 1 some runs failed, 128 + n after
 * signal n: 130 SIGINT, 143 SIGTERM, 129 SIGHUP, 131 SIGQUIT).
 *
 * Whatever stops it, the files never claim more than they hold: a manifest saying
 * `"complete": false` replaces any earlier one before the first row is written, so a killed
 * process (even by SIGKILL) leaves a part that merge refuses; on a stop signal the sweep stops
 * promptly, writes the rows of the finished runs that form an unbroken prefix of the run order,
 * and a manifest recording exactly those (`"complete": false`). Signals that arrive while it is
 * stopping are absorbed, so a second Ctrl-C or a SIGTERM after SIGINT cannot cut the manifest short.
 */
export async function sweepTo(
  run: SweepRun,
  out: string | undefined,
  format: string | undefined,
  manifestOut: string | undefined,
  deps: SweepDeps = {},
): Promise<{ outcome: SweepOutcome; code: number }> {
  const fmt = rowFormat(format, out);
  const controller = new AbortController();
  let stoppedBy: StopSignal | null = null;
  const handlers = (Object.keys(STOP_SIGNALS) as StopSignal[]).map((sig) => {
    const handler = () => {
      stoppedBy ??= sig;
      controller.abort();
    };
    return [sig, handler] as const;
  });
  const signal = deps.signal ?? controller.signal;
  if (!deps.signal) for (const [sig, h] of handlers) process.on(sig, h);
  let pool: Pool | null = null;
  let writer: RowWriter | null = null;
  let closed = false;
  const progress = progressBar(process.stderr);
  try {
    pool = await (deps.createPool ?? ((n) => createNodePool({ workers: n })))(run.workers);
    const prov = provenance();
    const provisional = {
      manifest: buildManifest(
        run.exp,
        prov,
        { series: run.series, shard: run.shard },
        {
          runs: 0,
          ok: 0,
          failed: 0,
          rows: 0,
          checksum: new Checksum().hex(),
          complete: false,
        },
      ),
      summary: buildSummary(run.exp, [], run.shard, false),
    };
    const w = await openRowWriter(fmt, out, columns(rowLayout(run.exp, run.series)), manifestOut, provisional);
    writer = w;
    const outcome = await runSweep(run.exp, pool, {
      series: run.series,
      shard: run.shard,
      provenance: prov,
      signal,
      prefixOnly: true,
      onRows: (rows) => w.write(rows),
      // CSV and JSONL spill the point summaries to disk as they close; JSON keeps them (and its rows).
      ...(w.point ? { keepPoints: false, onPoint: (p: PointSummary) => w.point!(p) } : {}),
      onProgress: (done, total) => progress.update(done, total),
      ...(deps.pool ? { pool: deps.pool } : {}),
    });
    progress.end();
    await w.close(outcome.manifest, outcome.summary);
    closed = true;
    const r = outcome.manifest.results;
    if (outcome.stats.cancelled) {
      const by: StopSignal = stoppedBy ?? 'SIGINT';
      process.stderr.write(
        `cancelled (${by}): ${r.runs} of ${sweepRuns(run.exp, run.shard)} runs finished and were written; the manifest says "complete": false\n`,
      );
      return { outcome, code: STOP_SIGNALS[by] };
    }
    if (r.failed > 0)
      process.stderr.write(
        `${r.failed} of ${r.runs} runs failed; they are recorded with status "failed" and their error\n`,
      );
    return { outcome, code: r.failed > 0 ? 1 : 0 };
  } finally {
    if (!closed) await writer?.discard?.();
    await pool?.close();
    // After a stop signal the handlers stay until the process exits: a second Ctrl-C that comes while the
    // pool closes, or after this returns and before the exit, is absorbed instead of killing the process
    // with the signal's default action (the exit code is already decided by the first one).
    if (!deps.signal && stoppedBy === null) for (const [sig, h] of handlers) process.removeListener(sig, h);
  }
}

export async function sweepCommand(args: readonly string[], deps: SweepDeps = {}): Promise<number> {
  const flags = parseFlags(args, {
    '--workers': 'value',
    '--shard': 'value',
    '--series': 'flag',
    '--out': 'value',
    '--format': 'value',
    '--manifest': 'value',
    '--allow-large': 'flag',
    '--scenario-root': 'value',
  });
  const source = exactlyOne(flags, 'experiment (a file or a bundled name)');
  const workers = wholeNumber(flags, '--workers', defaultWorkers(), 0, 1024);
  const shard = parseShard(last(flags, '--shard'));
  const out = last(flags, '--out');
  const format = last(flags, '--format');
  rowFormat(format, out); // usage errors before any work
  const exp = loadExperimentArg(source, costLimits(flags), scenarioRoots(flags));
  await experimentDerived(exp); // bad expressions are exit 2 before any file is written
  const { code } = await sweepTo(
    { exp, series: has(flags, '--series'), shard, workers },
    out,
    format,
    last(flags, '--manifest'),
    deps,
  );
  return code;
}
