import { erf } from './erf.ts';
import { regularizedIncompleteBeta } from './regularizedIncompleteBeta.ts';

/**
 * Student-t cumulative distribution function F_ν(t) = P(T ≤ t), ν > 0 degrees of freedom
 * (not necessarily an integer: Welch–Satterthwaite df are fractional).
 *
 * With x = ν/(ν+t²), the tail beyond |t| is ½·I_x(ν/2, ½) (Abramowitz & Stegun 26.7.1), so
 *   F(t) = ½·I_x(ν/2, ½)        for t ≤ 0,
 *   F(t) = 1 − ½·I_x(ν/2, ½)    for t > 0.
 * Both x and 1 − x = t²/(ν+t²) are formed without cancellation (or overflow of t²), so the
 * lower tail keeps full relative precision. ν = ∞ gives the standard normal, Φ(t) = ½(1 + erf(t/√2))
 * (accurate in absolute, not relative, terms in the far tails).
 */
export function tCdf(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`tCdf requires df > 0, got ${df}`);
  if (Number.isNaN(t)) throw new RangeError('tCdf requires a number t, got NaN');
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  if (df === Number.POSITIVE_INFINITY) return 0.5 * (1 + erf(t / Math.SQRT2));
  const tail = 0.5 * upperTailFraction(Math.abs(t), df);
  return t <= 0 ? tail : 1 - tail;
}

/**
 * P(|T| > a) = I_x(ν/2, ½) with x = ν/(ν+a²), for a = |t| ≥ 0; shared with `tQuantile`.
 * The ratio r is ν/a² or a²/ν, whichever is below 1, formed as (ν/a)/a so a² never overflows.
 */
export function upperTailFraction(a: number, df: number): number {
  let x: number;
  let y: number;
  if (a * (a / df) > 1) {
    const r = df / a / a;
    x = r / (1 + r);
    y = 1 / (1 + r);
  } else {
    const r = (a / df) * a;
    x = 1 / (1 + r);
    y = r / (1 + r);
  }
  return regularizedIncompleteBeta(x, df / 2, 0.5, y);
}
