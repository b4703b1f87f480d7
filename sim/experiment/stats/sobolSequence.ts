import { JOE_KUO_DIRECTIONS, SOBOL_MAX_DIMENSIONS } from './joeKuoDirections.ts';
import { checkPositiveInteger } from './validate.ts';

export { SOBOL_MAX_DIMENSIONS };

const BITS = 32;
const SCALE = 2 ** -BITS;

/**
 * Points skip, skip+1, …, skip+n−1 of the unscrambled Sobol sequence in `dims` dimensions
 * (1 ≤ dims ≤ SOBOL_MAX_DIMENSIONS = 101), with the Joe & Kuo (2008) "new-joe-kuo-6.21201"
 * direction numbers and 32-bit precision; each point is an array of `dims` numbers in [0, 1).
 *
 * Direction numbers (Bratley & Fox, ACM TOMS 14 (1988), Algorithm 659; Joe & Kuo 2003/2008):
 * for a dimension with primitive polynomial of degree s and interior coefficients a_1 … a_(s−1),
 * and initial odd integers m_1 … m_s (m_k < 2^k), the direction numbers v_k = m_k / 2^k obey
 *   m_k = 2a_1 m_(k−1) ⊕ 2²a_2 m_(k−2) ⊕ … ⊕ 2^(s−1)a_(s−1) m_(k−s+1) ⊕ 2^s m_(k−s) ⊕ m_(k−s)
 * for k > s; held as 32-bit integers V_k = m_k·2^(32−k), this is
 *   V_k = V_(k−s) ⊕ (V_(k−s) >> s) ⊕ ⊕_{l=1}^{s−1} a_l V_(k−l).
 * Dimension 1 has every m_k = 1 (the base-2 van der Corput sequence).
 *
 * Points in Gray-code order (Antonov & Saleev, 1979): point i is ⊕_k g_k V_k with g = i ⊕ (i >> 1)
 * the Gray code of i, so consecutive points differ by one XOR, x_(i+1) = x_i ⊕ V_(c+1), c the
 * position of the lowest zero bit of i. The first 2^m points are the same set as in the natural
 * order, so every block of 2^m points from index 0 is a (t, m, s)-net.
 *
 * Point 0 is the origin, and it is included (skip = 0 by default): dropping it spoils the balance
 * of the first 2^m points (A. B. Owen, "On dropping the first Sobol' point", 2022). Pass skip to
 * start later in the sequence, e.g. to continue a previous batch.
 *
 * Dimension 1: 0, 0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125, …
 * Dimension 2: 0, 0.5, 0.25, 0.75, 0.375, 0.875, 0.125, 0.625, …
 * Dimension 3: 0, 0.5, 0.25, 0.75, 0.625, 0.125, 0.875, 0.375, …  (as Joe & Kuo's own generator
 * and SciPy's `qmc.Sobol(scramble=False)` give them).
 */
export function sobolSequence(n: number, dims: number, skip = 0): number[][] {
  checkPositiveInteger('sobolSequence', 'n', n, 0);
  checkPositiveInteger('sobolSequence', 'skip', skip, 0);
  if (!(Number.isInteger(dims) && dims >= 1 && dims <= SOBOL_MAX_DIMENSIONS)) {
    throw new RangeError(`sobolSequence requires dims to be an integer in [1, ${SOBOL_MAX_DIMENSIONS}], got ${dims}`);
  }
  if (skip + n > 2 ** BITS) throw new RangeError(`sobolSequence requires skip + n ≤ 2^${BITS}, got ${skip + n}`);

  const V = directionNumbers(dims);
  // The point at index `skip`, from the Gray code of skip.
  const x = new Uint32Array(dims);
  const gray = (skip ^ Math.floor(skip / 2)) >>> 0;
  for (let k = 0; k < BITS; k++) {
    if ((gray >>> k) & 1) for (let j = 0; j < dims; j++) x[j] = (x[j] as number) ^ (V[j * BITS + k] as number);
  }
  const points: number[][] = [];
  for (let i = skip; i < skip + n; i++) {
    const point = new Array<number>(dims);
    for (let j = 0; j < dims; j++) point[j] = (x[j] as number) * SCALE;
    points.push(point);
    if (i + 1 < 2 ** BITS) {
      const c = lowestZeroBit(i);
      for (let j = 0; j < dims; j++) x[j] = (x[j] as number) ^ (V[j * BITS + c] as number);
    }
  }
  return points;
}

/** Position (0-based) of the lowest zero bit of a non-negative integer below 2^32. */
function lowestZeroBit(i: number): number {
  let c = 0;
  let v = i >>> 0;
  while (v & 1) {
    v >>>= 1;
    c++;
  }
  return c;
}

/** V[j·32 + (k−1)] = V_k of dimension j + 1, k = 1 … 32, as unsigned 32-bit integers. */
function directionNumbers(dims: number): Uint32Array {
  const V = new Uint32Array(dims * BITS);
  for (let k = 1; k <= BITS; k++) V[k - 1] = 2 ** (BITS - k);
  for (let j = 1; j < dims; j++) {
    const [s, a, m] = JOE_KUO_DIRECTIONS[j - 1] as (typeof JOE_KUO_DIRECTIONS)[number];
    const base = j * BITS;
    const at = (k: number) => V[base + k - 1] as number;
    for (let k = 1; k <= BITS; k++) {
      if (k <= s) {
        V[base + k - 1] = (m[k - 1] as number) * 2 ** (BITS - k);
      } else {
        let v = (at(k - s) ^ (at(k - s) >>> s)) >>> 0;
        for (let l = 1; l < s; l++) if ((a >>> (s - 1 - l)) & 1) v = (v ^ at(k - l)) >>> 0;
        V[base + k - 1] = v;
      }
    }
  }
  return V;
}
