import type { ParamSpec, ParamValue } from '../../sim/engine/model.ts';
import { clear, el, uid } from '../dom.ts';
import type { I18n } from '../i18n/index.ts';

/** Slider step: a power of ten about a hundredth of the range (whole numbers for integers). */
export function stepOf(spec: ParamSpec): number {
  if (spec.kind === 'integer') return 1;
  const span = (spec.max ?? 1) - (spec.min ?? 0);
  if (!(span > 0)) return 0.01;
  return 10 ** Math.floor(Math.log10(span / 100));
}

/** Groups in the order the registry first names them, main levers first. */
export function groupsOf(params: readonly ParamSpec[]): { group: string; params: ParamSpec[] }[] {
  const out: { group: string; params: ParamSpec[] }[] = [];
  const levers = params.filter((p) => p.lever);
  if (levers.length > 0) out.push({ group: 'levers', params: levers });
  for (const p of params) {
    if (p.lever) continue;
    let g = out.find((x) => x.group === p.group);
    if (!g) {
      g = { group: p.group, params: [] };
      out.push(g);
    }
    g.params.push(p);
  }
  return out;
}

export interface LeverPanel {
  /** Show values (the scenario's own values mark what counts as changed). */
  set(values: Record<string, ParamValue>, base: Record<string, ParamValue>): void;
  relabel(): void;
}

/**
 * Every registry parameter as a labelled control, grouped as in the registry: a slider and a number
 * box for numbers, a select for choices; range, unit and description in the chosen language.
 */
