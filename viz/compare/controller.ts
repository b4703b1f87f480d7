// The Compare view's state and lifecycle: the columns, the counts, and one comparison at a time. A run
// owns an AbortController: Cancel, a new run and dispose() abort it, and its late answers are dropped.
import type { Remote } from '../worker/client.ts';
import type { Catalog, SessionApi } from '../worker/session.ts';
import type { CompareShare } from '../share/url.ts';
import { IdleSignal } from '../views/IdleSignal.ts';
import { MAX_COLUMNS, paramsOf, type Column } from './columns.ts';
import { runComparison, type Comparison } from './runComparison.ts';

export type CompareState = 'idle' | 'running' | 'done' | 'invalid' | 'cancelled';

export interface CompareEvents {
  /** The columns changed shape or problems: draw them again. */
  columns(): void;
  state(s: CompareState): void;
  progress(done: number, total: number): void;
}

export class CompareController {
  state: CompareState = 'idle';
  columns: Column[] = [
    { scenario: 'controlled-autonomy', params: [], issues: [] },
    { scenario: 'devolved', params: [], issues: [] },
  ];
  seed = 1;
  replicates = 10;
  cycles = 50;
  /** The last comparison finished (kept while a new one runs, for the exports' counts). */
  result: Comparison | null = null;
  private running: AbortController | null = null;
  private idle = new IdleSignal();

  constructor(
    private catalog: Catalog,
    private api: () => Remote<SessionApi>,
    private on: CompareEvents,
  ) {}

  addColumn(): void {
    if (this.columns.length >= MAX_COLUMNS) return;
    this.columns.push({
      scenario: this.columns[this.columns.length - 1]?.scenario ?? 'vn34-2025',
      params: [],
      issues: [],
    });
    this.on.columns();
  }

  share(): CompareShare {
    return {
      view: 'compare',
      seed: this.seed,
      replicates: this.replicates,
      cycles: this.cycles,
      columns: this.columns.map((c) => ({ scenario: c.scenario, params: paramsOf(c) })),
    };
  }

  /** A link's columns and counts; true when it names at least two columns (then the view runs it). */
  applyShare(share: CompareShare): boolean {
    if (share.seed !== undefined) this.seed = share.seed;
    if (share.replicates !== undefined) this.replicates = share.replicates;
    if (share.cycles !== undefined) this.cycles = share.cycles;
    const cols = share.columns.slice(0, MAX_COLUMNS).map((c) => ({
      scenario: c.scenario,
      params: Object.entries(c.params).map(([name, v]) => ({ name, value: String(v) })),
      issues: [],
    }));
    if (cols.length >= 2) this.columns = cols;
    this.on.columns();
    return cols.length >= 2;
  }

  whenIdle(): Promise<void> {
    return this.idle.wait(this.state === 'running');
  }

  private setState(s: CompareState): void {
    this.state = s;
    this.on.state(s);
    if (s !== 'running') this.idle.release();
  }

  cancel(): void {
    if (this.state !== 'running') return;
    this.running?.abort();
    this.running = null;
    this.setState('cancelled');
  }

  /** Run the comparison with the counts already read into seed, replicates and cycles. */
  async run(derived: Record<string, string>): Promise<void> {
    this.running?.abort();
    const abort = new AbortController();
    this.running = abort;
    this.setState('running');
    const out = await runComparison(
      this.api(),
      this.catalog,
      { columns: this.columns, seed: this.seed, replicates: this.replicates, cycles: this.cycles, derived },
      abort.signal,
      { validated: () => this.on.columns(), progress: (done, total) => this.on.progress(done, total) },
    );
    if (abort.signal.aborted || out === 'aborted') return;
    this.running = null;
    if (out === 'invalid') {
      this.on.columns();
      this.setState('invalid');
      return;
    }
    this.result = out;
    this.setState('done');
  }

  dispose(): void {
    this.running?.abort();
    this.running = null;
  }
}
