import { el } from '../dom.ts';
import type { I18n } from '../i18n/index.ts';
import type { CompareShare } from '../share/url.ts';
import type { Remote } from '../worker/client.ts';
import type { Catalog, SessionApi } from '../worker/session.ts';
import { applyI18n } from './i18nDom.ts';

export interface CompareContext {
  i18n: I18n;
  catalog: Catalog;
  api: () => Remote<SessionApi>;
  onShare(share: CompareShare): void;
}

export class CompareView {
  readonly root: HTMLElement;
  private ctx: CompareContext;

  constructor(host: HTMLElement, ctx: CompareContext) {
    this.ctx = ctx;
    this.root = el('section', { class: 'view compare', 'data-view': 'compare', 'aria-labelledby': 'compare-h', hidden: true }, [
      el('h1', { id: 'compare-h', 'data-i18n': 'compare.heading' }),
      el('p', { class: 'help', 'data-i18n': 'compare.help' }),
    ]);
    host.appendChild(this.root);
  }

  share(): CompareShare | null {
    return null;
  }

  async applyShare(_share: CompareShare): Promise<void> {}

  relabel(): void {
    applyI18n(this.root, this.ctx.i18n);
  }

  whenIdle(): Promise<void> {
    return Promise.resolve();
  }

  dispose(): void {}
}
