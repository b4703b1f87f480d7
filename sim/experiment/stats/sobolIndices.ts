import { percentileInterval } from './bootstrapCI.ts';
import { checkFinite, checkLevel, checkPositiveInteger, checkRand } from './validate.ts';

/**
 * An interval wider than this (on the index's 0–1 scale) cannot tell a small index from a
 * moderate one: the index is then reported as not estimable at this N.
 */
export const SOBOL_MAX_WIDTH = 0.3;

export interface IndexEstimate {
  /** The estimate, clipped to the index's range [0, 1]. */
  estimate: number;
  /** Percentile bootstrap interval clipped to [0, 1]; null without bootstrap. */
  ciLow: number | null;
  ciHigh: number | null;
  /** Bootstrap standard error; null without bootstrap. */
  se: number | null;
  /** True when the estimate or an end of the interval lay outside [0, 1] and was clipped to it. */
  clipped: boolean;
  /**
   * False when the unclipped interval is wider than SOBOL_MAX_WIDTH (N is too small for this
   * index); null without bootstrap (nothing to judge by).
   */
  estimable: boolean | null;
}

export interface SobolIndices {
  N: number;
  k: number;
  /** Output variance V, over the 2N values f(A) and f(B) (divisor 2N). */
  variance: number;
  /** First-order indices S_i: the share of V explained by factor i alone. */
  S: IndexEstimate[];
  /** Total indices ST_i: the share of V involving factor i, interactions included. */
  ST: IndexEstimate[];
  bootstrap: number;
  level: number;
  /**
   * Without bootstrap null; otherwise the smallest power of two N' ≥ N at which every interval
   * would be at most SOBOL_MAX_WIDTH wide, if widths shrink as 1/√N (N itself when all are).
   */
  suggestedN: number | null;
}

/**
 * First-order and total Sobol sensitivity indices from the outputs of a `saltelliDesign`:
 * yA[j] = f(A_j), yB[j] = f(B_j), yAB[i][j] = f(AB^(i)_j). AB^(i) is A with column i from B, so
 * (f(B), f(AB^(i))) share only x_i and (f(A), f(AB^(i))) share everything but x_i.
 *
 * For a pair (y, y') of N values, with m = (1/2N) Σ (y_j + y'_j) and the pooled variance
 * W = (1/2N) Σ (y_j² + y'_j²) − m²:
 *   S_i  = [(1/N) Σ f(B)_j f(AB^(i))_j − m²] / W                   Janon et al. 2014 (ESAIM P&S 18)
 *   ST_i = (1/2N) Σ (f(A)_j − f(AB^(i))_j)² / W                    Jansen 1999 with the pair's own W
 * The first is a correlation of the pair, so it lies in [−1, 1]; the second is one minus such a
 * correlation, in [0, 2]. Unlike the Saltelli 2010 form (f(B)(f(AB) − f(A)) over the variance of
 * A and B), neither divides a difference of products by an unrelated variance, which is what made
 * first-order intervals at N = 64 on noisy outputs run far outside [0, 1]. Both are asymptotically
 * efficient (Janon et al.). Replicate noise in the outputs counts as variance no factor explains:
 * it lowers every S_i and raises every ST_i.
 *
 * Estimates and interval ends are clipped to the index's range [0, 1], and `clipped` says so.
 * With `bootstrap: B` > 0, the rows j are resampled with replacement B times (one draw of N row
 * indices ⌊rand()·N⌋ per resample, shared by every index so the intervals are mutually consistent),
 * the indices recomputed on each, and percentile intervals reported (Archer, Saltelli & Sobol,
 * J. Stat. Comput. Simul. 58 (1997) 99–120). An index whose unclipped interval is wider than
 * SOBOL_MAX_WIDTH is marked not estimable at this N. Requires V > 0.
 */
