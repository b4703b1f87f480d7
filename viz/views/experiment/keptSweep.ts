// Running a sweep from the Experiment view so that a reload loses nothing: the sweep is recorded in
// IndexedDB, every finished run is kept as it arrives, the runs already kept (and checking out as
// runs of this experiment) are not run again, and the outcome is assembled from all of them exactly
// as `concerto sweep` assembles it.
import { canonicalJson } from '../../../sim/engine/canonical.ts';
import type { Issue } from '../../../sim/engine/errors.ts';
import { hashHex } from '../../../sim/engine/hash.ts';
import type { Experiment } from '../../../sim/experiment/experiment.ts';
import type { Row } from '../../../sim/experiment/rows.ts';
import { readRunResult } from '../../../sim/experiment/runResult.ts';
import type { RunResult } from '../../../sim/experiment/runner.ts';
import { sweepRuns, type SweepOutcome } from '../../../sim/experiment/sweep.ts';
import pkg from '../../../package.json' with { type: 'json' };
import { assembleSweep, resumeSweep } from '../../sweep/resumable.ts';
import type { SweepStore } from '../../sweep/store.ts';
import { createBrowserPool } from '../../worker/pool.ts';

export interface KeptSweepOptions {
  store: SweepStore;
  /** Pool size (default: the browser's core count). */
  workers?: number;
  signal: AbortSignal;
  /** The sweep's id once it is kept (the view marks it as running in this tab). */
  onKept(id: string): void;
  onProgress(done: number, total: number, startDone: number): void;
  /** Kept results that did not check out: reported, then dropped from the store. */
  onSetAside(issues: Issue[], count: number): void;
}

/** The kept results of sweep `id` that check out as runs of `exp`; the others are reported and dropped. */
async function keptResults(
  store: SweepStore,
  id: string,
  exp: Experiment,
  onSetAside: KeptSweepOptions['onSetAside'],
): Promise<Map<number, RunResult>> {
  const done = new Map<number, RunResult>();
  const issues: Issue[] = [];
  const bad: number[] = [];
  for (const { index, result } of await store.results(id)) {
    const r = readRunResult(result, exp, index);
    if (r.ok) done.set(index as number, r.value);
    else {
      issues.push(...r.issues);
      bad.push(index as number);
    }
  }
  if (bad.length > 0) {
    await store.removeResults(id, bad);
    onSetAside(issues, bad.length);
  }
  return done;
}

/** Run what is missing of `exp` (nothing when every run is kept) and assemble the outcome. */
export async function runKeptSweep(exp: Experiment, o: KeptSweepOptions): Promise<SweepOutcome & { rows: Row[] }> {
  const id = hashHex(canonicalJson(exp.raw));
  const total = sweepRuns(exp);
  let done = new Map<number, RunResult>();
  let keep = true;
  try {
    const list = await o.store.list();
    if (!list.some((x) => x.id === id))
      await o.store.begin({ id, name: exp.name, raw: exp.raw, total, created: Date.now() });
    done = await keptResults(o.store, id, exp, o.onSetAside);
  } catch {
    keep = false; // no IndexedDB (private mode): runs still work, they are not kept
  }
  if (keep) o.onKept(id);
  const provenance = { concerto: pkg.version, git: null };
  const startDone = done.size;
  const onProgress = (d: number, n: number) => o.onProgress(d, n, startDone);
  if (done.size >= total) {
    const outcome = assembleSweep(exp, done, provenance, {
      delivered: 0,
      abandoned: 0,
      restarts: 0,
      cancelled: false,
    });
    onProgress(total, total);
    return outcome;
  }
  const pool = createBrowserPool(o.workers ? { workers: o.workers } : {});
  try {
    return await resumeSweep(exp, pool, {
      done,
      provenance,
      signal: o.signal,
      onProgress,
      onResult: (r, index) =>
        keep
          ? o.store.add(id, index, r).catch(() => {
              keep = false;
            })
          : undefined,
    });
  } finally {
    if (keep) await o.store.flush().catch(() => undefined);
    await pool.close();
  }
}
