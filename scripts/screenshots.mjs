/* global window, document */
// The README's and docs/screenshots/'s pictures, taken from the running app: the exercise debrief's
// opening summary and Compare's projector layout (presentation mode at 1920 × 1080), in English and
// Vietnamese. Starts the Vite dev server on a free loopback port, drives Debian's Chromium through
// playwright-core, writes docs/screenshots/{debrief-summary,presentation-compare}-{en,vi}.png, and
// stops the server by its pid, also on failure.
// Usage: node scripts/screenshots.mjs
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import process from 'node:process';
import { chromium } from 'playwright-core';

const root = new URL('../', import.meta.url).pathname;
const outDir = join(root, 'docs/screenshots');
mkdirSync(outDir, { recursive: true });

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const vite = spawn(
  process.execPath,
  [join(root, 'node_modules/vite/bin/vite.js'), '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
);
const base = `http://127.0.0.1:${port}/`;
let browser;
try {
  await new Promise((resolve, reject) => {
    let seen = '';
    vite.stdout.on('data', (d) => {
      seen += d;
      if (seen.includes(String(port))) resolve();
    });
    vite.on('exit', (code) => reject(new Error(`vite exited with ${code}`)));
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  for (const lang of ['en', 'vi']) {
    const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await ctx.addInitScript((l) => localStorage.setItem('concerto.lang', l), lang);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));

    // Compare on a projector: controlled-autonomy with monitoring .8 against feedback-rich.
    await page.goto(`${base}#/compare?seed=3&reps=10&cycles=50&a=controlled-autonomy&a.monitoring=0.8&b=feedback-rich`);
    await page.waitForSelector('section[data-view="compare"][data-state="done"] figure[data-chart="diff"] g.panel', {
      timeout: 300_000,
    });
    await page.click('[data-control="present"]');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(outDir, `presentation-compare-${lang}.png`) });
    console.log(`presentation-compare-${lang}.png`);

    // The coastal window exercise, played as the model would, deciding yes and no in turn, to its debrief.
    await page.setViewportSize({ width: 1300, height: 1000 });
    await page.goto(`${base}#/exercise`);
    await page.click('[data-control="open-coastal-window-strict"]', { timeout: 60_000 });
    await page.click('[data-control="start"]');
    for (let round = 0; round < 50; round++) {
      const done = await page.evaluate(() => {
        const view = document.querySelector('section.view.exercise[data-page]');
        if (view?.dataset.page !== 'play') return true;
        let k = 0;
        for (let card; (card = view.querySelector('fieldset.card[data-decided="false"]')); k++) {
          const pick =
            card.dataset.kind === 'allocate'
              ? card.querySelector('[data-control="alloc-model"]')
              : card.querySelector(`[data-control="${k % 2 === 0 ? 'approve' : 'reject'}"]`);
          pick.click();
        }
        view.querySelector('[data-control="commit"]').click();
        return false;
      });
      if (done) break;
      await page.waitForTimeout(50);
    }
    const summary = await page.waitForSelector('[data-role="summary"]', { timeout: 300_000 });
    // The ranked choices replace "measuring …" once their counterfactual runs are done.
    const measuring = JSON.parse(readFileSync(join(root, `viz/i18n/exercise.${lang}.json`), 'utf8'))[
      'exercise.summary.measuring'
    ];
    await page.waitForFunction(
      (m) => {
        const li = document.querySelector('[data-role="summary-decisions"] > li');
        return li !== null && li.textContent !== m;
      },
      measuring,
      { timeout: 300_000 },
    );
    await summary.screenshot({ path: join(outDir, `debrief-summary-${lang}.png`) });
    console.log(`debrief-summary-${lang}.png`);
    await ctx.close();
  }
} finally {
  await browser?.close();
  vite.kill();
}
