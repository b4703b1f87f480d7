// One pool interface, two implementations: worker_threads in Node (cli/pool-node.ts) and Web
// Workers in the browser (viz/worker/pool.ts). Both only say how to start a worker; the scheduling
// here is shared: batches of tasks go to idle workers, results come back in any order and are
// handed on in task order through a reorder buffer, a dead worker is replaced and its tasks
// retried (bounded), and a cancel stops promptly and still hands on every finished result.
import type { ModelLookup, RunnerApi, RunPlan, RunResult, RunTask } from './runner.ts';
import { createRunnerApi } from './runner.ts';

/**
 * A started worker, as a pool sees it. After `terminate()` (or a death), calls may never settle:
 * the pool races every call against `exited`.
 */
export interface PoolWorker {
  load(plan: RunPlan): Promise<void>;
  runBatch(planId: string, tasks: RunTask[]): Promise<RunResult[]>;
  /** Resolves (never rejects) with a reason once the worker has died or been terminated. */
  readonly exited: Promise<string>;
  terminate(): void | Promise<unknown>;
}

export type SpawnWorker = () => PoolWorker | Promise<PoolWorker>;

/** The part of an AbortSignal a pool uses (sim/ does not see the DOM or Node types). */
export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface PoolRunOptions {
  /**
   * Receives every result once, in the order of `tasks` (index 0, 1, …), never in arrival order.
   * Returning a promise holds back further results until it settles (write backpressure).
   */
  onResult(result: RunResult, index: number): void | Promise<void>;
  signal?: CancelSignal;
  /** Tasks sent to a worker at once (default: about 1/16 of each worker's share, 1–16). */
  batchSize?: number;
  /** Number of tasks, when `tasks` is not an array (sizes the default batch). */
  total?: number;
  /** Attempts per task before it is recorded as failed (default 3). */
  maxAttempts?: number;
  /** Most tasks dispatched ahead of the next result to hand on (bounds the reorder buffer). */
  window?: number;
  /** Told of every dispatch (progress displays, tests). */
  onDispatch?(info: { slot: number; worker: PoolWorker; tasks: RunTask[]; attempt: number }): void;
}

export interface PoolRunStats {
  /** Results handed on (ok, failed, or recorded as failed after every attempt). */
  delivered: number;
  /** Tasks recorded as failed because their worker died on every attempt. */
  abandoned: number;
  /** Workers replaced after dying mid-batch. */
  restarts: number;
  cancelled: boolean;
}

export interface Pool {
  readonly size: number;
  /** Run the tasks of a plan; resolves when every result has been handed on or the run was cancelled. */
  run(plan: RunPlan, tasks: Iterable<RunTask>, options: PoolRunOptions): Promise<PoolRunStats>;
  /** Terminate every worker. */
  close(): Promise<void>;
}

class WorkerDied extends Error {}

/** Terminate without letting a worker that is already gone throw into the scheduler. */
async function stopWorker(w: PoolWorker): Promise<void> {
  try {
    await w.terminate();
  } catch {
    // already terminated
  }
}

interface Watch {
  dead: string | null;
  pending: Set<(e: unknown) => void>;
}
const watches = new WeakMap<PoolWorker, Watch>();

/** The death watch of a worker: set up once, it rejects the worker's pending calls when it exits. */
function watched(w: PoolWorker): Watch {
  let watch = watches.get(w);
  if (!watch) {
    const fresh: Watch = { dead: null, pending: new Set() };
    watches.set(w, fresh);
    void w.exited.then((reason) => {
      fresh.dead = reason;
      for (const reject of fresh.pending) reject(new WorkerDied(reason));
      fresh.pending.clear();
    });
    watch = fresh;
  }
  return watch;
}

interface Item {
  index: number;
  task: RunTask;
  attempts: number;
}

