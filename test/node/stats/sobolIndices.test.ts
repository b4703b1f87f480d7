import { describe, expect, it } from 'vitest';
import { saltelliDesign, sobolIndices, splitSaltelliOutputs } from '../../../sim/experiment/stats/index.ts';
import { SOBOL_MAX_WIDTH } from '../../../sim/experiment/stats/sobolIndices.ts';
import { mulberry32, normalFrom } from './rng.ts';

// Ishigami & Homma (1990): f = sin x1 + a sin² x2 + b x3⁴ sin x1 on [−π, π]³, a = 7, b = 0.1.
const a = 7;
const b = 0.1;
const ishigami = ([u1, u2, u3]: number[]) => {
  const [x1, x2, x3] = [u1, u2, u3].map((u) => -Math.PI + 2 * Math.PI * (u as number)) as [number, number, number];
  return Math.sin(x1) + a * Math.sin(x2) ** 2 + b * x3 ** 4 * Math.sin(x1);
};

// Analytic variance decomposition (Sobol & Levitan 1999; Saltelli et al. 2008, §4.x):
const pi4 = Math.PI ** 4;
const pi8 = Math.PI ** 8;
const V = (a * a) / 8 + (b * pi4) / 5 + (b * b * pi8) / 18 + 0.5;
const V1 = 0.5 * (1 + (b * pi4) / 5) ** 2;
const V2 = (a * a) / 8;
const V13 = b * b * pi8 * (1 / 18 - 1 / 50);
const S = [V1 / V, V2 / V, 0];
const ST = [(V1 + V13) / V, V2 / V, V13 / V];

describe('sobolIndices on the Ishigami function', () => {
  it('the analytic values are the published ones', () => {
    expect(S.map((v) => +v.toFixed(4))).toEqual([0.3139, 0.4424, 0]);
    expect(ST.map((v) => +v.toFixed(4))).toEqual([0.5576, 0.4424, 0.2437]);
  });

  it('saltelliDesign(4096, 3) + sobolIndices recover S_i and ST_i within 0.03, with bootstrap CIs', () => {
    const N = 4096;
    const design = saltelliDesign(N, 3);
    const { yA, yB, yAB } = splitSaltelliOutputs(design.points.map(ishigami), N, 3);
    const rand = mulberry32(1990); // bootstrap seed, fixed in the test
    const r = sobolIndices(yA, yB, yAB, { bootstrap: 300, rand });
    expect(r.variance).toBeCloseTo(V, 0);
    for (let i = 0; i < 3; i++) {
      for (const [est, truth] of [
        [r.S[i], S[i]],
        [r.ST[i], ST[i]],
      ] as const) {
        const e = est as NonNullable<typeof est>;
        expect(Math.abs(e.estimate - (truth as number))).toBeLessThan(0.03);
        expect(Number.isFinite(e.ciLow)).toBe(true);
        expect(Number.isFinite(e.ciHigh)).toBe(true);
        expect(e.ciLow as number).toBeLessThanOrEqual(e.estimate);
        expect(e.ciHigh as number).toBeGreaterThanOrEqual(e.estimate);
        expect((e.se as number) > 0).toBe(true);
      }
    }
  });

  it('without bootstrap the intervals are null, and the same seed gives the same intervals', () => {
    const N = 256;
    const { yA, yB, yAB } = splitSaltelliOutputs(saltelliDesign(N, 3).points.map(ishigami), N, 3);
    const plain = sobolIndices(yA, yB, yAB);
    expect(plain.S[0]).toMatchObject({ ciLow: null, ciHigh: null, se: null });
    const once = sobolIndices(yA, yB, yAB, { bootstrap: 50, rand: mulberry32(3) });
    const again = sobolIndices(yA, yB, yAB, { bootstrap: 50, rand: mulberry32(3) });
    expect(again).toEqual(once);
    expect(once.S[0]?.estimate).toBe(plain.S[0]?.estimate);
  });

  it('at N = 64 the first-order estimates stay near the analytic values, clipped to [0, 1]', () => {
    const N = 64;
    const { yA, yB, yAB } = splitSaltelliOutputs(saltelliDesign(N, 3).points.map(ishigami), N, 3);
    const r = sobolIndices(yA, yB, yAB, { bootstrap: 300, rand: mulberry32(1990) });
    for (const e of [...r.S, ...r.ST]) {
      expect(e.estimate).toBeGreaterThanOrEqual(0);
      expect(e.estimate).toBeLessThanOrEqual(1);
      expect(e.ciLow as number).toBeGreaterThanOrEqual(0);
      expect(e.ciHigh as number).toBeLessThanOrEqual(1);
    }
    // S_2 = 0.4424 is the largest first-order effect; even at N = 64 it is within 0.1 and its interval holds it.
    expect(Math.abs((r.S[1]?.estimate as number) - (S[1] as number))).toBeLessThan(0.1);
    expect(r.S[1]?.ciLow as number).toBeLessThan(S[1] as number);
    expect(r.S[1]?.ciHigh as number).toBeGreaterThan(S[1] as number);
    // S_3 = 0: the estimate is clipped at 0 and says so.
    expect(r.S[2]).toMatchObject({ estimate: 0, ciLow: 0, clipped: true });
  });

  it('rejects constant output, mismatched lengths, and bootstrap without rand', () => {
    expect(() => sobolIndices([1, 1], [1, 1], [[1, 1]])).toThrow('sobolIndices requires output variance > 0');
    expect(() => sobolIndices([1, 2], [1, 2, 3], [[1, 2]])).toThrow('sobolIndices requires yB of length N = 2, got 3');
    expect(() => sobolIndices([1, 2], [2, 1], [[1, 2]], { bootstrap: 10 })).toThrow('sobolIndices requires rand');
  });
});

