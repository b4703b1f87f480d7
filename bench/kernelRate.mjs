// Runs per CPU-second of vn34-2025 (50 cycles) on the calling thread, measured with
// process.threadCpuUsage() (Node ≥ 23.9) or, on older Node, the thread's utime + stime from
// /proc/thread-self/stat (clock ticks, 10 ms), so that other processes on a shared machine and
// V8's own helper threads (GC, compiler) do not change the figure (they still slow the wall clock). `node bench/kernelRate.mjs [seconds]` prints the result as JSON;
// scripts/bench.mjs imports `kernelRate`.
import { readFileSync } from 'node:fs';
import { tsImport } from 'tsx/esm/api';

const TICK_MICROS = 1e6 / 100; // USER_HZ is 100 on Linux

/** CPU microseconds (user + system) this thread has used so far. */
function threadCpuMicros() {
  if (typeof process.threadCpuUsage === 'function') {
    const u = process.threadCpuUsage();
    return u.user + u.system;
  }
  // Fields after the command name (which may contain spaces) start at state; utime, stime are 14 and 15.
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MICROS;
}

/**
 * Warm up (20 runs), then run replicates of seed 1 until `cpuSeconds` of this thread's CPU time
 * have been spent. Returns runs per CPU-second, per wall-second, and the checksum of seed 7,
 * replicates 0–2 (the golden checksum of test/node/governance.test.ts). `root` (a directory URL
 * ending in '/') points at another checkout's `sim/`, to compare two kernels in one process.
 * @param {{ cpuSeconds?: number, root?: string | URL }} [options]
 */
export async function kernelRate(options = {}) {
  const cpuSeconds = options.cpuSeconds ?? 3;
  const root = options.root ?? new URL('..', import.meta.url);
  const load = (path) => tsImport(new URL(path, root).href, import.meta.url);
  const { loadBundled } = await load('sim/context.ts');
  const { runScenario } = await load('sim/engine/run.ts');
  const { governanceModel, GOVERNANCE_VERSION } = await load('sim/model/governance.ts');
  const { canonicalJson } = await load('sim/engine/canonical.ts');
  const { hashHex } = await load('sim/engine/hash.ts');
  const sc = loadBundled('vn34-2025');
  const golden = hashHex(
    canonicalJson([0, 1, 2].map((r) => runScenario(governanceModel, sc, { seed: 7, replicate: r, cycles: 50 }).final)),
  );
  for (let r = 0; r < 20; r++) runScenario(governanceModel, sc, { seed: 1, replicate: 1000 + r, cycles: 50 });
  const c0 = threadCpuMicros();
  const t0 = performance.now();
  let runs = 0;
  while (threadCpuMicros() - c0 < cpuSeconds * 1e6)
    runScenario(governanceModel, sc, { seed: 1, replicate: runs++, cycles: 50 });
  const cpu = (threadCpuMicros() - c0) / 1e6;
  const wall = (performance.now() - t0) / 1000;
  return {
    model: GOVERNANCE_VERSION,
    scenario: 'vn34-2025',
    cycles: 50,
    runs,
    cpuSeconds: cpu,
    wallSeconds: wall,
    runsPerCpuSecond: runs / cpu,
    runsPerSecond: runs / wall,
    checksum: golden,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seconds = Number(process.argv[2] ?? 3);
  console.log(JSON.stringify(await kernelRate({ cpuSeconds: seconds })));
}
