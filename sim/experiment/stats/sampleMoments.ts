/**
 * Mean and unbiased (n − 1) variance of a sample, summed left to right in the given order:
 *   mean = (x₀ + x₁ + … + x_{n−1}) / n,
 *   s²   = Σ (xᵢ − mean)² / (n − 1)   (two passes, so no cancellation from Σx² − n·mean²).
 * The order of the sums is part of the contract: summaries are the same bits whatever runs them.
 */
export function sampleMean(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('sampleMean requires a non-empty sample');
  let sum = xs[0]!;
  for (let i = 1; i < xs.length; i++) sum += xs[i]!;
  return sum / xs.length;
}

/** Unbiased sample variance (n − 1 in the denominator); 0 for a single value. */
export function sampleVariance(xs: readonly number[]): number {
  const m = sampleMean(xs);
  if (xs.length === 1) return 0;
  let d = xs[0]! - m;
  let sum = d * d;
  for (let i = 1; i < xs.length; i++) {
    d = xs[i]! - m;
    sum += d * d;
  }
  return sum / (xs.length - 1);
}

/** Sample standard deviation, √(unbiased variance). */
export function sampleSd(xs: readonly number[]): number {
  return Math.sqrt(sampleVariance(xs));
}
