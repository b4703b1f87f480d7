// The Node implementation of the pool: worker_threads speaking comlink through its node adapter.
// Only how to start a worker lives here; scheduling, ordering and retries are sim/experiment/pool.ts.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createPool, createLocalPool, type Pool, type PoolWorker } from '../sim/experiment/pool.ts';
import type { RunnerApi } from '../sim/experiment/runner.ts';
import { getModel } from '../sim/models.ts';
import { bundle, ROOT } from './bundle.mjs';

// Paths from the project root, not import.meta.url: this module also runs from a bundle in the cache.
export const DEFAULT_WORKER_ENTRY = join(ROOT, 'cli', 'worker-entry.ts');

/** A worker_threads worker as a pool sees it; `thread` is the Worker itself (tests terminate it). */
export interface NodePoolWorker extends PoolWorker {
  readonly thread: Worker;
}

export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * The parent's Node options minus those about the main script: a worker inherits execArgv, and
 * `--input-type` or `-e code` (e.g. `node --input-type=module -e …` running the CLI) stop it from starting.
 */
export function workerExecArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (a === '-e' || a === '--eval' || a === '-p' || a === '--print') {
      k++;
      continue;
    }
    if (a.startsWith('--input-type') || a.startsWith('--eval=') || a.startsWith('--print=')) continue;
    out.push(a);
  }
  return out;
}

/** Start one worker from the bundled module of its entry (cli/bundle.mjs). */
export function startNodeWorker(file: string): NodePoolWorker {
  const thread = new Worker(file, { execArgv: workerExecArgv(process.execArgv) });
  const api = Comlink.wrap<RunnerApi>(nodeEndpoint(thread));
  let gone = false;
  const exited = new Promise<string>((resolve) => {
    thread.on('error', (e) => resolve(`worker error: ${e.message}`));
    thread.once('exit', (code) => resolve(`worker exited with code ${code}`));
  });
  return {
    thread,
    // Once terminated, calls never settle: the pool learns of the death from `exited`.
    load: (plan) => (gone ? new Promise<never>(() => {}) : api.load(plan)),
    runBatch: (planId, tasks) => (gone ? new Promise<never>(() => {}) : api.runBatch(planId, tasks)),
    exited,
    terminate: () => {
      gone = true;
      try {
        api[Comlink.releaseProxy]();
      } catch {
        // already gone
      }
      return thread.terminate();
    },
  };
}

export interface NodePoolOptions {
  /** Worker threads; 0 runs on the calling thread. Default: the number of cores. */
  workers?: number;
  /** The worker's .ts entry (default cli/worker-entry.ts); tests pass fixtures. */
  entry?: string;
}

/**
 * A pool of worker_threads. The worker entry is bundled (once, cached) before the first worker
 * starts; workers start lazily on the first run.
 */
export async function createNodePool(options: NodePoolOptions = {}): Promise<Pool> {
  const workers = options.workers ?? defaultWorkers();
  if (workers === 0) return createLocalPool(getModel);
  const entry = options.entry ?? DEFAULT_WORKER_ENTRY;
  const file = await bundle(entry);
  return createPool(() => startNodeWorker(file), workers);
}
