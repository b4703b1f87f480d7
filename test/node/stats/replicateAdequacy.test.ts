import { describe, expect, it } from 'vitest';
import { replicateAdequacy, tQuantile } from '../../../sim/experiment/stats/index.ts';

describe('replicateAdequacy', () => {
  // By hand: values −1, 0, 1 have sd 1. Current half-width t(0.975, 2)/√3 = 4.3026527/1.7320508
  // = 2.4841377. For a target of 0.5 we need t(0.975, n−1)/√n ≤ 0.5:
  //   n = 17: t(0.975, 16) = 2.1199053 → /√17 = 0.51415 (too wide)
  //   n = 18: t(0.975, 17) = 2.1098155 → /√18 = 0.49729 (enough)  ⇒ n* = 18, 15 more.
  it('replicateAdequacy([−1, 0, 1], 0.5) needs 18 replicates', () => {
    const r = replicateAdequacy([-1, 0, 1], 0.5);
    expect(r.n).toBe(3);
    expect(r.sd).toBeCloseTo(1, 15);
    expect(r.halfWidth).toBeCloseTo(4.302652729749462 / Math.sqrt(3), 12);
    expect(r.required).toBe(18);
    expect(r.additional).toBe(15);
    expect(r.adequate).toBe(false);
    expect(tQuantile(0.975, 16) / Math.sqrt(17)).toBeGreaterThan(0.5);
    expect(tQuantile(0.975, 17) / Math.sqrt(18)).toBeLessThanOrEqual(0.5);
  });

  it('a loose target is already met: required ≤ n, additional 0', () => {
    const r = replicateAdequacy([-1, 0, 1], 3);
    expect(r.adequate).toBe(true);
    expect(r.additional).toBe(0);
    // t(0.975, 1)/√2 = 8.98 > 3, t(0.975, 2)/√3 = 2.48 ≤ 3
    expect(r.required).toBe(3);
  });

  it('a constant sample needs 2', () => {
    expect(replicateAdequacy([5, 5, 5, 5], 0.1).required).toBe(2);
  });

  it('rejects fewer than 2 values and a non-positive target', () => {
    expect(() => replicateAdequacy([1], 1)).toThrow('replicateAdequacy requires at least 2 values, got 1');
    expect(() => replicateAdequacy([1, 2], 0)).toThrow('replicateAdequacy requires targetHalfWidth > 0, got 0');
  });
});
