import { describe, expect, it } from 'vitest';
import { percentileOf } from '../../sim/exercise/percentile.ts';

describe('percentileOf (share of model runs at or below, ties counted half)', () => {
  it('percentileOf(3, [1, 2, 3, 4]) is 62.5: two below, one tie counted half, of four', () => {
    // (2 + ½·1) / 4 = 0.625
    expect(percentileOf(3, [1, 2, 3, 4])).toBe(62.5);
  });
  it('percentileOf(0, [0, 0, 0, 1]) is 37.5: a count that ties most runs is not the top percentile', () => {
    // (0 + ½·3) / 4 = 0.375
    expect(percentileOf(0, [0, 0, 0, 1])).toBe(37.5);
  });
  it('equal to every run is the 50th percentile', () => {
    expect(percentileOf(2, [2, 2, 2])).toBe(50);
  });
  it('above every run is 100, below every run is 0', () => {
    expect(percentileOf(9, [1, 2, 3])).toBe(100);
    expect(percentileOf(-1, [1, 2, 3])).toBe(0);
  });
  it('percentileOf(2, [3, 1, 2, 2, 5]) is 40 whatever the order: one below, two ties, of five', () => {
    // (1 + ½·2) / 5 = 0.4
    expect(percentileOf(2, [3, 1, 2, 2, 5])).toBe(40);
    expect(percentileOf(2, [2, 5, 2, 1, 3])).toBe(40);
  });
  it('needs at least one finite model value and a finite value', () => {
    expect(() => percentileOf(1, [])).toThrow(/at least one model run/);
    expect(() => percentileOf(Number.NaN, [1])).toThrow(/finite value/);
    expect(() => percentileOf(1, [1, Number.POSITIVE_INFINITY])).toThrow(/finite model values/);
  });
});
