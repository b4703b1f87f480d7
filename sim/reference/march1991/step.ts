/**
 * March (1991): one period in the order of the selected reading, and the test for an absorbing state.
 *
 * Run length (the rule is also in docs/validation.md). The model sets its own horizon
 * H = fixedPeriods when fixedPeriods > 0, else maxPeriods. With fixedPeriods = 0 the run also stops at
 * the first period after which the state is absorbing. The engine's `cycles` is only an outer cap:
 * `defaultCycles` is the largest horizon the registry allows, so a run that does not say `cycles`, or
 * says cycles ≥ H, follows the model's rule; cycles < H truncates the run (its record says how many
 * periods ran). `final` values are those of the last period run.
 *
 * Absorbing state. With p3 = p4 = 0 a state is absorbing when no draw of the next period can change
 * anything: (a) no individual with a positive socialization rate differs from a non-zero code value
 * (where the code is 0 beliefs are never socialized, so individuals may keep any belief there), and
 * (b) the code cannot learn: p2 = 0, or in `watts2014`/`text1991*` (deterministic superior groups) no
 * dimension meets the learning condition, or in `christensen2015` no individual could outscore the code
 * even with every coin flip right (Σ_{b≠0} b·r + #zeros ≤ Σ code·r). "Every individual equals the code
 * on every dimension" is sufficient but not necessary: a dimension where the code stayed 0 and beliefs
 * still differ is absorbing when nobody can outscore the code. The check is exact (when nobody differs
 * from a non-zero code value, anyone who could outscore the code makes a strict majority against it on
 * some dimension possible), with one conservative case: in `christensen2015`, while an individual whose
 * socialization rate is 0 differs from a non-zero code value, a state in which someone could outscore
 * the code but not move it is reported as open (the run then stops at maxPeriods). With p3 > 0 or
 * p4 > 0 nothing is absorbing.
 */
import { CHRISTENSEN, TEXT, TEXT_SEQUENTIAL, WATTS } from './params.ts';
import {
  actAndVote,
  codeScore,
  knowAndVote,
  learnGradual,
  learnJump,
  learnText,
  scoreAndVote,
  socializeDirect,
  socializeGradual,
  textK,
} from './readings.ts';
import { popcount } from './bits.ts';
import { flipReality, syncRow, type MarchState } from './state.ts';

/** One period: turbulence, turnover, then socialization and code learning in the reading's order. */
export function stepMarch(s: MarchState): void {
  s.period++;
  const { m, n } = s;
  if (s.p4 > 0) {
    for (let d = 0; d < m; d++) if (s.env.next() < s.p4) flipReality(s, d);
  }
  if (s.p3 > 0) {
    for (let i = 0; i < n; i++) {
      if (s.tov.next() < s.p3) {
        const row = i * m;
        for (let d = 0; d < m; d++) s.beliefs[row + d] = s.tov.int(3) - 1;
        syncRow(s, i);
      }
    }
  }
  switch (s.reading) {
    case CHRISTENSEN:
      actAndVote(s);
      socializeGradual(s);
      learnJump(s);
      break;
    case WATTS:
      scoreAndVote(s);
      socializeGradual(s);
      learnGradual(s);
      break;
    case TEXT: {
      const size = knowAndVote(s);
      socializeDirect(s);
      learnText(s, size);
      break;
    }
    case TEXT_SEQUENTIAL:
      socializeDirect(s);
      learnText(s, knowAndVote(s));
      break;
    default:
      throw new Error(`march1991: unknown reading index ${s.reading}`);
  }
  s.absorbed = s.fixedPeriods === 0 && s.p3 === 0 && s.p4 === 0 && isAbsorbing(s);
}

/** Could the next period's socialization change a belief? */
function canSocialize(s: MarchState): boolean {
  const { n, words, pos, neg, codePos, codeNeg, rates } = s;
  for (let i = 0; i < n; i++) {
    if (rates[i]! <= 0) continue;
    const row = i * words;
    for (let w = 0; w < words; w++)
      if (((codePos[w]! & ~pos[row + w]!) | (codeNeg[w]! & ~neg[row + w]!)) !== 0) return true;
  }
  return false;
}

/** Could the next period's code learning change the code? (No draw is made.) */
function canLearn(s: MarchState): boolean {
  if (s.p2 <= 0) return false;
  const { m, n, code, votes } = s;
  switch (s.reading) {
    case CHRISTENSEN: {
      // Someone outscores the code with positive probability iff their best case does: every
      // undecided dimension's coin right, #(agree) − #(disagree) + #(undecided).
      const { words, pos, neg, valid, realPos, realNeg } = s;
      const cs = codeScore(s);
      for (let i = 0; i < n; i++) {
        const row = i * words;
        let best = 0;
        for (let w = 0; w < words; w++) {
          const p = pos[row + w]!;
          const q = neg[row + w]!;
          const rp = realPos[w]!;
          const rn = realNeg[w]!;
          best += popcount((p & rp) | (q & rn)) - popcount((p & rn) | (q & rp)) + popcount(~(p | q) & valid[w]!);
        }
        if (best > cs) return true;
      }
      return false;
    }
    case WATTS: {
      scoreAndVote(s);
      for (let d = 0; d < m; d++) {
        const v = votes[d]!;
        if (v !== 0 && code[d] !== (v > 0 ? 1 : -1)) return true;
      }
      return false;
    }
    default: {
      const size = knowAndVote(s);
      for (let d = 0; d < m; d++) {
        const v = votes[d]!;
        if (v !== 0 && code[d] !== (v > 0 ? 1 : -1) && textK(s, d, size) > 0) return true;
      }
      return false;
    }
  }
}

/** True when no draw of the next period can change the state (p3 = p4 = 0 assumed by the caller). */
export function isAbsorbing(s: MarchState): boolean {
  return !canSocialize(s) && !canLearn(s);
}
