// The built app, as a workshop room meets it: `vite build` into a fresh folder, served by a plain
// static file server, opened in Debian's Chromium. test/browser/e2e/built-app.mjs checks that the
// page runs with no console error or CSP violation, that the service worker makes it work offline
// after one visit, and that a 10,000-run sweep never blocks the main thread for more than 250 ms of
// wall-clock time nor 100 ms of the main thread's CPU time (it prints both, which go in the closing notes).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runNode } from './fixtures/runNode.ts';

const root = join(import.meta.dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'concerto-dist-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the built app', () => {
  // vitest sets NODE_ENV=test, which would give a build without the service worker.
  it('builds, loads from a plain static server, works offline after one visit, keeps the main thread free', async () => {
    const build = spawnSync(
      join(root, 'node_modules/.bin/vite'),
      ['build', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
    );
    expect(build.stderr, 'vite build').toBe('');
    expect(build.status).toBe(0);
    // mathjs is loaded only where an expression is evaluated (sim/experiment/expressions.ts, a chunk
    // of its own): the workers that run the model and the live session do not carry it. The marker is
    // a message of mathjs's parser, present in the expressions chunk, so the check can fail.
    const assets = readdirSync(join(out, 'assets')).filter((f) => f.endsWith('.js'));
    const hasMathjs = (f: string) =>
      readFileSync(join(out, 'assets', f), 'utf8').includes('Unexpected end of expression');
    const chunk = (prefix: string) => assets.filter((f) => f.startsWith(prefix));
    expect(chunk('expressions-').length).toBeGreaterThan(0);
    expect(chunk('expressions-').every(hasMathjs)).toBe(true);
    for (const worker of ['sim.worker-', 'session.worker-', 'modelRuns.worker-']) {
      expect(chunk(worker), worker).toHaveLength(1);
      expect(hasMathjs(chunk(worker)[0]!), `${worker} carries mathjs`).toBe(false);
    }
    expect(assets.filter((f) => !f.startsWith('expressions-') && hasMathjs(f))).toEqual([]);
    const e2e = await runNode(
      root,
      [join(root, 'test/browser/e2e/built-app.mjs'), out],
      Number(process.env.E2E_MS ?? 540_000),
    );
    console.log(e2e.stdout.trim());
    expect(e2e.stderr).toBe('');
    expect(e2e.code).toBe(0);
    expect(e2e.stdout).toMatch(/main-thread long tasks: \d+, longest \d+ ms/);
  }, 600_000);
});
