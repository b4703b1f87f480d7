import { describe, expect, it } from 'vitest';
import { saltelliDesign, sobolIndices, splitSaltelliOutputs } from '../../../sim/experiment/stats/index.ts';
import { mulberry32 } from './rng.ts';

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
