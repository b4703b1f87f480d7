// End-to-end check of the live workshop: the built app served by the real `concerto serve` (its own
// process, its own data folder), driven by playwright-core with Debian's Chromium. A facilitator and
// three participants, each in their own browser context (their own storage, as on their own devices),
// play a bundled exercise from the join code to the room's debrief, once in English and once in
// Vietnamese: create, QR code, join (one picks a seat, one name is HTML-looking text), start with a
// timer, pause and resume, add time, a reload that keeps the seat, a round ended by the facilitator
// with a seat not submitted, every other round submitted by every seat, the projector page (large
// text, names but no decisions), the room debrief and the session export, which `concerto replay`
// reproduces to the debrief's checksum. Then the same build on a plain static server says, in the Workshop
// tab, that the live workshop needs `npx concerto serve`, and replays each downloaded session in the
// browser to the same checksum. Any console error or warning, page error, CSP violation or failed request
// fails the run.
// Usage: node test/browser/e2e/workshop.mjs DIST   (exit 0 when every check passes; screenshots in
// test-results/). test/node/workshop-browser.test.ts runs it on a fresh build.
import process from 'node:process';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from './static-server.mjs';
import { CHROMIUM_ARGS } from './chromium.mjs';

const root = new URL('../../../', import.meta.url).pathname;
const dist = resolve(process.argv[2] ?? join(root, 'dist'));
const EXERCISE = process.env.WORKSHOP_EXERCISE ?? 'border-shock-lang-son';
const WAIT = 60_000;
const problems = [];
const shots = join(root, 'test-results');
mkdirSync(shots, { recursive: true });

/** Start `concerto serve` on the build with a fresh data folder; resolves once it says it listens. */
async function startServer(data) {
  // --port 0: the system picks a free port, which the first line names.
  const child = spawn(
    process.execPath,
    [join(root, 'cli/concerto.mjs'), 'serve', '--port', '0', '--data', data, '--app', dist],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const base = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`concerto serve did not start:\n${out}`)), WAIT);
    const onData = (d) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res(m[1].replace(/\/?$/, '/'));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`concerto serve exited (${code}):\n${out}`));
    });
  });
  return { child, base, output: () => out };
}

