import { sampleMean, sampleVariance } from './sampleMoments.ts';
import { tQuantile } from './tQuantile.ts';
import { checkFinite, checkLevel } from './validate.ts';

/**
 * A sample's mean with its Student-t confidence interval.
 *
 * sd is the sample standard deviation (divisor n − 1), se = sd/√n, and the interval is
 * mean ± t(1 − (1−level)/2, n − 1)·se: exact for normal data, and by the central limit theorem
 * close to nominal for the replicate means of a simulation unless n is small and the output
 * strongly skewed (then prefer `bootstrapCI`).
 *
 * With n = 1 there is no estimate of spread: sd, se and the interval are null (not 0, which would
 * claim certainty, nor Infinity, which is not JSON), and the mean is the single value.
 */
export interface Summary {
  n: number;
  mean: number;
  sd: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  halfWidth: number | null;
  /** Confidence level of the interval, e.g. 0.95. */
  level: number;
}

export function summarize(values: readonly number[], level = 0.95): Summary {
  checkLevel('summarize', level);
  if (values.length === 0) throw new RangeError('summarize requires at least one value');
  checkFinite('summarize', values);
  const xs = values as number[];
  const m = sampleMean(xs);
  const s2 = xs.length > 1 ? sampleVariance(xs) : null;
  return summaryFromMoments(xs.length, m, s2, level);
}

/** The `Summary` of a sample known by its size, mean and (n − 1) variance; shared with `RunningSummary`. */
export function summaryFromMoments(n: number, m: number, s2: number | null, level: number): Summary {
  if (n < 2 || s2 === null) {
    return { n, mean: m, sd: null, se: null, ciLow: null, ciHigh: null, halfWidth: null, level };
  }
  const sd = Math.sqrt(Math.max(0, s2));
  const se = sd / Math.sqrt(n);
  const halfWidth = tQuantile(1 - (1 - level) / 2, n - 1) * se;
  return { n, mean: m, sd, se, ciLow: m - halfWidth, ciHigh: m + halfWidth, halfWidth, level };
}