export function sobolIndices(
  yA: readonly number[],
  yB: readonly number[],
  yAB: readonly (readonly number[])[],
  options: { bootstrap?: number; rand?: () => number; level?: number } = {},
): SobolIndices {
  const N = yA.length;
  const k = yAB.length;
  const B = options.bootstrap ?? 0;
  const level = options.level ?? 0.95;
  if (N < 2) throw new RangeError(`sobolIndices requires at least 2 rows, got ${N}`);
  if (k < 1) throw new RangeError('sobolIndices requires yAB for at least one factor');
  if (yB.length !== N) throw new RangeError(`sobolIndices requires yB of length N = ${N}, got ${yB.length}`);
  yAB.forEach((col, i) => {
    if (col.length !== N) throw new RangeError(`sobolIndices requires yAB[${i}] of length N = ${N}, got ${col.length}`);
    checkFinite('sobolIndices', col, `yAB[${i}]`);
  });
  checkFinite('sobolIndices', yA, 'yA');
  checkFinite('sobolIndices', yB, 'yB');
  checkPositiveInteger('sobolIndices', 'bootstrap', B, 0);
  checkLevel('sobolIndices', level);
  if (B > 0) checkRand('sobolIndices', options.rand);

  const rows = new Uint32Array(N);
  for (let j = 0; j < N; j++) rows[j] = j;
  const S = new Float64Array(k);
  const ST = new Float64Array(k);
  const variance = estimate(yA, yB, yAB, rows, S, ST);
  if (!(variance > 0)) throw new RangeError('sobolIndices requires output variance > 0 (f(A), f(B) are constant)');

  const point = (v: number): IndexEstimate => ({
    estimate: clip01(v),
    ciLow: null,
    ciHigh: null,
    se: null,
    clipped: v !== clip01(v),
    estimable: null,
  });
  const result: SobolIndices = {
    N,
    k,
    variance,
    S: Array.from(S, point),
    ST: Array.from(ST, point),
    bootstrap: B,
    level,
    suggestedN: null,
  };
  if (B === 0) return result;

  const rand = options.rand as () => number;
  const repS = Array.from({ length: k }, () => new Float64Array(B));
  const repST = Array.from({ length: k }, () => new Float64Array(B));
  const s = new Float64Array(k);
  const st = new Float64Array(k);
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < N; j++) rows[j] = Math.floor(rand() * N);
    estimate(yA, yB, yAB, rows, s, st);
    for (let i = 0; i < k; i++) {
      (repS[i] as Float64Array)[b] = s[i] as number;
      (repST[i] as Float64Array)[b] = st[i] as number;
    }
  }
  let widest = 0;
  const interval = (e: IndexEstimate, reps: Float64Array) => {
    const { ciLow, ciHigh, se } = percentileInterval(reps, level);
    const width = ciHigh - ciLow;
    widest = Math.max(widest, width);
    e.ciLow = clip01(ciLow);
    e.ciHigh = clip01(ciHigh);
    e.se = se;
    e.clipped ||= e.ciLow !== ciLow || e.ciHigh !== ciHigh;
    e.estimable = width <= SOBOL_MAX_WIDTH;
  };
  for (let i = 0; i < k; i++) {
    interval(result.S[i] as IndexEstimate, repS[i] as Float64Array);
    interval(result.ST[i] as IndexEstimate, repST[i] as Float64Array);
  }
  // Widths shrink as 1/√N: N' = N (w / w_max)², rounded up to a power of two (Sobol points balance).
  const needed = N * (widest / SOBOL_MAX_WIDTH) ** 2;
  let suggested = N;
  while (suggested < needed) suggested *= 2;
  result.suggestedN = suggested;
  return result;
}

const clip01 = (v: number) => Math.min(1, Math.max(0, v));

/**
 * S_i and ST_i over the chosen rows into the given arrays; returns V of f(A), f(B) over those
 * rows. A pair with no variance over the rows (a resample of one repeated row) gives 0: its
 * indices are undefined, and 0 is the conservative reading.
 */
function estimate(
  yA: readonly number[],
  yB: readonly number[],
  yAB: readonly (readonly number[])[],
  rows: Uint32Array,
  S: Float64Array,
  ST: Float64Array,
): number {
  const N = rows.length;
  let m = 0;
  for (let j = 0; j < N; j++) {
    const r = rows[j] as number;
    m += (yA[r] as number) + (yB[r] as number);
  }
  m /= 2 * N;
  let V = 0;
  for (let j = 0; j < N; j++) {
    const r = rows[j] as number;
    V += ((yA[r] as number) - m) ** 2 + ((yB[r] as number) - m) ** 2;
  }
  V /= 2 * N;
  for (let i = 0; i < yAB.length; i++) {
    const col = yAB[i] as readonly number[];
    // Centre each pair on its own mean before multiplying: the products of raw values would lose
    // digits when the outputs sit far from zero relative to their spread.
    let mFirst = 0;
    let mTotal = 0;
    for (let j = 0; j < N; j++) {
      const r = rows[j] as number;
      const ab = col[r] as number;
      mFirst += (yB[r] as number) + ab;
      mTotal += (yA[r] as number) + ab;
    }
    mFirst /= 2 * N;
    mTotal /= 2 * N;
    let cov = 0;
    let wFirst = 0;
    let diff = 0;
    let wTotal = 0;
    for (let j = 0; j < N; j++) {
      const r = rows[j] as number;
      const ab = (col[r] as number) - mFirst;
      const b = (yB[r] as number) - mFirst;
      cov += b * ab;
      wFirst += b * b + ab * ab;
      const a = yA[r] as number;
      const abT = col[r] as number;
      diff += (a - abT) ** 2;
      wTotal += (a - mTotal) ** 2 + (abT - mTotal) ** 2;
    }
    // cov/N over wFirst/2N, and diff/2N over wTotal/2N.
    S[i] = wFirst > 0 ? (2 * cov) / wFirst : 0;
    ST[i] = wTotal > 0 ? diff / wTotal : 0;
  }
  return V;
}
