/**
 * The gamma function Γ(x) for real x (the same arithmetic as mathjs 15's `gamma` for numbers):
 *   whole x ≥ 1:   (x − 1)! as a balanced product (fewer rounding steps than a running one);
 *   whole x ≤ 0:   a pole, +Infinity;
 *   x < ½:         the reflection Γ(x) = π / (sin(πx)·Γ(1 − x));
 *   ½ ≤ x ≤ 85:    Lanczos' approximation with g = 4.7421875 and 15 coefficients (Godfrey's set),
 *                  Γ(z+1) = √(2π)·t^(z+½)·e^(−t)·A(z), t = z + g + ½;
 *   x > 85:        Stirling's series to the x⁻⁶ term; Infinity past 171.35, where Γ overflows.
 */
export function gamma(x: number): number {
  if (Number.isInteger(x)) {
    if (x <= 0) return Number.isFinite(x) ? Infinity : NaN;
    if (x > 171) return Infinity;
    return product(1, x - 1);
  }
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  if (x >= 171.35) return Infinity;
  if (x > 85) {
    const x2 = x * x;
    const x3 = x2 * x;
    const x4 = x3 * x;
    const x5 = x4 * x;
    return (
      Math.sqrt((2 * Math.PI) / x) *
      Math.pow(x / Math.E, x) *
      (1 +
        1 / (12 * x) +
        1 / (288 * x2) -
        139 / (51840 * x3) -
        571 / (2488320 * x4) +
        163879 / (209018880 * x5) +
        5246819 / (75246796800 * x5 * x))
    );
  }
  const z = x - 1;
  let a = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return Math.sqrt(2 * Math.PI) * Math.pow(t, z + 0.5) * Math.exp(-t) * a;
}

const LANCZOS_G = 4.7421875;
const LANCZOS = [
  0.9999999999999971, 57.15623566586292, -59.59796035547549, 14.136097974741746, -0.4919138160976202,
  0.00003399464998481189, 0.00004652362892704858, -0.00009837447530487956, 0.0001580887032249125,
  -0.00021026444172410488, 0.00021743961811521265, -0.0001643181065367639, 0.00008441822398385275,
  -0.000026190838401581408, 0.0000036899182659531625,
];

/** i·(i+1)·…·n, split in halves so the rounding errors stay balanced. */
function product(i: number, n: number): number {
  if (n < i) return 1;
  if (n === i) return n;
  const half = (n + i) >> 1;
  return product(i, half) * product(half + 1, n);
}
