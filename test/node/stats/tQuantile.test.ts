import { describe, expect, it } from 'vitest';
import { tCdf, tQuantile } from '../../../sim/experiment/stats/index.ts';

/** |actual − expected| ≤ tol·|expected| */
function expectRelative(actual: number, expected: number, tol: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.abs(expected));
}

describe('tQuantile', () => {
  // Two-sided 95% and one-sided 95% points from standard t tables (8–9 significant digits).
  const table: [p: number, df: number, t: number][] = [
    [0.975, 1, 12.7062047],
    [0.975, 2, 4.30265273],
    [0.975, 5, 2.57058184],
    [0.975, 10, 2.22813885],
    [0.975, 29, 2.04522964],
    [0.975, 100, 1.98397152],
    [0.95, 10, 1.81246112],
  ];
  for (const [p, df, t] of table) {
    it(`tQuantile(${p}, ${df}) = ${t} to 1e-6 relative`, () => {
      expectRelative(tQuantile(p, df), t, 1e-6);
      expectRelative(tQuantile(1 - p, df), -t, 1e-6);
    });
  }

  it('tQuantile(0.5, df) = 0 for any df', () => {
    for (const df of [0.5, 1, 2, 3, 7.3, 1000, Infinity]) expect(tQuantile(0.5, df)).toBe(0);
  });

  it('agrees with SciPy 1.17 t.ppf to 1e-10 at fractional df and far tails', () => {
    const scipy: [p: number, df: number, t: number][] = [
      [0.975, 3, 3.1824463052837078],
      [0.99, 4, 3.746947387979196],
      [0.001, 3.5, -8.315567604516117],
      [0.1, 7.85, -1.3992123381367747],
      [1e-12, 6, -179.75335991079194],
    ];
    for (const [p, df, t] of scipy) expectRelative(tQuantile(p, df), t, 1e-10);
  });

  it('tQuantile(p, Infinity) is the normal quantile', () => {
    expectRelative(tQuantile(0.975, Infinity), 1.959963984540054, 1e-15);
  });

  it('inverts tCdf', () => {
    for (const df of [1, 2, 2.5, 4, 9, 40, 1e4]) {
      for (const p of [1e-8, 0.01, 0.2, 0.45, 0.55, 0.9, 0.999]) {
        expect(tCdf(tQuantile(p, df), df)).toBeCloseTo(p, 12);
      }
    }
  });

  it('tQuantile(0, df) = −∞ and tQuantile(1, df) = +∞', () => {
    expect(tQuantile(0, 5)).toBe(-Infinity);
    expect(tQuantile(1, 5)).toBe(Infinity);
  });

  it('rejects df ≤ 0 and p outside [0, 1], saying what is required', () => {
    expect(() => tQuantile(0.9, -1)).toThrow('tQuantile requires df > 0, got -1');
    expect(() => tQuantile(0.9, Number.NaN)).toThrow('tQuantile requires df > 0');
    expect(() => tQuantile(1.2, 3)).toThrow('tQuantile requires p in [0, 1], got 1.2');
  });

  it('refuses quantiles beyond |t| = 1e150 rather than returning a wrong one', () => {
    expect(() => tQuantile(1e-300, 0.3)).toThrow(/1e150/);
  });
});

describe('tCdf', () => {
  it('agrees with SciPy 1.17 t.cdf to 1e-12', () => {
    const scipy: [t: number, df: number, F: number][] = [
      [-2, 3, 0.06966298427942152],
      [1.5, 7.5, 0.912759714706768],
      [-10, 1, 0.03172551743055357],
      [0.3, 100, 0.6176000598498482],
      [-40, 4, 1.1670081613006339e-6],
    ];
    for (const [t, df, F] of scipy) expectRelative(tCdf(t, df), F, 1e-12);
  });

  it('is ½ at 0, symmetric, and the Cauchy cdf at df = 1', () => {
    expect(tCdf(0, 3)).toBe(0.5);
    expect(tCdf(1.7, 6) + tCdf(-1.7, 6)).toBeCloseTo(1, 15);
    expect(tCdf(2, 1)).toBeCloseTo(0.5 + Math.atan(2) / Math.PI, 14);
  });

  it('rejects df ≤ 0', () => {
    expect(() => tCdf(1, 0)).toThrow('tCdf requires df > 0, got 0');
  });
});
