import { describe, expect, it } from 'vitest';
import { prim } from '../../../sim/experiment/stats/index.ts';
import { mulberry32 } from './rng.ts';

describe('prim', () => {
  const rand = mulberry32(1999); // seed fixed in the test
  const X = Array.from({ length: 2000 }, () => [rand(), rand(), rand()]);
  const y = X.map(([x1, x2]) => (x1 as number) >= 0.2 && (x1 as number) <= 0.6 && (x2 as number) >= 0.5 && (x2 as number) <= 0.9);

  it('prim(X, y) finds a planted box x1 ∈ [0.2, 0.6], x2 ∈ [0.5, 0.9] in 2000 uniform points', () => {
    const r = prim(X, y, { names: ['autonomy', 'capacity', 'noise'] });
    const [x1, x2, x3] = r.limits as [typeof r.limits[0], typeof r.limits[0], typeof r.limits[0]];
    expect(x1.name).toBe('autonomy');
    expect(Math.abs(x1.low - 0.2)).toBeLessThan(0.05);
    expect(Math.abs(x1.high - 0.6)).toBeLessThan(0.05);
    expect(Math.abs(x2.low - 0.5)).toBeLessThan(0.05);
    expect(Math.abs(x2.high - 0.9)).toBeLessThan(0.05);
    expect(x3.low).toBeLessThan(0.05);
    expect(x3.high).toBeGreaterThan(0.95);
    expect(x1.restricted && x2.restricted).toBe(true);
    expect(r.box.density).toBeGreaterThanOrEqual(0.9);
    expect(r.box.coverage).toBeGreaterThanOrEqual(0.8);
  });

  it('the trajectory starts at the whole data range and shrinks step by step', () => {
    const r = prim(X, y);
    const first = r.trajectory[0];
    expect(first?.support).toBe(1);
    expect(first?.coverage).toBe(1);
    expect(first?.peeled).toBeNull();
    for (let s = 1; s < r.trajectory.length; s++) {
      const prev = r.trajectory[s - 1] as NonNullable<typeof first>;
      const cur = r.trajectory[s] as NonNullable<typeof first>;
      expect(cur.n).toBeLessThan(prev.n);
      expect(cur.coverage).toBeLessThanOrEqual(prev.coverage);
      expect(cur.support).toBeGreaterThanOrEqual(0.05);
    }
    expect(r.trajectory[r.chosen]).toBe(r.box);
    expect(r.names).toEqual(['x1', 'x2', 'x3']);
  });

  it('a higher minCoverage picks an earlier, less dense box', () => {
    const strict = prim(X, y, { minCoverage: 0.99 });
    const loose = prim(X, y, { minCoverage: 0.5 });
    expect(strict.chosen).toBeLessThanOrEqual(loose.chosen);
    expect(strict.box.coverage).toBeGreaterThanOrEqual(0.99);
    expect(strict.box.density).toBeLessThanOrEqual(loose.box.density);
  });

  it('rejects y without a true case and rows of unequal length', () => {
    expect(() => prim([[0], [1]], [false, false])).toThrow('prim requires at least one true case in y');
    expect(() => prim([[0, 1], [1]], [true, false])).toThrow('prim requires every row of X to have 2 values, got 1 in row 1');
  });
});
