import * as Comlink from 'comlink';
import type { SessionApi } from './session.ts';

export type Remote<T> = Comlink.Remote<T>;

export interface SessionWorker {
  api: Comlink.Remote<SessionApi>;
  terminate(): void;
}

/** Start a session worker (one per view that runs things, so a long batch never blocks a live run). */
export function startSessionWorker(): SessionWorker {
  const worker = new Worker(new URL('./session.worker.ts', import.meta.url), {
    type: 'module',
    name: 'concerto-session',
  });
  const api = Comlink.wrap<SessionApi>(worker);
  return {
    api,
    terminate() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
