/**
 * March (1991): the three processes of a period — who is superior and how they vote, socialization,
 * code learning — in the variants each reading of the text needs.
 *
 * The text leaves parts of the algorithm open, and replications read it differently. The `reading`
 * parameter selects one (docs/validation.md compares each with March's Figure 1 and gives sources):
 *
 * - `christensen2015` (default): March's original program as described by M. Christensen (2015) and
 *   recreated by M. Workiewicz (github.com/Mac13kW/March_1991_Original, 2019/2023). Individuals *act*:
 *   a belief of 0 acts as a coin flip. The superior group are those whose action score
 *   Σ action·reality beats the code's score Σ code·reality. Socialization is gradual (a belief opposite
 *   the code becomes 0, a 0 becomes the code's value). On each dimension where the strict majority of
 *   the superior group's actions differs from the code, the code takes that value with probability
 *   1 − (1 − p2)^k, k = |#(+1) − #(−1)| among their actions. Both processes start from the state at the
 *   start of the period. Knowledge is the score (#right − #wrong)/m, the quantity the original
 *   program printed (Christensen 2015, via Workiewicz).
 * - `watts2014`: Watts and Gilbert (2014, "Simulating Innovation", ch. 4; NetLogo model built from a
 *   BASIC version, mostly by March, supplied by S. Rodan). Superior group by belief score
 *   Σ belief·reality > Σ code·reality (no coin flips); gradual socialization; gradual code learning
 *   (a code value opposite the majority becomes 0, a 0 becomes the majority value) with probability
 *   1 − (1 − p2)^k, k = |Σ beliefs| of the superior group; simultaneous.
 * - `text1991`: the paper read literally (pp. 74–75 and footnote 1). Superior group by knowledge, the
 *   number of dimensions right; socialization jumps straight to the code's value; the code jumps to the
 *   superior group's dominant non-zero belief with probability 1 − (1 − p2)^k, k = #(superior who
 *   differ from the code) − #(who agree), when k > 0; both from the start-of-period state ("at the same
 *   time").
 * - `text1991-sequential`: as `text1991`, but socialization first and the superior group then
 *   recomputed from the socialized beliefs (an order many re-implementations use).
 *
 * Socialization and code learning draw only where a change is possible (no draw where a belief already
 * equals the code); turbulence and turnover draw nothing when p4 = 0 or p3 = 0. Processes on separate
 * streams keep their draws when another process's parameter moves (common random numbers across p3, p4).
 */
import { bitIndex, popcount } from './bits.ts';
import { setCode, type MarchState } from './state.ts';

/** The code's score Σ code·reality, #right − #wrong (a neutral dimension counts 0). */
export function codeScore(s: MarchState): number {
  let score = 0;
  for (let d = 0; d < s.m; d++) score += s.code[d]! * s.reality[d]!;
  return score;
}

/** The code's knowledge as the text counts it: the number of dimensions it has right. */
export function codeRight(s: MarchState): number {
  let right = 0;
  for (let d = 0; d < s.m; d++) if (s.code[d] === s.reality[d]) right++;
  return right;
}

/**
 * christensen2015, step 1: every individual acts (a belief of 0 acts as a fair coin), the superior
 * group is those whose action score beats the code's score, and votes[d] = Σ of their actions.
 *
 * On masks: a row's decided part scores #(agree) − #(disagree) with reality,
 * the coins are drawn at its zero bits in ascending dimension order (the draws of a scan of every
 * cell), and since every action is ±1, votes[d] = 2·#(superior acting +1 on d) − #superior.
 */
export function actAndVote(s: MarchState): void {
  const { m, n, words, pos, neg, valid, realPos, realNeg, heads, plus, superior, votes, ind } = s;
  const cs = codeScore(s);
  plus.fill(0);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const row = i * words;
    let score = 0;
    for (let w = 0; w < words; w++) {
      const p = pos[row + w]!;
      const q = neg[row + w]!;
      const rp = realPos[w]!;
      const rn = realNeg[w]!;
      const zeros = ~(p | q) & valid[w]!;
      let h = 0;
      for (let z = zeros; z !== 0;) {
        const bit = z & -z;
        z ^= bit;
        // Heads when u < .5, i.e. when ⌊2u⌋ = 0: a mask without a branch on a fair coin, which no
        // predictor can guess.
        h |= bit & (((ind.next() * 2) | 0) - 1);
      }
      heads[w] = h;
      const up = p | h; // acting +1
      const down = q | (zeros ^ h); // acting −1
      score += popcount((up & rp) | (down & rn)) - popcount((up & rn) | (down & rp));
    }
    if (score > cs) {
      superior[i] = 1;
      size++;
      for (let w = 0; w < words; w++) {
        for (let a = pos[row + w]! | heads[w]!; a !== 0;) {
          const bit = a & -a;
          a ^= bit;
          plus[32 * w + bitIndex(bit)]!++;
        }
      }
    } else superior[i] = 0;
  }
  for (let d = 0; d < m; d++) votes[d] = 2 * plus[d]! - size;
}

