// The Experiment view's design form: scenario, seed and counts, design type and its size, the levers
// with their ranges (or levels), the metrics, the scenario-discovery criterion and derived metrics.
// It edits a Builder (sim/experiment/builder.ts) in place and says whether the form's structure
// changed (redrawing it removes the input being edited, so a typed value only refreshes the file).
import {
  DESIGNS,
  nextParam,
  paramRow,
  withDesign,
  withScenario,
  type Builder,
  type DesignKind,
} from '../../../sim/experiment/builder.ts';
import { finalKeys } from '../../../sim/experiment/experiment.ts';
import { getModel } from '../../../sim/models.ts';
import { BUNDLED_SCENARIOS } from '../../../sim/scenarios.ts';
import type { ParamSpec } from '../../../sim/engine/model.ts';
import { el, uid } from '../../dom.ts';
import { paramName } from '../../exercise/text.ts';
import type { I18n } from '../../i18n/index.ts';

/** The model of a bundled scenario (the governance model when it names none). */
export function modelOfScenario(scenario: string) {
  return getModel((BUNDLED_SCENARIOS[scenario] as { model?: string } | undefined)?.model ?? 'governance')!;
}

/** The parameter registry of the builder's scenario's model. */
export function registryOf(b: Builder): readonly ParamSpec[] {
  return modelOfScenario(b.scenario).params;
}

