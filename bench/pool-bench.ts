// Speed-up of the worker_threads pool: the same sweep (vn34-2025, 50 cycles) with 1 and with 2
// workers, compute alone (workers started, plan loaded and warmed before the clock starts) and
// with start-up (pool creation, bundle check, thread start, plan load). Used by scripts/bench.mjs.
import { createNodePool } from '../cli/pool-node.ts';
import { resolveExperiment } from '../sim/experiment/experiment.ts';
import type { Pool } from '../sim/experiment/pool.ts';
import { runSweep } from '../sim/experiment/sweep.ts';
import { cpuGained, threadsCpu } from './thread-cpu.ts';

const provenance = { concerto: 'bench', git: null, runtime: 'bench' };

const experiment = (replicates: number, seed: number) =>
  resolveExperiment({
    name: 'bench-pool',
    scenario: 'vn34-2025',
    seed,
    replicates,
    cycles: 50,
    design: { type: 'points', points: [{}] },
    metrics: ['coherence', 'innovation', 'value'],
  });

/** Wall seconds, and the CPU seconds of the `workers` busiest threads (the pool's workers) over the sweep. */
async function timed(
  pool: Pool,
  runs: number,
  workers = 1,
): Promise<{ seconds: number; checksum: string; workerCpu: number[] }> {
  const c0 = threadsCpu();
  const t0 = performance.now();
  const out = await runSweep(experiment(runs, 1), pool, { provenance });
  const seconds = (performance.now() - t0) / 1000;
  const workerCpu = cpuGained(c0, threadsCpu()).slice(0, workers);
  return { seconds, checksum: out.manifest.results.checksum, workerCpu };
}

export interface PoolBench {
  runs: number;
  /** Best of `rounds` per worker count. */
  compute: Record<'1' | '2', number>;
  withStartup: Record<'1' | '2', number>;
  speedup2Workers: number;
  speedup2WorkersWithStartup: number;
  /**
   * The speed-up in thread-CPU terms: the one worker's CPU seconds over the busier of the two
   * workers' (what 2 workers give on 2 free cores; other processes on the machine do not enter).
   */
  speedup2WorkersCpu: number;
  /** CPU seconds of each worker thread over the warm sweep, per worker count. */
  workerCpu: Record<'1' | '2', number[]>;
  /** The sweep's results checksum, which must not depend on the number of workers. */
  checksums: string[];
}

export async function benchPool(runs: number, rounds = 2): Promise<PoolBench> {
  const compute: Record<'1' | '2', number> = { 1: Infinity, 2: Infinity };
  const withStartup: Record<'1' | '2', number> = { 1: Infinity, 2: Infinity };
  const checksums = new Set<string>();
  const workerCpu: Record<'1' | '2', number[]> = { 1: [], 2: [] };
  await (await createNodePool({ workers: 1 })).close(); // the worker bundle is built (or found fresh) once, before timing
  for (let round = 0; round < rounds; round++) {
    for (const n of [1, 2] as const) {
      // With start-up: a fresh pool, timed from its creation.
      const t0 = performance.now();
      const cold = await createNodePool({ workers: n });
      const first = await timed(cold, runs);
      withStartup[n] = Math.min(withStartup[n], (performance.now() - t0) / 1000);
      checksums.add(first.checksum);
      // Compute alone: the same pool, warm (threads started, plan loaded, code compiled).
      await runSweep(experiment(4 * n, 2), cold, { provenance });
      const warm = await timed(cold, runs, n);
      if (warm.seconds < compute[n]) workerCpu[n] = warm.workerCpu;
      compute[n] = Math.min(compute[n], warm.seconds);
      checksums.add(warm.checksum);
      await cold.close();
    }
  }
  return {
    runs,
    compute,
    withStartup,
    speedup2Workers: compute[1] / compute[2],
    speedup2WorkersWithStartup: withStartup[1] / withStartup[2],
    speedup2WorkersCpu: workerCpu[1][0]! / Math.max(...workerCpu[2]),
    workerCpu,
    checksums: [...checksums],
  };
}
