import { describe, expect, it } from 'vitest';
import { summarize } from '../../../sim/experiment/stats/index.ts';
import { mulberry32, normalFrom as normal } from './rng.ts';

/** mulberry32: a small 32-bit seeded uniform generator on [0, 1), for reproducible tests. */

/** Standard normal draws by Box–Muller (cosine branch only) from a uniform source. */

describe('summarize', () => {
  it('summarize([1, 2, 3, 4, 5]): mean 3, sd √2.5, se √0.5, 95% half-width t(0.975, 4)·√0.5', () => {
    const s = summarize([1, 2, 3, 4, 5]);
    const hw = 2.7764451051977987 * Math.SQRT1_2; // t(0.975, 4) from tables/SciPy
    expect(s.n).toBe(5);
    expect(s.mean).toBe(3);
    expect(s.sd).toBeCloseTo(Math.sqrt(2.5), 14);
    expect(s.se).toBeCloseTo(Math.SQRT1_2, 14);
    expect(s.halfWidth).toBeCloseTo(hw, 12);
    expect(s.ciLow).toBeCloseTo(3 - hw, 12);
    expect(s.ciHigh).toBeCloseTo(3 + hw, 12);
    expect(s.level).toBe(0.95);
  });

  it('summarize(values, 0.9) uses t(0.95, n − 1)', () => {
    const s = summarize([2, 4, 4, 4, 5, 5, 7, 9, 10, 11, 12], 0.9);
    expect(s.halfWidth).toBeCloseTo((1.8124611228116756 * (s.sd as number)) / Math.sqrt(11), 12);
  });

  it('summarize([x]) has a mean but no sd or interval (null)', () => {
    expect(summarize([4.2])).toEqual({
      n: 1,
      mean: 4.2,
      sd: null,
      se: null,
      ciLow: null,
      ciHigh: null,
      halfWidth: null,
      level: 0.95,
    });
  });

  it('a constant sample has sd 0 and a zero-width interval', () => {
    const s = summarize([7, 7, 7]);
    expect(s.sd).toBe(0);
    expect(s.halfWidth).toBe(0);
  });

  it('rejects empty, non-finite and bad levels, saying what is required', () => {
    expect(() => summarize([])).toThrow('summarize requires at least one value');
    expect(() => summarize([1, Number.NaN])).toThrow('summarize requires finite values, got NaN at index 1');
    expect(() => summarize([1, 2], 1.5)).toThrow('summarize requires a confidence level in (0, 1), got 1.5');
  });

  it('95% intervals cover the true mean about 95% of the time (2000 samples of 10 from N(3, 2²))', () => {
    const rand = mulberry32(20250101); // seed fixed for reproducibility
    let covered = 0;
    const samples = 2000;
    for (let s = 0; s < samples; s++) {
      const xs = Array.from({ length: 10 }, () => 3 + 2 * normal(rand));
      const { ciLow, ciHigh } = summarize(xs);
      if ((ciLow as number) <= 3 && 3 <= (ciHigh as number)) covered++;
    }
    const coverage = covered / samples;
    expect(coverage).toBeGreaterThanOrEqual(0.93);
    expect(coverage).toBeLessThanOrEqual(0.97);
  });
});
