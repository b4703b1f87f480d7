// Runs per second of vn34-2025 (50 cycles) on one thread, and a checksum of the runs' final values.
// The same function runs in Node (scripts/bench.mjs) and inside a Chromium Web Worker (bench/worker-entry.ts).
import { resultChecksum } from '../sim/engine/canonical.ts';
import { loadBundled } from '../sim/context.ts';
import { runScenario } from '../sim/engine/run.ts';
import { governanceModel } from '../sim/model/governance.ts';

export interface BenchResult {
  runs: number;
  seconds: number;
  runsPerSecond: number;
  checksum: string;
  finals: Record<string, number>[];
}

/** Checksum of replicates 0–9 of seed 7 (identical in every runtime), then timed runs for at least `minSeconds`. */
export function benchGovernance(now: () => number, minSeconds = 3): BenchResult {
  const sc = loadBundled('vn34-2025');
  const finals = [];
  for (let r = 0; r < 10; r++)
    finals.push(runScenario(governanceModel, sc, { seed: 7, replicate: r, cycles: 50 }).final);
  const checksum = resultChecksum(finals);
  for (let r = 0; r < 20; r++) runScenario(governanceModel, sc, { seed: 1, replicate: r, cycles: 50 }); // warm-up
  const t0 = now();
  let runs = 0;
  while (now() - t0 < minSeconds * 1000) runScenario(governanceModel, sc, { seed: 1, replicate: runs++, cycles: 50 });
  const seconds = (now() - t0) / 1000;
  return { runs, seconds, runsPerSecond: runs / seconds, checksum, finals };
}
