import { describe, expect, it } from 'vitest';
import {
  builderExperiment,
  builderName,
  defaultBuilder,
  levelsOf,
  nextParam,
  paramRow,
  parseDerivedText,
  withDesign,
  withScenario,
} from '../../sim/experiment/builder.ts';
import { resolveExperiment, experimentDerived, finalKeys } from '../../sim/experiment/experiment.ts';
import { getModel } from '../../sim/models.ts';

const governance = getModel('governance')!;
const march = getModel('march1991')!;
const spec = (n: string) => governance.params.find((p) => p.name === n)!;

describe('levelsOf', () => {
  it('levelsOf(real, 0, 1, 5) is evenly spaced, ends included', () => {
    expect(levelsOf(spec('autonomy'), 0, 1, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
  it('levelsOf(real, 0, 1, 4) keeps six significant digits', () => {
    expect(levelsOf(spec('autonomy'), 0, 1, 4)).toEqual([0, 0.333333, 0.666667, 1]);
  });
  it('levelsOf(integer, 0, 6, 4) rounds to whole numbers; (0, 2, 5) drops the repeats', () => {
    expect(levelsOf(spec('feedbackDelay'), 0, 6, 4)).toEqual([0, 2, 4, 6]);
    expect(levelsOf(spec('feedbackDelay'), 0, 2, 5)).toEqual([0, 1, 2]);
  });
  it('levelsOf(choice) is every choice; one level or an empty range is the minimum', () => {
    expect(levelsOf(spec('steering'), 0, 1, 2)).toEqual(['off', 'plan', 'continuous']);
    expect(levelsOf(spec('autonomy'), 0.3, 0.9, 1)).toEqual([0.3]);
    expect(levelsOf(spec('autonomy'), 0.4, 0.4, 5)).toEqual([0.4]);
  });
});

describe('builderName', () => {
  it('joins scenario, design and levers, replaces other characters, keeps 64 characters', () => {
    expect(builderName(defaultBuilder())).toBe('vn34-2025-factorial-autonomy-monitoring');
    expect(builderName({ scenario: 'a b/c', type: 'lhs', params: [] })).toBe('a-b-c-lhs');
    // Cut to 64 characters, then no dash at the end.
    expect(builderName({ scenario: 'x'.repeat(62), type: 'sobol', params: [] })).toBe(`${'x'.repeat(62)}-s`);
    expect(builderName({ scenario: 'x'.repeat(63), type: 'sobol', params: [] })).toBe('x'.repeat(63));
  });
});

describe('parseDerivedText', () => {
  it('reads name = expression pairs separated by semicolons', () => {
    expect(parseDerivedText(' balanced = min(coherence, innovation) ;v2=0.5*security + 0.5*prestige;; ')).toEqual({
      balanced: 'min(coherence, innovation)',
      v2: '0.5*security + 0.5*prestige',
    });
    expect(parseDerivedText('')).toEqual({});
    expect(parseDerivedText('lonely')).toEqual({ lonely: '' });
  });
});

describe('builderExperiment', () => {
  it('builderExperiment(defaultBuilder()) is the factorial file of the view', () => {
    expect(builderExperiment(defaultBuilder(), governance.params)).toEqual({
      formatVersion: 1,
      name: 'vn34-2025-factorial-autonomy-monitoring',
      scenario: 'vn34-2025',
      seed: 1,
      replicates: 5,
      cycles: 50,
      design: { type: 'factorial', parameters: { autonomy: [0, 0.25, 0.5, 0.75, 1], monitoring: [0, 0.3, 0.6] } },
      metrics: ['coherence', 'innovation', 'value', 'pilotsApproved'],
    });
  });

  it('LHS, Sobol and Morris take ranges; a criterion needs its metric; derived metrics become columns', async () => {
    const b = {
      ...defaultBuilder(),
      coherenceMin: '0.5',
      innovationMin: ' ',
      derived: 'balanced = min(coherence, innovation)',
    };
    const lhs = builderExperiment({ ...b, type: 'lhs' }, governance.params);
    expect(lhs.design).toEqual({
      type: 'lhs',
      samples: 16,
      parameters: { autonomy: { min: 0, max: 1 }, monitoring: { min: 0, max: 0.6 } },
    });
    expect(lhs.analysis).toEqual({ criterion: { coherence: { min: 0.5 } } });
    expect(lhs.derived).toEqual({ balanced: 'min(coherence, innovation)' });
    expect(builderExperiment({ ...b, type: 'morris' }, governance.params).design).toEqual({
      type: 'morris',
      trajectories: 4,
      levels: 4,
      parameters: { autonomy: { min: 0, max: 1 }, monitoring: { min: 0, max: 0.6 } },
    });
    expect(builderExperiment({ ...b, metrics: ['value'] }, governance.params).analysis).toBeUndefined();
    const exp = resolveExperiment(lhs);
    expect(exp.metrics).toEqual(['coherence', 'innovation', 'value', 'pilotsApproved', 'balanced']);
    const set = await experimentDerived(exp);
    expect(set).not.toBeNull();
  });

  it('a forbidden function in a derived metric is refused, naming the metric', async () => {
    const raw = builderExperiment({ ...defaultBuilder(), derived: 'x = evaluate("1")' }, governance.params);
    let message = '';
    try {
      await experimentDerived(resolveExperiment(raw));
    } catch (err) {
      message = String(err);
    }
    expect(message).toContain('derived.x');
    expect(message).toContain('evaluate');
  });
});

describe('keeping a builder consistent', () => {
  it('withScenario(march1991) drops the levers and metrics its model lacks', () => {
    const b = withScenario(defaultBuilder(), 'march1991', march.params, finalKeys(march));
    expect(b.scenario).toBe('march1991');
    expect(b.params).toEqual([]);
    expect(b.metrics).toEqual(['codeKnowledge', 'codeAccuracy', 'individualKnowledge']);
  });
  it('withDesign(lhs) drops choice levers; factorial keeps them', () => {
    const b = { ...defaultBuilder(), params: [...defaultBuilder().params, paramRow(spec('steering'))] };
    expect(b.params[2]).toEqual({ name: 'steering', min: 0, max: 1, levels: 3 });
    expect(withDesign(b, 'lhs', governance.params).params.map((p) => p.name)).toEqual(['autonomy', 'monitoring']);
    expect(withDesign(b, 'factorial', governance.params).params).toHaveLength(3);
  });
  it('nextParam brings the first unused main lever with its registry range', () => {
    expect(nextParam(defaultBuilder(), governance.params)).toEqual({ name: 'resources', min: 0.2, max: 3, levels: 3 });
    expect(nextParam({ ...defaultBuilder(), params: [] }, march.params)?.name).toBe('p1');
    const allLevers = march.params.filter((p) => p.lever).map(paramRow);
    expect(nextParam({ ...defaultBuilder(), params: allLevers }, march.params)?.name).toBe('m');
  });
});
