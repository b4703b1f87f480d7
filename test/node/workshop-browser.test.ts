// The live workshop in real browsers: `vite build` into a fresh folder, then
// test/browser/e2e/workshop.mjs starts the real `concerto serve` on that build with a fresh data folder
// (stopped by its pid when the script ends, also on failure) and plays a bundled exercise with a
// facilitator and three participants in Chromium, in English and in Vietnamese, from the join code to the
// room's debrief and the export, with no console error.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runNode } from './fixtures/runNode.ts';

const root = join(import.meta.dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'concerto-dist-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the live workshop in Chromium', () => {
  it('a facilitator and three participants play a bundled exercise to the room debrief, in English and Vietnamese', async () => {
    // vitest sets NODE_ENV=test; the workshop is played on the production build, as a room gets it.
    const build = spawnSync(
      join(root, 'node_modules/.bin/vite'),
      ['build', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
    );
    expect(build.stderr, 'vite build').toBe('');
    expect(build.status).toBe(0);
    const e2e = await runNode(
      root,
      [join(root, 'test/browser/e2e/workshop.mjs'), out],
      Number(process.env.E2E_MS ?? 840_000),
    );
    console.log(e2e.stdout.trim());
    expect(e2e.stderr).toBe('');
    expect(e2e.code).toBe(0);
    expect(e2e.stdout).toMatch(/en: session [A-Z2-9]+, \d+ rounds, .* replaying to [0-9a-f]{8}/);
    expect(e2e.stdout).toMatch(/vi: session [A-Z2-9]+, \d+ rounds, .* replaying to [0-9a-f]{8}/);
    expect(e2e.stdout).toMatch(/static vi-VN: .* replays to [0-9a-f]{8}/);
    expect(e2e.stdout).toContain('workshop: every check passed');
  }, 900_000);
});
