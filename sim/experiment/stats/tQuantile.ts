import { logBeta } from './logBeta.ts';
import { normalQuantile } from './normalQuantile.ts';
import { upperTailFraction } from './tCdf.ts';

/**
 * Student-t quantile F_ν⁻¹(p): the t with P(T ≤ t) = p, for ν > 0 degrees of freedom (fractional
 * ν allowed, as Welch's test needs; ν = ∞ is the normal quantile).
 *
 * By symmetry the lower tail q = min(p, 1−p) is solved and the sign restored. ν = 1 (Cauchy) and
 * ν = 2 have closed forms: t = −1/tan(πq) and t = −(1−2q)/√(2q(1−q)). Otherwise a start value
 * from Hill's Algorithm 396 (G. W. Hill, "Student's t-quantiles", Comm. ACM 13 (1970) 619–620,
 * in the form R's qt uses) is polished by Newton's method on
 *   h(u) = ln F(−e^u) − ln q,   u = ln|t|,   h′(u) = t·f(t)/F(t),
 * with the density f(t) = (1 + t²/ν)^(−(ν+1)/2) / (√ν B(ν/2, ½)). In the tail F ∝ |t|^(−ν), so h is
 * nearly linear in u and Newton is nearly exact there, even at p = 1e-300 with ν < 1 where
 * |t| ~ 1e150; a bracket on u, narrowed each step, replaces any step that leaves it by bisection.
 * The result is good to about 1e-13 relative (the accuracy of the incomplete beta behind F).
 */
export function tQuantile(p: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`tQuantile requires df > 0, got ${df}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`tQuantile requires p in [0, 1], got ${p}`);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  if (df === Number.POSITIVE_INFINITY) return normalQuantile(p);
  const q = p < 0.5 ? p : 1 - p;
  const magnitude = lowerTailMagnitude(q, df);
  return p < 0.5 ? -magnitude : magnitude;
}

/** |t| for the t ≤ 0 with F_ν(t) = q, 0 < q < ½. */
function lowerTailMagnitude(q: number, df: number): number {
  if (df === 1) return 1 / Math.tan(Math.PI * q);
  if (df === 2) return (1 - 2 * q) / Math.sqrt(2 * q * (1 - q));

  const logNorm = 0.5 * Math.log(df) + logBeta(df / 2, 0.5);
  const logQ = Math.log(q);
  let lo = Number.NEGATIVE_INFINITY; // h(lo) > 0: |t| too small
  let hi = Number.POSITIVE_INFINITY; // h(hi) < 0: |t| too large
  const start = df > 1 ? hillStart(2 * q, df) : Number.NaN;
  let u = Number.isFinite(start) && start > 0 ? Math.log(start) : 0;
  for (let i = 0; i < 400; i++) {
    const a = Math.exp(u);
    const lowerTail = 0.5 * upperTailFraction(a, df); // F(−a)
    const h = Math.log(lowerTail) - logQ;
    if (h === 0) return checkedRange(a, q, df);
    if (h > 0) lo = u;
    else hi = u;
    // h′(u) = −a f(−a)/F(−a) < 0, formed in logs so that neither factor over- or underflows.
    const logDensity = -((df + 1) / 2) * logOnePlusSquare(a, df) - logNorm;
    const slope = -Math.exp(Math.log(a) + logDensity - Math.log(lowerTail));
    let next = u - h / slope;
    if (!(next > lo && next < hi)) {
      // Newton left the bracket: bisect it, or step outward by e² while it is still open.
      if (lo === Number.NEGATIVE_INFINITY) next = hi - 2;
      else if (hi === Number.POSITIVE_INFINITY) next = lo + 2;
      else next = (lo + hi) / 2;
    }
    if (Math.abs(next - u) <= 2 * Number.EPSILON * Math.max(1, Math.abs(u))) return checkedRange(Math.exp(next), q, df);
    u = next;
  }
  throw new Error(`tQuantile did not converge for p = ${q}, df = ${df}`);
}

/**
 * Beyond |t| = 1e150, ν/t² underflows and F can no longer be evaluated, so a root found there is
 * an artefact; only absurd tails reach it (p = 1e-300 with ν < 2).
 */
function checkedRange(a: number, q: number, df: number): number {
  if (a > 1e150) throw new RangeError(`tQuantile supports |t| ≤ 1e150; p = ${q} with df = ${df} lies beyond`);
  return a;
}

/** ln(1 + a²/ν) without overflowing a². */
function logOnePlusSquare(a: number, df: number): number {
  const r = (a / df) * a;
  if (Number.isFinite(r)) return Math.log1p(r);
  return 2 * Math.log(a) - Math.log(df) + Math.log1p(df / a / a);
}

/**
 * Hill (1970), Algorithm 396: an approximation to the positive t whose two-sided tail
 * probability is P (so the upper tail is P/2), for ν > 1. Good to several digits; only a start.
 */
function hillStart(P: number, n: number): number {
  const a = 1 / (n - 0.5);
  const b = 48 / (a * a);
  let c = (((20700 * a) / b - 98) * a - 16) * a + 96.36;
  const d = ((94.5 / (b + c) - 3) / b + 1) * Math.sqrt((a * Math.PI) / 2) * n;
  let y = Math.pow(d * P, 2 / n);
  if (y > 0.05 + a) {
    // Asymptotic inverse expansion about the normal deviate (the common case).
    const x = normalQuantile(0.5 * P);
    y = x * x;
    if (n < 5) c += 0.3 * (n - 4.5) * (x + 0.6);
    c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
    y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x;
    y = Math.expm1(a * y * y);
  } else {
    // Far tail with few degrees of freedom.
    y =
      ((1 / (((n + 6) / (n * y) - 0.089 * d - 0.822) * (n + 2) * 3) + 0.5 / (n + 4)) * y - 1) * ((n + 1) / (n + 2)) +
      1 / y;
  }
  return Math.sqrt(n * y);
}
