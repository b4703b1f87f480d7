import { describe, expect, it } from 'vitest';
import { differenceSpec, type DifferenceRow } from '../../viz/specs/difference.ts';
import { decimalsOf, METRIC_POLARITY, polarityOf, verdictOf } from '../../viz/specs/polarity.ts';

describe('metric polarity (one table for every view that reads differences)', () => {
  it('outcomes are higher-is-better, harms lower-is-better, counts neutral', () => {
    for (const m of ['coherence', 'innovation', 'security', 'development', 'prestige', 'value'])
      expect(polarityOf(m)).toBe('higher');
    for (const m of ['incidents', 'missedWindowShare', 'fenceBreaks']) expect(polarityOf(m)).toBe('lower');
    for (const m of ['pilotsApproved', 'scaleUps', 'somethingNew', 'toString']) expect(polarityOf(m)).toBe('neutral');
    expect(Object.keys(METRIC_POLARITY)).toHaveLength(11);
  });
  it('a verdict only when the interval excludes 0 and the metric has a direction', () => {
    expect(verdictOf('coherence', 0.01, 0.05)).toBe('better');
    expect(verdictOf('coherence', -0.05, -0.01)).toBe('worse');
    expect(verdictOf('incidents', -3, -1)).toBe('better');
    expect(verdictOf('incidents', 1, 3)).toBe('worse');
    expect(verdictOf('coherence', -0.01, 0.05)).toBeNull();
    expect(verdictOf('scaleUps', 1, 3)).toBeNull();
  });
  it('shares get 3 decimals, 0–100 indices 1', () => {
    expect(decimalsOf('coherence')).toBe(3);
    expect(decimalsOf('innovation')).toBe(3);
    expect(decimalsOf('security')).toBe(1);
    expect(decimalsOf('value')).toBe(1);
  });
});

describe('differenceSpec', () => {
  const row = (label: string): DifferenceRow => ({
    label,
    color: '#000',
    n: 4,
    meanA: 1,
    meanB: 2,
    difference: 1,
    paired: { ciLow: 0.5, ciHigh: 1.5 },
    unpaired: { ciLow: 0, ciHigh: 2 },
    widthRatio: 2,
  });
  const labels = {
    metric: 'Metric',
    comparison: 'Comparison',
    meanA: 'A',
    meanB: 'B',
    difference: 'd',
    paired: 'p',
    unpaired: 'u',
    widthRatio: 'w',
    n: 'n',
  };
  it("puts the key above the first panel, carries each panel's polarity and leaves room for named rows", () => {
    const long = 'controlled-autonomy (monitoring=0.8) − feedback-rich';
    const spec = differenceSpec({
      title: 't',
      labels,
      key: { filled: 'filled', open: 'open' },
      metrics: [
        { key: 'coherence', label: 'Coherence', polarity: 'higher is better', rows: [row(long)] },
        { key: 'incidents', label: 'Incidents', polarity: 'lower is better', rows: [row(long)] },
      ],
    });
    expect(spec.key).toEqual({ y: 16, filled: 'filled', open: 'open' });
    expect(spec.panels[0]!.y).toBeGreaterThan(spec.key!.y);
    expect(spec.panels.map((p) => p.polarity)).toEqual(['higher is better', 'lower is better']);
    expect(spec.plotLeft).toBeGreaterThanOrEqual(long.length * 6.8);
    expect(spec.plotRight - spec.plotLeft).toBeGreaterThanOrEqual(300);
    expect(spec.table.rows[0]![1]).toBe(long);
    expect(spec.table.digits).toEqual([null, null]);
    const withDigits = differenceSpec({
      title: 't',
      labels,
      metrics: [{ key: 'security', label: 'Security', digits: 1, rows: [row('b − a'), row('c − a')] }],
    });
    expect(withDigits.table.digits).toEqual([1, 1]);
  });
  it('without a key the panels start at the top; the width grows for a projector', () => {
    const spec = differenceSpec({
      title: 't',
      labels,
      width: 1100,
      metrics: [{ key: 'coherence', label: 'Coherence', rows: [row('b − a')] }],
    });
    expect(spec.key).toBeNull();
    expect(spec.panels[0]!.y).toBe(6);
    expect(spec.width).toBe(1100);
    expect(spec.plotLeft).toBe(190);
  });
  it('on a projector lays panels out two to a row, taller, within the width', () => {
    const metrics = ['coherence', 'innovation', 'security'].map((k) => ({
      key: k,
      label: k,
      rows: [row('feedback-rich − controlled-autonomy')],
    }));
    const one = differenceSpec({ title: 't', labels, metrics });
    const two = differenceSpec({ title: 't', labels, metrics, width: 1800, columns: 2, scale: 1.4 });
    expect(two.width).toBe(1800);
    expect(two.panels[0]!.y).toBe(two.panels[1]!.y);
    expect(two.panels[1]!.x).toBeGreaterThan(two.panels[0]!.plotRight);
    expect(two.panels[2]!.x).toBe(0);
    expect(two.panels[2]!.y).toBeGreaterThan(two.panels[0]!.y + two.panels[0]!.height);
    expect(two.panels[1]!.plotRight).toBeLessThanOrEqual(1800);
    expect(two.panels[0]!.height).toBeCloseTo(one.panels[0]!.height * 1.4, 6);
    expect(two.height).toBeLessThan(one.height * 1.4);
  });
});
