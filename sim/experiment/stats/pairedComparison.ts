import { sampleMean, sampleVariance } from './sampleMoments.ts';
import { pearson } from './pearson.ts';
import { tQuantile } from './tQuantile.ts';
import { checkFinite, checkLevel, checkSameLength } from './validate.ts';

export interface DifferenceInterval {
  /** Standard error of the mean difference. */
  se: number;
  /** Degrees of freedom of the t quantile used. */
  df: number;
  ciLow: number;
  ciHigh: number;
  halfWidth: number;
}

export interface PairedComparison {
  n: number;
  meanA: number;
  meanB: number;
  /** mean(b) − mean(a), the effect of going from condition a to condition b. */
  meanDifference: number;
  /** Interval from the n differences d_i = b_i − a_i: se = sd(d)/√n, df = n − 1; sd(d) reported too. */
  paired: DifferenceInterval & { sd: number };
  /** Interval treating a and b as independent samples (Welch), for comparison. */
  welch: DifferenceInterval;
  /** Pearson correlation of the pairs (a_i, b_i); null when either side is constant. */
  correlation: number | null;
  /**
   * welch.halfWidth / paired.halfWidth: how many times narrower pairing makes the interval
   * (> 1 when common random numbers induce positive correlation). Its square roughly says how many
   * times more independent replicates would give the same precision. null when the paired
   * half-width is 0 (every difference equal).
   */
  widthRatio: number | null;
  level: number;
}

/**
 * Compares two conditions run on the same replicates: a[i] and b[i] come from replicate i under
 * common random numbers (the same seeds), so they are pairs, not independent samples.
 *
 * Paired t interval: with d_i = b_i − a_i, mean(d) ± t(1−α/2, n−1)·sd(d)/√n. Since
 * Var(d) = Var(a) + Var(b) − 2 Cov(a, b), positive correlation from common random numbers shrinks it.
 *
 * Welch interval (what one would get ignoring the pairing):
 *   se² = s_a²/n + s_b²/n,
 *   ν = se⁴ / [ (s_a²/n)²/(n−1) + (s_b²/n)²/(n−1) ]      (Welch–Satterthwaite),
 * mean(b) − mean(a) ± t(1−α/2, ν)·se. If both samples are constant ν is 0/0; its equal-variance
 * limit 2(n − 1) is used (the half-width is 0 either way).
 *
 * Variances are sample variances (n − 1). Requires equal lengths and n ≥ 2.
 */
export function pairedComparison(a: readonly number[], b: readonly number[], level = 0.95): PairedComparison {
  checkSameLength('pairedComparison', a, b, 'a and b');
  if (a.length < 2) throw new RangeError(`pairedComparison requires at least 2 pairs, got ${a.length}`);
  checkFinite('pairedComparison', a, 'a');
  checkFinite('pairedComparison', b, 'b');
  checkLevel('pairedComparison', level);
  const n = a.length;
  const xs = a as number[];
  const ys = b as number[];
  const meanA = sampleMean(xs);
  const meanB = sampleMean(ys);
  const d = ys.map((v, i) => v - (xs[i] as number));
  const meanDifference = sampleMean(d);
  const p = 1 - (1 - level) / 2;

  const sdD = Math.sqrt(sampleVariance(d));
  const sePaired = sdD / Math.sqrt(n);
  const hwPaired = tQuantile(p, n - 1) * sePaired;

  const va = sampleVariance(xs) / n;
  const vb = sampleVariance(ys) / n;
  const seWelch = Math.sqrt(va + vb);
  const dfWelch = va + vb === 0 ? 2 * (n - 1) : (va + vb) ** 2 / ((va * va) / (n - 1) + (vb * vb) / (n - 1));
  const hwWelch = tQuantile(p, dfWelch) * seWelch;

  const r = pearson(xs, ys);
  return {
    n,
    meanA,
    meanB,
    meanDifference,
    paired: {
      sd: sdD,
      se: sePaired,
      df: n - 1,
      ciLow: meanDifference - hwPaired,
      ciHigh: meanDifference + hwPaired,
      halfWidth: hwPaired,
    },
    welch: {
      se: seWelch,
      df: dfWelch,
      ciLow: meanDifference - hwWelch,
      ciHigh: meanDifference + hwWelch,
      halfWidth: hwWelch,
    },
    correlation: Number.isNaN(r) ? null : r,
    widthRatio: hwPaired > 0 ? hwWelch / hwPaired : null,
    level,
  };
}
