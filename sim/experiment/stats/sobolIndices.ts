import { percentileInterval } from './bootstrapCI.ts';
import { checkFinite, checkLevel, checkPositiveInteger, checkRand } from './validate.ts';

export interface IndexEstimate {
  estimate: number;
  /** Percentile bootstrap interval; null without bootstrap. */
  ciLow: number | null;
  ciHigh: number | null;
  /** Bootstrap standard error; null without bootstrap. */
  se: number | null;
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
}

/**
 * First-order and total Sobol sensitivity indices from the outputs of a `saltelliDesign`:
 * yA[j] = f(A_j), yB[j] = f(B_j), yAB[i][j] = f(AB^(i)_j).
 *
 * With V the variance of f over {A, B} (2N values, divisor 2N):
 *   S_i  = (1/N) Σ_j f(B)_j (f(AB^(i))_j − f(A)_j) / V             Saltelli et al. 2010, Table 2 (b)
 *   ST_i = (1/2N) Σ_j (f(A)_j − f(AB^(i))_j)² / V                   Jansen 1999; Saltelli 2010 Table 2 (f)
 * S_i estimates V[E(Y|X_i)]/V and ST_i estimates E[V(Y|X_~i)]/V. Both can stray slightly outside
 * [0, 1] from sampling error; they are reported as computed, not clipped.
 *
 * With `bootstrap: B` > 0, the rows j are resampled with replacement B times (one draw of N row
 * indices ⌊rand()·N⌋ per resample, shared by every index so the intervals are mutually consistent),
 * V, S_i and ST_i recomputed on each, and percentile intervals reported (Archer, Saltelli & Sobol,
 * J. Stat. Comput. Simul. 58 (1997) 99–120). Requires V > 0.
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

  const result: SobolIndices = {
    N,
    k,
    variance,
    S: Array.from(S, (v) => ({ estimate: v, ciLow: null, ciHigh: null, se: null })),
    ST: Array.from(ST, (v) => ({ estimate: v, ciLow: null, ciHigh: null, se: null })),
    bootstrap: B,
    level,
  };
  if (B === 0) return result;

  const rand = options.rand as () => number;
  const repS = Array.from({ length: k }, () => new Float64Array(B));
  const repST = Array.from({ length: k }, () => new Float64Array(B));
  const s = new Float64Array(k);
  const st = new Float64Array(k);
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < N; j++) rows[j] = Math.floor(rand() * N);
    const v = estimate(yA, yB, yAB, rows, s, st);
    for (let i = 0; i < k; i++) {
      // A resample of identical rows has V = 0; its indices are undefined, so it counts as 0.
      (repS[i] as Float64Array)[b] = v > 0 ? (s[i] as number) : 0;
      (repST[i] as Float64Array)[b] = v > 0 ? (st[i] as number) : 0;
    }
  }
  for (let i = 0; i < k; i++) {
    Object.assign(result.S[i] as IndexEstimate, percentileInterval(repS[i] as Float64Array, level));
    Object.assign(result.ST[i] as IndexEstimate, percentileInterval(repST[i] as Float64Array, level));
  }
  return result;
}

/** V over the chosen rows of yA and yB, and S_i, ST_i into the given arrays; returns V. */
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
    let first = 0;
    let total = 0;
    for (let j = 0; j < N; j++) {
      const r = rows[j] as number;
      const a = yA[r] as number;
      const ab = col[r] as number;
      first += (yB[r] as number) * (ab - a);
      total += (a - ab) ** 2;
    }
    S[i] = first / N / V;
    ST[i] = total / (2 * N) / V;
  }
  return V;
}
