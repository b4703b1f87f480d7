// Finished runs of a sweep, kept in IndexedDB as they arrive, so a reload can resume the sweep
// without recomputing anything. One record per sweep (its experiment, name, total) and one per
// finished run, keyed by (sweep id, run index).
import type { RunResult } from '../../sim/experiment/runner.ts';

export interface SweepRecord {
  id: string;
  name: string;
  /** The experiment as run (JSON), to resume it exactly. */
  raw: Record<string, unknown>;
  total: number;
  created: number;
}

export interface SweepInfo extends SweepRecord {
  done: number;
}

const VERSION = 1;

function isSweepRecord(r: unknown): r is SweepRecord {
  if (r === null || typeof r !== 'object') return false;
  const s = r as Record<string, unknown>;
  return (
    typeof s.id === 'string' &&
    typeof s.name === 'string' &&
    s.raw !== null &&
    typeof s.raw === 'object' &&
    !Array.isArray(s.raw) &&
    typeof s.total === 'number' &&
    Number.isInteger(s.total) &&
    s.total >= 0 &&
    typeof s.created === 'number' &&
    Number.isFinite(s.created)
  );
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function finished(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export class SweepStore {
  private db: Promise<IDBDatabase>;
  private pending: { id: string; index: number; result: RunResult }[] = [];
  private flushing: Promise<void> | null = null;

  constructor(name = 'concerto') {
    this.db = new Promise((resolve, reject) => {
      const open = indexedDB.open(name, VERSION);
      open.onupgradeneeded = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('sweeps')) db.createObjectStore('sweeps', { keyPath: 'id' });
        if (!db.objectStoreNames.contains('results')) db.createObjectStore('results', { keyPath: ['id', 'index'] });
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
  }

  async begin(record: SweepRecord): Promise<void> {
    const db = await this.db;
    const tx = db.transaction('sweeps', 'readwrite');
    tx.objectStore('sweeps').put(record);
    await finished(tx);
  }

  /** Queue a finished run; writes go in batches (one transaction per batch). */
  add(id: string, index: number, result: RunResult): Promise<void> {
    this.pending.push({ id, index, result });
    if (this.pending.length >= 64) return this.flush();
    return Promise.resolve();
  }

  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.flushing = (async () => {
      const db = await this.db;
      const tx = db.transaction('results', 'readwrite');
      const store = tx.objectStore('results');
      for (const p of batch) store.put(p);
      await finished(tx);
    })().finally(() => {
      this.flushing = null;
    });
    await this.flushing;
  }

  /**
   * The kept results of a sweep as stored, unchecked: whatever the database holds (another tab, an
   * extension or a damaged profile may have written it). Check each with checkRunResult before use.
   */
  async results(id: string): Promise<{ index: unknown; result: unknown }[]> {
    await this.flush();
    const db = await this.db;
    const tx = db.transaction('results', 'readonly');
    const rows = await request(
      tx.objectStore('results').getAll(IDBKeyRange.bound([id, -Infinity], [id, Infinity])) as IDBRequest<unknown[]>,
    );
    return rows.map((r) => ({
      index: (r as { index?: unknown } | null)?.index,
      result: (r as { result?: unknown } | null)?.result,
    }));
  }

  /** Drop results set aside as corrupt (they are run again on resume). */
  async removeResults(id: string, indices: readonly number[]): Promise<void> {
    if (indices.length === 0) return;
    const db = await this.db;
    const tx = db.transaction('results', 'readwrite');
    for (const i of indices) tx.objectStore('results').delete([id, i]);
    await finished(tx);
  }

  /**
   * The kept sweeps, newest first. A record that is not a sweep record (wrong types, a total that is
   * not a whole number) is left out and its key returned in `corrupt`, for the view to report and drop.
   */
  async list(): Promise<SweepInfo[]> {
    return (await this.listChecked()).sweeps;
  }

  async listChecked(): Promise<{ sweeps: SweepInfo[]; corrupt: IDBValidKey[] }> {
    await this.flush();
    const db = await this.db;
    const tx = db.transaction(['sweeps', 'results'], 'readonly');
    const records = await request(tx.objectStore('sweeps').getAll() as IDBRequest<unknown[]>);
    const sweeps: SweepInfo[] = [];
    const corrupt: IDBValidKey[] = [];
    for (const r of records) {
      if (!isSweepRecord(r)) {
        // Its key (the record's `id`, whatever its type: the store's key path guarantees it is a key).
        corrupt.push((r as { id: IDBValidKey }).id);
        continue;
      }
      // Only runs of the sweep count as done (a result past the total is not one).
      const done =
        r.total === 0
          ? 0
          : await request(tx.objectStore('results').count(IDBKeyRange.bound([r.id, 0], [r.id, r.total], false, true)));
      sweeps.push({ ...r, done });
    }
    return { sweeps: sweeps.sort((a, b) => b.created - a.created), corrupt };
  }

  async remove(id: IDBValidKey): Promise<void> {
    this.pending = this.pending.filter((p) => p.id !== id);
    await this.flush();
    const db = await this.db;
    const tx = db.transaction(['sweeps', 'results'], 'readwrite');
    tx.objectStore('sweeps').delete(id);
    tx.objectStore('results').delete(IDBKeyRange.bound([id, -Infinity], [id, Infinity]));
    await finished(tx);
  }

  async close(): Promise<void> {
    await this.flush();
    (await this.db).close();
  }
}