function watch(page, who, allow = () => false) {
  page.on('console', (msg) => {
    if ((msg.type() === 'error' || msg.type() === 'warning') && !allow(msg.text()))
      problems.push(`${who}: console ${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${who}: page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !allow(r.url())) problems.push(`${who}: HTTP ${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    // A download's navigation is reported as aborted; it is not a failure.
    const err = r.failure()?.errorText ?? '';
    if (!/ERR_ABORTED/.test(err)) problems.push(`${who}: request failed: ${r.url()} ${err}`);
  });
}

const CSP_PROBE = () => {
  document.addEventListener('securitypolicyviolation', (e) =>
    console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
  );
};

function check(cond, message) {
  if (!cond) problems.push(message);
}

async function text(page, selector) {
  return (await page.textContent(selector, { timeout: WAIT })) ?? '';
}

/** Decide every open item of the round (approve all requests, the model's allocation) and submit. */
async function decideAndSubmit(page, who, round) {
  await page.waitForSelector('[data-control="submit"], [data-role="submitted-wait"]', { timeout: WAIT });
  if (await page.$('[data-role="submitted-wait"]')) return;
  for (let guard = 0; guard < 300; guard++) {
    const bulk = await page.$('[data-control="approve-all"]');
    if (bulk) {
      await bulk.click();
      continue;
    }
    const card = await page.$('fieldset.card[data-decided="false"]');
    if (!card) break;
    if ((await card.getAttribute('data-kind')) === 'allocate')
      await (await card.$('[data-control="alloc-model"]')).click();
    else await (await card.$('[data-control="approve"]')).click();
  }
  const submit = page.locator('[data-control="submit"]');
  if (await submit.isDisabled()) problems.push(`${who}: submit still disabled after deciding everything`);
  await submit.click();
  // The last seat's submission plays the round at once: the next round (or the end) may come first.
  await page
    .waitForFunction(
      (r) =>
        document.querySelector('[data-role="submitted-wait"]') ||
        document.querySelector(`[data-role="live-round"]:not([data-round="${r}"])`) ||
        document.querySelector('section.view.live[data-status="ended"]'),
      round,
      { timeout: WAIT },
    )
    .catch(async () => {
      problems.push(
        `${who}: round ${round}: no "submitted" after submitting: ${await text(page, '[data-role="live-error"]')}`,
      );
    });
}

async function waitRound(page, round) {
  await page.waitForSelector(`[data-role="live-round"][data-round="${round}"]`, { timeout: WAIT });
}

async function noServerCheck(browser, exports) {
  const { server, base } = await serveStatic(dist);
  try {
    for (const [locale, expect] of [
      ['en-GB', 'needs'],
      ['vi-VN', 'cần'],
    ]) {
      const ctx = await browser.newContext({ locale });
      const page = await ctx.newPage();
      // The static host answers /api/health with 404: that is how the page knows it is not served by concerto serve.
      watch(page, `static ${locale}`, (s) => s.includes('/api/health') || s.includes('404'));
      await page.addInitScript(CSP_PROBE);
      await page.goto(`${base}#live`);
      const msg = await text(page, '[data-role="no-server"]');
      check(msg.includes('npx concerto serve'), `static ${locale}: the no-server notice does not name the command`);
      check(msg.includes(expect), `static ${locale}: the no-server notice is not in ${locale}: ${msg}`);
      // A downloaded session replays in the static app alone, to the checksum the server gave.
      const exp = exports[locale.startsWith('vi') ? 1 : 0];
      await page.setInputFiles('[data-control="live-replay-file"]', exp.file);
      await page.waitForSelector('[data-role="live-replay"][data-ok="true"]', { timeout: WAIT });
      const replayed = await page.getAttribute('[data-role="live-replay"]', 'data-checksum');
      check(replayed === exp.checksum, `static ${locale}: the session replays to ${replayed}, not ${exp.checksum}`);
      console.log(`static ${locale}: the Workshop tab names npx concerto serve; the session replays to ${replayed}`);
      // The rest of the app still works alone.
      await page.click('button[data-view="explore"]');
      await page.waitForSelector('section[data-view="explore"]:not([hidden]) [data-control="scenario"]', {
        timeout: WAIT,
      });
      await ctx.close();
    }
  } finally {
    server.close();
  }
}

/** One full workshop in `lang`. */
async function workshop(browser, base, lang) {
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  const words = {
    en: { tab: 'Workshop', submitted: 'Submitted', debrief: 'Debrief of the room', paused: 'paused' },
    vi: { tab: 'Hội thảo', submitted: 'Đã nộp', debrief: 'Tổng kết của cả phòng', paused: 'tạm dừng' },
  }[lang];
  const open = async (who) => {
    const ctx = await browser.newContext({ locale, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await ctx.addInitScript(CSP_PROBE);
    const page = await ctx.newPage();
    watch(page, `${lang} ${who}`);
    return { ctx, page };
  };
  const host = await open('facilitator');
  const hp = host.page;
  await hp.goto(base);
  // The tabs answer once the app has mounted its views.
  await hp.waitForSelector('section[data-view="explore"]', { timeout: WAIT });
  const tab = hp.locator('button[data-view="live"]');
  check((await tab.textContent())?.trim() === words.tab, `${lang}: the tab reads "${await tab.textContent()}"`);
  await tab.click();
  await hp.click(`[data-control="create-${EXERCISE}"]`, { timeout: WAIT });
  const code = (await text(hp, '[data-role="join-code"]')).trim();
  check(/^[A-Z2-9]{6,}$/.test(code), `${lang}: join code ${code}`);
  check(hp.url().endsWith(`#live/host/${code}`), `${lang}: the facilitator's address is ${hp.url()}`);
  const qrOk = await hp
    .waitForFunction(
      () => {
        const img = document.querySelector('img[data-role="qr"]');
        return img && img.complete && img.naturalWidth > 0;
      },
      null,
      { timeout: WAIT },
    )
    .then(
      () => true,
      () => false,
    );
  check(qrOk, `${lang}: the QR code did not load`);
  const link = await hp.getAttribute('[data-role="join-link"]', 'href');
  check(link?.endsWith(`#live/join/${code}`), `${lang}: join link ${link}`);

  // Participants join from the link (as the QR code gives it); one picks a seat, one has an HTML-looking name.
  const names = ['Lan', '<b>Minh</b>', 'Hà & Co'];
  const people = [];
  for (const [i, name] of names.entries()) {
    const p = await open(`participant ${i + 1}`);
    await p.page.goto(link);
    await p.page.fill('[data-control="join-name"]', name, { timeout: WAIT });
    if (i === 2) {
      const pick = p.page.locator('[data-control="join-seat"]');
      if ((await pick.count()) === 1) {
        const free = await pick
          .locator('option:not([disabled])')
          .evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
        if (free.length > 0) await pick.selectOption(free[free.length - 1]);
      } else problems.push(`${lang}: no seat choice on the join form`);
    }
    await p.page.click('[data-control="join"]');
    await p.page.waitForSelector('[data-role="waiting-start"]', { timeout: WAIT });
    const you = await text(p.page, '[data-role="you"]');
    check(you.includes(name), `${lang} participant ${i + 1}: "${you}" does not name them`);
    people.push(p);
  }
  await hp.waitForFunction((n) => document.querySelectorAll('[data-role="participants"] tbody tr').length === n, 3, {
    timeout: WAIT,
  });
  // Names are text, never markup.
  check((await hp.$$eval('.view.live b', (b) => b.length)) === 0, `${lang}: a display name became markup`);
  check(
    (await text(hp, '[data-role="participants"]')).includes('<b>Minh</b>'),
    `${lang}: the name is not shown as typed`,
  );

  // The projector (a second window of the facilitator's browser).
  const screen = await host.ctx.newPage();
  watch(screen, `${lang} projector`);
  await screen.goto(`${base}#live/screen/${code}`);
  await screen.waitForSelector('[data-role="join-code"]', { timeout: WAIT });

  await hp.fill('[data-control="round-seconds"]', '600');
  await hp.click('[data-control="start"]');
  await waitRound(hp, 1);
  const rounds = Number(await hp.getAttribute('[data-role="live-round"]', 'data-rounds'));
  const header = await text(hp, '[data-role="live-round"]');
  check(header.includes(String(rounds)), `${lang}: the round header "${header}" does not say how many rounds`);
  check(rounds > 0, `${lang}: the round header does not say how many rounds`);
  for (const p of people) await waitRound(p.page, 1);

  // Pause, resume and add time: the participants see the pause.
  await hp.click('[data-control="pause"]');
  await people[0].page.waitForSelector('[data-role="paused"]', { timeout: WAIT });
  check(
    (await text(hp, '[data-role="live-timer"]')).toLowerCase().includes(words.paused),
    `${lang}: paused timer text`,
  );
  await hp.click('[data-control="resume"]');
  await people[0].page.waitForSelector('[data-role="paused"]', { state: 'detached', timeout: WAIT });
  await hp.click('[data-control="extend"]');
  await hp.waitForSelector('[data-control="pause"]', { timeout: WAIT });

  for (let r = 1; r <= rounds; r++) {
    for (const p of people) await waitRound(p.page, r);
    if (r === 2) {
      // A reload keeps the seat (the token is kept by the browser).
      await people[0].page.reload();
      await waitRound(people[0].page, 2);
      check(
        (await text(people[0].page, '[data-role="you"]')).includes(names[0]),
        `${lang}: the seat was lost on reload`,
      );
      // So does the facilitator's role.
      await hp.reload();
      await hp.waitForSelector('[data-control="advance"]', { timeout: WAIT });
    }
    if (r === 3) {
      // The facilitator ends the round with one seat not submitted: the model's policy plays it.
      await decideAndSubmit(people[0].page, 'p1', r);
      await decideAndSubmit(people[1].page, 'p2', r);
      await hp.waitForFunction(
        () => document.querySelectorAll('[data-role="submitted"] li[data-submitted="true"]').length >= 2,
        null,
        { timeout: WAIT },
      );
      await hp.click('[data-control="advance"]');
      continue;
    }
    for (const [i, p] of people.entries()) {
      await decideAndSubmit(p.page, `p${i + 1}`, r);
      if (r === 1 && i === 0) {
        const wait = await text(p.page, '[data-role="submitted-wait"]');
        check(wait.includes(words.submitted), `${lang}: the submitted notice reads "${wait}"`);
        // The projector names who has submitted, and shows no decision.
        await screen.waitForSelector(`[data-role="submitted"] li[data-submitted="true"]`, { timeout: WAIT });
        const who = await text(screen, '[data-role="submitted"]');
        check(who.includes(names[0]), `${lang}: the projector does not name ${names[0]}`);
        const size = await screen.$eval('.view.live', (e) => parseFloat(getComputedStyle(e).fontSize));
        check(size >= 18, `${lang}: projector text is ${size}px`);
        await screen.screenshot({ path: join(shots, `workshop-${lang}-projector.png`), fullPage: true });
      }
    }
    if (r === 1) {
      await screen.waitForSelector('[data-role="live-plane"] svg[data-chart="exercise-plane"] .run-path', {
        state: 'attached',
        timeout: WAIT,
      });
    }
  }

  // The debrief, for the room and per seat.
  await hp.waitForSelector('[data-role="room-outcome"] table[data-role="room-metrics"]', { timeout: 300_000 });
  check((await text(hp, '#main')).includes(words.debrief), `${lang}: the debrief heading is not in ${lang}`);
  for (const [i, p] of people.entries()) {
    await p.page.waitForSelector('[data-role="seat-debrief"] [data-role="summary"]', { timeout: 300_000 });
    const summary = await text(p.page, '[data-role="seat-debrief"] [data-role="summary"]');
    check(summary.length > 40, `${lang} participant ${i + 1}: the summary is empty`);
  }
  await screen.waitForSelector('[data-role="room-outcome"]', { timeout: 300_000 });
  await hp.screenshot({ path: join(shots, `workshop-${lang}-debrief.png`), fullPage: true });
  await people[1].page.screenshot({ path: join(shots, `workshop-${lang}-seat-debrief.png`), fullPage: true });

  // The session export downloads and reads as JSON.
  const [download] = await Promise.all([
    hp.waitForEvent('download', { timeout: WAIT }),
    hp.click('[data-control="export"]'),
  ]);
  const file = join(data, `export-${lang}.json`);
  await download.saveAs(file);
  let exported = null;
  try {
    exported = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    problems.push(`${lang}: the export is not JSON (${err.message})`);
  }
  check(exported?.kind === 'concerto-workshop-log', `${lang}: the export is not a workshop log (${exported?.kind})`);
  // The export replays with the command line to the checksum of the room's run.
  const replay = spawnSync(process.execPath, [join(root, 'cli/concerto.mjs'), 'replay', file], {
    cwd: root,
    encoding: 'utf8',
  });
  check(replay.status === 0, `${lang}: concerto replay exit ${replay.status}: ${replay.stderr}`);
  const checksum = replay.stdout.split(' ')[0];
  const shown = await hp.getAttribute('[data-role="room-checksum"]', 'data-checksum', { timeout: WAIT });
  check(shown === checksum, `${lang}: the debrief's checksum ${shown} is not the replay's ${checksum}`);
  console.log(
    `${lang}: session ${code}, ${rounds} rounds, 3 participants, debrief and export (${download.suggestedFilename()}) replaying to ${checksum}`,
  );
  for (const p of [host, ...people]) await p.ctx.close();
  return { file, checksum };
}

const data = mkdtempSync(join(tmpdir(), 'concerto-workshop-'));
let server = null;
let browser = null;
try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  server = await startServer(data);
  const exports = [];
  for (const lang of ['en', 'vi']) exports.push(await workshop(browser, server.base, lang));
  await noServerCheck(browser, exports);
} catch (err) {
  problems.push(`stopped: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
} finally {
  await browser?.close().catch(() => undefined);
  if (server) {
    // Stopped by its pid, also when a check failed.
    try {
      process.kill(server.child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise((r) => {
      if (server.child.exitCode !== null) return r();
      const t = setTimeout(() => {
        try {
          process.kill(server.child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
        r();
      }, 5000);
      server.child.once('exit', () => {
        clearTimeout(t);
        r();
      });
    });
  }
  rmSync(data, { recursive: true, force: true });
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  if (server) console.error(`server output:\n${server.output().slice(-4000)}`);
  process.exit(1);
}
console.log('workshop: every check passed');
