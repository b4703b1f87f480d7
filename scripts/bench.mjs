#!/usr/bin/env node
/* global Worker -- used inside page.evaluate, which runs in Chromium */
// `npm run bench [-- --json] [-- --quick]`: rates and ratios measured in one run on this machine.
//   1. Node: runs/s of vn34-2025 (50 cycles) on the main thread, and a checksum of its runs.
//   2. Chromium: the same code bundled into a Web Worker in Debian's chromium (playwright-core);
//      the checksum must be equal.
//   3. The worker_threads pool: speed-up of 2 workers over 1, compute alone and with start-up.
//      Besides wall-clock rates, runs per CPU-second of the measuring thread (/proc/thread-self/schedstat
//      or process.threadCpuUsage) and the 2-worker speed-up in the workers' thread-CPU terms, which a
//      shared machine does not skew.
//   4. Peak RSS of streamed sweeps through the CLI at 10,000 and 100,000 points (1 replicate, 1 cycle):
//      memory flat in points means a ratio near 1.
//   5. March (1991) in Concerto against flocc, when bench/march-flocc.ts exports benchMarchVsFlocc().
//   6. The built app in Chromium: the longest main-thread task on first load and during a 10,000-run
//      sweep (PerformanceObserver 'longtask'); the aim is ≤ 50 ms. Uses BENCH_DIST or dist/ when it
//      holds a build, else builds into a scratch folder (not with --quick, which then skips it).
//   7. Cold start-up of the CLI: `node cli/concerto.mjs run vn34-2025`, first and best of three.
// Machine load is read from /proc/stat around each phase and reported: parallel speed-up on a shared
// machine is only meaningful when no foreign process takes a core.
// BENCH_SECONDS sets the timed length of phases 1 and 2 (default 3 s).
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { tsImport } from 'tsx/esm/api';
import { CHROMIUM_ARGS } from '../test/browser/e2e/chromium.mjs';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const seconds = Number(process.env.BENCH_SECONDS ?? (quick ? 1 : 3));
const log = (...a) => {
  if (!json) console.log(...a);
};
const root = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'concerto-bench-'));

// ---------------------------------------------------------------- machine load (/proc/stat)
const stat = () => readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
const busyOf = (a) => a.reduce((x, y) => x + y, 0) - a[3] - a[4];
const totalOf = (a) => a.reduce((x, y) => x + y, 0);
/** Run a phase and measure how many cores the machine kept busy, and how many this process used. */
async function measured(fn) {
  const s0 = stat();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wall = (performance.now() - t0) / 1000;
  const s1 = stat();
  const c = process.cpuUsage(c0);
  const busyCores = ((busyOf(s1) - busyOf(s0)) / Math.max(1, totalOf(s1) - totalOf(s0))) * cpus().length;
  const ownCores = (c.user + c.system) / 1e6 / wall;
  return { value, load: { wallSeconds: wall, busyCores, ownCores, otherCores: Math.max(0, busyCores - ownCores) } };
}
const loadText = (l) =>
  `machine busy ${l.busyCores.toFixed(2)} of ${cpus().length} cores, this process ${l.ownCores.toFixed(2)}, others ≈ ${l.otherCores.toFixed(2)}`;
const sStart = stat();
const load0 = loadavg()[0];

// ---------------------------------------------------------------- 1. Node, one thread
const { benchGovernance } = await tsImport('../bench/governance-bench.ts', import.meta.url);
const { threadCpuSeconds } = await tsImport('../bench/thread-cpu.ts', import.meta.url);
const p1 = await measured(() => benchGovernance(() => performance.now(), seconds, threadCpuSeconds));
const node = p1.value;
log(
  `node      vn34-2025, 50 cycles: ${node.runsPerSecond.toFixed(1)} runs/s on one thread (${node.runs} runs in ${node.seconds.toFixed(2)} s), checksum ${node.checksum}`,
);
log(
  `          ${node.runsPerCpuSecond.toFixed(1)} runs per CPU-second of the measuring thread (${node.cpuSeconds.toFixed(2)} CPU s)`,
);
log(`          ${loadText(p1.load)}`);