/** A pool of `size` workers started by `spawn`, lazily, and restarted when they die. */
export function createPool(spawn: SpawnWorker, size: number): Pool {
  if (!(Number.isInteger(size) && size >= 1))
    throw new RangeError(`a pool needs a whole number of workers ≥ 1, got ${size}`);
  const workers: (PoolWorker | null)[] = new Array(size).fill(null);
  const loaded: (string | null)[] = new Array(size).fill(null);
  let busy = false;

  async function run(plan: RunPlan, tasks: Iterable<RunTask>, options: PoolRunOptions): Promise<PoolRunStats> {
    if (busy) throw new Error('this pool is already running a plan');
    busy = true;
    const maxAttempts = options.maxAttempts ?? 3;
    const it = tasks[Symbol.iterator]();
    const total = Array.isArray(tasks) ? tasks.length : (options.total ?? null);
    const batchSize =
      options.batchSize ?? (total === null ? 8 : Math.max(1, Math.min(16, Math.ceil(total / (size * 16)))));
    const window = Math.max(options.window ?? 0, size * batchSize * 4, 16);
    const stats: PoolRunStats = { delivered: 0, abandoned: 0, restarts: 0, cancelled: false };
    const retry: Item[] = [];
    const buffer = new Map<number, RunResult>();
    let nextIndex = 0;
    let emitIndex = 0;
    let exhausted = false;
    let inFlight = 0;
    let cancelled = false;
    let fatal: unknown = null;
    let startFailures = 0;

    // Wake every waiting slot on any change (a result handed on, a requeue, a cancel).
    let wake: () => void = () => {};
    let changed = new Promise<void>((r) => {
      wake = r;
    });
    const notify = () => {
      const w = wake;
      changed = new Promise<void>((r) => {
        wake = r;
      });
      w();
    };

    let flushing: Promise<void> | null = null;
    const flush = (): Promise<void> => {
      if (flushing) return flushing;
      flushing = (async () => {
        try {
          while (buffer.has(emitIndex) && fatal === null) {
            const r = buffer.get(emitIndex)!;
            buffer.delete(emitIndex);
            await options.onResult(r, emitIndex);
            stats.delivered++;
            emitIndex++;
            notify();
          }
        } catch (e) {
          // The receiver failed (e.g. a full disk): stop the run and report its error.
          fatal = e;
          notify();
        }
      })().finally(() => {
        flushing = null;
      });
      return flushing;
    };

    const take = (): Item[] | 'wait' | null => {
      if (retry.length > 0) return [retry.shift()!];
      if (exhausted) return null;
      if (nextIndex - emitIndex >= window) return 'wait';
      const batch: Item[] = [];
      while (batch.length < batchSize && nextIndex - emitIndex < window) {
        const n = it.next();
        if (n.done) {
          exhausted = true;
          break;
        }
        batch.push({ index: nextIndex++, task: n.value, attempts: 0 });
      }
      return batch.length > 0 ? batch : null;
    };

    const onAbort = () => {
      cancelled = true;
      stats.cancelled = true;
      for (let s = 0; s < size; s++) {
        const w = workers[s];
        if (w) void stopWorker(w);
        workers[s] = null;
        loaded[s] = null;
      }
      notify();
    };
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort);

    // Every call to a worker fails with WorkerDied as soon as the worker is gone. Pending calls are
    // kept per worker and dropped when they settle, so a long run accumulates nothing.
    const raceExit = <T>(w: PoolWorker, p: Promise<T>): Promise<T> => {
      const watch = watched(w);
      if (watch.dead !== null) return Promise.reject(new WorkerDied(watch.dead));
      return new Promise<T>((resolve, reject) => {
        watch.pending.add(reject);
        p.then(
          (v) => {
            watch.pending.delete(reject);
            resolve(v);
          },
          (e: unknown) => {
            watch.pending.delete(reject);
            reject(e);
          },
        );
      });
    };

    const slot = async (s: number): Promise<void> => {
      while (!cancelled && fatal === null) {
        const batch = take();
        if (batch === null) {
          if (inFlight === 0 && retry.length === 0) return;
          await changed;
          continue;
        }
        if (batch === 'wait') {
          await changed;
          continue;
        }
        inFlight++;
        let w = workers[s];
        let starting = true;
        try {
          if (!w) {
            try {
              w = await spawn();
            } catch (e) {
              fatal = e;
              throw e;
            }
            workers[s] = w;
            loaded[s] = null;
          }
          if (loaded[s] !== plan.id) {
            await raceExit(w, w.load(plan));
            loaded[s] = plan.id;
          }
          startFailures = 0;
          starting = false;
          const tasksOut = batch.map((b) => b.task);
          options.onDispatch?.({
            slot: s,
            worker: w,
            tasks: tasksOut,
            attempt: Math.max(...batch.map((b) => b.attempts)) + 1,
          });
          const results = await raceExit(w, w.runBatch(plan.id, tasksOut));
          inFlight--;
          if (cancelled) return;
          results.forEach((r, k) => buffer.set(batch[k]!.index, r));
          void flush();
        } catch (e) {
          inFlight--;
          if (cancelled || fatal !== null) {
            notify();
            return;
          }
          const reason = e instanceof Error ? e.message : String(e);
          if (e instanceof WorkerDied && w) {
            stats.restarts++;
            void stopWorker(w);
            workers[s] = null;
            loaded[s] = null;
          }
          if (starting) {
            // The worker died (or failed) before it could run anything: its tasks never started,
            // so they keep their attempts; workers that never start make the run fail as a whole.
            if (++startFailures >= Math.max(3, size)) {
              fatal = new Error(`workers fail to start (${reason})`);
              notify();
              return;
            }
            retry.push(...batch);
          } else {
            for (const b of batch) {
              b.attempts++;
              if (b.attempts >= maxAttempts) {
                stats.abandoned++;
                buffer.set(b.index, abandonedResult(plan, b.task, `the run was lost ${b.attempts} times (${reason})`));
              } else retry.push(b);
            }
          }
          // Retried one at a time, lowest index first, so one task that kills its worker is isolated.
          retry.sort((a, b) => a.index - b.index);
          void flush();
          notify();
        }
      }
    };

    try {
      await Promise.all(Array.from({ length: size }, (_, s) => slot(s)));
      if (fatal === null) await flush();
      if (fatal !== null) {
        await close();
        throw fatal;
      }
      if (cancelled) {
        // Hand on every finished result still waiting behind an unfinished one, in task order.
        while (flushing) await flushing;
        for (const index of [...buffer.keys()].sort((a, b) => a - b)) {
          await options.onResult(buffer.get(index)!, index);
          stats.delivered++;
        }
        buffer.clear();
      }
      return stats;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      busy = false;
    }
  }

  async function close(): Promise<void> {
    await Promise.all(workers.map((w) => (w ? stopWorker(w) : undefined)));
    workers.fill(null);
    loaded.fill(null);
  }

  return { size, run, close };
}

/** The result recorded for a task whose worker died on every attempt. */
function abandonedResult(plan: RunPlan, task: RunTask, error: string): RunResult {
  return {
    point: task.point,
    replicate: task.replicate,
    seed: plan.seed,
    status: 'failed',
    error,
    cycles: 0,
    params: task.params,
    final: {},
    ...(plan.series ? { series: Object.fromEntries(plan.series.map((m) => [m, []])) } : {}),
  };
}

/** A worker that runs on the calling thread (tests, small jobs, and where workers are unavailable). */
export function localWorker(api: RunnerApi): PoolWorker {
  let stop: (reason: string) => void = () => {};
  const exited = new Promise<string>((r) => {
    stop = r;
  });
  return {
    load: async (plan) => api.load(plan),
    runBatch: async (planId, tasks) => api.runBatch(planId, tasks),
    exited,
    terminate: () => stop('terminated'),
  };
}

/** A one-worker pool on the calling thread. */
export function createLocalPool(getModel: ModelLookup): Pool {
  return createPool(() => localWorker(createRunnerApi(getModel)), 1);
}
