import { el, uid } from '../dom.ts';
import { paramName } from '../exercise/text.ts';
import type { I18n } from '../i18n/index.ts';
import { issueLines } from '../views/issues.ts';
import type { Catalog } from '../worker/session.ts';
import { LETTERS, MIN_COLUMNS, modelOf, type Column } from './columns.ts';

/**
 * The columns' panels: a scenario select, the levers set on it, and its problems. `changed` is called
 * after an edit that changes the panels' shape (a scenario, a lever or a column added or removed), so they
 * are drawn again; a lever's value or name changes in place.
 */
export function renderColumns(
  host: HTMLElement,
  columns: Column[],
  catalog: Catalog,
  i18n: I18n,
  changed: () => void,
): void {
  const t = i18n.t;
  host.replaceChildren(
    ...columns.map((col, i) => {
      const selId = uid('cmp-s');
      const select = el('select', { id: selId, 'data-control': `compare-scenario-${i}` });
      for (const s of catalog.scenarios) select.appendChild(el('option', { value: s.name, text: s.name }));
      select.value = col.scenario;
      select.addEventListener('change', () => {
        col.scenario = select.value;
        col.params = [];
        changed();
      });
      const model = modelOf(catalog, col.scenario);
      const rows = el('div', { class: 'lever-rows' });
      col.params.forEach((p, k) => {
        const ps = el('select', {
          id: uid('cmp-p'),
          'data-control': `compare-param-${i}-${k}`,
          'aria-label': t('compare.lever'),
        });
        for (const spec of model?.params ?? [])
          ps.appendChild(el('option', { value: spec.name, text: paramName(i18n.lang, spec.name) }));
        ps.value = p.name;
        ps.addEventListener('change', () => {
          p.name = ps.value;
        });
        const v = el('input', {
          type: 'text',
          id: uid('cmp-v'),
          value: p.value,
          size: 8,
          'data-control': `compare-value-${i}-${k}`,
          'aria-label': t('compare.value'),
        });
        v.addEventListener('change', () => {
          p.value = v.value.trim();
        });
        const rm = el('button', {
          type: 'button',
          class: 'small',
          text: '×',
          'aria-label': `${t('compare.remove')} ${paramName(i18n.lang, p.name)}`,
        });
        rm.addEventListener('click', () => {
          col.params.splice(k, 1);
          changed();
        });
        rows.appendChild(el('div', { class: 'lever-row' }, [ps, v, rm]));
      });
      const addLever = el('button', {
        type: 'button',
        class: 'small',
        'data-control': `compare-add-lever-${i}`,
        text: t('compare.setLever'),
      });
      addLever.addEventListener('click', () => {
        const first = model?.params.find((p) => p.lever) ?? model?.params[0];
        if (!first) return;
        col.params.push({ name: first.name, value: String(first.default) });
        changed();
      });
      const remove = el('button', {
        type: 'button',
        class: 'small',
        'data-control': `compare-remove-${i}`,
        text: t('compare.remove'),
        disabled: columns.length <= MIN_COLUMNS,
      });
      remove.addEventListener('click', () => {
        if (columns.length <= MIN_COLUMNS) return;
        columns.splice(i, 1);
        changed();
      });
      const issues = el('div', { class: 'issues', role: 'alert' });
      if (col.issues.length > 0) {
        const ul = el('ul');
        for (const line of issueLines(col.issues, i18n))
          ul.appendChild(el('li', { 'data-path': line.path, text: line.text }));
        issues.appendChild(ul);
      }
      return el('section', { class: 'compare-column', 'data-column': i, 'aria-labelledby': `${selId}-h` }, [
        el('h2', { id: `${selId}-h`, text: t('compare.column', { letter: LETTERS[i]! }) }),
        el('div', { class: 'field' }, [el('label', { for: selId, text: t('explore.scenario') }), select]),
        rows,
        el('div', { class: 'lever-row' }, [addLever, remove]),
        issues,
      ]);
    }),
  );
}
