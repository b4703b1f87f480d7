import { logBeta } from './logBeta.ts';

/**
 * Regularized incomplete beta function
 *
 *   I_x(a, b) = B(x; a, b) / B(a, b) = (1/B(a, b)) ∫₀ˣ t^(a−1) (1−t)^(b−1) dt,   a, b > 0, x ∈ [0, 1],
 *
 * by its continued fraction (Abramowitz & Stegun 26.5.8), evaluated with the modified Lentz
 * method as in Press et al., Numerical Recipes (3rd ed.) §6.4:
 *
 *   I_x(a, b) = x^a (1−x)^b / (a B(a, b)) · 1/(1+ d₁/(1+ d₂/(1+ …)))
 *   d_{2m+1} = −(a+m)(a+b+m) x / ((a+2m)(a+2m+1)),   d_{2m} = m(b−m) x / ((a+2m−1)(a+2m)).
 *
 * The fraction converges fast for x < (a+1)/(a+b+2); above that the symmetry
 * I_x(a, b) = 1 − I_{1−x}(b, a) is used instead. The prefactor's ln B(a, b) comes from `logBeta`,
 * accurate for large a + b too.
 *
 * `y` is 1 − x; a caller that knows it without cancellation (e.g. the t distribution, where
 * x = ν/(ν+t²) and 1 − x = t²/(ν+t²)) passes it so that small tails keep their precision.
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number, y: number = 1 - x): number {
  if (!(a > 0) || !(b > 0)) {
    throw new RangeError(`regularizedIncompleteBeta requires a > 0 and b > 0, got a = ${a}, b = ${b}`);
  }
  if (!(x >= 0 && x <= 1)) throw new RangeError(`regularizedIncompleteBeta requires x in [0, 1], got ${x}`);
  if (x === 0) return 0;
  if (y === 0 || x === 1) return 1;
  if (x < (a + 1) / (a + b + 2)) return lowerFraction(x, y, a, b);
  return 1 - lowerFraction(y, x, b, a);
}

const EPS = Number.EPSILON;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;

/** x^a (1−x)^b / (a B(a, b)) times the continued fraction; valid where it converges quickly. */
function lowerFraction(x: number, y: number, a: number, b: number): number {
  // ln x and ln(1−x) each from whichever of x, y is known to full relative precision: with a
  // large, a·ln x amplifies any rounding in x (ν = 10⁷ in the t distribution).
  const logX = x < 0.5 ? Math.log(x) : Math.log1p(-y);
  const logY = y < 0.5 ? Math.log(y) : Math.log1p(-x);
  const logFront = a * logX + b * logY - logBeta(a, b);
  return (Math.exp(logFront) * continuedFraction(x, a, b)) / a;
}

function continuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    // even step d_{2m}
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    // odd step d_{2m+1}
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) return h;
  }
  throw new Error(`regularizedIncompleteBeta: continued fraction did not converge for x = ${x}, a = ${a}, b = ${b}`);
}
