import { benchGovernance } from './governance-bench.ts';
// A dedicated Web Worker: run the benchmark off the page's main thread and post the result.
self.onmessage = (e: MessageEvent<{ seconds: number }>) => {
  self.postMessage(benchGovernance(() => performance.now(), e.data.seconds));
};
