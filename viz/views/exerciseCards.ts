// Decision cards and lever controls of the exercise's play page. Every control is a native, labelled
// form control (radios in a fieldset, number inputs with labels), so the page works from the keyboard
// and a screen reader; all text goes in as text.
import type { ModelEvent } from '../../sim/engine/model.ts';
import { leverSpec } from '../../sim/exercise/levers.ts';
import type { Allocation, DecisionItem, DecisionValue } from '../../sim/exercise/types.ts';
import { el, uid } from '../dom.ts';
import { provinceRecord } from '../exercise/record.ts';
import type { TextContext } from '../exercise/text.ts';

export interface CardOptions {
  ctx: TextContext;
  /** The run's events so far (the province's record with the centre). */
  events: readonly ModelEvent[];
  /** The province's allocation last round, to start the allocation inputs from. */
  lastAllocation: Allocation | null;
  decide(key: string, value: DecisionValue): void;
}

function facts(rows: [string, string][]): HTMLElement {
  const dl = el('dl', { class: 'facts' });
  for (const [k, v] of rows) dl.append(el('dt', { text: k }), el('dd', { text: v }));
  return dl;
}

function yesNo(
  item: DecisionItem,
  value: DecisionValue | undefined,
  yes: string,
  no: string,
  o: CardOptions,
): HTMLElement {
  const group = el('div', { class: 'choices' });
  for (const [v, label] of [
    [true, yes],
    [false, no],
  ] as const) {
    const id = uid('choice');
    const input = el('input', {
      type: 'radio',
      id,
      name: `decide-${item.key}`,
      value: v ? 'yes' : 'no',
      checked: value === v,
      'data-control': v ? 'approve' : 'reject',
      'data-focus': `${item.key}:${v ? 'yes' : 'no'}`,
    });
    input.addEventListener('change', () => {
      if (input.checked) o.decide(item.key, v);
    });
    group.append(el('span', { class: 'choice' }, [input, el('label', { for: id, text: label })]));
  }
  return group;
}

/** The province's record as short text: only what happened, e.g. "pilots approved 2 · incidents 1". */
function recordText(o: CardOptions, province: string): string {
  const r = provinceRecord(o.events, province);
  const parts = (Object.keys(r) as (keyof typeof r)[])
    .filter((k) => r[k] > 0)
    .map((k) => o.ctx.t(`exercise.rec.${k}`, { n: r[k] }));
  return parts.length > 0 ? parts.join(' · ') : o.ctx.t('exercise.card.noRecord');
}

function recordLine(o: CardOptions, province: string): HTMLElement {
  return el('p', { class: 'record' }, [
    el('span', { class: 'record-label', text: `${o.ctx.t('exercise.card.record')}: ` }),
    recordText(o, province),
  ]);
}

const pct = (a: readonly number[]) => {
  const sum = a.reduce((x, y) => x + y, 0);
  return a.map((v) => Math.round((100 * v) / sum));
};

function allocationCard(
  item: Extract<DecisionItem, { kind: 'allocate' }>,
  value: DecisionValue | undefined,
  o: CardOptions,
): HTMLElement[] {
  const { ctx } = o;
  const start = Array.isArray(value) ? pct(value) : pct(o.lastAllocation ?? item.proposed);
  const inputs: HTMLInputElement[] = [];
  const fields = ['agreements', 'missions', 'culture'].map((way, k) => {
    const id = uid('alloc');
    const input = el('input', {
      type: 'number',
      id,
      min: 0,
      max: 100,
      step: 1,
      value: start[k]!,
      'data-control': `alloc-${way}`,
      'data-focus': `alloc-${way}`,
    });
    inputs.push(input);
    return el('div', { class: 'field' }, [el('label', { for: id, text: ctx.t(`exercise.way.${way}`) }), input]);
  });
  const error = el('p', { class: 'field-error', role: 'alert' });
  const read = (): Allocation | null => {
    const v = inputs.map((i) => Number(i.value));
    const ok = v.every((x) => Number.isFinite(x) && x >= 0) && v.reduce((a, b) => a + b, 0) > 0;
    for (const i of inputs) i.setAttribute('aria-invalid', ok ? 'false' : 'true');
    error.textContent = ok ? '' : ctx.t('exercise.card.allocInvalid');
    return ok ? (v as Allocation) : null;
  };
  const confirm = el('button', {
    type: 'button',
    class: 'primary',
    'data-control': 'alloc-confirm',
    'data-focus': 'alloc-confirm',
    text: ctx.t('exercise.card.allocConfirm'),
  });
  confirm.addEventListener('click', () => {
    const v = read();
    if (v) o.decide(item.key, v);
  });
  const useModel = el('button', {
    type: 'button',
    'data-control': 'alloc-model',
    'data-focus': 'alloc-model',
    text: ctx.t('exercise.card.allocUseModel'),
  });
  useModel.addEventListener('click', () => o.decide(item.key, [...item.proposed] as Allocation));
  const m = pct(item.proposed);
  return [
    el('p', { class: 'help', text: ctx.t('exercise.card.allocHelp') }),
    el('div', { class: 'field-row' }, fields),
    error,
    el('p', {
      class: 'model-hint',
      text: ctx.t('exercise.card.allocModel', { agreements: m[0]!, missions: m[1]!, culture: m[2]! }),
    }),
    el('div', { class: 'actions' }, [confirm, useModel]),
    el('p', {
      class: 'decided',
      'data-role': 'decided',
      text: Array.isArray(value)
        ? ctx.t('exercise.card.allocDecided', {
            agreements: pct(value)[0]!,
            missions: pct(value)[1]!,
            culture: pct(value)[2]!,
          })
        : ctx.t('exercise.card.undecided'),
    }),
  ];
}

