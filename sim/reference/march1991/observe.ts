/** March (1991): the period's metric values (metrics.ts lists them in this order). */
import { popcount } from './bits.ts';
import type { MarchState } from './state.ts';

/**
 * How many rows have each dimension's bit set in `masks` (row i at words i·words …), into
 * out[0 … m). A bit-sliced counter: plane k holds bit k of every dimension's count, 32 dimensions a
 * word, and adding a row is a ripple-carry addition of its word into the planes (plane k takes the
 * carry out of plane k − 1); on average two steps a row, where counting cell by cell takes 32.
 * `planes` (≥ bitLength(n) · words words) is scratch.
 */
function columnCounts(s: MarchState, masks: Int32Array, out: Int32Array): void {
  const { n, m, words, planes } = s;
  const depth = 32 - Math.clz32(n); // a count ≤ n fits in bitLength(n) planes
  planes.fill(0, 0, depth * words);
  for (let i = 0; i < n; i++) {
    const row = i * words;
    for (let w = 0; w < words; w++) {
      let carry = masks[row + w]!;
      for (let at = w; carry !== 0; at += words) {
        const next = planes[at]! & carry;
        planes[at]! ^= carry;
        carry = next;
      }
    }
  }
  for (let d = 0; d < m; d++) {
    const w = d >>> 5;
    const b = d & 31;
    let c = 0;
    for (let k = 0; k < depth; k++) c |= ((planes[k * words + w]! >>> b) & 1) << k;
    out[d] = c;
  }
}

/**
 * The period's metric values, in the order of `metrics`. The returned array is reused by the next
 * call (the engine copies the values out). Every count is a whole number computed exactly (on the
 * masks), so the values are those of a cell-by-cell count.
 */
export function observeMarch(s: MarchState): number[] {
  const { m, n, words, pos, neg, realPos, realNeg, codePos, codeNeg, plusCount, minusCount, obs } = s;
  let right = 0;
  let wrong = 0;
  for (let w = 0; w < words; w++) {
    right += popcount((codePos[w]! & realPos[w]!) | (codeNeg[w]! & realNeg[w]!));
    wrong += popcount((codePos[w]! & realNeg[w]!) | (codeNeg[w]! & realPos[w]!));
  }
  const score = right - wrong;
  // Individual scores, #(agree) − #(disagree) a row, the fast learners' apart.
  let indScore = 0;
  let fastScore = 0;
  const nf = s.fastLearners;
  for (let i = 0; i < n; i++) {
    const row = i * words;
    let rowScore = 0;
    for (let w = 0; w < words; w++) {
      const p = pos[row + w]!;
      const q = neg[row + w]!;
      rowScore += popcount((p & realPos[w]!) | (q & realNeg[w]!)) - popcount((p & realNeg[w]!) | (q & realPos[w]!));
    }
    indScore += rowScore;
    if (i < nf) fastScore += rowScore;
  }
  // Diversity: per dimension, the share of ordered pairs (i ≠ j) with different beliefs,
  // (n² − c₋² − c₀² − c₊²)/(n(n − 1)) from how many hold −1, 0 and +1.
  let div = 0;
  if (n > 1) {
    columnCounts(s, pos, plusCount);
    columnCounts(s, neg, minusCount);
    for (let d = 0; d < m; d++) {
      const c2 = plusCount[d]!;
      const c0 = minusCount[d]!;
      const c1 = n - c0 - c2;
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
  obs[5] = nf > 0 ? fastScore / (nf * m) : obs[2];
  obs[6] = nf < n ? (indScore - fastScore) / ((n - nf) * m) : obs[2];
  return obs;
}
