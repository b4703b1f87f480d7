import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserCommand } from 'vitest/node';
import { CHROMIUM_ARGS } from './test/browser/e2e/chromium.mjs';

/**
 * A browser test's way to ask the real CLI: `concerto sweep <experiment> --workers 2` in Node,
 * its CSV on stdout returned as text, so the app's export can be compared with the CLI's bytes.
 */
const concertoSweep: BrowserCommand<[experimentJson: string]> = (_ctx, experimentJson) => {
  const dir = mkdtempSync(join(tmpdir(), 'concerto-cli-'));
  try {
    const file = join(dir, 'experiment.json');
    writeFileSync(file, experimentJson);
    return execFileSync(
      process.execPath,
      [join(import.meta.dirname, 'cli/concerto.mjs'), 'sweep', file, '--workers', '2'],
      { encoding: 'utf8' },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/**
 * `concerto compare <A file> <B file> --seed N --reps R --cycles T --format json` in Node, the two
 * scenario files written from the JSON given: how a Compare export is checked to reproduce.
 */
const concertoCompare: BrowserCommand<
  [scenarioA: string, scenarioB: string, seed: number, reps: number, cycles: number]
> = (_ctx, scenarioA, scenarioB, seed, reps, cycles) => {
  const dir = mkdtempSync(join(tmpdir(), 'concerto-cli-'));
  try {
    writeFileSync(join(dir, 'a.json'), scenarioA);
    writeFileSync(join(dir, 'b.json'), scenarioB);
    return execFileSync(
      process.execPath,
      [
        join(import.meta.dirname, 'cli/concerto.mjs'),
        'compare',
        join(dir, 'a.json'),
        join(dir, 'b.json'),
        '--seed',
        String(seed),
        '--reps',
        String(reps),
        '--cycles',
        String(cycles),
        '--format',
        'json',
      ],
      { encoding: 'utf8' },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/**
 * Node tests that start processes, servers, browsers or thread pools, or run sweeps of many runs:
 * the project `node-slow`, which `npm test` runs and `npm run test:node` (the fast loop, under a
 * minute) does not. Everything else under test/node/ is the project `node`.
 */
const SLOW_NODE_TESTS = [
  'test/node/built-app.test.ts', // vite build, then the built app in Chromium
  'test/node/sw-update.test.ts', // two builds and a service worker in Chromium
  'test/node/cluster.test.ts', // Slurm (skips, saying why, without it)
  'test/node/workshop-browser.test.ts', // the workshop server and rooms of Chromium pages
  'test/node/workshop-load.test.ts', // a room of eighty over WebSockets
  'test/node/workshop-restart.test.ts', // the server killed and restarted as a process
  'test/node/workshop-api.test.ts', // the HTTP API end to end
  'test/node/cli-core.test.ts', // the CLI as a subprocess, from here on
  'test/node/cli-experiments.test.ts',
  'test/node/cli-hardening.test.ts',
  'test/node/derived.test.ts',
  'test/node/patterns.test.ts', // calibration patterns: sweeps of hundreds of runs
  'test/node/march-experiments.test.ts', // the March (1991) validation document on a pool
  'test/node/relations.test.ts', // expected relations: 20–40 replicates a comparison
  'test/node/fuzz-validators.test.ts', // thousands of mutated scenario, experiment and exercise files
];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/node/**/*.test.ts'],
          exclude: SLOW_NODE_TESTS,
          // One module graph per worker, not per file: the fast loop spends its time in tests, not in
          // importing sim/ again for each of fifty files (about half the wall time otherwise).
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'node-slow',
          environment: 'node',
          include: SLOW_NODE_TESTS,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          browser: {
            commands: { concertoSweep, concertoCompare },
            enabled: true,
            headless: true,
            instances: [{ browser: 'chromium' }],
            provider: playwright({
              // Chromium from Debian, never a downloaded browser; the flags keep it quiet on a closed network.
              launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
            }),
          },
        },
      },
    ],
  },
});
