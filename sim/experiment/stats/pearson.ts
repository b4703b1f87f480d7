import { checkFinite, checkSameLength } from './validate.ts';

/**
 * Pearson's product-moment correlation r = Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² Σ(y−ȳ)²).
 *
 * Written out rather than taken from mathjs `corr`, which uses the one-pass form
 * (nΣxy − ΣxΣy)/√(…) and cancels catastrophically when the means are large next to the spreads
 * (simulation outputs such as 1e6 ± 1). Two passes: means first, then centred sums.
 *
 * NaN when either sample is constant (r is 0/0 there); requires n ≥ 2.
 */
export function pearson(x: readonly number[], y: readonly number[]): number {
  checkSameLength('pearson', x, y);
  if (x.length < 2) throw new RangeError(`pearson requires at least 2 pairs, got ${x.length}`);
  checkFinite('pearson', x, 'x');
  checkFinite('pearson', y, 'y');
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] as number;
    my += y[i] as number;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return Number.NaN;
  // Clamp the last-ulp excursions beyond ±1 that rounding can produce for perfectly linear data.
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}
