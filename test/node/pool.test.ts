import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodePool, type NodePoolWorker } from '../../cli/pool-node.ts';
import { sweepCommand } from '../../cli/sweep.ts';
import { resolveExperiment } from '../../sim/experiment/experiment.ts';
import { createLocalPool, type Pool } from '../../sim/experiment/pool.ts';
import { csvLine, type Row } from '../../sim/experiment/rows.ts';
import { runSweep } from '../../sim/experiment/sweep.ts';
import { getModel } from '../../sim/models.ts';
import { FAILING_AUTONOMY, KILLING_AUTONOMY } from './fixtures/pool-faulty-model.ts';

const FAULTY_ENTRY = fileURLToPath(new URL('./fixtures/pool-faulty-worker.ts', import.meta.url));
const provenance = { concerto: 'test', git: null };
const dir = mkdtempSync(join(tmpdir(), 'concerto-pool-'));

// Few cycles and replicates: the point is the plumbing, not the model.
const small = (autonomy: number[], replicates = 3, cycles = 6) => ({
  name: 'pool-test',
  scenario: 'stylized-12',
  seed: 5,
  replicates,
  cycles,
  design: { type: 'factorial', parameters: { autonomy } },
  metrics: ['coherence', 'innovation', 'pilotsProposed'],
});

async function rowsWith(pool: Pool, raw: unknown): Promise<Row[]> {
  const out = await runSweep(resolveExperiment(raw), pool, { provenance, keepRows: true });
  return out.rows!;
}

const pools: Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe('the worker_threads pool', () => {
  it('sweep --workers 1 and --workers 2 (real worker threads) write identical files', async () => {
    const file = join(dir, 'exp.json');
    writeFileSync(file, JSON.stringify(small([0, 0.3, 0.6, 0.9])));
    const outs: string[] = [];
    for (const w of ['1', '2']) {
      const out = join(dir, `w${w}.csv`);
      expect(await sweepCommand([file, '--workers', w, '--out', out])).toBe(0);
      outs.push(readFileSync(out, 'utf8') + readFileSync(join(dir, `w${w}.manifest.json`), 'utf8'));
    }
    expect(outs[1]).toBe(outs[0]);
    // …and both equal the rows computed on this thread.
    const local = await rowsWith(createLocalPool(getModel), small([0, 0.3, 0.6, 0.9]));
    const cols = outs[0]!.split('\n')[0]!.split(',');
    expect(
      outs[0]!
        .split('\n')
        .slice(1, 1 + local.length)
        .map((l) => `${l}\n`),
    ).toEqual(local.map((r) => csvLine(r, cols)));
  });

  it('a worker terminated mid-run (worker.terminate()) is replaced and its runs retried: nothing is lost', async () => {
    const pool = await createNodePool({ workers: 2 });
    pools.push(pool);
    const raw = small([0.1, 0.4, 0.7], 4);
    let dispatches = 0;
    let killed = 0;
    const out = await runSweep(resolveExperiment(raw), pool, {
      provenance,
      keepRows: true,
      pool: {
        batchSize: 1,
        onDispatch: ({ worker }) => {
          dispatches++;
          // Kill the thread that has just been handed a run, twice in the sweep.
          if (dispatches === 3 || dispatches === 8) {
            killed++;
            void (worker as NodePoolWorker).thread.terminate();
          }
        },
      },
    });
    expect(killed).toBe(2);
    expect(out.stats.restarts).toBeGreaterThanOrEqual(2);
    expect(out.manifest.results).toMatchObject({ runs: 12, ok: 12, failed: 0, complete: true });
    expect(out.rows).toEqual(await rowsWith(createLocalPool(getModel), raw));
  });

  it('runs that fail every time are recorded as failed with their error; the sweep completes and exits 1', async () => {
    const file = join(dir, 'faulty.json');
    writeFileSync(file, JSON.stringify(small([0.2, FAILING_AUTONOMY, KILLING_AUTONOMY, 0.9], 2)));
    const out = join(dir, 'faulty.jsonl');
    const code = await sweepCommand([file, '--workers', '2', '--out', out], {
      createPool: (n) => createNodePool({ workers: n, entry: FAULTY_ENTRY }),
      pool: { batchSize: 1 },
    });
    expect(code).toBe(1);
    const rows = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => [r.point, r.replicate, r.status])).toEqual([
      [0, 0, 'ok'],
      [0, 1, 'ok'],
      [1, 0, 'failed'],
      [1, 1, 'failed'],
      [2, 0, 'failed'],
      [2, 1, 'failed'],
      [3, 0, 'ok'],
      [3, 1, 'ok'],
    ]);
    expect(rows[2].error).toMatch(/NonFiniteError: non-finite value NaN for coherence at cycle 1/);
    expect(rows[2].coherence).toBeUndefined();
    expect(rows[4].error).toMatch(/lost 3 times \(worker exited with code 3\)/);
    const { manifest, summary } = JSON.parse(readFileSync(join(dir, 'faulty.manifest.json'), 'utf8'));
    expect(manifest.results).toMatchObject({ runs: 8, ok: 4, failed: 4, complete: true });
    expect(summary.points[1]).toMatchObject({ point: 1, ok: 0, failed: 2, metrics: { coherence: null } });
    // The healthy points are untouched by their neighbours' faults.
    const healthy = await rowsWith(createLocalPool(getModel), small([0.2, 0.9], 2));
    expect(rows.filter((r) => r.status === 'ok').map((r) => ({ ...r, point: 0 }))).toEqual(
      healthy.map((r) => ({ ...r, point: 0 })),
    );
  });

  it('cancel stops promptly and keeps every finished run, in order', async () => {
    const pool = await createNodePool({ workers: 2 });
    pools.push(pool);
    const raw = small([0, 0.2, 0.4, 0.6, 0.8, 1], 10);
    const controller = new AbortController();
    let seen = 0;
    const out = await runSweep(resolveExperiment(raw), pool, {
      provenance,
      keepRows: true,
      signal: controller.signal,
      pool: { batchSize: 1 },
      onRows: () => {
        if (++seen === 5) controller.abort();
      },
    });
    expect(out.stats.cancelled).toBe(true);
    expect(out.manifest.results.complete).toBe(false);
    const rows = out.rows!;
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.length).toBeLessThan(60);
    // Every kept row is the finished run's row, and they come in (point, replicate) order.
    const all = await rowsWith(createLocalPool(getModel), raw);
    const key = (r: Row) => Number(r.point) * 10 + Number(r.replicate);
    expect(rows.map(key)).toEqual([...rows.map(key)].sort((a, b) => a - b));
    for (const r of rows) expect(r).toEqual(all[key(r)]);
    // The pool is still usable after a cancel: new workers start on the next run.
    expect((await runSweep(resolveExperiment(small([0.5], 2)), pool, { provenance })).manifest.results.ok).toBe(2);
  });
});

