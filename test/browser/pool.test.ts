import { describe, expect, it } from 'vitest';
import { resolveExperiment } from '../../sim/experiment/experiment.ts';
import { createLocalPool } from '../../sim/experiment/pool.ts';
import { runSweep } from '../../sim/experiment/sweep.ts';
import { getModel } from '../../sim/models.ts';
import { createBrowserPool, sweepInBrowser } from '../../viz/worker/pool.ts';

// Few cycles and replicates: the point is the doorway and the ordering, not the model.
const raw = {
  name: 'browser-pool',
  scenario: 'stylized-12',
  seed: 4,
  replicates: 3,
  cycles: 5,
  design: { type: 'factorial', parameters: { autonomy: [0.1, 0.5, 0.9], lineScope: ['byType', 'national'] } },
  metrics: ['coherence', 'innovation', 'value', 'pilotsApproved'],
};

describe('the Web Worker pool (real Chromium workers)', () => {
  it('gives the same rows as the main thread, and identical output with 1 and 2 workers', async () => {
    const provenance = { concerto: 'test', git: null };
    const local = await runSweep(resolveExperiment(raw), createLocalPool(getModel), { provenance, keepRows: true });
    const outs: Awaited<ReturnType<typeof sweepInBrowser>>[] = [];
    for (const workers of [1, 2]) {
      const pool = createBrowserPool({ workers });
      try {
        outs.push(await sweepInBrowser(raw, pool, { keepRows: true, series: false }));
      } finally {
        await pool.close();
      }
    }
    expect(outs[0]!.rows).toEqual(local.rows);
    expect(outs[0]!.manifest.results.checksum).toBe(local.manifest.results.checksum);
    const text = (o: (typeof outs)[number]) =>
      JSON.stringify({ manifest: o.manifest, rows: o.rows, summary: o.summary });
    expect(text(outs[1]!)).toBe(text(outs[0]!));
    expect(outs[0]!.manifest.git).toBeNull();
    expect(outs[0]!.rows).toHaveLength(18);
  });

  it('a worker terminated mid-sweep is replaced and the sweep loses nothing', async () => {
    const pool = createBrowserPool({ workers: 2 });
    let n = 0;
    try {
      const out = await runSweep(resolveExperiment(raw), pool, {
        provenance: { concerto: 'test', git: null },
        keepRows: true,
        pool: {
          batchSize: 1,
          onDispatch: ({ worker }) => {
            if (++n === 4) void worker.terminate();
          },
        },
      });
      expect(out.stats.restarts).toBeGreaterThanOrEqual(1);
      const local = await runSweep(resolveExperiment(raw), createLocalPool(getModel), {
        provenance: { concerto: 'test', git: null },
        keepRows: true,
      });
      expect(out.rows).toEqual(local.rows);
    } finally {
      await pool.close();
    }
  });
});
