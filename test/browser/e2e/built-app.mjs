// End-to-end check of the *built* app (run `npx vite build` first): served by a plain static file
// server (no headers beyond Content-Type, as any static host gives), driven by playwright-core with
// Debian's Chromium. Checks what the in-page vitest browser tests
// cannot: the Content-Security-Policy of index.html (no violation, no console error, favicon found),
// the service worker, and that after one visit the app loads and runs offline.
// Usage: node test/browser/e2e/built-app.mjs [DIST]   (DIST defaults to dist/; exit 0 when every
// check passes; screenshots in test-results/). test/node/built-app.test.ts runs it on a fresh build.
import process from 'node:process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from './static-server.mjs';
import { traceMainThread } from '../../../bench/mainThreadCpu.mjs';
import { CHROMIUM_ARGS } from './chromium.mjs';

const root = new URL('../../../', import.meta.url).pathname;
const dist = resolve(process.argv[2] ?? join(root, 'dist'));
const { server, base } = await serveStatic(dist);
const problems = [];
/**
 * The longest main-thread task allowed during the 10,000-run sweep. In wall-clock ms it stays 250: on
 * the loaded 2-core machine a task's wall time is mostly other processes' (with 120 one run failed at
 * 135 ms, with 200 one failed at 258 ms while its longest task took 13 ms of CPU). In the main thread's
 * CPU time, which load inflates far less, the longest task measured 13–26 ms, and 50 ms once while the
 * whole test suite ran beside it: the bench holds the 50 ms aim, this test 100 ms of CPU.
 */
const LONG_TASK_LIMIT_MS = 250;
const LONG_TASK_CPU_LIMIT_MS = 100;
let ctx;
try {
  ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'concerto-e2e-')), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: CHROMIUM_ARGS,
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const t0 = Date.now();
  await page.goto(base);
  await page.waitForSelector('section[data-view="explore"][data-state="done"]', { timeout: 60_000 });
  console.log(`online: the default scenario ran to the end in ${Date.now() - t0} ms`);
  mkdirSync(join(root, 'test-results'), { recursive: true });
  await page.screenshot({ path: join(root, 'test-results/e2e-online.png'), fullPage: true });
  // A build without the service worker (a non-production build) must fail here, not hang.
  const controlled = await page.evaluate(() =>
    Promise.race([
      (async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller)
          await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
        return navigator.serviceWorker.controller !== null;
      })(),
      new Promise((r) => setTimeout(() => r(false), 60_000)),
    ]),
  );
  if (!controlled) problems.push('the service worker does not control the page');
  if (process.env.DEBUG_E2E)
    console.log(
      await page.evaluate(async () =>
        Promise.all(
          (await caches.keys()).map(async (k) => [k, (await (await caches.open(k)).keys()).map((r) => r.url)]),
        ),
      ),
    );
  await ctx.setOffline(true);
  await page.goto(`${base}?visit=2#/explore?s=devolved&reps=2&cycles=10`);
  await page.waitForSelector('section[data-view="explore"][data-state="done"]', { timeout: 60_000 });
  const scenario = await page.$eval('[data-control="scenario"]', (s) => s.value);
  if (scenario !== 'devolved') problems.push(`offline: the link's scenario was not used (${scenario})`);
  console.log('offline: the app loaded from the cache and ran devolved to the end');
  await page.screenshot({ path: join(root, 'test-results/e2e-offline.png'), fullPage: true });
  await ctx.setOffline(false);

  if (!process.env.E2E_QUICK) {
    // A 10,000-run sweep (100 points × 100 replicates of stylized-12, 5 cycles) on the Web Worker
    // pool, with main-thread long tasks recorded: the page must never block for more than
    // LONG_TASK_LIMIT_MS (the bench holds the 50 ms aim; this bound still passes on a loaded 2-core machine).
    await page.goto(`${base}?visit=3#/experiment`);
    await page.waitForSelector('[data-control="experiment-run"]');
    await page.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
      }).observe({ type: 'longtask', buffered: false });
    });
    const set = async (control, value) => {
      const sel = `[data-control="${control}"]`;
      if ((await page.$eval(sel, (n) => n.tagName)) === 'SELECT') await page.selectOption(sel, value);
      else await page.fill(sel, value);
      await page.$eval(sel, (n) => n.dispatchEvent(new Event('change')));
    };
    await set('experiment-scenario', 'stylized-12');
    await set('experiment-replicates', '100');
    await set('experiment-cycles', '5');
    await set('experiment-levels-0', '10');
    await set('experiment-levels-1', '10');
    const size = await page.$eval('[data-role="experiment-size"]', (n) => n.textContent);
    if (!size.includes('= 10000 runs')) problems.push(`sweep size: ${size}`);
    const t1 = Date.now();
    const p0 = await page.evaluate(() => performance.now());
    const trace = await traceMainThread(page.context(), page);
    await page.click('[data-control="experiment-run"]');
    await page.waitForSelector('section[data-view="experiment"][data-state="done"]', { timeout: 600_000 });
    const p1 = await page.evaluate(() => performance.now());
    const cpu = await trace.stop();
    const tasks = await page.evaluate(() => window.__longTasks);
    const longest = Math.max(0, ...tasks.map((t) => t[1]));
    const count = tasks.length;
    if (process.env.DEBUG_E2E)
      console.log(
        JSON.stringify(
          await page.evaluate(
            (p) => performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime - p)]),
            p0,
          ),
        ),
      );
    if (process.env.DEBUG_E2E)
      console.log(
        JSON.stringify({
          start: Math.round(p0),
          end: Math.round(p1),
          tasks: tasks.map(([a, d]) => [Math.round(a - p0), Math.round(d)]),
        }),
      );
    console.log(
      `10,000-run sweep: ${Date.now() - t1} ms; main-thread long tasks: ${count}, longest ${Math.round(longest)} ms`,
    );
    console.log(`10,000-run sweep: longest main-thread task in CPU time ${cpu.longestCpuMs} ms`);
    if (cpu.longestCpuMs > LONG_TASK_CPU_LIMIT_MS)
      problems.push(
        `a main-thread task took ${cpu.longestCpuMs} ms of CPU during the sweep (limit ${LONG_TASK_CPU_LIMIT_MS} ms)`,
      );
    if (longest > LONG_TASK_LIMIT_MS)
      problems.push(
        `the main thread blocked for ${Math.round(longest)} ms during the sweep (limit ${LONG_TASK_LIMIT_MS} ms)`,
      );
    await page.screenshot({ path: join(root, 'test-results/e2e-sweep.png'), fullPage: true });
  }
} catch (err) {
  problems.push(`failed: ${err instanceof Error ? err.message : String(err)}`);
} finally {
  await ctx?.close();
  server.close();
  server.closeAllConnections();
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('built app: no console errors, no CSP violations, favicon served, offline after one visit');
// Exit explicitly: a lingering browser helper process must not keep a parent test waiting.
process.exit(0);