/** One item of the round as a card: what the decider knows, and the choice. */
export function decisionCard(item: DecisionItem, value: DecisionValue | undefined, o: CardOptions): HTMLElement {
  return decisionCardPart(item, value, o).root;
}

export interface CardPart {
  root: HTMLElement;
  /** Show `value` as the item's decision (undefined: still open) without rebuilding the card. */
  update(value: DecisionValue | undefined): void;
}

/** Mark the card decided or open, as its classes and data-decided say. */
function markDecided(card: HTMLElement, decided: boolean): void {
  card.className = `card ${decided ? 'is-decided' : 'is-open'}`;
  card.dataset.decided = decided ? 'true' : 'false';
}

/** The card and a way to show a new decision in place, so the control the person used keeps the focus. */
export function decisionCardPart(item: DecisionItem, value: DecisionValue | undefined, o: CardOptions): CardPart {
  const { ctx } = o;
  const province = ctx.names.province[item.provinceId] ?? item.provinceName;
  let legend: string;
  let body: HTMLElement[];
  const n = (v: number) => ctx.num(v, 3);
  switch (item.kind) {
    case 'pilot':
      legend = ctx.t('exercise.card.pilot', { id: item.proposalId, province });
      body = [
        facts([
          [ctx.t('exercise.card.type'), ctx.t(`type.${item.type}`)],
          [ctx.t('exercise.card.distance'), String(item.distance)],
          [ctx.t('exercise.card.benefit'), n(item.expectedBenefit)],
          [ctx.t('exercise.card.risk'), n(item.assessedRisk)],
          [
            ctx.t('exercise.card.track2'),
            item.tested && item.testGain !== null
              ? ctx.t('exercise.card.tested', { gain: n(item.testGain) })
              : ctx.t('exercise.card.untested'),
          ],
          [ctx.t('exercise.card.trust'), n(item.trust)],
          [ctx.t('exercise.card.capacity'), n(item.capacity)],
        ]),
        recordLine(o, item.provinceId),
        yesNo(item, value, ctx.t('exercise.card.approve'), ctx.t('exercise.card.reject'), o),
      ];
      break;
    case 'agreement':
      legend = ctx.t('exercise.card.agreement', {
        id: item.requestId,
        province,
        partner: ctx.names.partner[item.partner] ?? item.partner,
      });
      body = [
        facts([
          [ctx.t('exercise.card.type'), ctx.t(`type.${item.type}`)],
          [ctx.t('exercise.card.sensitivity'), n(item.sensitivity)],
          [
            ctx.t('exercise.card.window'),
            ctx.t(item.inWindow ? 'exercise.card.windowOpen' : 'exercise.card.windowClosed'),
          ],
        ]),
        recordLine(o, item.provinceId),
        yesNo(item, value, ctx.t('exercise.card.approve'), ctx.t('exercise.card.reject'), o),
      ];
      break;
    case 'propose':
      legend = ctx.t('exercise.card.propose', { n: item.index + 1, province });
      body = [
        facts([
          [ctx.t('exercise.card.distance'), String(item.distance)],
          [ctx.t('exercise.card.benefit'), n(item.expectedBenefit)],
        ]),
        el('p', { class: 'help', text: ctx.t('exercise.card.proposeHelp') }),
        yesNo(item, value, ctx.t('exercise.card.proposeYes'), ctx.t('exercise.card.proposeNo'), o),
      ];
      break;
    case 'allocate':
      legend = ctx.t('exercise.card.allocate', { province });
      body = allocationCard(item, value, o);
      break;
  }
  const root = el('fieldset', { 'data-key': item.key, 'data-kind': item.kind }, [
    el('legend', { text: legend }),
    ...body,
  ]);
  markDecided(root, value !== undefined);
  let shown = JSON.stringify(value);
  return {
    root,
    update(next) {
      const json = JSON.stringify(next);
      if (json === shown) return;
      shown = json;
      markDecided(root, next !== undefined);
      if (item.kind === 'allocate') showAllocation(root, next, ctx);
      else
        for (const input of root.querySelectorAll<HTMLInputElement>('input[type="radio"]'))
          input.checked = next !== undefined && input.value === (next ? 'yes' : 'no');
    },
  };
}

