import { describe, expect, it } from 'vitest';
import { bitIndex, packSigns, popcount, wordMask, wordsFor } from '../../sim/reference/march1991/bits.ts';
import { createStreams } from '../../sim/engine/rng.ts';
import {
  initMarch,
  MARCH_READINGS,
  MARCH_STREAMS,
  observeMarch,
  stepMarch,
  type MarchState,
} from '../../sim/reference/march1991.ts';

/** The metrics counted cell by cell on the Int8Array state (the algorithm of model 1.1.0 before masks). */
function observeByCells(s: MarchState): number[] {
  const { m, n, beliefs, reality, code } = s;
  let score = 0;
  let right = 0;
  for (let d = 0; d < m; d++) {
    score += code[d]! * reality[d]!;
    if (code[d]! * reality[d]! > 0) right++;
  }
  const counts = new Array<number>(3 * m).fill(0);
  let indScore = 0;
  let fastScore = 0;
  for (let i = 0; i < n; i++) {
    let rowScore = 0;
    for (let d = 0; d < m; d++) {
      const b = beliefs[i * m + d]!;
      rowScore += b * reality[d]!;
      counts[3 * d + b + 1]!++;
    }
    indScore += rowScore;
    if (i < s.fastLearners) fastScore += rowScore;
  }
  let div = 0;
  if (n > 1) {
    for (let d = 0; d < m; d++) {
      const [c0, c1, c2] = [counts[3 * d]!, counts[3 * d + 1]!, counts[3 * d + 2]!];
      div += (n * n - c0 * c0 - c1 * c1 - c2 * c2) / (n * (n - 1));
    }
    div /= m;
  }
  const nf = s.fastLearners;
  const all = indScore / (n * m);
  return [
    score / m,
    right / m,
    all,
    div,
    s.period,
    nf > 0 ? fastScore / (nf * m) : all,
    nf < n ? (indScore - fastScore) / ((n - nf) * m) : all,
  ];
}

describe('march1991 bit masks', () => {
  it('popcount counts set bits of 32-bit words, the sign bit included', () => {
    expect([0, 1, 0b1011, 0xff, 0x55555555, 0x7fffffff, -1, 0x80000000 | 0, -2].map(popcount)).toEqual([
      0, 1, 3, 8, 16, 31, 32, 1, 31,
    ]);
  });

  it('bitIndex, wordsFor and wordMask give the positions of dimensions in words', () => {
    expect([1, 2, 1 << 5, 1 << 30, 1 << 31].map(bitIndex)).toEqual([0, 1, 5, 30, 31]);
    expect([1, 30, 32, 33, 64, 1000].map(wordsFor)).toEqual([1, 1, 1, 2, 2, 32]);
    expect([wordMask(30, 0), wordMask(32, 0), wordMask(33, 0), wordMask(33, 1), wordMask(64, 1)]).toEqual([
      0x3fffffff, -1, -1, 1, -1,
    ]);
  });

  it('packSigns sets pos where +1 and neg where −1, across words', () => {
    const v = [9, 1, 0, -1, ...Array.from({ length: 30 }, (_, d) => (d === 29 ? -1 : d === 28 ? 1 : 0))];
    const pos = new Int32Array(3);
    const neg = new Int32Array(3);
    packSigns(v, 1, 33, pos, neg, 1);
    expect(Array.from(pos)).toEqual([0, 0b1 | (1 << 31), 0]);
    expect(Array.from(neg)).toEqual([0, 0b100, 1]);
  });

  // The kernel scans masks and writes beliefs and masks together; they must never disagree. Seed and
  // settings fixed in advance; m = 70 spans three words, turnover and turbulence move everything.
  it.each(MARCH_READINGS.map((r) => [r]))('%s: masks equal beliefs, code and reality after every period', (reading) => {
    const params = {
      m: 70,
      n: 9,
      p1: 0.4,
      p2: 0.6,
      fastLearners: 3,
      p1Fast: 0.9,
      p3: 0.1,
      p4: 0.05,
      maxPeriods: 50,
      fixedPeriods: 0,
      reading,
    };
    const s = initMarch(params, createStreams(MARCH_STREAMS, 77, 0));
    const pos = new Int32Array(s.pos.length);
    const neg = new Int32Array(s.neg.length);
    const vp = new Int32Array(s.words);
    const vn = new Int32Array(s.words);
    const sameAs = (v: Int8Array, p: Int32Array, q: Int32Array) => {
      packSigns(v, 0, s.m, vp, vn, 0);
      expect([Array.from(p), Array.from(q)]).toEqual([Array.from(vp), Array.from(vn)]);
    };
    for (let t = 0; t < 50; t++) {
      stepMarch(s);
      for (let i = 0; i < s.n; i++) packSigns(s.beliefs, i * s.m, s.m, pos, neg, i * s.words);
      expect(Array.from(s.pos)).toEqual(Array.from(pos));
      expect(Array.from(s.neg)).toEqual(Array.from(neg));
      sameAs(s.code, s.codePos, s.codeNeg);
      sameAs(s.reality, s.realPos, s.realNeg);
    }
    expect(s.period).toBe(50);
    expect(Array.from(s.code).some((c) => c !== 0)).toBe(true);
  });

  // Seeds and settings fixed in advance: three words a row, 1 to 1000 individuals (10 count planes).
  it.each([
    [70, 9, 3],
    [33, 1, 0],
    [40, 1000, 250],
  ])('observeMarch on masks equals a cell-by-cell count (m = %i, n = %i, fastLearners = %i)', (m, n, nf) => {
    const params = {
      m,
      n,
      p1: 0.3,
      p2: 0.6,
      fastLearners: nf,
      p1Fast: 0.8,
      p3: 0.05,
      p4: 0.05,
      maxPeriods: 30,
      fixedPeriods: 0,
      reading: 'christensen2015',
    };
    const s = initMarch(params, createStreams(MARCH_STREAMS, 91, 1));
    for (let t = 0; t < 30; t++) {
      expect([...observeMarch(s)]).toEqual(observeByCells(s));
      stepMarch(s);
    }
  });
});
