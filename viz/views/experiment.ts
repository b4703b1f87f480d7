import { el } from '../dom.ts';
import type { I18n } from '../i18n/index.ts';
import { applyI18n } from './i18nDom.ts';

/** The Experiment view: batch designs on the experiment engine's worker pool (when the pool exists). */
export class ExperimentView {
  readonly root: HTMLElement;
  private i18n: I18n;

  constructor(host: HTMLElement, ctx: { i18n: I18n }) {
    this.i18n = ctx.i18n;
    this.root = el('section', { class: 'view experiment', 'data-view': 'experiment', 'aria-labelledby': 'experiment-h', hidden: true }, [
      el('h1', { id: 'experiment-h', 'data-i18n': 'experiment.heading' }),
      el('p', { class: 'help', 'data-i18n': 'experiment.unavailable' }),
    ]);
    host.appendChild(this.root);
  }

  relabel(): void {
    applyI18n(this.root, this.i18n);
  }
}