export function renderBuilderForm(
  host: HTMLElement,
  i18n: I18n,
  b: Builder,
  changed: (rebuild: boolean) => void,
): void {
  host.replaceChildren();
  const t = i18n.t;
  const registry = registryOf(b);
  const pn = (n: string) => paramName(i18n.lang, n);
  const field = (key: string, input: HTMLElement) =>
    el('div', { class: 'field' }, [el('label', { for: input.id, text: t(key) }), input]);
  const numberInput = (
    control: string,
    value: number,
    min: number,
    max: number,
    set: (v: number) => void,
    step: number | 'any' = 1,
  ) => {
    const input = el('input', { type: 'number', id: uid(control), value, min, max, step, 'data-control': control });
    input.addEventListener('change', () => {
      const v = Number(input.value);
      if (input.value.trim() === '' || !Number.isFinite(v)) return;
      set(v);
      changed(false);
    });
    return input;
  };
  const scen = el('select', { id: uid('exp-scenario'), 'data-control': 'experiment-scenario' });
  for (const name of Object.keys(BUNDLED_SCENARIOS)) scen.appendChild(el('option', { value: name, text: name }));
  scen.value = b.scenario;
  scen.addEventListener('change', () => {
    const model = modelOfScenario(scen.value);
    Object.assign(b, withScenario(b, scen.value, model.params, finalKeys(model)));
    changed(true);
  });
  const type = el('select', { id: uid('exp-type'), 'data-control': 'experiment-type' });
  for (const d of DESIGNS) type.appendChild(el('option', { value: d, text: t(`experiment.type.${d}`) }));
  type.value = b.type;
  type.addEventListener('change', () => {
    Object.assign(b, withDesign(b, type.value as DesignKind, registry));
    changed(true);
  });
  const rows = el('div', { class: 'param-rows' });
  b.params.forEach((p, k) => {
    const spec = registry.find((s) => s.name === p.name);
    const ps = el('select', { 'data-control': `experiment-param-${k}`, 'aria-label': t('compare.lever') });
    for (const s of registry)
      if (b.type === 'factorial' || s.kind !== 'choice')
        ps.appendChild(el('option', { value: s.name, text: pn(s.name) }));
    ps.value = p.name;
    ps.addEventListener('change', () => {
      b.params[k] = paramRow(registry.find((x) => x.name === ps.value)!);
      changed(true);
    });
    const mk = (control: string, label: string, value: number, set: (v: number) => void) => {
      const input = el('input', {
        type: 'number',
        value,
        step: 'any',
        size: 6,
        'data-control': `${control}-${k}`,
        'aria-label': `${pn(p.name)} ${label}`,
      });
      input.addEventListener('change', () => {
        const v = Number(input.value);
        if (input.value.trim() === '' || !Number.isFinite(v)) return;
        set(v);
        changed(false);
      });
      return input;
    };
    const rm = el('button', {
      type: 'button',
      class: 'small',
      text: '×',
      'aria-label': `${t('compare.remove')} ${pn(p.name)}`,
    });
    rm.addEventListener('click', () => {
      b.params.splice(k, 1);
      changed(true);
    });
    const row = el('div', { class: 'lever-row' }, [ps]);
    if (spec?.kind !== 'choice') {
      row.append(
        el('span', { class: 'range', text: t('experiment.min') }),
        mk('experiment-min', t('experiment.min'), p.min, (v) => {
          p.min = v;
        }),
        el('span', { class: 'range', text: t('experiment.max') }),
        mk('experiment-max', t('experiment.max'), p.max, (v) => {
          p.max = v;
        }),
      );
      if (b.type === 'factorial')
        row.append(
          el('span', { class: 'range', text: t('experiment.levels') }),
          mk('experiment-levels', t('experiment.levels'), p.levels, (v) => {
            p.levels = Math.max(1, Math.round(v));
          }),
        );
    } else
      row.append(
        el('span', { class: 'range', text: (spec.choices ?? []).map((c) => i18n.choice(p.name, c)).join(', ') }),
      );
    row.append(rm);
    rows.appendChild(row);
  });
  const add = el('button', {
    type: 'button',
    class: 'small',
    'data-control': 'experiment-add-param',
    text: t('experiment.addParam'),
  });
  add.addEventListener('click', () => {
    const row = nextParam(b, registry);
    if (!row) return;
    b.params.push(row);
    changed(true);
  });
  const sizeFields: HTMLElement[] = [];
  if (b.type === 'lhs' || b.type === 'sobol')
    sizeFields.push(
      field(
        b.type === 'lhs' ? 'experiment.samples' : 'experiment.baseSamples',
        numberInput('experiment-samples', b.samples, 1, 100000, (v) => {
          b.samples = v;
        }),
      ),
    );
  if (b.type === 'morris') {
    sizeFields.push(
      field(
        'experiment.trajectories',
        numberInput('experiment-trajectories', b.trajectories, 2, 10000, (v) => {
          b.trajectories = v;
        }),
      ),
    );
    sizeFields.push(
      field(
        'experiment.gridLevels',
        numberInput('experiment-grid', b.levels, 2, 100, (v) => {
          b.levels = v;
        }),
      ),
    );
  }
  const finals = finalKeys(modelOfScenario(b.scenario));
  const metrics = el('fieldset', { class: 'metric-list' }, [el('legend', { text: t('compare.metrics') })]);
  for (const m of finals) {
    const id = uid('exp-m');
    const box = el('input', { type: 'checkbox', id, value: m, checked: b.metrics.includes(m), 'data-metric': m });
    box.addEventListener('change', () => {
      b.metrics = finals.filter((x) => (x === m ? box.checked : b.metrics.includes(x)));
      changed(false);
    });
    metrics.appendChild(el('span', { class: 'check' }, [box, el('label', { for: id, text: i18n.metric(m) })]));
  }
  const crit = (key: string, control: string, value: string, set: (v: string) => void) => {
    const input = el('input', {
      type: 'number',
      id: uid(control),
      value,
      min: 0,
      max: 1,
      step: 'any',
      'data-control': control,
    });
    input.addEventListener('change', () => {
      set(input.value);
      changed(false);
    });
    return field(key, input);
  };
  host.append(
    el('div', { class: 'field-row' }, [
      field('explore.scenario', scen),
      field(
        'explore.seed',
        numberInput('experiment-seed', b.seed, 0, 4294967295, (v) => {
          b.seed = v;
        }),
      ),
      field(
        'explore.replicates',
        numberInput('experiment-replicates', b.replicates, 1, 100000, (v) => {
          b.replicates = v;
        }),
      ),
      field(
        'explore.cycles',
        numberInput('experiment-cycles', b.cycles, 1, 100000, (v) => {
          b.cycles = v;
        }),
      ),
    ]),
    el('div', { class: 'field-row' }, [field('experiment.type', type), ...sizeFields]),
    el('p', { class: 'group-title', text: t('experiment.parameters') }),
    rows,
    add,
    metrics,
    el('p', { class: 'group-title', text: t('experiment.criterion') }),
    el('div', { class: 'field-row' }, [
      crit('experiment.coherenceMin', 'experiment-coherence-min', b.coherenceMin, (v) => {
        b.coherenceMin = v;
      }),
      crit('experiment.innovationMin', 'experiment-innovation-min', b.innovationMin, (v) => {
        b.innovationMin = v;
      }),
    ]),
    derivedField(b, i18n, changed),
  );
}

/**
 * Derived metrics as `name = expression; …`, as Compare takes them. Expressions are written in the
 * metrics' code names (the names a file or `--derived` uses), so the field is marked as code.
 */
function derivedField(b: Builder, i18n: I18n, changed: (rebuild: boolean) => void): HTMLElement {
  const input = el('input', {
    type: 'text',
    id: uid('experiment-derived'),
    value: b.derived,
    'data-control': 'experiment-derived',
    'data-code': '',
    placeholder: 'balanced = min(coherence, innovation)',
    spellcheck: 'false',
  });
  input.addEventListener('change', () => {
    b.derived = input.value;
    changed(false);
  });
  return el('div', { class: 'field' }, [el('label', { for: input.id, text: i18n.t('compare.derived') }), input]);
}