export function leverPanel(
  host: HTMLElement,
  i18n: I18n,
  params: readonly ParamSpec[],
  onChange: (name: string, value: ParamValue) => void,
  onValidity?: (name: string, valid: boolean) => void,
): LeverPanel {
  clear(host);
  const rows = new Map<
    string,
    {
      spec: ParamSpec;
      range?: HTMLInputElement;
      num?: HTMLInputElement;
      select?: HTMLSelectElement;
      row: HTMLElement;
      desc: HTMLElement;
      rangeText: HTMLElement;
      error: HTMLElement;
      pname: HTMLElement;
      code: HTMLElement;
    }
  >();
  const groupTitles: { node: HTMLElement; group: string }[] = [];
  for (const { group, params: ps } of groupsOf(params)) {
    const title = el('summary', { class: 'group-title' });
    groupTitles.push({ node: title, group });
    const body = el('div', { class: 'group-body' });
    host.appendChild(
      el('details', { class: 'lever-group', 'data-group': group, open: group === 'levers' }, [title, body]),
    );
    for (const spec of ps) {
      const id = uid(`p-${spec.name}`);
      const descId = uid('desc');
      const errId = uid('err');
      const desc = el('p', { class: 'desc', id: descId });
      const rangeText = el('span', { class: 'range' });
      const error = el('p', { class: 'field-error', id: errId, role: 'alert' });
      // The human name; in English the registry name too (what scenario files and --set use).
      const pname = el('span', { class: 'pname' });
      const code = el('code', { class: 'pcode', text: spec.name });
      const label = el('label', { for: id }, [
        pname,
        spec.symbol ? el('span', { class: 'symbol', text: ` (${spec.symbol})` }) : null,
        code,
      ]);
      const row = el('div', { class: 'lever', 'data-param': spec.name });
      const entry: {
        spec: ParamSpec;
        range?: HTMLInputElement;
        num?: HTMLInputElement;
        select?: HTMLSelectElement;
        row: HTMLElement;
        desc: HTMLElement;
        rangeText: HTMLElement;
        error: HTMLElement;
        pname: HTMLElement;
        code: HTMLElement;
      } = { spec, row, desc, rangeText, error, pname, code };
      if (spec.kind === 'choice') {
        const select = el('select', { id, 'aria-describedby': `${descId} ${errId}`, 'data-param': spec.name });
        for (const c of spec.choices ?? [])
          select.appendChild(el('option', { value: c, text: i18n.choice(spec.name, c) }));
        select.addEventListener('change', () => onChange(spec.name, select.value));
        entry.select = select;
        row.append(label, el('div', { class: 'inputs' }, [select, rangeText]), desc, error);
      } else {
        const step = stepOf(spec);
        const range = el('input', {
          type: 'range',
          min: spec.min ?? 0,
          max: spec.max ?? 1,
          step,
          tabindex: -1,
          'aria-hidden': 'true',
          'data-param': spec.name,
        });
        const num = el('input', {
          type: 'number',
          id,
          min: spec.min,
          max: spec.max,
          step: spec.kind === 'integer' ? 1 : 'any',
          inputmode: 'decimal',
          'aria-describedby': `${descId} ${errId}`,
          'data-param': spec.name,
        });
        range.addEventListener('input', () => {
          num.value = range.value;
        });
        range.addEventListener('change', () => commit(Number(range.value)));
        num.addEventListener('change', () => commit(num.value.trim() === '' ? Number.NaN : Number(num.value)));
        // Say what is wrong with a value (not a number, not whole, out of range), and tell the
        // view, which refuses to run on the old value without saying so.
        const commit = (v: number) => {
          const vars = {
            value: Number.isFinite(v) ? i18n.num(v, 6) : num.value,
            name: i18n.param(spec.name),
            min: i18n.num(spec.min ?? Number.NaN, 6),
            max: i18n.num(spec.max ?? Number.NaN, 6),
          };
          const why = !Number.isFinite(v)
            ? 'explore.notNumber'
            : spec.kind === 'integer' && !Number.isInteger(v)
              ? 'explore.notWhole'
              : (spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)
                ? 'explore.invalidValue'
                : null;
          if (why) {
            error.textContent = i18n.t(why, vars);
            num.setAttribute('aria-invalid', 'true');
            onValidity?.(spec.name, false);
            return;
          }
          error.textContent = '';
          num.removeAttribute('aria-invalid');
          onValidity?.(spec.name, true);
          onChange(spec.name, v);
        };
        entry.range = range;
        entry.num = num;
        row.append(label, el('div', { class: 'inputs' }, [range, num, rangeText]), desc, error);
      }
      rows.set(spec.name, entry);
      body.appendChild(row);
    }
  }
  const relabel = () => {
    for (const { node, group } of groupTitles)
      node.textContent = i18n.t(`group.${group}`) === `group.${group}` ? group : i18n.t(`group.${group}`);
    for (const { spec, desc, rangeText, pname, code, select } of rows.values()) {
      pname.textContent = i18n.param(spec.name);
      if (select) for (const o of Array.from(select.options)) o.textContent = i18n.choice(spec.name, o.value);
      code.hidden = i18n.lang !== 'en' || pname.textContent === spec.name;
      desc.textContent = i18n.pick(spec.description);
      const unitKey = `unit.${spec.unit}`;
      const unit = spec.unit ? ` ${i18n.t(unitKey) === unitKey ? spec.unit : i18n.t(unitKey)}` : '';
      rangeText.textContent =
        spec.kind === 'choice'
          ? ''
          : `${i18n.t('explore.range', { min: i18n.num(spec.min ?? Number.NaN, 6), max: i18n.num(spec.max ?? Number.NaN, 6) })}${unit}`;
    }
  };
  relabel();
  return {
    set(values, base) {
      for (const { spec, range, num, select, row, error } of rows.values()) {
        const v = values[spec.name];
        if (v === undefined) continue;
        if (select) select.value = String(v);
        if (range && num) {
          range.value = String(v);
          num.value = String(v);
          if (num.getAttribute('aria-invalid') === 'true') onValidity?.(spec.name, true);
          num.removeAttribute('aria-invalid');
        }
        error.textContent = '';
        row.classList.toggle('changed', base[spec.name] !== v);
      }
    },
    relabel,
  };
}
