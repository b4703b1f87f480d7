import { describe, expect, it } from 'vitest';
import { latinHypercube } from '../../../sim/experiment/stats/index.ts';
import { mulberry32 } from './rng.ts';

describe('latinHypercube', () => {
  it('latinHypercube(n, k, rand) puts exactly one point in each of the n strata of every axis', () => {
    for (const [n, k] of [
      [1, 3],
      [7, 2],
      [100, 6],
      [1000, 3],
    ] as const) {
      const pts = latinHypercube(n, k, mulberry32(n * 31 + k)); // seeds fixed in the test
      expect(pts).toHaveLength(n);
      for (let j = 0; j < k; j++) {
        const strata = pts.map((p) => Math.floor((p[j] as number) * n)).sort((a, b) => a - b);
        expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
      }
    }
  });

  it('is reproducible from the seed and differs between seeds', () => {
    expect(latinHypercube(10, 3, mulberry32(1))).toEqual(latinHypercube(10, 3, mulberry32(1)));
    expect(latinHypercube(10, 3, mulberry32(1))).not.toEqual(latinHypercube(10, 3, mulberry32(2)));
  });

  it('rejects n < 1', () => {
    expect(() => latinHypercube(0, 2, mulberry32(1))).toThrow('latinHypercube requires n to be an integer ≥ 1, got 0');
  });
});
