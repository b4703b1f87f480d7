/** March (1991): the period's metric values (metrics.ts lists them in this order). */
import type { MarchState } from './state.ts';

/**
 * The period's metric values, in the order of `metrics`. The returned array is reused by the next
 * call (the engine copies the values out).
 */
export function observeMarch(s: MarchState): number[] {
  const { m, n, beliefs, reality, code, counts, obs } = s;
  let score = 0;
  let right = 0;
  for (let d = 0; d < m; d++) {
    const x = code[d]! * reality[d]!;
    score += x;
    if (x > 0) right++;
  }
  // One pass over the beliefs: individual scores (the fast learners' apart) and, per dimension, how
  // many hold −1, 0 and +1.
  counts.fill(0);
  let indScore = 0;
  let fastScore = 0;
  const fastEnd = s.fastLearners * m;
  for (let row = 0; row < beliefs.length; row += m) {
    let rowScore = 0;
    for (let d = 0; d < m; d++) {
      const b = beliefs[row + d]!;
      rowScore += b * reality[d]!;
      counts[3 * d + b + 1]!++;
    }
    indScore += rowScore;
    if (row < fastEnd) fastScore += rowScore;
  }
  // Diversity: per dimension, the share of ordered pairs (i ≠ j) with different beliefs.
  let div = 0;
  if (n > 1) {
    for (let d = 0; d < m; d++) {
      const c0 = counts[3 * d]!;
      const c1 = counts[3 * d + 1]!;
      const c2 = counts[3 * d + 2]!;
      div += (n * n - c0 * c0 - c1 * c1 - c2 * c2) / (n * (n - 1));
    }
    div /= m;
  }
  obs[0] = score / m;
  obs[1] = right / m;
  obs[2] = indScore / (n * m);
  obs[3] = div;
  obs[4] = s.period;
  // Scores are whole numbers, so the sums are exact and individualKnowledge is unchanged by the split.
  const nf = s.fastLearners;
  obs[5] = nf > 0 ? fastScore / (nf * m) : obs[2];
  obs[6] = nf < n ? (indScore - fastScore) / ((n - nf) * m) : obs[2];
  return obs;
}
