import { sampleMean, sampleSd } from './sampleMoments.ts';
import { tQuantile } from './tQuantile.ts';
import { checkFinite, checkLevel } from './validate.ts';

export interface ReplicateAdequacy {
  /** Replicates so far. */
  n: number;
  mean: number;
  /** Sample sd (n − 1), taken as the planning value of σ. */
  sd: number;
  /** Current half-width t(1−α/2, n−1)·sd/√n. */
  halfWidth: number;
  targetHalfWidth: number;
  /** Smallest n* ≥ 2 with t(1−α/2, n*−1)·sd/√n* ≤ target. */
  required: number;
  /** Further replicates needed: max(0, required − n). */
  additional: number;
  /** Whether the current half-width already meets the target. */
  adequate: boolean;
  level: number;
}

/**
 * How many replicates a mean needs for its t interval to reach a target half-width h
 * (the sequential "relative precision" rule of Law, Simulation Modeling and Analysis, §9.4.1,
 * in absolute form).
 *
 * With s the current sample sd, n* is the smallest n with t(1−α/2, n−1)·s/√n ≤ h. Since
 * t(1−α/2, n−1) > z(1−α/2), n₀ = ⌈(z·s/h)²⌉ never overshoots, so the search starts there and steps
 * up one at a time (a few steps: t approaches z quickly). s is itself an estimate, so n* is a plan
 * to revisit once the extra replicates are in, not a guarantee.
 *
 * Requires n ≥ 2 values and target > 0. A constant sample (s = 0) needs n* = 2.
 */
export function replicateAdequacy(values: readonly number[], targetHalfWidth: number, level = 0.95): ReplicateAdequacy {
  if (values.length < 2) throw new RangeError(`replicateAdequacy requires at least 2 values, got ${values.length}`);
  checkFinite('replicateAdequacy', values);
  checkLevel('replicateAdequacy', level);
  if (!(targetHalfWidth > 0) || !Number.isFinite(targetHalfWidth)) {
    throw new RangeError(`replicateAdequacy requires targetHalfWidth > 0, got ${targetHalfWidth}`);
  }
  const xs = values as number[];
  const n = xs.length;
  const p = 1 - (1 - level) / 2;
  const sd = sampleSd(xs);
  const halfWidth = tQuantile(p, n - 1) * (sd / Math.sqrt(n));

  let required = 2;
  if (sd > 0) {
    const z = tQuantile(p, Number.POSITIVE_INFINITY);
    required = Math.max(2, Math.ceil(((z * sd) / targetHalfWidth) ** 2));
    while (tQuantile(p, required - 1) * (sd / Math.sqrt(required)) > targetHalfWidth) required++;
  }
  return {
    n,
    mean: sampleMean(xs),
    sd,
    halfWidth,
    targetHalfWidth,
    required,
    additional: Math.max(0, required - n),
    adequate: halfWidth <= targetHalfWidth,
    level,
  };
}
