/* global window -- used inside page.evaluate and addInitScript, which run in Chromium */
// The longest main-thread task of the built app in Debian's Chromium (playwright-core), from the
// PerformanceObserver 'longtask' entries (tasks over 50 ms): on first load (the default scenario run
// to its end in Explore) and during a 10,000-run Experiment sweep (100 points × 100 replicates of
// stylized-12, 5 cycles, on the Web Worker pool). Each phase also gives its longest task in the main
// thread's CPU time (longestCpuMs, from a trace: the figure a loaded machine does not inflate) and the
// number of tasks over 50 ms of CPU. Used by scripts/bench.mjs; `dist` is a `vite build`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from '../test/browser/e2e/static-server.mjs';
import { traceMainThread } from './mainThreadCpu.mjs';
import { CHROMIUM_ARGS } from '../test/browser/e2e/chromium.mjs';

/**
 * @param {string} dist folder of a production build
 * @param {{ sweep?: boolean }} options sweep: false measures the first load only
 * @returns {Promise<{ firstLoad: { longestMs: number, count: number, ms: number, longestCpuMs: number, cpuOver50: number }, sweep: { longestMs: number, count: number, ms: number, runs: number, longestCpuMs: number, cpuOver50: number } | null }>}
 */
export async function appLongTasks(dist, options = {}) {
  const { server, base } = await serveStatic(dist);
  const profile = mkdtempSync(join(tmpdir(), 'concerto-bench-app-'));
  let ctx;
  try {
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1400, height: 1000 },
      args: CHROMIUM_ARGS,
    });
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    // Observed from the document's start, so module evaluation and first layout count.
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const take = () =>
      page.evaluate(() => {
        const t = window.__longTasks;
        window.__longTasks = [];
        return t;
      });
    const summary = (tasks, ms) => ({ longestMs: Math.max(0, ...tasks), count: tasks.length, ms });
    let t0 = Date.now();
    let trace = await traceMainThread(ctx, page);
    await page.goto(base);
    await page.waitForSelector('section[data-view="explore"][data-state="done"]', { timeout: 60_000 });
    const firstLoad = { ...summary(await take(), Date.now() - t0), ...(await trace.stop()) };
    if (options.sweep === false) return { firstLoad, sweep: null };

    await page.goto(`${base}?visit=2#/experiment`);
    await page.waitForSelector('[data-control="experiment-run"]');
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
    if (!size.includes('= 10000 runs')) throw new Error(`the sweep is not 10,000 runs: ${size}`);
    await take(); // the view's own set-up is not the sweep's
    t0 = Date.now();
    trace = await traceMainThread(ctx, page);
    await page.click('[data-control="experiment-run"]');
    await page.waitForSelector('section[data-view="experiment"][data-state="done"]', { timeout: 300_000 });
    const sweep = { ...summary(await take(), Date.now() - t0), runs: 10_000, ...(await trace.stop()) };
    return { firstLoad, sweep };
  } finally {
    await ctx?.close();
    server.close();
    server.closeAllConnections();
    rmSync(profile, { recursive: true, force: true });
  }
}