// ---------------------------------------------------------------- 2. Chromium, one Web Worker
let chromium = null;
let chromiumError = null;
try {
  const out = mkdtempSync(join(tmpdir(), 'concerto-bench-web-'));
  await build({
    entryPoints: [join(root, 'bench/worker-entry.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    outfile: join(out, 'worker.js'),
    logLevel: 'silent',
  });
  const page = '<!doctype html><meta charset="utf-8"><title>bench</title><link rel="icon" href="data:,">';
  const server = createServer((req, res) => {
    if (req.url === '/worker.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(readFileSync(join(out, 'worker.js')));
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(page);
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { chromium: pw } = await import('playwright-core');
  const ctx = await pw.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chromium-profile-')), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const p = ctx.pages()[0] ?? (await ctx.newPage());
    await p.goto(`http://127.0.0.1:${server.address().port}/`);
    const p2 = await measured(() =>
      p.evaluate(
        (s) =>
          new Promise((resolve, reject) => {
            const w = new Worker('/worker.js', { type: 'module' });
            w.onmessage = (e) => resolve(e.data);
            w.onerror = (e) => reject(new Error(e.message));
            w.postMessage({ seconds: s });
          }),
        seconds,
      ),
    );
    chromium = p2.value;
    log(
      `chromium  vn34-2025, 50 cycles: ${chromium.runsPerSecond.toFixed(1)} runs/s in a Web Worker (${chromium.runs} runs), checksum ${chromium.checksum}`,
    );
    log(`          ${loadText(p2.load)} (Chromium runs in other processes)`);
  } finally {
    await ctx.close();
    server.close();
  }
} catch (e) {
  chromiumError = e.message;
  log(`chromium  not measured: ${e.message}`);
}
const sameChecksum = chromium ? chromium.checksum === node.checksum : null;
// Largest relative difference of any final value between the runtimes (the documented tolerance is 1e-9).
let maxRel = null;
if (chromium) {
  maxRel = 0;
  node.finals.forEach((f, r) => {
    for (const [k, v] of Object.entries(f)) {
      const w = chromium.finals[r][k];
      maxRel = Math.max(maxRel, Math.abs(v - w) / Math.max(1e-300, Math.abs(v), Math.abs(w)));
    }
  });
  log(
    `agreement largest relative difference of a final value, Node vs Chromium: ${maxRel.toExponential(2)}; checksums ${sameChecksum ? 'equal' : 'DIFFER'}`,
  );
}

// ---------------------------------------------------------------- 3. Pool speed-up, 2 workers over 1
const { benchPool } = await tsImport('../bench/pool-bench.ts', import.meta.url);
const poolRuns = Math.max(48, Math.round(node.runsPerSecond * (quick ? 1 : 2.5)));
const p3 = await measured(() => benchPool(poolRuns, 1));
const pool = p3.value;
log(
  `workers   ${poolRuns} runs of vn34-2025 (50 cycles): 1 worker ${pool.compute[1].toFixed(2)} s, 2 workers ${pool.compute[2].toFixed(2)} s: speed-up ${pool.speedup2Workers.toFixed(2)}x on compute`,
);
log(
  `          in thread-CPU terms (busiest worker): 1 worker ${pool.workerCpu[1].map((c) => c.toFixed(2)).join()} s, 2 workers ${pool.workerCpu[2].map((c) => c.toFixed(2)).join(' + ')} s: speed-up ${pool.speedup2WorkersCpu.toFixed(2)}x`,
);
log(
  `          with start-up (pool, threads, plan): 1 worker ${pool.withStartup[1].toFixed(2)} s, 2 workers ${pool.withStartup[2].toFixed(2)} s: speed-up ${pool.speedup2WorkersWithStartup.toFixed(2)}x`,
);
log(
  `          results checksum ${pool.checksums.length === 1 ? `${pool.checksums[0]} with 1 and 2 workers` : `DIFFERS: ${pool.checksums.join(', ')}`}`,
);
log(
  `          ${loadText(p3.load)}${p3.load.otherCores > 0.3 ? ' — the machine was loaded: the speed-up understates the code' : ''}`,
);

// ---------------------------------------------------------------- 4. Peak RSS of streamed sweeps, by points
const rssMetrics = ['coherence', 'innovation', 'value'];
const rssConfig = `stylized-12, 1 replicate, 1 cycle, LHS over autonomy and monitoring, final ${rssMetrics.join(', ')}, CSV to a file, 2 workers`;
/** Run `concerto sweep` in a child process and return its peak resident set (all threads) in MB. */
function sweepPeak(points) {
  const exp = join(scratch, `rss-${points}.json`);
  writeFileSync(
    exp,
    JSON.stringify({
      name: 'bench-rss',
      scenario: 'stylized-12',
      seed: 1,
      replicates: 1,
      cycles: 1,
      design: {
        type: 'lhs',
        samples: points,
        parameters: { autonomy: { min: 0, max: 1 }, monitoring: { min: 0, max: 1 } },
      },
      metrics: rssMetrics,
    }),
  );
  const out = join(scratch, `rss-${points}.csv`);
  // A small wrapper runs the CLI in-process, then reports the process's peak RSS (KB; every thread counts).
  const code = `import { bundle } from ${JSON.stringify(join(root, 'cli/bundle.mjs'))};
    const file = await bundle(${JSON.stringify(join(root, 'cli/main.ts'))});
    const { main } = await import(file);
    const rc = await main(['sweep', ${JSON.stringify(exp)}, '--workers', '2', '--allow-large', '--out', ${JSON.stringify(out)}]);
    process.stderr.write('\\nRSS ' + JSON.stringify({ rc, maxRssKb: process.resourceUsage().maxRSS }) + '\\n');`;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('exit', () => {
      const m = /RSS (\{.*\})/.exec(err);
      if (!m) return reject(new Error(`sweep failed: ${err.trim().split('\n').pop()}`));
      const r = JSON.parse(m[1]);
      const rows = readFileSync(out, 'utf8').split('\n').length - 2;
      rmSync(out, { force: true });
      rmSync(out.replace(/\.csv$/, '.manifest.json'), { force: true });
      resolve({ points, rows, rc: r.rc, peakRssMb: r.maxRssKb / 1024, seconds: (performance.now() - t0) / 1000 });
    });
  });
}
let rss = null;
try {
  const p4 = await measured(async () => ({
    small: await sweepPeak(quick ? 2_000 : 10_000),
    big: await sweepPeak(quick ? 20_000 : 100_000),
  }));
  rss = p4.value;
  log(
    `memory    peak RSS of a streamed sweep: ${rss.small.points} points ${rss.small.peakRssMb.toFixed(0)} MB (${rss.small.seconds.toFixed(0)} s), ${rss.big.points} points ${rss.big.peakRssMb.toFixed(0)} MB (${rss.big.seconds.toFixed(0)} s): ratio ${(rss.big.peakRssMb / rss.small.peakRssMb).toFixed(2)}`,
  );
  log(`          (${rssConfig}); ${rss.big.rows} rows written`);
  log(`          ${loadText(p4.load)} (the sweeps run in child processes)`);
} catch (e) {
  log(`memory    not measured: ${e.message}`);
}

// ---------------------------------------------------------------- 5. March (1991): Concerto vs flocc
let march = null;
if (existsSync(join(root, 'bench/march-flocc.ts'))) {
  try {
    const mod = await tsImport('../bench/march-flocc.ts', import.meta.url);
    if (typeof mod.benchMarchVsFlocc === 'function') {
      march = await mod.benchMarchVsFlocc({ seconds: quick ? 0.5 : 1 });
      log(
        `march     March 1991 to equilibrium: Concerto ${march.concertoRunsPerSecond.toFixed(0)} runs/CPU-s, flocc ${march.floccRunsPerSecond.toFixed(0)} runs/CPU-s: ${march.ratio.toFixed(2)}x; checksums ${march.checksumsEqual ? 'equal' : 'DIFFER'}`,
      );
    }
  } catch (e) {
    log(`march     not measured: ${e.message}`);
  }
}

// ---------------------------------------------------------------- 6. The built app's main thread
let app = null;
let appError = null;
try {
  let dist = process.env.BENCH_DIST ?? join(root, 'dist');
  if (!existsSync(join(dist, 'index.html'))) {
    if (quick) throw new Error('no build in dist/ (run `npx vite build`, or the bench without --quick)');
    dist = join(scratch, 'dist');
    const built = await new Promise((resolve) => {
      const child = spawn(join(root, 'node_modules/.bin/vite'), ['build', '--outDir', dist, '--logLevel', 'error'], {
        cwd: root,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, NODE_ENV: 'production' },
      });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      child.on('exit', (code) => resolve(code === 0 ? null : err.trim() || `vite build exit ${code}`));
    });
    if (built) throw new Error(built);
  }
  const { appLongTasks } = await import('../bench/app-longtasks.mjs');
  app = await appLongTasks(dist, { sweep: !quick });
  log(
    `app       longest main-thread task: first load ${app.firstLoad.longestMs.toFixed(0)} ms (${app.firstLoad.count} tasks over 50 ms)${app.sweep ? `, 10,000-run sweep ${app.sweep.longestMs.toFixed(0)} ms (${app.sweep.count} tasks over 50 ms, ${(app.sweep.ms / 1000).toFixed(1)} s)` : ''}; in main-thread CPU time ${app.firstLoad.longestCpuMs} ms${app.sweep ? ` and ${app.sweep.longestCpuMs} ms` : ''}; aim ≤ 50 ms`,
  );
} catch (e) {
  appError = e.message;
  log(`app       not measured: ${e.message}`);
}

// ---------------------------------------------------------------- 7. CLI start-up
/** Wall seconds of one `node cli/concerto.mjs run vn34-2025` (one run, 50 cycles, JSON to a pipe). */
function cliOnce() {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['cli/concerto.mjs', 'run', 'vn34-2025'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    child.on('exit', (code) =>
      code === 0 ? resolve((performance.now() - t0) / 1000) : reject(new Error(`concerto run: exit ${code}`)),
    );
  });
}
let cli = null;
try {
  const times = [];
  for (let k = 0; k < 3; k++) times.push(await cliOnce());
  cli = { firstSeconds: times[0], bestSeconds: Math.min(...times) };
  log(
    `cli       node cli/concerto.mjs run vn34-2025: first ${(1000 * cli.firstSeconds).toFixed(0)} ms, best of 3 ${(1000 * cli.bestSeconds).toFixed(0)} ms`,
  );
} catch (e) {
  log(`cli       not measured: ${e.message}`);
}

