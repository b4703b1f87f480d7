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
  /** Runs per second of the measuring thread's CPU time (null where the runtime cannot read it). */
  runsPerCpuSecond: number | null;
  cpuSeconds: number | null;
  checksum: string;
  finals: Record<string, number>[];
}

/**
 * Checksum of replicates 0–9 of seed 7 (identical in every runtime), then timed runs for at least
 * `minSeconds`; `cpu` (seconds of this thread on a CPU) gives the rate a loaded machine cannot skew.
 */
export function benchGovernance(now: () => number, minSeconds = 3, cpu?: () => number): BenchResult {
  const sc = loadBundled('vn34-2025');
  const finals = [];
  for (let r = 0; r < 10; r++)
    finals.push(runScenario(governanceModel, sc, { seed: 7, replicate: r, cycles: 50 }).final);
  const checksum = resultChecksum(finals);
  for (let r = 0; r < 20; r++) runScenario(governanceModel, sc, { seed: 1, replicate: r, cycles: 50 }); // warm-up
  const c0 = cpu?.();
  const t0 = now();
  let runs = 0;
  // With a CPU clock, run for `minSeconds` of this thread's CPU time (a loaded machine stretches
  // the wall time, not the sample), but never beyond four times that in wall time.
  const spent = (): number =>
    cpu && c0 !== undefined ? Math.max(cpu() - c0, (now() - t0) / 4000) : (now() - t0) / 1000;
  while (spent() < minSeconds) runScenario(governanceModel, sc, { seed: 1, replicate: runs++, cycles: 50 });
  const seconds = (now() - t0) / 1000;
  const cpuSeconds = cpu && c0 !== undefined ? cpu() - c0 : null;
  return {
    runs,
    seconds,
    runsPerSecond: runs / seconds,
    runsPerCpuSecond: cpuSeconds ? runs / cpuSeconds : null,
    cpuSeconds,
    checksum,
    finals,
  };
}