describe('saltelliDesign', () => {
  it('saltelliDesign(4, 2) lays out A, B, AB_1, AB_2 from a 4-dimensional Sobol sequence', () => {
    const d = saltelliDesign(4, 2);
    // Sobol rows 0–3 in dims 1–4. Dim 4 (s = 3, a = 1, m = 1, 3, 1) has V1 = .1, V2 = .11 (binary),
    // so its walk is 0, .1, .01, .11 like dim 3: rows (0,0,0,0), (.5,.5,.5,.5), (.75,.25,.25,.25),
    // (.25,.75,.75,.75).
    expect(d.A).toEqual([
      [0, 0],
      [0.5, 0.5],
      [0.75, 0.25],
      [0.25, 0.75],
    ]);
    expect(d.B).toEqual([
      [0, 0],
      [0.5, 0.5],
      [0.25, 0.25],
      [0.75, 0.75],
    ]);
    expect(d.AB[0]).toEqual([
      [0, 0],
      [0.5, 0.5],
      [0.25, 0.25],
      [0.75, 0.75],
    ]);
    expect(d.AB[1]).toEqual([
      [0, 0],
      [0.5, 0.5],
      [0.75, 0.25],
      [0.25, 0.75],
    ]);
    expect(d.points).toHaveLength(4 * (2 + 2));
    expect(d.points.slice(8, 12)).toEqual(d.AB[0]);
  });

  it('rejects k beyond the 101-dimensional table', () => {
    expect(() => saltelliDesign(8, 51)).toThrow('saltelliDesign requires k ≤ 50 (2k Sobol dimensions), got 51');
  });
});

// A noisy toy output, as a sweep's point means are: y = mean over 5 replicates of
// x1 + 0.5 x2 + 0.8 ε (x3 inert, ε standard normal), x on [0, 1]³. The mean function's variance is
// (1 + 0.25)/12 = 0.10417 and the noise variance of a 5-replicate mean 0.64/5 = 0.128, so V = 0.23217
// and S = (0.3589, 0.0897, 0); noise is variance no factor explains, so ST = S + 0.128/V = (0.9102, 0.6410, 0.5513).
const noiseVar = 0.64 / 5;
const toyV = 1.25 / 12 + noiseVar;
const toyS = [1 / 12 / toyV, 0.25 / 12 / toyV, 0];
const toyST = toyS.map((s) => s + noiseVar / toyV);
const noisyToy = (noise: () => number) => (x: number[]) => {
  let s = 0;
  for (let r = 0; r < 5; r++) s += (x[0] as number) + 0.5 * (x[1] as number) + 0.8 * normalFrom(noise);
  return s / 5;
};

describe('sobolIndices on a noisy toy output', () => {
  it('N = 64: every reported interval stays within [0, 1] and N is reported too small, with the N that would do', () => {
    const N = 64;
    const ys = saltelliDesign(N, 3).points.map(noisyToy(mulberry32(64)));
    const { yA, yB, yAB } = splitSaltelliOutputs(ys, N, 3);
    const r = sobolIndices(yA, yB, yAB, { bootstrap: 500, rand: mulberry32(7) });
    for (const e of [...r.S, ...r.ST]) {
      expect(e.ciLow as number).toBeGreaterThanOrEqual(0);
      expect(e.ciHigh as number).toBeLessThanOrEqual(1);
      expect(e.ciLow as number).toBeLessThanOrEqual(e.estimate);
      expect(e.ciHigh as number).toBeGreaterThanOrEqual(e.estimate);
    }
    // First-order intervals this wide cannot separate small from moderate: every S_i is flagged.
    expect(r.S.map((e) => e.estimable)).toEqual([false, false, false]);
    expect(r.S.some((e) => e.clipped)).toBe(true);
    expect(r.suggestedN).toBe(256);
    // Intervals still hold the true first-order values.
    r.S.forEach((e, i) => {
      expect(e.ciLow as number).toBeLessThanOrEqual(toyS[i] as number);
      expect(e.ciHigh as number).toBeGreaterThanOrEqual(toyS[i] as number);
    });
  });

  it('N = 1024: estimates within 0.06 of the known values, every interval narrow enough', () => {
    const N = 1024;
    const ys = saltelliDesign(N, 3).points.map(noisyToy(mulberry32(64)));
    const { yA, yB, yAB } = splitSaltelliOutputs(ys, N, 3);
    const r = sobolIndices(yA, yB, yAB, { bootstrap: 500, rand: mulberry32(7) });
    r.S.forEach((e, i) => expect(Math.abs(e.estimate - (toyS[i] as number))).toBeLessThan(0.06));
    r.ST.forEach((e, i) => expect(Math.abs(e.estimate - (toyST[i] as number))).toBeLessThan(0.06));
    for (const e of [...r.S, ...r.ST]) {
      expect(e.estimable).toBe(true);
      expect((e.ciHigh as number) - (e.ciLow as number)).toBeLessThanOrEqual(SOBOL_MAX_WIDTH);
    }
    expect(r.suggestedN).toBe(1024);
  });
});
