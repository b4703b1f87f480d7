import { describe, expect, it } from 'vitest';
import { SOBOL_MAX_DIMENSIONS, sobolSequence } from '../../../sim/experiment/stats/index.ts';
import { JOE_KUO_DIRECTIONS } from '../../../sim/experiment/stats/joeKuoDirections.ts';

describe('sobolSequence', () => {
  it('sobolSequence(8, 3) starts like the Joe–Kuo generator (origin included)', () => {
    const pts = sobolSequence(8, 3);
    const column = (j: number) => pts.map((p) => p[j]);
    expect(column(0)).toEqual([0, 0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125]);
    expect(column(1)).toEqual([0, 0.5, 0.25, 0.75, 0.375, 0.875, 0.125, 0.625]);
    // Dimension 3 (s = 2, a = 1, m = 1, 3): V1 = .1, V2 = .11, V3 = V1 ⊕ V1>>2 ⊕ V2 = .011 (binary);
    // Gray-code walk x_(i+1) = x_i ⊕ V_(c+1): .1, .01, .11, .101, .001, .111, .011.
    expect(column(2)).toEqual([0, 0.5, 0.25, 0.75, 0.625, 0.125, 0.875, 0.375]);
  });

  it('matches SciPy 1.17 qmc.Sobol(scramble=False) deep in the sequence, up to dimension 101', () => {
    // Coordinates × 2^32 of points 1000, 4095 and 12345 in dimensions 1, 2, 10, 32, 33, 64, 100, 101.
    const dims = [1, 2, 10, 32, 33, 64, 100, 101];
    const scipy: Record<number, number[]> = {
      1000: [943718400, 415236096, 297795584, 624951296, 1270874112, 1916796928, 801112064, 3300917248],
      4095: [1048576, 4042260480, 1058013184, 376438784, 3266314240, 2377121792, 4134535168, 1481637888],
      12345: [2752774144, 3493593088, 1845231616, 2843475968, 2158755840, 1999896576, 2314469376, 2317090816],
    };
    for (const [index, expected] of Object.entries(scipy)) {
      const [point] = sobolSequence(1, 101, Number(index));
      expect(dims.map((d) => ((point as number[])[d - 1] as number) * 2 ** 32)).toEqual(expected);
    }
  });

  it('sobolSequence(n, d, skip) continues the sequence', () => {
    expect(sobolSequence(5, 6, 3)).toEqual(sobolSequence(8, 6).slice(3));
    expect(sobolSequence(0, 2)).toEqual([]);
  });

  it('the first 64 points put one point in each 1/64 stratum of every one of the 101 axes', () => {
    const pts = sobolSequence(64, SOBOL_MAX_DIMENSIONS);
    for (let j = 0; j < SOBOL_MAX_DIMENSIONS; j++) {
      const strata = pts.map((p) => Math.floor((p[j] as number) * 64)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: 64 }, (_, i) => i));
    }
  });

  it('the first 16 points of dimensions 1–2 fill the 4 × 4 grid, one per cell (a (0, 4, 2)-net)', () => {
    const cells = sobolSequence(16, 2).map(
      ([x, y]) => Math.floor((x as number) * 4) * 4 + Math.floor((y as number) * 4),
    );
    expect(new Set(cells).size).toBe(16);
  });

  it('the embedded table is well formed: primitive polynomials, odd m_k < 2^k', () => {
    const seen = new Set<string>();
    let previousDegree = 1;
    for (const [s, a, m] of JOE_KUO_DIRECTIONS) {
      expect(m.length).toBe(s);
      m.forEach((mk, k) => {
        expect(mk % 2).toBe(1);
        expect(mk).toBeLessThan(2 ** (k + 1));
      });
      expect(s).toBeGreaterThanOrEqual(previousDegree);
      previousDegree = s;
      expect(a).toBeLessThan(2 ** (s - 1));
      // x^s + a-bits + 1 is primitive over GF(2) iff x has multiplicative order exactly 2^s − 1.
      const poly = (1 << s) | (a << 1) | 1;
      let power = 1;
      let order = 0;
      do {
        power <<= 1;
        if (power & (1 << s)) power ^= poly;
        order++;
      } while (power !== 1 && order < 2 ** s);
      expect(order).toBe(2 ** s - 1);
      seen.add(`${s}/${a}`);
    }
    expect(seen.size).toBe(JOE_KUO_DIRECTIONS.length);
    expect(SOBOL_MAX_DIMENSIONS).toBe(101);
  });

  it('rejects dims outside [1, 101] and negative skip', () => {
    expect(() => sobolSequence(4, 0)).toThrow('sobolSequence requires dims to be an integer in [1, 101], got 0');
    expect(() => sobolSequence(4, 102)).toThrow('got 102');
    expect(() => sobolSequence(4, 2, -1)).toThrow('sobolSequence requires skip to be an integer ≥ 0, got -1');
  });
});
