// erf, gamma and the sample moments replace mathjs's: checked against known values, and against
// mathjs itself bit for bit (the summaries of every sweep and comparison depend on them).
import fc from 'fast-check';
import * as math from 'mathjs';
import { describe, expect, it } from 'vitest';
import { erf } from '../../../sim/experiment/stats/erf.ts';
import { gamma } from '../../../sim/experiment/stats/gamma.ts';
import { sampleMean, sampleSd, sampleVariance } from '../../../sim/experiment/stats/sampleMoments.ts';

describe('erf', () => {
  it('gives known values (Abramowitz & Stegun table 7.1)', () => {
    expect(erf(0)).toBe(0);
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 15);
    expect(erf(1)).toBeCloseTo(0.8427007929497149, 15);
    expect(erf(-2)).toBeCloseTo(-0.9953222650189527, 15);
    expect(erf(5)).toBeCloseTo(0.9999999999984626, 15);
    expect(erf(Infinity)).toBe(1);
  });
  it('is the same number as mathjs erf over every interval', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (x) => erf(x) === Number(math.erf(x))),
      { numRuns: 2000 },
    );
  });
});

describe('gamma', () => {
  it('gives known values', () => {
    expect(gamma(1)).toBe(1);
    expect(gamma(5)).toBe(24);
    expect(gamma(0.5)).toBeCloseTo(Math.sqrt(Math.PI), 14);
    expect(gamma(-0.5)).toBeCloseTo(-2 * Math.sqrt(Math.PI), 13);
    expect(gamma(0)).toBe(Infinity);
    expect(gamma(172)).toBe(Infinity);
  });
  it('is the same number as mathjs gamma', () => {
    fc.assert(
      fc.property(fc.double({ min: -20, max: 180, noNaN: true }), (x) => Object.is(gamma(x), Number(math.gamma(x)))),
      { numRuns: 2000 },
    );
    for (let n = 1; n <= 171; n++) expect(gamma(n)).toBe(Number(math.gamma(n)));
  });
});

describe('sample moments', () => {
  it('gives known values', () => {
    expect(sampleMean([1, 2, 3, 4])).toBe(2.5);
    expect(sampleVariance([1, 2, 3, 4])).toBe(5 / 3);
    expect(sampleVariance([7])).toBe(0);
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBe(Math.sqrt(32 / 7));
    expect(() => sampleMean([])).toThrow(RangeError);
  });
  it('are the same numbers as mathjs mean, variance and std', () => {
    const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(
        sample,
        (xs) =>
          sampleMean(xs) === Number(math.mean(xs)) &&
          sampleVariance(xs) === Number(math.variance(xs)) &&
          sampleSd(xs) === Number(math.std(xs)),
      ),
      { numRuns: 1000 },
    );
  });
});
