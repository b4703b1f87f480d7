import * as Comlink from 'comlink';
import type { ModelRunSummary } from '../../sim/exercise/modelRuns.ts';
import type { ModelRunsApi } from './modelRuns.worker.ts';

/** Runs replicates from … from + count − 1 of the model's policy on an exercise (raw file). */
export type ModelRunner = (raw: Record<string, unknown>, from: number, count: number) => Promise<ModelRunSummary[]>;

export interface ModelRunsWorker {
  run: ModelRunner;
  terminate(): void;
}

/** A worker for the debrief's model runs, started on first use. */
export function startModelRunsWorker(): ModelRunsWorker {
  const worker = new Worker(new URL('./modelRuns.worker.ts', import.meta.url), {
    type: 'module',
    name: 'concerto-exercise-model',
  });
  const api = Comlink.wrap<ModelRunsApi>(worker);
  return {
    run: (raw, from, count) => api.modelRuns(raw, from, count),
    terminate() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

/** `given` when a test passes one, else a worker started on first use (terminate() ends it). */
export function lazyModelRunner(given: ModelRunner | undefined): ModelRunsWorker {
  let worker: ModelRunsWorker | null = null;
  return {
    run: (raw, from, count) => {
      if (given) return given(raw, from, count);
      worker ??= startModelRunsWorker();
      return worker.run(raw, from, count);
    },
    terminate: () => worker?.terminate(),
  };
}

/**
 * The model's runs of one exercise, computed once (by exercise hash) in parts so progress can be
 * shown; later requests for the same exercise share the same promise.
 */
export class ModelRunsCache {
  private cache = new Map<string, Promise<ModelRunSummary[]>>();
  constructor(
    private runner: () => ModelRunner,
    private chunk = 20,
  ) {}

  get(
    hash: string,
    raw: Record<string, unknown>,
    replicates: number,
    progress?: (done: number, total: number) => void,
  ): Promise<ModelRunSummary[]> {
    const key = `${hash}/${replicates}`;
    let p = this.cache.get(key);
    if (!p) {
      p = (async () => {
        const out: ModelRunSummary[] = [];
        for (let from = 0; from < replicates; from += this.chunk) {
          out.push(...(await this.runner()(raw, from, Math.min(this.chunk, replicates - from))));
          progress?.(out.length, replicates);
        }
        return out;
      })();
      p.catch(() => this.cache.delete(key));
      this.cache.set(key, p);
    }
    return p;
  }
}
