// The Compare view: 2–4 scenarios or lever sets run on the same seeds (common random numbers); the
// metrics over cycles on shared axes, and per metric the paired difference from A with its 95% CI.
// This file builds the form and wires it; the state and the run are viz/compare/controller.ts, the
// columns, charts and exports small modules beside it.
import { derivedOf, MAX_COLUMNS } from '../compare/columns.ts';
import { renderColumns } from '../compare/columnsPanel.ts';
import { CompareCharts } from '../compare/compareCharts.ts';
import { downloadComparisonCsv, downloadComparisonJson } from '../compare/compareExport.ts';
import { CompareController, type CompareState } from '../compare/controller.ts';
import { el, uid } from '../dom.ts';
import type { I18n } from '../i18n/index.ts';
import { COUNT_LIMITS, type CompareShare } from '../share/url.ts';
import type { Remote } from '../worker/client.ts';
import type { Catalog, SessionApi } from '../worker/session.ts';
import { applyI18n } from './i18nDom.ts';
import type { ViewHandle } from './view.ts';

export type { CompareState } from '../compare/controller.ts';

export interface CompareContext {
  i18n: I18n;
  catalog: Catalog;
  /** The worker that runs the batches (started on first use). */
  api: () => Remote<SessionApi>;
  onShare(share: CompareShare): void;
}

export class CompareView implements ViewHandle {
  readonly root: HTMLElement;
  private i18n: I18n;
  private c: CompareController;
  private charts: CompareCharts;

  private columnHost: HTMLElement;
  private status: HTMLElement;
  private runBtn: HTMLButtonElement;
  private cancelBtn: HTMLButtonElement;
  private addBtn: HTMLButtonElement;
  private seedInput: HTMLInputElement;
  private repsInput: HTMLInputElement;
  private cyclesInput: HTMLInputElement;
  /** Derived metrics, `name = expression; …` (docs/formats.md §7), compared after the final values. */
  private derivedInput: HTMLInputElement;
  private exportJson: HTMLButtonElement;
  private exportCsv: HTMLButtonElement;

  constructor(
    host: HTMLElement,
    private ctx: CompareContext,
  ) {
    this.i18n = ctx.i18n;
    this.c = new CompareController(ctx.catalog, ctx.api, {
      columns: () => this.renderColumns(),
      state: (s) => this.showState(s),
      progress: (done, total) => {
        this.status.textContent = this.i18n.t('compare.running', { done, total });
      },
    });
    const num = (key: string, min: number, max: number, value: number, control: string) => {
      const id = uid(control);
      const input = el('input', { type: 'number', id, min, max, step: 1, value, 'data-control': control });
      return { input, field: el('div', { class: 'field' }, [el('label', { for: id, 'data-i18n': key }), input]) };
    };
    // The same bounds a share link's counts are checked against.
    const lim = COUNT_LIMITS.compare;
    const seed = num('explore.seed', lim.seed[0], lim.seed[1], this.c.seed, 'compare-seed');
    const reps = num('explore.replicates', lim.reps[0], lim.reps[1], this.c.replicates, 'compare-replicates');
    const cyc = num('explore.cycles', lim.cycles[0], lim.cycles[1], this.c.cycles, 'compare-cycles');
    this.seedInput = seed.input;
    this.repsInput = reps.input;
    this.cyclesInput = cyc.input;
    const derivedId = uid('compare-derived');
    this.derivedInput = el('input', {
      type: 'text',
      id: derivedId,
      'data-control': 'compare-derived',
      // Expressions are written in the metrics' code names (the names a file or `--derived` uses), so the
      // example is code, marked as such like a file preview.
      'data-code': '',
      placeholder: 'balanced = min(coherence, innovation)',
      spellcheck: 'false',
    });
    const derivedField = el('div', { class: 'field' }, [
      el('label', { for: derivedId, 'data-i18n': 'compare.derived' }),
      this.derivedInput,
    ]);
    this.addBtn = this.button('compare-add', 'compare.add', () => this.c.addColumn());
    this.runBtn = this.button('compare-run', 'compare.run', () => this.runReported(), 'primary');
    this.cancelBtn = this.button('compare-cancel', 'compare.cancel', () => this.cancel());
    this.cancelBtn.hidden = true;
    this.status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite', 'data-role': 'compare-status' });
    this.exportJson = this.button('compare-json', 'results.json', () => this.download('json'), 'small');
    this.exportCsv = this.button('compare-csv', 'compare.csv', () => this.download('csv'), 'small');
    this.exportJson.disabled = true;
    this.exportCsv.disabled = true;
    this.columnHost = el('div', { class: 'compare-columns', 'data-role': 'compare-columns' });
    const chartHost = el('div', { class: 'compare-charts', 'data-role': 'compare-charts' });
    this.charts = new CompareCharts(chartHost, this.i18n);
    this.root = el(
      'section',
      { class: 'view compare', 'data-view': 'compare', 'aria-labelledby': 'compare-h', hidden: true },
      [
        el('h1', { id: 'compare-h', 'data-i18n': 'compare.heading' }),
        el('p', { class: 'help', 'data-i18n': 'compare.help' }),
        el('div', { class: 'compare-actions' }, [
          seed.field,
          reps.field,
          cyc.field,
          derivedField,
          this.addBtn,
          this.runBtn,
          this.cancelBtn,
          this.exportJson,
          this.exportCsv,
        ]),
        this.columnHost,
        this.status,
        chartHost,
      ],
    );
    host.appendChild(this.root);
    this.renderColumns();
  }

