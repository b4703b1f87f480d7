import { logGamma, stirlingCorrection } from './logGamma.ts';

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0.
 *
 * Summing three log-gammas loses absolute accuracy when a is large (ln Γ(a) and ln Γ(a+b) are
 * both about a ln a, and only their difference matters): at a = 5·10⁶ the naive sum is wrong in
 * the 8th digit. With a ≥ b and a ≥ 15 the difference is taken analytically from Stirling's series:
 *   ln Γ(a) − ln Γ(a+b) = −(a − ½)·log1p(b/a) − b ln(a+b) + b + δ(a) − δ(a+b),
 * whose terms are of the size of the result, not of a ln a.
 */
export function logBeta(a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) throw new RangeError(`logBeta requires a > 0 and b > 0, got a = ${a}, b = ${b}`);
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (big < 15) return logGamma(a) + logGamma(b) - logGamma(a + b);
  const s = big + small;
  return (
    logGamma(small) -
    (big - 0.5) * Math.log1p(small / big) -
    small * Math.log(s) +
    small +
    stirlingCorrection(big) -
    stirlingCorrection(s)
  );
}
