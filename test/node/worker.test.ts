import { Worker, isMainThread, threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { loadBundled } from '../../sim/context.ts';
import { runScenario } from '../../sim/engine/run.ts';
import { governanceModel } from '../../sim/model/governance.ts';

describe('a run in a real worker thread', () => {
  it('runScenario(vn34, seed 11, replicate 2) in worker_threads equals the main-thread run byte for byte', async () => {
    expect(isMainThread).toBe(true);
    const worker = new Worker(new URL('./fixtures/run-worker.mjs', import.meta.url));
    try {
      const reply = await new Promise<{ json: string }>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage({ scenario: 'vn34-2025', seed: 11, replicate: 2, cycles: 40 });
      });
      expect(worker.threadId).not.toBe(threadId);
      const local = JSON.stringify(
        runScenario(governanceModel, loadBundled('vn34-2025'), { seed: 11, replicate: 2, cycles: 40 }),
      );
      expect(reply.json).toBe(local);
    } finally {
      await worker.terminate();
    }
  });
});
