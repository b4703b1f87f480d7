import { describe, expect, it } from 'vitest';
import { pearson, ranks, spearman } from '../../../sim/experiment/stats/index.ts';

describe('pearson', () => {
  it('pearson([1..5], [2, 4, 5, 4, 7]) = 2.5/√(2.5·3.3) (by hand: cov 10/4, var 10/4 and 13.2/4)', () => {
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 7])).toBeCloseTo(2.5 / Math.sqrt(2.5 * 3.3), 14);
  });

  it('is ±1 on exact lines, even far from the origin (where the one-pass formula cancels)', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBe(1);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBe(-1);
    const x = [1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4];
    expect(pearson(x, [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
  });

  it('is NaN for a constant sample; rejects unequal lengths', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(() => pearson([1, 2], [1, 2, 3])).toThrow('pearson requires x and y of equal length, got 2 and 3');
  });
});

describe('ranks and spearman', () => {
  it('ranks([10, 20, 20, 30]) = [1, 2.5, 2.5, 4]', () => {
    expect(ranks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(ranks([3, 1, 2])).toEqual([3, 1, 2]);
    expect(ranks([5, 5, 5])).toEqual([2, 2, 2]);
  });

  it('spearman(x, x³) = 1 and spearman(x, −x) = −1', () => {
    const x = [0.3, -2, 5, 1.1, 4];
    expect(
      spearman(
        x,
        x.map((v) => v ** 3),
      ),
    ).toBe(1);
    expect(
      spearman(
        x,
        x.map((v) => -v),
      ),
    ).toBe(-1);
  });

  it('with ties: spearman([1..5], [2, 4, 5, 4, 7]) = 8/√95 (ranks of y: 1, 2.5, 4, 2.5, 5)', () => {
    // centred ranks x: −2, −1, 0, 1, 2; y: −2, −0.5, 1, −0.5, 2 → Σ = 8, Σx² = 10, Σy² = 9.5
    expect(spearman([1, 2, 3, 4, 5], [2, 4, 5, 4, 7])).toBeCloseTo(8 / Math.sqrt(95), 14);
  });
});