/** watts2014: superior by belief score Σ b·r > Σ c·r; votes[d] = Σ of their beliefs. */
export function scoreAndVote(s: MarchState): void {
  const { m, n, beliefs, reality, superior, votes } = s;
  const cs = codeScore(s);
  votes.fill(0);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    let score = 0;
    for (let d = 0; d < m; d++) score += beliefs[row + d]! * reality[d]!;
    if (score > cs) {
      superior[i] = 1;
      for (let d = 0; d < m; d++) votes[d]! += beliefs[row + d]!;
    } else superior[i] = 0;
  }
}

/**
 * text1991: superior by knowledge (#dimensions right) > the code's; votes[d] = #(+1) − #(−1) and
 * nonzero[d] = #(+1) + #(−1) among them. Returns the size of the superior group.
 */
export function knowAndVote(s: MarchState): number {
  const { m, n, beliefs, reality, superior, votes, nonzero } = s;
  const ck = codeRight(s);
  votes.fill(0);
  nonzero.fill(0);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const row = i * m;
    let right = 0;
    for (let d = 0; d < m; d++) if (beliefs[row + d] === reality[d]) right++;
    if (right > ck) {
      superior[i] = 1;
      size++;
      for (let d = 0; d < m; d++) {
        const b = beliefs[row + d]!;
        votes[d]! += b;
        if (b !== 0) nonzero[d]!++;
      }
    } else superior[i] = 0;
  }
  return size;
}

/**
 * Gradual socialization: where the code is c ≠ 0 and a belief differs, w.p. rate −c → 0 and 0 → c.
 * Only those cells draw; on masks they are the set bits of
 * (codePos ∧ ¬pos) ∨ (codeNeg ∧ ¬neg), visited in ascending dimension order.
 */
export function socializeGradual(s: MarchState): void {
  socialize(s, true);
}

/** Direct socialization (the text): where the code is c ≠ 0 and a belief differs, w.p. rate it becomes c. */
export function socializeDirect(s: MarchState): void {
  socialize(s, false);
}

function socialize(s: MarchState, gradual: boolean): void {
  const { m, n, words, beliefs, pos, neg, code, codePos, codeNeg, rates, ind } = s;
  for (let i = 0; i < n; i++) {
    const rate = rates[i]!;
    const row = i * words;
    for (let w = 0; w < words; w++) {
      const k = row + w;
      for (let x = (codePos[w]! & ~pos[k]!) | (codeNeg[w]! & ~neg[k]!); x !== 0;) {
        const bit = x & -x;
        x ^= bit;
        if (ind.next() < rate) {
          const j = i * m + 32 * w + bitIndex(bit);
          const c = code[j - i * m]!;
          const b = gradual ? beliefs[j]! + c : c; // gradual: b ∈ {−c, 0} → {0, c}
          beliefs[j] = b;
          pos[k] = b > 0 ? pos[k]! | bit : pos[k]! & ~bit;
          neg[k] = b < 0 ? neg[k]! | bit : neg[k]! & ~bit;
        }
      }
    }
  }
}

/** christensen2015: the code jumps to the strict majority of the votes w.p. 1 − (1 − p2)^|votes|. */
export function learnJump(s: MarchState): void {
  const { m, code, votes, learnP, cod } = s;
  for (let d = 0; d < m; d++) {
    const v = votes[d]!;
    if (v === 0) continue;
    const target = v > 0 ? 1 : -1;
    if (code[d] !== target && cod.next() < learnP[v > 0 ? v : -v]!) setCode(s, d, target);
  }
}

/** watts2014: the code moves one step (opposite → 0, 0 → majority) w.p. 1 − (1 − p2)^|votes|. */
export function learnGradual(s: MarchState): void {
  const { m, code, votes, learnP, cod } = s;
  for (let d = 0; d < m; d++) {
    const v = votes[d]!;
    if (v === 0) continue;
    const target = v > 0 ? 1 : -1;
    const c = code[d]!;
    if (c !== target && cod.next() < learnP[v > 0 ? v : -v]!) setCode(s, d, c === 0 ? target : 0);
  }
}

/** k of footnote 1: #(superior who differ from the code) − #(who agree), on dimension d. */
export function textK(s: MarchState, d: number, size: number): number {
  const v = s.votes[d]!;
  const nz = s.nonzero[d]!;
  const c = s.code[d]!;
  const agree = c === 0 ? size - nz : c > 0 ? (nz + v) / 2 : (nz - v) / 2;
  return size - 2 * agree;
}

/** text1991: the code jumps to the dominant non-zero belief w.p. 1 − (1 − p2)^k when k > 0. */
export function learnText(s: MarchState, size: number): void {
  const { m, code, votes, learnP, cod } = s;
  for (let d = 0; d < m; d++) {
    const v = votes[d]!;
    if (v === 0) continue;
    const target = v > 0 ? 1 : -1;
    if (code[d] === target) continue;
    const k = textK(s, d, size);
    if (k > 0 && cod.next() < learnP[k]!) setCode(s, d, target);
  }
}
