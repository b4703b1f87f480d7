/**
 * March (1991): the state of one run (typed arrays, individual-major beliefs), its construction and
 * the initial draws.
 *
 * Random streams (each seeded from the run's base seed, replicate and name; docs/formats.md):
 * - `environment`: reality at the start and turbulence;
 * - `individuals`: initial beliefs, coin flips of undecided individuals when they act, socialization;
 * - `code`: the code's learning draws;
 * - `turnover`: who leaves and the newcomers' beliefs.
 * Processes on separate streams keep their draws when another process's parameter moves (common
 * random numbers across p3, p4).
 */
import type { Params } from '../../engine/model.ts';
import type { Stream, Streams } from '../../engine/rng.ts';
import { packSigns, wordMask, wordsFor } from './bits.ts';
import { readParams, type MarchParams } from './params.ts';

export const MARCH_STREAMS = ['environment', 'individuals', 'code', 'turnover'] as const;

export interface MarchState {
  readonly m: number;
  readonly n: number;
  readonly p1: number;
  readonly p2: number;
  readonly p3: number;
  readonly p4: number;
  /** The first fastLearners individuals are socialized at p1Fast, the others at p1. */
  readonly fastLearners: number;
  readonly p1Fast: number;
  /** Index into MARCH_READINGS. */
  readonly reading: number;
  readonly maxPeriods: number;
  readonly fixedPeriods: number;
  /** fixedPeriods when > 0, else maxPeriods. */
  readonly horizon: number;
  /** Reality, ±1 per dimension. */
  readonly reality: Int8Array;
  /** The organizational code, −1/0/+1 per dimension. */
  readonly code: Int8Array;
  /** Beliefs, individual-major: beliefs[i·m + d]. */
  readonly beliefs: Int8Array;
  /** Words per belief row, ⌈m/32⌉ (bits.ts). */
  readonly words: number;
  /**
   * The beliefs again as bit masks, row i at words i·words …: `pos` where the belief is +1, `neg`
   * where −1 (neither: 0). The kernel scans these (a word of 32 dimensions at a time) and draws only at
   * set bits; every write to `beliefs` writes them too (syncRow), so the two always agree.
   */
  readonly pos: Int32Array;
  readonly neg: Int32Array;
  /** Per word, the bits of dimensions that exist (the last word may be partial). */
  readonly valid: Int32Array;
  // Masks of reality and the code, kept equal to `reality` and `code` like the belief masks (flipReality,
  // setCode; refreshMasks after a wholesale write).
  readonly realPos: Int32Array;
  readonly realNeg: Int32Array;
  readonly codePos: Int32Array;
  readonly codeNeg: Int32Array;
  /** Socialization rate of each individual: p1Fast for the first fastLearners, p1 for the others (or as set by setSocializationRates). */
  readonly rates: Float64Array;
  /** learnP[k] = 1 − (1 − p2)^k, k = 0 … n. */
  readonly learnP: Float64Array;
  // Scratch, rewritten every period (not part of the state proper).
  /** The current row's undecided dimensions that act as +1 (christensen2015). */
  readonly heads: Int32Array;
  /** Per dimension, how many of the superior group act +1 (christensen2015). */
  readonly plus: Int32Array;
  readonly superior: Uint8Array;
  readonly votes: Int32Array;
  readonly nonzero: Int32Array;
  /** Per dimension, how many individuals hold +1 and −1 (observe). */
  readonly plusCount: Int32Array;
  readonly minusCount: Int32Array;
  /** Bit planes of the column counter (observe.ts), bitLength(n) · words words. */
  readonly planes: Int32Array;
  readonly obs: number[];
  period: number;
  absorbed: boolean;
  readonly streams: Streams;
  readonly env: Stream;
  readonly ind: Stream;
  readonly cod: Stream;
  readonly tov: Stream;
}

/** One uniform ±1. */
function sign1(s: Stream): number {
  return s.next() < 0.5 ? 1 : -1;
}

