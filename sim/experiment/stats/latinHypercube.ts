import { checkPositiveInteger, checkRand } from './validate.ts';

/**
 * A Latin hypercube sample of n points in [0, 1)^k (McKay, Beckman & Conover, Technometrics 21
 * (1979) 239–245): each axis is cut into n equal strata [m/n, (m+1)/n) and every stratum of every
 * axis holds exactly one point, so each one-dimensional margin is evenly covered whatever n.
 *
 * x[i][j] = (π_j(i) + u_ij)/n with π_j a random permutation of 0…n−1 and u_ij uniform on [0, 1)
 * (jittered within the stratum). Draw order, dimension by dimension: Fisher–Yates for π_j
 * (n − 1 draws), then the n offsets u_0j … u_(n−1)j.
 */
export function latinHypercube(n: number, k: number, rand: () => number): number[][] {
  checkPositiveInteger('latinHypercube', 'n', n, 1);
  checkPositiveInteger('latinHypercube', 'k', k, 1);
  checkRand('latinHypercube', rand);
  const points = Array.from({ length: n }, () => new Array<number>(k));
  for (let j = 0; j < k; j++) {
    const perm = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const r = Math.floor(rand() * (i + 1));
      [perm[i], perm[r]] = [perm[r] as number, perm[i] as number];
    }
    for (let i = 0; i < n; i++) {
      const stratum = perm[i] as number;
      let x = (stratum + rand()) / n;
      // (m + u)/n can round up to (m+1)/n for u within an ulp of 1; keep it in its stratum.
      if (x * n >= stratum + 1) x = (stratum + 0.5) / n;
      (points[i] as number[])[j] = x;
    }
  }
  return points;
}
