import { describe, expect, it } from 'vitest';
import { bootstrapCI, summarize } from '../../../sim/experiment/stats/index.ts';
import { mulberry32, normalFrom as normal } from './rng.ts';

describe('bootstrapCI', () => {
  const data = (() => {
    const rand = mulberry32(42); // sample seed, fixed in the test
    return Array.from({ length: 40 }, () => 10 + 3 * normal(rand));
  })();

  it('bootstrapCI(values, 4000, rand) for the mean lies close to the t interval', () => {
    const t = summarize(data);
    const boot = bootstrapCI(data, 4000, mulberry32(2024));
    const hw = t.halfWidth as number;
    expect(boot.estimate).toBeCloseTo(t.mean, 12);
    // The percentile interval of a mean is about √((n−1)/n)·z/t ≈ 0.95 as wide as the t interval
    // at n = 40, plus Monte Carlo noise: each end within 15% of the t half-width.
    expect(Math.abs(boot.ciLow - (t.ciLow as number))).toBeLessThan(0.15 * hw);
    expect(Math.abs(boot.ciHigh - (t.ciHigh as number))).toBeLessThan(0.15 * hw);
    // Its standard error is the plug-in one, sd·√((n−1)/n)/√n, to Monte Carlo accuracy.
    expect(boot.se).toBeCloseTo((t.se as number) * Math.sqrt(39 / 40), 1);
  });

  it('the same seed gives the same interval', () => {
    expect(bootstrapCI(data, 500, mulberry32(5))).toEqual(bootstrapCI(data, 500, mulberry32(5)));
  });

  it('an index statistic resamples paired arrays together (mean difference)', () => {
    const other = data.map((v, i) => v + 1 + (i % 3) * 0.1);
    const diff = {
      n: data.length,
      statistic: (idx: Uint32Array) => {
        let s = 0;
        for (const i of idx) s += (other[i] as number) - (data[i] as number);
        return s / idx.length;
      },
    };
    const r = bootstrapCI(diff, 1000, mulberry32(9), 0.9);
    expect(r.level).toBe(0.9);
    expect(r.estimate).toBeCloseTo(1 + (0.1 * 13 + 0.2 * 13) / 40, 12);
    expect(r.ciLow).toBeGreaterThan(1);
    expect(r.ciHigh).toBeLessThan(1.2);
  });

  it('rejects B < 2, a missing rand, and a statistic that is not finite', () => {
    expect(() => bootstrapCI(data, 1, mulberry32(1))).toThrow('bootstrapCI requires B to be an integer ≥ 2, got 1');
    expect(() => bootstrapCI(data, 10, undefined as unknown as () => number)).toThrow('bootstrapCI requires rand');
    expect(() => bootstrapCI({ n: 3, statistic: () => Number.NaN }, 10, mulberry32(1))).toThrow('the statistic is NaN');
  });
});
