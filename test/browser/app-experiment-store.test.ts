// What IndexedDB holds is untrusted: kept results that are not results of the sweep (a string, null,
// no final values, NaN, indices past the total, a changed parameter) and a damaged sweep record are
// reported and set aside on the way in, the rest are used, the missing runs are made again, and the
// view ends "done" with Run enabled, never stuck on "running".
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { resolveExperiment } from '../../sim/experiment/experiment.ts';
import { createLocalPool } from '../../sim/experiment/pool.ts';
import { csvHeader, csvLine } from '../../sim/experiment/rows.ts';
import { runSweep } from '../../sim/experiment/sweep.ts';
import { getModel } from '../../sim/models.ts';
import { control, type Mounted, mountForTest, setControl, until } from './helpers.ts';

let mounted: Mounted[] = [];
afterEach(() => {
  for (const m of mounted) m.unmount();
  mounted = [];
});

const db = `concerto-store-test-${Math.random().toString(36).slice(2)}`;
afterAll(() => void indexedDB.deleteDatabase(db));

async function localCsv(raw: unknown): Promise<string> {
  const out = await runSweep(resolveExperiment(raw), createLocalPool(getModel), {
    provenance: { concerto: 'x', git: null },
    keepRows: true,
  });
  return csvHeader(out.columns) + out.rows!.map((r) => csvLine(r, out.columns)).join('');
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/** The test's own access to the app's database, as another tab or a damaged profile would write it. */
async function openDb(): Promise<IDBDatabase> {
  return request(indexedDB.open(db));
}

describe('Experiment: kept sweeps read back from IndexedDB', () => {
  it('corrupt results (a string, null, no final, NaN, past the total, another parameter) are set aside and rerun; the view ends done with Run enabled', async () => {
    const m = await mountForTest({ experimentDb: db });
    mounted.push(m);
    m.app.show('experiment');
    const view = await m.app.experiment();
    setControl(view.root, 'experiment-scenario', 'stylized-12');
    setControl(view.root, 'experiment-replicates', '2');
    setControl(view.root, 'experiment-cycles', '5');
    setControl(view.root, 'experiment-levels-1', '2');
    const raw = view.currentRaw();
    // Each sweep is named after what it varies, so kept sweeps are told apart.
    const name = (raw as { name: string }).name;
    expect(name).toBe('stylized-12-factorial-autonomy-monitoring');
    control(view.root, 'experiment-run').click();
    await m.app.whenIdle();
    expect(view.state).toBe('done');
    m.unmount();
    mounted = [];

    // Damage what was kept.
    const idb = await openDb();
    const tx = idb.transaction(['sweeps', 'results'], 'readwrite');
    const sweeps = (await request(tx.objectStore('sweeps').getAll())) as { id: string; total: number }[];
    expect(sweeps).toHaveLength(1);
    const { id, total } = sweeps[0]!;
    expect(total).toBe(20);
    const results = tx.objectStore('results');
    const kept = async (index: number) =>
      ((await request(results.get([id, index]))) as { result: Record<string, unknown> }).result;
    const [r2, r3, r4, r7] = [await kept(2), await kept(3), await kept(4), await kept(7)];
    const params = Object.keys(r4.params as object);
    expect(params.length).toBeGreaterThan(0);
    results.put({ id, index: 0, result: 'a string' });
    results.put({ id, index: 1, result: null });
    results.put({ id, index: 2, result: { ...r2, final: undefined } });
    results.put({ id, index: 3, result: { ...r3, final: { ...(r3.final as object), coherence: NaN } } });
    results.put({ id, index: 4, result: { ...r4, params: { ...(r4.params as object), [params[0]!]: 0.123 } } });
    results.put({ id, index: 20, result: { ...r7, point: 10, replicate: 0 } });
    results.put({ id, index: 1000, result: r7 });
    tx.objectStore('sweeps').put({ id: 'damaged', name: { no: 'name' }, raw: null, total: 'many', created: 0 });
    tx.objectStore('sweeps').put({ id: 42, name: 'a number for a key', raw: {}, total: 1, created: 0 });
    await new Promise((resolve) => {
      tx.oncomplete = resolve;
    });
    idb.close();

    // "Reload": a new app on the same IndexedDB.
    const n = await mountForTest({ experimentDb: db });
    mounted.push(n);
    n.app.show('experiment');
    const again = await n.app.experiment();
    const notice = again.root.querySelector<HTMLElement>('[data-role="experiment-store-notice"]')!;
    await until(() => again.root.querySelector('.resume-item') !== null && notice.textContent !== '');
    expect(notice.textContent).toBe('2 kept sweeps were damaged and set aside.');
    // The damaged sweep record is not offered; the good one is, counting only runs of the sweep.
    const items = again.root.querySelectorAll<HTMLElement>('.resume-item');
    expect(items).toHaveLength(1);
    expect(items[0]!.textContent).toContain('(20 runs)');
    items[0]!.querySelector<HTMLButtonElement>('button')!.click();
    await until(() => again.state === 'running' || again.state === 'done');
    await n.app.whenIdle();
    expect(again.state).toBe('done');
    expect(control<HTMLButtonElement>(again.root, 'experiment-run').disabled).toBe(false);
    // The rows are the sweep's own: the set-aside runs were made again.
    expect(again.sweepText('csv')).toBe(await localCsv(raw));
    const text = notice.textContent!;
    expect(text).toContain('2 kept sweeps were damaged and set aside.');
    expect(text).toContain(
      `7 kept results of “${name}” were damaged and set aside; those runs are made again: ` +
        'results[0]: must be a run result object (got "a string"); results[1]: must be a run result object (got null); ' +
        'results[2].final: must be an object of final values (got nothing) and 4 more',
    );
    // Vietnamese too.
    n.app.setLang('vi');
    expect(notice.textContent).toContain(`7 kết quả đã lưu của “${name}” bị hỏng`);
    // Only good results remain kept: 0 … 19, each a result of its run.
    const after = await openDb();
    const stored = (await request(after.transaction('results').objectStore('results').getAll())) as {
      id: string;
      index: number;
      result: { point: number; final: Record<string, number> };
    }[];
    const mine = stored.filter((k) => k.id === id);
    expect(mine.map((k) => k.index)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(mine.every((k) => Object.values(k.result.final).every(Number.isFinite))).toBe(true);
    const sweepsLeft = await request(after.transaction('sweeps').objectStore('sweeps').getAllKeys());
    expect(sweepsLeft).toEqual([id]);
    after.close();
    expect(n.errors).toEqual([]);
  });

  it('any fault during a sweep ends in "failed" with the error named and Run enabled, and Run then works', async () => {
    const m = await mountForTest({ experimentDb: db });
    mounted.push(m);
    m.app.show('experiment');
    const view = await m.app.experiment();
    setControl(view.root, 'experiment-scenario', 'stylized-12');
    setControl(view.root, 'experiment-replicates', '1');
    setControl(view.root, 'experiment-cycles', '3');
    // A fault injected where the outcome is drawn (as a bad record used to throw there).
    const results = (view as unknown as { results: { renderInParts(): Promise<void> } }).results;
    const spy = vi.spyOn(results, 'renderInParts').mockImplementationOnce(() => {
      throw new TypeError('s is not iterable');
    });
    control(view.root, 'experiment-run').click();
    await m.app.whenIdle();
    expect(view.state).toBe('failed');
    expect(view.root.dataset.state).toBe('failed');
    expect(control<HTMLButtonElement>(view.root, 'experiment-run').disabled).toBe(false);
    expect(control(view.root, 'experiment-cancel').hidden).toBe(true);
    expect(view.root.querySelector('[data-role="experiment-progress-text"]')!.textContent).toBe(
      'The sweep stopped on an error (s is not iterable); “Run experiment” starts it again.',
    );
    spy.mockRestore();
    control(view.root, 'experiment-run').click();
    await m.app.whenIdle();
    expect(view.state).toBe('done');
    expect(m.errors).toEqual([]);
  });
});
