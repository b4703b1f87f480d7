import { pearson } from './pearson.ts';
import { ranks } from './ranks.ts';
import { checkSameLength } from './validate.ts';

/**
 * Spearman's rank correlation ρ: Pearson's r of the ranks, with tied values given their average
 * rank (which keeps ρ exact under ties, where the shortcut 1 − 6Σd²/(n(n²−1)) is not).
 * NaN when either sample is constant; requires n ≥ 2.
 */
export function spearman(x: readonly number[], y: readonly number[]): number {
  checkSameLength('spearman', x, y);
  if (x.length < 2) throw new RangeError(`spearman requires at least 2 pairs, got ${x.length}`);
  return pearson(ranks(x), ranks(y));
}
