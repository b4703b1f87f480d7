// A Latin hypercube held column by column in one Float64Array, for designs of millions of points:
// `latinHypercube` (stats) returns an array per point, ≈ 50 bytes of overhead each on top of the
// values, and a design kept those arrays for the whole sweep.
import { checkPositiveInteger, checkRand } from './stats/validate.ts';

/**
 * The same sample as `latinHypercube(n, k, rand)`, bit for bit and from the same draws in the same
 * order, stored column-major: coordinate j of point i at index j·n + i.
 *
 * x_ij = (π_j(i) + u_ij)/n, π_j a Fisher–Yates permutation (n − 1 draws), then the n offsets u_ij.
 */
export function latinHypercubeColumns(n: number, k: number, rand: () => number): Float64Array {
  checkPositiveInteger('latinHypercube', 'n', n, 1);
  checkPositiveInteger('latinHypercube', 'k', k, 1);
  checkRand('latinHypercube', rand);
  const out = new Float64Array(n * k);
  const perm = new Float64Array(n);
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < n; i++) perm[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const r = Math.floor(rand() * (i + 1));
      const t = perm[i]!;
      perm[i] = perm[r]!;
      perm[r] = t;
    }
    const col = j * n;
    for (let i = 0; i < n; i++) {
      const stratum = perm[i]!;
      let x = (stratum + rand()) / n;
      // (m + u)/n can round up to (m+1)/n for u within an ulp of 1; keep it in its stratum.
      if (x * n >= stratum + 1) x = (stratum + 0.5) / n;
      out[col + i] = x;
    }
  }
  return out;
}
