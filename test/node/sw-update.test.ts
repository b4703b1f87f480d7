// The service worker across an update (issue: offline after an update the Experiment view failed with
// "Failed to fetch dynamically imported module", and opening any page of the site replaced the offline
// shell). test/browser/e2e/sw-update.mjs builds the app twice into one folder, A then a release B, and
// drives Debian's Chromium: A visited online, B installed by an online reload, then offline the page is
// one whole build (A, until its pages close; then B, with A's cache deleted), never a mix.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runNode } from './fixtures/runNode.ts';

const root = join(import.meta.dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'concerto-sw-dist-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the service worker', () => {
  it('its template keeps the placeholders the build fills (version and precache list)', () => {
    const sw = readFileSync(join(root, 'viz/sw/sw.js'), 'utf8');
    expect(sw).toContain("const VERSION = '__VERSION__';");
    expect(sw).toContain('const PRECACHE = [/* __PRECACHE__ */];');
    expect(sw).not.toMatch(/self\.skipWaiting\(/);
  });
  it('build A, visit, build B, reload offline: one whole build (A, then B once A is closed), old cache deleted', async () => {
    const run = await runNode(root, [join(root, 'test/browser/e2e/sw-update.mjs'), join(out, 'dist')], 240_000);
    console.log(run.stdout.trim());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('offline after the update: the whole of build A');
    expect(run.stdout).toContain('offline, A closed: the whole of build B');
  }, 300_000);
});
