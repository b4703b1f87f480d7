import { describe, expect, it } from 'vitest';
import { logBeta, logGamma, regularizedIncompleteBeta } from '../../../sim/experiment/stats/index.ts';

describe('regularizedIncompleteBeta', () => {
  it('I_0.3(2, 3) = 0.3483 (by hand: Σ_{j=2..4} C(4,j) 0.3^j 0.7^(4−j) = 0.2646 + 0.0756 + 0.0081)', () => {
    expect(regularizedIncompleteBeta(0.3, 2, 3)).toBeCloseTo(0.3483, 14);
  });

  it('I_½(a, a) = ½ by symmetry, and I_x(1, 1) = x', () => {
    expect(regularizedIncompleteBeta(0.5, 0.5, 0.5)).toBeCloseTo(0.5, 14);
    expect(regularizedIncompleteBeta(0.5, 7, 7)).toBeCloseTo(0.5, 14);
    expect(regularizedIncompleteBeta(0.37, 1, 1)).toBeCloseTo(0.37, 15);
  });

  it('agrees with SciPy 1.17 betainc to 1e-13 relative', () => {
    const scipy: [x: number, a: number, b: number, I: number][] = [
      [0.9, 10, 2, 0.6973568802000002],
      [0.01, 0.5, 50, 0.6826956021258024],
      [0.999, 200, 0.5, 0.5272441070252349],
    ];
    for (const [x, a, b, I] of scipy) {
      expect(Math.abs(regularizedIncompleteBeta(x, a, b) - I)).toBeLessThanOrEqual(1e-13 * I);
    }
  });

  it('is 0 at x = 0 and 1 at x = 1', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });

  it('rejects a ≤ 0 and x outside [0, 1]', () => {
    expect(() => regularizedIncompleteBeta(0.5, 0, 1)).toThrow('requires a > 0 and b > 0, got a = 0, b = 1');
    expect(() => regularizedIncompleteBeta(1.5, 1, 1)).toThrow('requires x in [0, 1], got 1.5');
  });
});

describe('logGamma and logBeta', () => {
  it('logGamma agrees with SciPy gammaln to 1e-14 relative', () => {
    const scipy: [x: number, v: number][] = [
      [0.5, 0.5723649429247],
      [3.7, 1.428072326665388],
      [15, 25.191221182738683],
      [100.5, 361.43554046777757],
      [1e4, 82099.71749644238],
    ];
    for (const [x, v] of scipy) expect(Math.abs(logGamma(x) - v)).toBeLessThanOrEqual(1e-14 * Math.abs(v));
    expect(logGamma(1)).toBe(0);
  });

  it('logBeta keeps its digits when one argument is huge (SciPy betaln)', () => {
    expect(logBeta(5e6, 0.5)).toBeCloseTo(-7.140109267274488, 13);
    expect(logBeta(30, 40)).toBeCloseTo(-48.30174909591612, 12);
    expect(logBeta(0.5, 0.5)).toBeCloseTo(Math.log(Math.PI), 14);
  });
});
