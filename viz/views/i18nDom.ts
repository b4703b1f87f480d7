import type { I18n } from '../i18n/index.ts';

/**
 * Static text in the DOM is marked with `data-i18n="key"` (textContent) and
 * `data-i18n-attr="attr:key;attr:key"` (attributes); `applyI18n` fills both in the current language.
 */
export function applyI18n(root: ParentNode, i18n: I18n): void {
  for (const node of Array.from(root.querySelectorAll<HTMLElement>('[data-i18n]'))) {
    node.textContent = i18n.t(node.dataset.i18n!);
  }
  for (const node of Array.from(root.querySelectorAll<HTMLElement>('[data-i18n-attr]'))) {
    for (const pair of node.dataset.i18nAttr!.split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) node.setAttribute(attr, i18n.t(key));
    }
  }
}
