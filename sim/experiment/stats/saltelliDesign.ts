import { SOBOL_MAX_DIMENSIONS, sobolSequence } from './sobolSequence.ts';
import { checkFinite, checkPositiveInteger } from './validate.ts';

export interface SaltelliDesign {
  N: number;
  k: number;
  /** N base points (the first k Sobol coordinates). */
  A: number[][];
  /** N points resampling every factor (the last k Sobol coordinates). */
  B: number[][];
  /** AB[i] is A with column i taken from B: N points each, i = 0 … k−1. */
  AB: number[][][];
  /**
   * All N·(k+2) points to run, in this fixed order: A (rows 0…N−1), then B, then AB[0], …, AB[k−1];
   * row j of block b is points[b·N + j]. `splitSaltelliOutputs` undoes it.
   */
  points: number[][];
}

/**
 * The Saltelli sampling scheme for first-order and total Sobol indices (A. Saltelli et al.,
 * "Variance based sensitivity analysis of model output. Design and estimator for the total
 * sensitivity index", Comput. Phys. Commun. 181 (2010) 259–270, §3).
 *
 * Row j of a 2k-dimensional Sobol sequence gives A_j (coordinates 1…k) and B_j (k+1…2k): two
 * independent-looking quasi-random samples. AB^(i) is A with its i-th column replaced by B's,
 * so f(A_j), f(AB^(i)_j) share every factor but the i-th, and f(B_j), f(AB^(i)_j) share only it;
 * `sobolIndices` turns these pairs into S_i and ST_i at a cost of N(k+2) runs.
 *
 * Points are in [0, 1)^k; the caller maps each coordinate to its factor's range or distribution
 * (e.g. lo + u·(hi − lo), or an inverse CDF). N a power of two keeps the Sobol points balanced.
 * `skip` is passed to `sobolSequence` (default 0: the sequence starts at the origin).
 */
export function saltelliDesign(N: number, k: number, options: { skip?: number } = {}): SaltelliDesign {
  checkPositiveInteger('saltelliDesign', 'N', N, 2);
  checkPositiveInteger('saltelliDesign', 'k', k, 1);
  const maxK = Math.floor(SOBOL_MAX_DIMENSIONS / 2);
  if (k > maxK) throw new RangeError(`saltelliDesign requires k ≤ ${maxK} (2k Sobol dimensions), got ${k}`);
  const base = sobolSequence(N, 2 * k, options.skip ?? 0);
  const A = base.map((row) => row.slice(0, k));
  const B = base.map((row) => row.slice(k));
  const AB: number[][][] = [];
  for (let i = 0; i < k; i++) {
    AB.push(
      A.map((row, j) => {
        const r = row.slice();
        r[i] = (B[j] as number[])[i] as number;
        return r;
      }),
    );
  }
  return { N, k, A, B, AB, points: [...A, ...B, ...AB.flat()] };
}

/** Splits outputs y of `saltelliDesign(N, k).points` (same order) into yA, yB and yAB[i]. */
export function splitSaltelliOutputs(
  y: readonly number[],
  N: number,
  k: number,
): { yA: number[]; yB: number[]; yAB: number[][] } {
  if (y.length !== N * (k + 2)) {
    throw new RangeError(`splitSaltelliOutputs requires N·(k+2) = ${N * (k + 2)} outputs, got ${y.length}`);
  }
  checkFinite('splitSaltelliOutputs', y, 'outputs');
  const block = (b: number) => y.slice(b * N, (b + 1) * N);
  return { yA: block(0), yB: block(1), yAB: Array.from({ length: k }, (_, i) => block(2 + i)) };
}
