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
    })().finally(() => { this.flushing = null; });
    await this.flushing;
  }

  async results(id: string): Promise<Map<number, RunResult>> {
    await this.flush();
    const db = await this.db;
    const tx = db.transaction('results', 'readonly');
    const rows = await request(tx.objectStore('results').getAll(IDBKeyRange.bound([id, -Infinity], [id, Infinity])) as IDBRequest<{ index: number; result: RunResult }[]>);
    return new Map(rows.map((r) => [r.index, r.result]));
  }

  async list(): Promise<SweepInfo[]> {
    await this.flush();
    const db = await this.db;
    const tx = db.transaction(['sweeps', 'results'], 'readonly');
    const sweeps = await request(tx.objectStore('sweeps').getAll() as IDBRequest<SweepRecord[]>);
    const out: SweepInfo[] = [];
    for (const s of sweeps) {
      const done = await request(tx.objectStore('results').count(IDBKeyRange.bound([s.id, -Infinity], [s.id, Infinity])));
      out.push({ ...s, done });
    }
    return out.sort((a, b) => b.created - a.created);
  }

  async remove(id: string): Promise<void> {
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
