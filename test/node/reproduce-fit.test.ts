import { lusolve } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { createStreams } from '../../sim/engine/rng.ts';
import { luSolve, quadraticFit } from '../../scripts/reproduce/quadraticFit.ts';

describe('luSolve and quadraticFit (scripts/reproduce/quadraticFit.ts)', () => {
  it('solves known systems exactly, pivoting where the first pivot is 0', () => {
    expect(luSolve([[4]], [2])).toEqual([0.5]);
    // 2x + y = 5, x + 3y = 10 → x = 1, y = 3.
    expect(
      luSolve(
        [
          [2, 1],
          [1, 3],
        ],
        [5, 10],
      ),
    ).toEqual([1, 3]);
    // A zero in the top-left corner needs a row swap: y = 2, x + y = 3 → x = 1.
    expect(
      luSolve(
        [
          [0, 1],
          [1, 1],
        ],
        [2, 3],
      ),
    ).toEqual([1, 2]);
    // A permutation of the identity.
    expect(
      luSolve(
        [
          [0, 0, 1],
          [1, 0, 0],
          [0, 1, 0],
        ],
        [7, 8, 9],
      ),
    ).toEqual([8, 9, 7]);
  });

  it('recovers an exact quadratic from points on it', () => {
    // y = 2 − 3x + 0.5x² at x = 0, 1, 2, 4 (every value a dyadic rational, every sum exact).
    const xs = [0, 1, 2, 4];
    const [c0, c1, c2] = quadraticFit(
      xs,
      xs.map((x) => 2 - 3 * x + 0.5 * x * x),
    );
    expect(c0).toBeCloseTo(2, 12);
    expect(c1).toBeCloseTo(-3, 12);
    expect(c2).toBeCloseTo(0.5, 12);
  });

  it('gives the bits mathjs lusolve gave on the normal equations of H1-like fits (seed fixed in advance)', () => {
    const rng = createStreams(['fit'], 2026, 0).fit!;
    const xs = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
    for (let t = 0; t < 200; t++) {
      const ys = xs.map((x) => 40 + 30 * x - 25 * x * x + 5 * rng.normal());
      const S = (k: number) => xs.reduce((a, v) => a + v ** k, 0);
      const T = (k: number) => xs.reduce((a, v, i) => a + v ** k * ys[i]!, 0);
      const A = [
        [S(0), S(1), S(2)],
        [S(1), S(2), S(3)],
        [S(2), S(3), S(4)],
      ];
      const b = [T(0), T(1), T(2)];
      const ours = luSolve(A, b);
      const theirs = (lusolve(A, b) as number[][]).map((r) => r[0]!);
      expect(ours).toEqual(theirs);
      expect(quadraticFit(xs, ys)).toEqual(theirs);
    }
  });

  it('names every bad input and refuses a singular matrix', () => {
    expect(() => luSolve([[1, Number.NaN], [2]], [1, Infinity, 3])).toThrow(
      'luSolve: b: must have 2 entries, one per row of A (got 3); A[0][1]: must be finite (got NaN); A[1]: must have 2 entries (got 1); b[1]: must be finite (got Infinity)',
    );
    expect(() =>
      luSolve(
        [
          [1, 2],
          [2, 4],
        ],
        [1, 2],
      ),
    ).toThrow('luSolve: A is singular (no pivot in column 1)');
  });
});