  get state(): CompareState {
    return this.c.state;
  }

  private button(control: string, key: string, onClick: () => void, cls = ''): HTMLButtonElement {
    const b = el('button', { type: 'button', class: cls, 'data-control': control, 'data-i18n': key });
    b.addEventListener('click', onClick);
    return b;
  }

  private renderColumns(): void {
    renderColumns(this.columnHost, this.c.columns, this.ctx.catalog, this.i18n, () => this.renderColumns());
    this.addBtn.disabled = this.c.columns.length >= MAX_COLUMNS;
  }

  share(): CompareShare {
    return this.c.share();
  }

  /** Apply a link: the columns and counts, then run the comparison at once. */
  async applyShare(share: CompareShare): Promise<void> {
    const runIt = this.c.applyShare(share);
    this.writeCounts();
    if (runIt) await this.run();
  }

  private writeCounts(): void {
    this.seedInput.value = String(this.c.seed);
    this.repsInput.value = String(this.c.replicates);
    this.cyclesInput.value = String(this.c.cycles);
  }

  /** Read the counts into the controller; a bad one is marked invalid and nothing runs. */
  private readCounts(): boolean {
    let ok = true;
    const read = (input: HTMLInputElement, set: (v: number) => void) => {
      const v = Number(input.value);
      const good = input.value.trim() !== '' && Number.isInteger(v) && v >= Number(input.min) && v <= Number(input.max);
      input.toggleAttribute('aria-invalid', !good);
      if (good) set(v);
      else ok = false;
    };
    read(this.seedInput, (v) => (this.c.seed = v));
    read(this.repsInput, (v) => (this.c.replicates = v));
    read(this.cyclesInput, (v) => (this.c.cycles = v));
    return ok;
  }

  cancel(): void {
    this.c.cancel();
  }

  /** Run every column on replicates 0 … R−1 of the same seed, then the paired comparisons with A. */
  async run(): Promise<void> {
    if (!this.readCounts()) return;
    this.writeCounts();
    const running = this.c.run(derivedOf(this.derivedInput.value));
    this.ctx.onShare(this.share());
    await running;
  }

  /** The Run button: a failure is shown, not left as an unhandled rejection. */
  private runReported(): void {
    this.run().catch((err: unknown) => {
      console.error('the comparison failed:', err);
      this.status.textContent = this.i18n.t('status.invalid');
    });
  }

  private showState(s: CompareState): void {
    this.root.dataset.state = s;
    this.runBtn.disabled = s === 'running';
    this.cancelBtn.hidden = s !== 'running';
    this.exportJson.disabled = s !== 'done';
    this.exportCsv.disabled = s !== 'done';
    if (s === 'invalid') this.status.textContent = this.i18n.t('status.invalid');
    if (s === 'cancelled') this.status.textContent = this.i18n.t('compare.cancelled');
    if (s === 'done') {
      this.status.textContent = this.i18n.t('compare.finished', {
        n: this.c.columns.length,
        last: this.c.replicates - 1,
        seed: this.c.seed,
      });
      this.render();
    }
  }

  whenIdle(): Promise<void> {
    return this.c.whenIdle();
  }

  /** Draw the finished comparison (again: after a language change, or for the screen it is on). */
  render(): void {
    const result = this.c.result;
    if (this.c.state !== 'done' || !result) return;
    this.charts.render({
      result,
      columns: this.c.columns,
      seed: this.c.seed,
      replicates: this.c.replicates,
      cycles: this.c.cycles,
      present: this.root.closest('.present') !== null,
    });
  }

  private download(kind: 'json' | 'csv'): void {
    const result = this.c.result;
    if (this.c.state !== 'done' || !result) return;
    if (kind === 'json') downloadComparisonJson(result, this.c.seed);
    else downloadComparisonCsv(result, this.c.columns, this.c.seed, this.i18n);
  }

  relabel(): void {
    applyI18n(this.root, this.i18n);
    this.renderColumns();
    if (this.c.state === 'done') this.showState('done');
    else this.render();
  }

  dispose(): void {
    this.c.dispose();
  }
}
