import { gamma } from './gamma.ts';

/**
 * ln Γ(x) for x > 0.
 *
 * mathjs `lgamma` is off by about 1e-12 near x = ½ and 1e-10 near x = 100, too coarse for
 * incomplete-beta prefactors, while the Lanczos `gamma` (./gamma.ts) is accurate to a few ulps; so:
 *   x < 15:  ln(Γ(x)) with `gamma` (Γ(x) < 9e10, no overflow);
 *   x ≥ 15:  Stirling's series lnΓ(x) = (x − ½) ln x − x + ½ ln 2π + δ(x), with
 *            δ(x) = 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷) + 1/(1188x⁹) − …
 *            (Abramowitz & Stegun 6.1.41), whose first omitted term is below 3e-16 at x = 15.
 */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma requires x > 0, got ${x}`);
  if (x === Number.POSITIVE_INFINITY) return x;
  if (x < 15) return Math.log(gamma(x));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + stirlingCorrection(x);
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** δ(x) = lnΓ(x) − [(x − ½) ln x − x + ½ ln 2π], for x ≥ 15. */
export function stirlingCorrection(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  return r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 / 1188))));
}
