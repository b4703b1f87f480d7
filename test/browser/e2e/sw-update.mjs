// The service worker across an update, on the built app (test/node/sw-update.test.ts runs it):
// build A, visit it online, build B into the same folder, reload online (the browser finds the new
// sw.js and installs B beside A), go offline and reload: the page must be one whole build, A's or B's,
// including the Experiment view's lazily loaded code. Then, with every page of A closed, B takes over
// offline and A's cache is gone. Also: opening another page of the site (the web manifest) never
// replaces the app shell.
// Usage: node test/browser/e2e/sw-update.mjs OUTDIR   (exit 0 when every check passes)
import process from 'node:process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from './static-server.mjs';
import { CHROMIUM_ARGS } from './chromium.mjs';

process.env.NODE_ENV = 'production';
const { build } = await import('vite');
const root = new URL('../../../', import.meta.url).pathname;
const dist = resolve(process.argv[2]);

/** Build the app into dist; `mark` makes the entry and the Experiment view's code differ (a new release). */
async function buildApp(mark) {
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'error',
    mode: 'production',
    build: { outDir: dist, emptyOutDir: true },
    // A release that changes the entry and the lazily loaded Experiment view, as a real one does.
    plugins: [
      {
        name: 'release-mark',
        transform: (code, id) =>
          /viz\/(main|views\/experiment)\.ts$/.test(id)
            ? `${code}\n;globalThis.concertoRelease = ${JSON.stringify(mark)};\n`
            : null,
      },
    ],
  });
  const version = /const VERSION = "([0-9a-f]+)"/.exec(readFileSync(join(dist, 'sw.js'), 'utf8'))[1];
  return { version, assets: new Set(readdirSync(join(dist, 'assets'))) };
}

const { server, base } = await serveStatic(dist);
const problems = [];
let ctx;

/** The built assets the page has loaded (scripts, workers, styles), by file name. */
async function loadedAssets(page) {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname)
      .filter((p) => p.includes('/assets/'))
      .map((p) => p.split('/').pop()),
  );
}

/** The app runs: Explore finishes its run, and the Experiment view's code loads and shows its Run button. */
async function appWorks(page, label) {
  await page.waitForSelector('section[data-view="explore"][data-state="done"]', { timeout: 60_000 });
  await page.click('nav.views button[data-view="experiment"]');
  await page.waitForSelector('[data-control="experiment-run"]', { timeout: 30_000 });
  console.log(`${label}: Explore ran and the Experiment view loaded`);
}

function whole(label, loaded, a, b) {
  // Files identical in both builds (same hashed name) belong to either.
  const fromA = loaded.filter((f) => a.assets.has(f) && !b.assets.has(f));
  const fromB = loaded.filter((f) => b.assets.has(f) && !a.assets.has(f));
  const neither = loaded.filter((f) => !a.assets.has(f) && !b.assets.has(f));
  if (neither.length > 0) problems.push(`${label}: assets of no build: ${neither.join(', ')}`);
  if (fromA.length > 0 && fromB.length > 0)
    problems.push(`${label}: a mix of builds: A ${fromA.join(', ')}; B ${fromB.join(', ')}`);
  if (loaded.length === 0) problems.push(`${label}: no assets loaded`);
  return fromA.length > 0 ? 'A' : 'B';
}

try {
  const a = await buildApp('A');
  ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'concerto-sw-')), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: CHROMIUM_ARGS,
  });
  ctx.on('weberror', (e) => problems.push(`page error: ${e.error().message}`));
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  await page.goto(`${base}#/explore?reps=2&cycles=5`);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  await appWorks(page, 'A online');
  // Another page of the site opened once does not become the offline app.
  await page.goto(`${base}manifest.webmanifest`);
  const keysA = await page.evaluate(() => caches.keys());
  if (JSON.stringify(keysA) !== JSON.stringify([`concerto-${a.version}`]))
    problems.push(`A's caches: ${JSON.stringify(keysA)}`);

  const b = await buildApp('B');
  if (b.version === a.version) problems.push('build B has the same service-worker version as build A');
  const changed = [...b.assets].filter((f) => !a.assets.has(f));
  if (!changed.some((f) => f.startsWith('index-')) || !changed.some((f) => f.startsWith('experiment-')))
    problems.push(`build B did not change the entry and the Experiment view: ${changed.join(', ')}`);
  // Online reload: the browser fetches the new sw.js and installs B beside A.
  await page.goto(`${base}#/explore?reps=2&cycles=5`);
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    await reg.update();
    const w = reg.installing ?? reg.waiting;
    if (w && w.state !== 'installed')
      await new Promise((r) =>
        w.addEventListener('statechange', () => {
          if (w.state === 'installed' || w.state === 'activated' || w.state === 'redundant') r();
        }),
      );
  });
  await ctx.setOffline(true);
  await page.reload();
  await appWorks(page, 'offline after the update');
  const which = whole('offline after the update', await loadedAssets(page), a, b);
  console.log(`offline after the update: the whole of build ${which}`);
  const offlineShell = await page.evaluate(() => document.querySelector('[data-control="experiment-run"]') !== null);
  if (!offlineShell) problems.push('offline after the update: no app');

  // Every page of A closed: B takes over, offline, and A's cache is deleted.
  const next = await ctx.newPage();
  next.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  await page.close();
  // The waiting version activates once the last page of the old one has gone.
  await next.waitForTimeout(2000);
  await next.goto(`${base}#/explore?reps=2&cycles=5`);
  await appWorks(next, 'offline, A closed');
  const which2 = whole('offline, A closed', await loadedAssets(next), a, b);
  console.log(`offline, A closed: the whole of build ${which2}`);
  if (which2 !== 'B') problems.push('offline, A closed: build B did not take over');
  const keys = await next.evaluate(() => caches.keys());
  if (JSON.stringify(keys) !== JSON.stringify([`concerto-${b.version}`]))
    problems.push(`after B took over, caches: ${JSON.stringify(keys)} (only concerto-${b.version} expected)`);
  console.log(`caches: ${keys.join(', ')}`);
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
console.log('service worker: one whole build offline across an update, old cache deleted');
process.exit(0);