describe('pool start-up', () => {
  it('workers that cannot start fail the run with one error instead of retrying forever', async () => {
    const { createPool } = await import('../../sim/experiment/pool.ts');
    let spawned = 0;
    const pool = createPool(() => {
      spawned++;
      const dead = Promise.resolve('worker error: cannot start');
      return {
        load: () => new Promise<never>(() => {}),
        runBatch: () => new Promise<never>(() => {}),
        exited: dead,
        terminate: () => {},
      };
    }, 2);
    await expect(runSweep(resolveExperiment(small([0, 1])), pool, { provenance })).rejects.toThrow(
      'workers fail to start (worker error: cannot start)',
    );
    expect(spawned).toBeLessThanOrEqual(4);
  });

  it('a worker started from `node --input-type=module -e …` does not inherit the options that stop it', async () => {
    const { workerExecArgv } = await import('../../cli/pool-node.ts');
    expect(workerExecArgv(['--input-type=module', '-e', 'code', '--max-old-space-size=512', '--eval=x'])).toEqual([
      '--max-old-space-size=512',
    ]);
  });
});

describe('pool errors', () => {
  it('an error in the receiver of results (e.g. a full disk) stops the run and is reported once', async () => {
    const pool = createLocalPool(getModel);
    let n = 0;
    await expect(
      runSweep(resolveExperiment(small([0, 1], 4)), pool, {
        provenance,
        onRows: () => {
          if (++n === 3) throw new Error('ENOSPC: no space left on device');
        },
      }),
    ).rejects.toThrow('ENOSPC');
    expect(n).toBe(3);
  });
});
