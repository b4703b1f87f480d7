import { describe, expect, it } from 'vitest';
import { prim } from '../../../sim/experiment/stats/index.ts';
import { mulberry32 } from './rng.ts';

describe('prim', () => {
  const rand = mulberry32(1999); // seed fixed in the test
  const X = Array.from({ length: 2000 }, () => [rand(), rand(), rand()]);
  const y = X.map(
    ([x1, x2]) => (x1 as number) >= 0.2 && (x1 as number) <= 0.6 && (x2 as number) >= 0.5 && (x2 as number) <= 0.9,
  );

  it('prim(X, y) finds a planted box x1 ∈ [0.2, 0.6], x2 ∈ [0.5, 0.9] in 2000 uniform points', () => {
    const r = prim(X, y, { names: ['autonomy', 'capacity', 'noise'] });
    const [x1, x2, x3] = r.limits as [(typeof r.limits)[0], (typeof r.limits)[0], (typeof r.limits)[0]];
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

  it('prim(X, y) on a factorial grid (2 levers × 5 levels × 20 replicates) recovers a planted sub-grid exactly', () => {
    // Each level is a block of 100 tied values, far more than α·n = 25: a quantile peel falls inside it.
    const levels = [0, 0.25, 0.5, 0.75, 1];
    const X: number[][] = [];
    for (const a of levels) for (const b of levels) for (let r = 0; r < 20; r++) X.push([a, b]);
    const y = X.map(
      ([a, b]) => (a as number) >= 0.25 && (a as number) <= 0.5 && (b as number) >= 0.5 && (b as number) <= 1,
    );
    const r = prim(X, y, { names: ['autonomy', 'monitoring'] });
    expect(r.limits).toEqual([
      { name: 'autonomy', low: 0.25, high: 0.5, restricted: true },
      { name: 'monitoring', low: 0.5, high: 1, restricted: true },
    ]);
    expect(r.box).toMatchObject({ n: 120, support: 120 / 500, coverage: 1, density: 1 });
    // Every peel removes one whole level: 500 → 400 → … → 120 points, four peels.
    expect(r.trajectory.map((b) => b.n)).toEqual([500, 400, 300, 200, 160, 120]);
    expect(r.chosen).toBe(r.trajectory.length - 1);
  });

  it('prim(X, y) peels a whole block of ties at the cut (hand-worked)', () => {
    // x: three points at each of 0, 1, 2, 3; y true at 0 once, at 1 twice, at 2 three times.
    // With α = 0.1, m = max(1, ⌊0.1·n⌋) = 1 at every step, and each peel removes the 3 tied points.
    // Step 1: drop x = 0 → 5/9; drop x = 3 → 6/9 (taken). Step 2: drop x = 0 → 5/6 (taken);
    // drop x = 2 → 2/6. Step 3: drop x = 1 → 3/3 (taken); drop x = 2 → 2/3. Density 1: stop.
    const X = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3].map((v) => [v]);
    const y = [false, false, true, true, true, false, true, true, true, false, false, false];
    const r = prim(X, y, { peelAlpha: 0.1 });
    expect(
      r.trajectory.map((b) => [b.lower[0], b.upper[0], b.n, b.coverage, b.density, b.peeled?.side ?? null]),
    ).toEqual([
      [0, 3, 12, 1, 0.5, null],
      [0, 2, 9, 1, 6 / 9, 'upper'],
      [1, 2, 6, 5 / 6, 5 / 6, 'lower'],
      [2, 2, 3, 3 / 6, 1, 'lower'],
    ]);
    // Densest box with coverage ≥ 0.8 is step 2; with 0.5 it is the last.
    expect(r.chosen).toBe(2);
    expect(r.limits).toEqual([{ name: 'x1', low: 1, high: 2, restricted: true }]);
    expect(prim(X, y, { peelAlpha: 0.1, minCoverage: 0.5 }).chosen).toBe(3);
  });

  it('prim(X, y) widens a peel that ends inside a block of ties, and keeps an exact peel where there is none', () => {
    // n = 10, α = 0.2: m = 2. Lower: the 2nd smallest is 1, tied with two more, so 0 and all three 1s go
    // (bound 2). Upper: the 2nd largest is 6 and 5 is below it, so exactly 6 and 7 go (bound 5).
    const X = [0, 1, 1, 1, 2, 3, 4, 5, 6, 7].map((v) => [v]);
    const y = X.map(([v]) => (v as number) >= 2);
    const r = prim(X, y, { peelAlpha: 0.2 });
    expect(r.trajectory[1]).toMatchObject({
      lower: [2],
      upper: [7],
      n: 6,
      coverage: 1,
      density: 1,
      peeled: { dim: 0, side: 'lower' },
    });
    expect(r.trajectory).toHaveLength(2);
    const yHigh = X.map(([v]) => (v as number) <= 5);
    expect(prim(X, yHigh, { peelAlpha: 0.2 }).trajectory[1]).toMatchObject({
      lower: [0],
      upper: [5],
      n: 8,
      density: 1,
      peeled: { dim: 0, side: 'upper' },
    });
  });

  it('prim(X, y) does not peel a side whose values are all tied', () => {
    const X = [
      [1, 0],
      [1, 1],
      [1, 2],
      [1, 3],
    ];
    const r = prim(X, [false, true, true, true], { peelAlpha: 0.25 });
    expect(r.trajectory.every((b) => b.lower[0] === 1 && b.upper[0] === 1)).toBe(true);
    expect(r.limits[0]).toMatchObject({ low: 1, high: 1, restricted: false });
    expect(r.limits[1]).toMatchObject({ low: 1, high: 3, restricted: true });
  });

  it('rejects y without a true case and rows of unequal length', () => {
    expect(() => prim([[0], [1]], [false, false])).toThrow('prim requires at least one true case in y');
    expect(() => prim([[0, 1], [1]], [true, false])).toThrow(
      'prim requires every row of X to have 2 values, got 1 in row 1',
    );
  });
});