/** The allocation card's inputs and its line under them, for a new decision (as built by allocationCard). */
function showAllocation(card: HTMLElement, value: DecisionValue | undefined, ctx: TextContext): void {
  const line = card.querySelector('[data-role="decided"]')!;
  if (!Array.isArray(value)) {
    line.textContent = ctx.t('exercise.card.undecided');
    return;
  }
  const p = pct(value);
  ['agreements', 'missions', 'culture'].forEach((way, k) => {
    const input = card.querySelector<HTMLInputElement>(`input[data-control="alloc-${way}"]`)!;
    input.value = String(p[k]);
  });
  line.textContent = ctx.t('exercise.card.allocDecided', { agreements: p[0]!, missions: p[1]!, culture: p[2]! });
}

export interface LeverForm {
  root: HTMLElement;
  /** Show new values in force, a new draft and a new note in place (inputs change only when the draft did). */
  update(inForce: Record<string, number>, draft: Record<string, number>, note: string): void;
}

/** The centre's levers for the round: a labelled number box each, the value in force beside it. */
export function leverForm(
  names: readonly string[],
  inForce: Record<string, number>,
  draft: Record<string, number>,
  ctx: TextContext,
  apply: (values: Record<string, number>) => string | null,
  note = '',
): LeverForm {
  const inputs = new Map<string, HTMLInputElement>();
  const rows = names.map((name) => {
    const spec = leverSpec(name)!;
    const id = uid('lever');
    const value = draft[name] ?? inForce[name]!;
    const step = spec.kind === 'integer' ? 1 : 0.05;
    const input = el('input', {
      type: 'number',
      id,
      min: spec.min ?? 0,
      max: spec.max ?? 1,
      step,
      value,
      'data-control': `lever-${name}`,
      'data-focus': `lever-${name}`,
    });
    inputs.set(name, input);
    return el('div', { class: 'lever', 'data-param': name }, [
      el('label', { for: id, text: ctx.t(`exercise.lever.${name}`) }),
      el('div', { class: 'inputs' }, [input, el('span', { class: 'range', 'data-role': 'in-force' })]),
      el('p', { class: 'desc', text: ctx.pick(spec.description) }),
    ]);
  });
  const error = el('p', { class: 'field-error', role: 'alert' });
  const btn = el('button', {
    type: 'button',
    'data-control': 'levers-apply',
    'data-focus': 'levers-apply',
    text: ctx.t('exercise.levers.apply'),
  });
  btn.addEventListener('click', () => {
    const values: Record<string, number> = {};
    for (const [name, input] of inputs) values[name] = Number(input.value);
    error.textContent = apply(values) ?? '';
  });
  const noteLine = el('p', { class: 'levers-note', 'data-role': 'levers-note' });
  const root = el('fieldset', { class: 'panel levers-panel', 'data-role': 'levers' }, [
    el('legend', { text: ctx.t('exercise.levers.title') }),
    el('p', { class: 'help', text: ctx.t('exercise.levers.help') }),
    ...rows,
    error,
    btn,
    noteLine,
  ]);
  let shown: string | null = null;
  const update = (inForce: Record<string, number>, draft: Record<string, number>, note: string) => {
    noteLine.textContent = note;
    const json = JSON.stringify([inForce, draft]);
    if (json === shown) return;
    shown = json;
    for (const [name, input] of inputs) {
      const spec = leverSpec(name)!;
      const changed = draft[name] !== undefined;
      const row = input.closest<HTMLElement>('.lever')!;
      row.classList.toggle('changed', changed);
      input.value = String(draft[name] ?? inForce[name]!);
      row.querySelector('[data-role="in-force"]')!.textContent = changed
        ? ctx.t('exercise.levers.inForceChanged', {
            value: ctx.num(draft[name]!, 3),
            previous: ctx.num(inForce[name]!, 3),
            min: ctx.num(spec.min ?? 0),
            max: ctx.num(spec.max ?? 1),
          })
        : ctx.t('exercise.levers.inForce', {
            value: ctx.num(inForce[name]!, 3),
            min: ctx.num(spec.min ?? 0),
            max: ctx.num(spec.max ?? 1),
          });
    }
  };
  update(inForce, draft, note);
  return { root, update };
}
