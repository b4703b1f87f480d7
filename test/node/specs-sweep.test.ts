import { describe, expect, it } from 'vitest';
import { resolveExperiment } from '../../sim/experiment/experiment.ts';
import { createLocalPool } from '../../sim/experiment/pool.ts';
import type { RunResult } from '../../sim/experiment/runner.ts';
import { runSweep } from '../../sim/experiment/sweep.ts';
import { getModel } from '../../sim/models.ts';
import { resumeSweep, runIndex } from '../../viz/sweep/resumable.ts';

const raw = {
  name: 'resume',
  scenario: 'stylized-12',
  seed: 3,
  replicates: 3,
  cycles: 4,
  design: { type: 'factorial', parameters: { autonomy: [0.2, 0.8], monitoring: [0.1, 0.5] } },
  metrics: ['coherence', 'innovation', 'value'],
};
const provenance = { concerto: 'test', git: null };

describe('resumeSweep', () => {
  it('a sweep cancelled part-way and resumed from its kept results equals runSweep, and reruns nothing', async () => {
    const exp = resolveExperiment(raw);
    const whole = await runSweep(exp, createLocalPool(getModel), { provenance, keepRows: true });
    // First attempt: cancel after 5 results, keeping what was handed on.
    const kept = new Map<number, RunResult>();
    const ctrl = new AbortController();
    const first = await resumeSweep(exp, createLocalPool(getModel), {
      done: new Map(),
      provenance,
      signal: ctrl.signal,
      pool: { batchSize: 1 },
      onResult: (r, index) => {
        kept.set(index, r);
        if (kept.size === 5) ctrl.abort();
      },
    });
    expect(first.manifest.results.complete).toBe(false);
    expect(kept.size).toBeGreaterThanOrEqual(5);
    expect(kept.size).toBeLessThan(12);
    // Second attempt: only the missing runs go to the pool.
    const ran: number[] = [];
    const second = await resumeSweep(exp, createLocalPool(getModel), {
      done: kept,
      provenance,
      onResult: (r) => {
        ran.push(runIndex(exp, r.point, r.replicate));
      },
    });
    expect(ran.length).toBe(12 - kept.size);
    expect(ran.some((i) => kept.has(i))).toBe(false);
    expect(second.rows).toEqual(whole.rows);
    expect(second.summary).toEqual(whole.summary);
    expect(second.manifest).toEqual(whole.manifest);
  });
});
