import { describe, expect, it } from 'vitest';
import { CROSS_RUNTIME_CHECKSUM } from '../node/fixtures/checksums.ts';

describe('the governance model in a real Chromium Web Worker', () => {
  it('replicates 0–2 of vn34-2025 (seed 7) give exactly the checksum Node gives (every bit)', async () => {
    const worker = new Worker(new URL('./fixtures/run.worker.ts', import.meta.url), { type: 'module' });
    const reply = await new Promise<{ checksum: string; inWorker: boolean }>((resolve, reject) => {
      worker.onmessage = (e) => resolve(e.data);
      worker.onerror = (e) => reject(new Error(e.message));
      worker.postMessage('run');
    });
    worker.terminate();
    expect(reply.inWorker).toBe(true);
    expect(reply.checksum).toBe(CROSS_RUNTIME_CHECKSUM);
  });
});
