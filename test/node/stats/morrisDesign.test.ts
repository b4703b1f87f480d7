import { describe, expect, it } from 'vitest';
import { morrisDesign, morrisIndices } from '../../../sim/experiment/stats/index.ts';
import { mulberry32 } from './rng.ts';

describe('morrisDesign', () => {
  const k = 5;
  const r = 20;
  const p = 4;
  const design = morrisDesign(k, r, p, mulberry32(1991)); // seed fixed in the test

  it('morrisDesign(5, 20, 4, rand): Δ = 4/6, r(k+1) points on the grid {0, 1/3, 2/3, 1}', () => {
    expect(design.delta).toBeCloseTo(2 / 3, 15);
    expect(design.points).toHaveLength(r * (k + 1));
    for (const pt of design.points) {
      for (const v of pt) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
        expect(Math.abs(v * 3 - Math.round(v * 3))).toBeLessThan(1e-12);
      }
    }
  });

  it('each step of a trajectory moves exactly the factor in `order`, by sign·Δ, each factor once', () => {
    for (let t = 0; t < r; t++) {
      const order = design.order[t] as number[];
      expect([...order].sort()).toEqual([0, 1, 2, 3, 4]);
      for (let s = 0; s < k; s++) {
        const before = design.points[t * (k + 1) + s] as number[];
        const after = design.points[t * (k + 1) + s + 1] as number[];
        for (let i = 0; i < k; i++) {
          const change = (after[i] as number) - (before[i] as number);
          if (i === order[s])
            expect(change).toBeCloseTo(((design.sign[t] as number[])[s] as number) * design.delta, 12);
          else expect(change).toBe(0);
        }
      }
    }
  });

  it('the same seed gives the same design', () => {
    expect(morrisDesign(3, 4, 6, mulberry32(8))).toEqual(morrisDesign(3, 4, 6, mulberry32(8)));
  });

  it('rejects odd levels and fewer than 2 trajectories', () => {
    expect(() => morrisDesign(3, 4, 5, mulberry32(1))).toThrow(
      'morrisDesign requires an even number of levels ≥ 2, got 5',
    );
    expect(() => morrisDesign(3, 1, 4, mulberry32(1))).toThrow(
      'morrisDesign requires trajectories to be an integer ≥ 2, got 1',
    );
  });
});

describe('morrisIndices', () => {
  it('on y = Σ c_i x_i: μ = c_i, μ* = |c_i| exactly and σ = 0', () => {
    const c = [3, -2, 0.5, 0, 10];
    const design = morrisDesign(5, 12, 4, mulberry32(77));
    const y = design.points.map((x) => x.reduce((s, v, i) => s + (c[i] as number) * v, 0));
    const m = morrisIndices(design, y);
    c.forEach((ci, i) => {
      expect(m.mu[i]).toBeCloseTo(ci, 12);
      expect(m.muStar[i]).toBeCloseTo(Math.abs(ci), 12);
      expect(m.sigma[i]).toBeLessThan(1e-12);
    });
    expect(m.effects[0]).toHaveLength(12);
  });

  it('on y = x1 + 4·x2·x3 + 2·x4: σ > 0 for the interacting x2, x3 only', () => {
    const design = morrisDesign(4, 30, 4, mulberry32(2007));
    const y = design.points.map(
      ([x1, x2, x3, x4]) => (x1 as number) + 4 * (x2 as number) * (x3 as number) + 2 * (x4 as number),
    );
    const m = morrisIndices(design, y);
    expect(m.sigma[0]).toBeLessThan(1e-12);
    expect(m.sigma[3]).toBeLessThan(1e-12);
    expect(m.sigma[1]).toBeGreaterThan(0.5);
    expect(m.sigma[2]).toBeGreaterThan(0.5);
    // EE of x2 is 4·x3 with x3 ∈ [0, 1]: μ* between 0 and 4.
    expect(m.muStar[1]).toBeGreaterThan(0.5);
    expect(m.muStar[1]).toBeLessThan(4);
    expect(m.muStar[0]).toBeCloseTo(1, 12);
    expect(m.muStar[3]).toBeCloseTo(2, 12);
  });

  it('rejects outputs of the wrong length', () => {
    const design = morrisDesign(2, 2, 4, mulberry32(1));
    expect(() => morrisIndices(design, [1, 2, 3])).toThrow('morrisIndices requires r·(k+1) = 6 outputs, got 3');
  });
});
