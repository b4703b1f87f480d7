import { quantileSorted } from './quantileSorted.ts';
import { checkFinite, checkLevel, checkPositiveInteger, checkRand } from './validate.ts';

/**
 * A statistic of n cases that is computed from a list of case indices, so that a bootstrap
 * resample (indices drawn with replacement) can carry several aligned arrays at once, e.g. the
 * paired outputs of two scenarios or the rows of a Sobol design. The index array is reused between
 * calls: read it, do not keep it.
 */
export interface IndexStatistic {
  n: number;
  statistic: (indices: Uint32Array) => number;
}

export interface BootstrapCI {
  /** The statistic on the original data (indices 0 … n−1). */
  estimate: number;
  ciLow: number;
  ciHigh: number;
  /** Bootstrap standard error: the sd (n − 1) of the B replicate statistics. */
  se: number;
  B: number;
  level: number;
}

/**
 * Percentile bootstrap confidence interval (Efron & Tibshirani, An Introduction to the Bootstrap,
 * 1993, ch. 13): draw B resamples of the n cases with replacement, compute the statistic on each,
 * and report the (1−level)/2 and (1+level)/2 quantiles of the B values (type-7 interpolation).
 *
 * `source` is either the values themselves (the statistic is then their mean) or an
 * `IndexStatistic`. Chance comes only from `rand` (uniform on [0, 1), e.g. a seeded stream's next):
 * resample b draws its n indices ⌊rand()·n⌋ in order, b = 0 … B−1, so a seed fixes the result.
 *
 * For the mean the percentile interval is a little narrower than the t interval at small n (it
 * uses the plug-in variance and normal-like quantiles); its use is for statistics with no simple
 * standard error (medians, ratios, Sobol indices). B ≈ 1000–2000 is usual for 95% intervals.
 */
export function bootstrapCI(
  source: readonly number[] | IndexStatistic,
  B: number,
  rand: () => number,
  level = 0.95,
): BootstrapCI {
  checkPositiveInteger('bootstrapCI', 'B', B, 2);
  checkRand('bootstrapCI', rand);
  checkLevel('bootstrapCI', level);
  const { n, statistic } = Array.isArray(source) ? meanOf(source as readonly number[]) : (source as IndexStatistic);
  checkPositiveInteger('bootstrapCI', 'the number of cases n', n, 1);

  const indices = new Uint32Array(n);
  for (let j = 0; j < n; j++) indices[j] = j;
  const estimate = statistic(indices);
  if (!Number.isFinite(estimate))
    throw new RangeError(`bootstrapCI: the statistic is ${estimate} on the original data`);

  const reps = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < n; j++) indices[j] = Math.floor(rand() * n);
    const v = statistic(indices);
    if (!Number.isFinite(v)) throw new RangeError(`bootstrapCI: the statistic is ${v} on resample ${b}`);
    reps[b] = v;
  }
  return { estimate, ...percentileInterval(reps, level), B, level };
}

/** Percentile interval and sd of replicate statistics; sorts `reps` in place. Shared with sobolIndices. */
export function percentileInterval(reps: Float64Array, level: number): { ciLow: number; ciHigh: number; se: number } {
  const B = reps.length;
  let m = 0;
  for (let b = 0; b < B; b++) m += reps[b] as number;
  m /= B;
  let ss = 0;
  for (let b = 0; b < B; b++) ss += ((reps[b] as number) - m) ** 2;
  reps.sort();
  const alpha = 1 - level;
  return {
    ciLow: quantileSorted(reps, alpha / 2),
    ciHigh: quantileSorted(reps, 1 - alpha / 2),
    se: Math.sqrt(ss / (B - 1)),
  };
}

function meanOf(values: readonly number[]): IndexStatistic {
  checkFinite('bootstrapCI', values);
  return {
    n: values.length,
    statistic: (idx) => {
      let s = 0;
      for (let j = 0; j < idx.length; j++) s += values[idx[j] as number] as number;
      return s / idx.length;
    },
  };
}
