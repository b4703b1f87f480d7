import { describe, expect, it } from 'vitest';
import { pairedComparison } from '../../../sim/experiment/stats/index.ts';

describe('pairedComparison', () => {
  // By hand: a = 1..5, b = 2, 4, 5, 4, 7.
  //   d = b − a = 1, 2, 2, 0, 2: mean 1.4, Σ(d − 1.4)² = 3.2, var 0.8, se = √(0.8/5) = 0.4,
  //   half-width t(0.975, 4)·0.4 = 2.7764451052·0.4.
  //   var a = 2.5, var b = 13.2/4 = 3.3, cov = 10/4 = 2.5 (check: 2.5 + 3.3 − 2·2.5 = 0.8 = var d),
  //   r = 2.5/√(2.5·3.3) = 0.8703882798.
  //   Welch: se² = (2.5 + 3.3)/5 = 1.16; ν = 1.16²/((0.5² + 0.66²)/4) = 1.3456/0.1714 = 7.8506417736;
  //   half-width t(0.975, 7.8506)·√1.16 = 2.4918912618 (t from SciPy 1.17: 2.3136629528).
  const a = [1, 2, 3, 4, 5];
  const b = [2, 4, 5, 4, 7];
  const r = pairedComparison(a, b);

  it('pairedComparison(a, b) gives the paired t interval of b − a', () => {
    expect(r.n).toBe(5);
    expect(r.meanA).toBe(3);
    expect(r.meanB).toBeCloseTo(4.4, 14);
    expect(r.meanDifference).toBeCloseTo(1.4, 14);
    expect(r.paired.sd).toBeCloseTo(Math.sqrt(0.8), 14);
    expect(r.paired.se).toBeCloseTo(0.4, 14);
    expect(r.paired.df).toBe(4);
    expect(r.paired.halfWidth).toBeCloseTo(2.7764451051977987 * 0.4, 12);
    expect(r.paired.ciLow).toBeCloseTo(1.4 - 2.7764451051977987 * 0.4, 12);
    expect(r.paired.ciHigh).toBeCloseTo(1.4 + 2.7764451051977987 * 0.4, 12);
  });

  it('…and beside it the Welch interval, the correlation and the width ratio', () => {
    expect(r.welch.se).toBeCloseTo(Math.sqrt(1.16), 14);
    expect(r.welch.df).toBeCloseTo(1.3456 / 0.1714, 12);
    expect(r.welch.halfWidth).toBeCloseTo(2.491891261789108, 10);
    expect(r.correlation).toBeCloseTo(2.5 / Math.sqrt(2.5 * 3.3), 14);
    expect(r.widthRatio).toBeCloseTo(2.491891261789108 / (2.7764451051977987 * 0.4), 10);
  });

  it('pairing gains nothing on independent-looking pairs and a lot on correlated ones', () => {
    const base = [3.1, 2.4, 5.6, 4.4, 1.9, 3.3, 6.2, 2.8];
    const shifted = base.map((v, i) => v + 0.5 + (i % 2 ? 0.05 : -0.05));
    const strong = pairedComparison(base, shifted);
    expect(strong.correlation).toBeGreaterThan(0.99);
    expect(strong.widthRatio).toBeGreaterThan(10);
  });

  it('identical differences give a zero-width paired interval and no ratio (null)', () => {
    const same = pairedComparison([1, 2, 3], [2, 3, 4]);
    expect(same.paired.halfWidth).toBe(0);
    expect(same.widthRatio).toBeNull();
  });

  it('constant samples: null correlation, Welch df at its equal-variance limit 2(n − 1)', () => {
    const flat = pairedComparison([1, 1, 1], [2, 2, 2]);
    expect(flat.correlation).toBeNull();
    expect(flat.welch.df).toBe(4);
    expect(flat.welch.halfWidth).toBe(0);
  });

  it('rejects unequal lengths and fewer than 2 pairs', () => {
    expect(() => pairedComparison([1, 2], [1])).toThrow(
      'pairedComparison requires a and b of equal length, got 2 and 1',
    );
    expect(() => pairedComparison([1], [2])).toThrow('pairedComparison requires at least 2 pairs, got 1');
  });
});