// ---------------------------------------------------------------- summary
const sEnd = stat();
const busyShare = (busyOf(sEnd) - busyOf(sStart)) / (totalOf(sEnd) - totalOf(sStart));
log(
  `machine   ${cpus().length} cores, load average ${load0.toFixed(2)} at the start and ${loadavg()[0].toFixed(2)} at the end; busy ${(100 * busyShare).toFixed(0)}% of all cores over the bench`,
);
rmSync(scratch, { recursive: true, force: true });
const result = {
  runsPerSecond: node.runsPerSecond,
  runsPerCpuSecond: node.runsPerCpuSecond,
  runsPerSecondChromium: chromium?.runsPerSecond ?? null,
  checksum: node.checksum,
  checksumChromium: chromium?.checksum ?? null,
  checksumsEqual: sameChecksum,
  maxRelativeDifference: maxRel,
  chromiumOverNode: chromium ? chromium.runsPerSecond / node.runsPerSecond : null,
  chromiumError,
  speedup2Workers: pool.speedup2Workers,
  speedup2WorkersWithStartup: pool.speedup2WorkersWithStartup,
  speedup2WorkersCpu: pool.speedup2WorkersCpu,
  workerCpuSeconds: pool.workerCpu,
  poolRuns,
  poolSeconds: { compute: pool.compute, withStartup: pool.withStartup },
  poolChecksumsEqual: pool.checksums.length === 1,
  peakRssMb: rss ? { [rss.small.points]: rss.small.peakRssMb, [rss.big.points]: rss.big.peakRssMb } : null,
  peakRssRatio: rss ? rss.big.peakRssMb / rss.small.peakRssMb : null,
  peakRssConfig: rssConfig,
  longestTaskMs: app ? { firstLoad: app.firstLoad.longestMs, sweep10k: app.sweep?.longestMs ?? null } : null,
  longTasks: app ? { firstLoad: app.firstLoad.count, sweep10k: app.sweep?.count ?? null } : null,
  longestTaskCpuMs: app ? { firstLoad: app.firstLoad.longestCpuMs, sweep10k: app.sweep?.longestCpuMs ?? null } : null,
  appError,
  cliStartupSeconds: cli ? cli.firstSeconds : null,
  cliStartupBestSeconds: cli ? cli.bestSeconds : null,
  marchVsFlocc: march?.ratio ?? null,
  marchChecksumsEqual: march?.checksumsEqual ?? null,
  cores: cpus().length,
  machineBusyShare: busyShare,
  load: { node: p1.load, workers: p3.load },
};
if (json) console.log(JSON.stringify(result));
process.exit(sameChecksum === false || (maxRel !== null && maxRel > 1e-9) || pool.checksums.length !== 1 ? 1 : 0);