export function makeState(p: MarchParams, streams: Streams): MarchState {
  const { m, n } = p;
  const learnP = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) learnP[k] = 1 - Math.pow(1 - p.p2, k);
  const rates = new Float64Array(n).fill(p.p1);
  rates.fill(p.p1Fast, 0, Math.min(n, p.fastLearners));
  const words = wordsFor(m);
  const valid = new Int32Array(words);
  for (let w = 0; w < words; w++) valid[w] = wordMask(m, w);
  // Every field named (no spread), so that every state has the same hidden class.
  return {
    m,
    n,
    p1: p.p1,
    p2: p.p2,
    p3: p.p3,
    p4: p.p4,
    fastLearners: Math.min(n, p.fastLearners),
    p1Fast: p.p1Fast,
    reading: p.reading,
    maxPeriods: p.maxPeriods,
    fixedPeriods: p.fixedPeriods,
    horizon: p.fixedPeriods > 0 ? p.fixedPeriods : p.maxPeriods,
    reality: new Int8Array(m),
    code: new Int8Array(m),
    beliefs: new Int8Array(n * m),
    words,
    pos: new Int32Array(n * words),
    neg: new Int32Array(n * words),
    valid,
    realPos: new Int32Array(words),
    realNeg: new Int32Array(words),
    codePos: new Int32Array(words),
    codeNeg: new Int32Array(words),
    rates,
    learnP,
    heads: new Int32Array(words),
    plus: new Int32Array(m),
    superior: new Uint8Array(n),
    votes: new Int32Array(m),
    nonzero: new Int32Array(m),
    plusCount: new Int32Array(m),
    minusCount: new Int32Array(m),
    planes: new Int32Array((32 - Math.clz32(n)) * words),
    obs: [0, 0, 0, 0, 0, 0, 0],
    period: 0,
    absorbed: false,
    streams,
    env: streams.environment!,
    ind: streams.individuals!,
    cod: streams.code!,
    tov: streams.turnover!,
  };
}

/** Initial state: reality ±1 (environment), code neutral, beliefs −1/0/+1 equally likely (individuals). */
export function initMarch(params: Params, streams: Streams): MarchState {
  const s = makeState(readParams(params), streams);
  for (let d = 0; d < s.m; d++) s.reality[d] = sign1(s.env);
  for (let j = 0; j < s.beliefs.length; j++) s.beliefs[j] = s.ind.int(3) - 1;
  refreshMasks(s);
  syncBeliefs(s);
  return s;
}

/** Rewrite row i's belief masks from `beliefs` (after a newcomer's draws). */
export function syncRow(s: MarchState, i: number): void {
  packSigns(s.beliefs, i * s.m, s.m, s.pos, s.neg, i * s.words);
}

/** Rewrite every belief mask from `beliefs` (after the initial draws or a restore). */
export function syncBeliefs(s: MarchState): void {
  for (let i = 0; i < s.n; i++) syncRow(s, i);
}

/** Turbulence on dimension d: reality flips sign, and its bit moves between the two masks. */
export function flipReality(s: MarchState, d: number): void {
  s.reality[d] = -s.reality[d]!;
  const w = d >>> 5;
  const bit = 1 << (d & 31);
  s.realPos[w]! ^= bit;
  s.realNeg[w]! ^= bit;
}

/** The code's value on dimension d becomes v (−1, 0 or +1), in `code` and in its masks. */
export function setCode(s: MarchState, d: number, v: number): void {
  s.code[d] = v;
  const w = d >>> 5;
  const bit = 1 << (d & 31);
  s.codePos[w] = v > 0 ? s.codePos[w]! | bit : s.codePos[w]! & ~bit;
  s.codeNeg[w] = v < 0 ? s.codeNeg[w]! | bit : s.codeNeg[w]! & ~bit;
}

/** Rewrite the masks of reality and the code from `reality` and `code` (after the initial draws or a restore). */
export function refreshMasks(s: MarchState): void {
  packSigns(s.reality, 0, s.m, s.realPos, s.realNeg, 0);
  packSigns(s.code, 0, s.m, s.codePos, s.codeNeg, 0);
}

/**
 * Give individuals their own socialization rates (any mix; the registry's fastLearners and p1Fast
 * cover March's Figures 2–3). Call before the first step; rates are part of the state and of its
 * snapshot. fastKnowledge and slowKnowledge still split individuals at fastLearners.
 */
export function setSocializationRates(state: MarchState, rates: ArrayLike<number>): void {
  if (rates.length !== state.n) throw new Error(`setSocializationRates requires ${state.n} rates, got ${rates.length}`);
  for (let i = 0; i < state.n; i++) {
    const r = rates[i]!;
    if (!(r >= 0 && r <= 1)) throw new Error(`socialization rate ${i} must be in [0, 1], got ${r}`);
    state.rates[i] = r;
  }
}
