// The browser implementation of the experiment pool: Web Workers speaking comlink. Only how to
// start a worker lives here; scheduling, ordering, retries and cancel are sim/experiment/pool.ts,
// shared with the Node pool (cli/pool-node.ts), so a sweep gives the same rows in both.
import * as Comlink from 'comlink';
import { resolveExperiment, type Experiment } from '../../sim/experiment/experiment.ts';
import { createPool, type CancelSignal, type Pool, type PoolWorker } from '../../sim/experiment/pool.ts';
import type { Row } from '../../sim/experiment/rows.ts';
import type { RunnerApi } from '../../sim/experiment/runner.ts';
import { runSweep, type SweepOutcome } from '../../sim/experiment/sweep.ts';
import pkg from '../../package.json' with { type: 'json' };

/** A Web Worker as a pool sees it; `worker` is the Worker itself. */
export interface BrowserPoolWorker extends PoolWorker {
  readonly worker: Worker;
}

/**
 * Start one simulation worker. A browser reports no event when a worker is terminated from
 * outside, so terminate it through `terminate()` (which also tells the pool it is gone).
 */
export function startBrowserWorker(): BrowserPoolWorker {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'concerto-sim' });
  const api = Comlink.wrap<RunnerApi>(worker);
  let stop: (reason: string) => void = () => {};
  let gone = false;
  const exited = new Promise<string>((resolve) => {
    stop = resolve;
  });
  worker.addEventListener('error', (e) => stop(`worker error: ${e.message || 'failed to load'}`));
  worker.addEventListener('messageerror', () => stop('worker message could not be read'));
  return {
    worker,
    // Once terminated, calls never settle: the pool learns of the death from `exited`.
    load: (plan) => (gone ? new Promise<never>(() => {}) : api.load(plan)),
    runBatch: (planId, tasks) => (gone ? new Promise<never>(() => {}) : api.runBatch(planId, tasks)),
    exited,
    terminate() {
      if (gone) return;
      gone = true;
      api[Comlink.releaseProxy]();
      worker.terminate();
      stop('terminated');
    },
  };
}

/** Default pool size: the number of logical cores the browser reports. */
export function defaultWorkers(): number {
  return Math.max(1, navigator.hardwareConcurrency || 2);
}

export function createBrowserPool(options: { workers?: number } = {}): Pool {
  return createPool(startBrowserWorker, options.workers ?? defaultWorkers());
}

export interface BrowserSweepOptions {
  series?: boolean;
  signal?: CancelSignal;
  onRows?(rows: Row[]): void | Promise<void>;
  onProgress?(done: number, total: number): void;
  keepRows?: boolean;
}

/**
 * Run an experiment in the browser. `raw` is an experiment object whose `scenario` is a bundled
 * name or an inline scenario object (no files here); the manifest records no git commit.
 */
export async function sweepInBrowser(
  raw: unknown,
  pool: Pool,
  options: BrowserSweepOptions = {},
): Promise<SweepOutcome & { experiment: Experiment }> {
  const experiment = resolveExperiment(raw);
  const outcome = await runSweep(experiment, pool, {
    ...options,
    provenance: { concerto: pkg.version, git: null, runtime: 'browser' },
  });
  return { ...outcome, experiment };
}
