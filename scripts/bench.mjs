#!/usr/bin/env node
/* global Worker -- used inside page.evaluate, which runs in Chromium */
// `npm run bench [-- --json]`: ratios and rates measured in one run on this machine.
// Node: the governance model on the main thread. Chromium: the same code bundled into a Web Worker
// in Debian's chromium (playwright-core). Both must print the same checksum.
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { tsImport } from 'tsx/esm/api';

const json = process.argv.includes('--json');
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const log = (...a) => { if (!json) console.log(...a); };
const root = new URL('..', import.meta.url).pathname;

const stat = () => readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
const s0 = stat();
const { benchGovernance } = await tsImport('../bench/governance-bench.ts', import.meta.url);
const node = benchGovernance(() => performance.now(), seconds);
log(`node      vn34-2025, 50 cycles: ${node.runsPerSecond.toFixed(1)} runs/s on one thread (${node.runs} runs in ${node.seconds.toFixed(2)} s), checksum ${node.checksum}`);

let chromium = null;
try {
  const out = mkdtempSync(join(tmpdir(), 'concerto-bench-'));
  await build({ entryPoints: [join(root, 'bench/worker-entry.ts')], bundle: true, format: 'esm', platform: 'browser', outfile: join(out, 'worker.js'), logLevel: 'silent' });
  const page = '<!doctype html><meta charset="utf-8"><title>bench</title><link rel="icon" href="data:,">';
  const server = createServer((req, res) => {
    if (req.url === '/worker.js') { res.writeHead(200, { 'content-type': 'text/javascript' }); res.end(readFileSync(join(out, 'worker.js'))); }
    else { res.writeHead(200, { 'content-type': 'text/html' }); res.end(page); }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { chromium: pw } = await import('playwright-core');
  const ctx = await pw.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chromium-profile-')), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const p = ctx.pages()[0] ?? (await ctx.newPage());
  await p.goto(`http://127.0.0.1:${server.address().port}/`);
  chromium = await p.evaluate((s) => new Promise((resolve, reject) => {
    const w = new Worker('/worker.js', { type: 'module' });
    w.onmessage = (e) => resolve(e.data);
    w.onerror = (e) => reject(new Error(e.message));
    w.postMessage({ seconds: s });
  }), seconds);
  await ctx.close();
  server.close();
  log(`chromium  vn34-2025, 50 cycles: ${chromium.runsPerSecond.toFixed(1)} runs/s in a Web Worker (${chromium.runs} runs), checksum ${chromium.checksum}`);
} catch (e) {
  log(`chromium  not measured: ${e.message}`);
}
const s1 = stat();
const busy = (a) => a.reduce((x, y) => x + y, 0) - a[3] - a[4];
const busyShare = (busy(s1) - busy(s0)) / (s1.reduce((x, y) => x + y, 0) - s0.reduce((x, y) => x + y, 0));
const sameChecksum = chromium ? chromium.checksum === node.checksum : null;
// Largest relative difference of any final value between the runtimes (the documented tolerance is 1e-9).
let maxRel = null;
if (chromium) {
  maxRel = 0;
  node.finals.forEach((f, r) => { for (const [k, v] of Object.entries(f)) { const w = chromium.finals[r][k]; maxRel = Math.max(maxRel, Math.abs(v - w) / Math.max(1e-300, Math.abs(v), Math.abs(w))); } });
  log(`agreement largest relative difference of a final value, Node vs Chromium: ${maxRel.toExponential(2)}`);
}
log(`checksums ${sameChecksum === null ? 'Chromium not measured' : sameChecksum ? 'equal in Node and Chromium' : 'DIFFER between Node and Chromium'}`);
log(`machine   ${cpus().length} cores, load average ${loadavg()[0].toFixed(2)}, busy ${(100 * busyShare).toFixed(0)}% of all cores during the bench (one thread is ${(100 / cpus().length).toFixed(0)}%)`);
const result = {
  runsPerSecond: node.runsPerSecond, runsPerSecondChromium: chromium?.runsPerSecond ?? null, checksum: node.checksum,
  checksumChromium: chromium?.checksum ?? null, chromiumOverNode: chromium ? chromium.runsPerSecond / node.runsPerSecond : null,
  cores: cpus().length, machineBusyShare: busyShare,
};
if (json) console.log(JSON.stringify(result));
process.exit(sameChecksum === false || (maxRel !== null && maxRel > 1e-9) ? 1 : 0);
