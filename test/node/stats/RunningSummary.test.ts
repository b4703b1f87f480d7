import { describe, expect, it } from 'vitest';
import { RunningSummary, summarize } from '../../../sim/experiment/stats/index.ts';
import { mulberry32 } from './rng.ts';

function expectSameSummary(a: ReturnType<typeof summarize>, b: ReturnType<typeof summarize>) {
  expect(a.n).toBe(b.n);
  for (const key of ['mean', 'sd', 'se', 'ciLow', 'ciHigh', 'halfWidth'] as const) {
    const x = a[key] as number;
    const y = b[key] as number;
    expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(y)));
  }
}

describe('RunningSummary', () => {
  const rand = mulberry32(7); // seed fixed in the test
  const values = Array.from({ length: 5000 }, () => 3 + 4 * (rand() + rand() + rand() - 1.5));

  it('push(x)… summary() equals summarize(values) to 1e-12', () => {
    const r = new RunningSummary();
    for (const v of values) r.push(v);
    expectSameSummary(r.summary(), summarize(values));
    expectSameSummary(r.summary(0.8), summarize(values, 0.8));
  });

  it('merge(other) equals pushing everything into one', () => {
    const parts = [values.slice(0, 1), values.slice(1, 1700), values.slice(1700, 1700), values.slice(1700)];
    const merged = new RunningSummary();
    for (const part of parts) {
      const r = new RunningSummary();
      for (const v of part) r.push(v);
      merged.merge(r);
    }
    expectSameSummary(merged.summary(), summarize(values));
  });

  it('n, mean and variance by hand: 2, 4, 4, 4, 5, 5, 7, 9 → mean 5, variance 32/7', () => {
    const r = new RunningSummary();
    for (const v of [2, 4, 4, 4, 5, 5, 7, 9]) r.push(v);
    expect(r.n).toBe(8);
    expect(r.mean).toBe(5);
    expect(r.variance).toBeCloseTo(32 / 7, 14);
  });

  it('stays exact where Σx² − (Σx)²/n fails: 1e9 + {4, 7, 13, 16} has variance 30', () => {
    const r = new RunningSummary();
    for (const v of [4, 7, 13, 16]) r.push(1e9 + v);
    expect(r.mean).toBe(1e9 + 10);
    expect(r.variance).toBe(30);
  });

  it('state() and fromState() round-trip three numbers', () => {
    const r = new RunningSummary();
    for (const v of values.slice(0, 10)) r.push(v);
    const flat = new Float64Array(r.state());
    const back = RunningSummary.fromState([flat[0] as number, flat[1] as number, flat[2] as number]);
    expect(back.summary()).toEqual(r.summary());
  });

  it('below two values: NaN mean when empty, null variance; summary() of nothing throws', () => {
    const r = new RunningSummary();
    expect(r.mean).toBeNaN();
    expect(r.variance).toBeNull();
    expect(() => r.summary()).toThrow('RunningSummary.summary requires at least one value');
    r.push(3);
    expect(r.summary()).toEqual(summarize([3]));
  });

  it('rejects non-finite values', () => {
    expect(() => new RunningSummary().push(Infinity)).toThrow(
      'RunningSummary.push requires a finite value, got Infinity',
    );
  });
});
