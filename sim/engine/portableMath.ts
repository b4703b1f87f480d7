/**
 * exp, log, log1p, acos, sin, cos and pow written with +, −, ×, ÷, Math.sqrt and exact access to a
 * double's two 32-bit words only, so that every JavaScript engine gives the same bits. ECMAScript
 * leaves Math.exp/log/pow/… "implementation-approximated", and engines differ: Node 20 (V8 11) and
 * Debian's Chromium (V8 15) disagree in the last bit of 3–10% of the results of every one of these
 * (bench/mathDiff.mjs measures it); only +, −, ×, ÷ and √, correctly rounded by IEEE 754, agree.
 * Longer than 400 lines on purpose: one concept (fdlibm's functions and the word access they share),
 * each function ported step for step with its constants, so that it can be read against fdlibm.
 *
 * The algorithms are Sun's fdlibm (e_exp.c, e_log.c, s_log1p.c, e_acos.c, k_sin.c, k_cos.c,
 * e_rem_pio2.c, e_pow.c), operation for operation. V8 11 — Node 20's engine — computes Math.exp,
 * log, log1p, acos, sin and cos with its own port of the same fdlibm code, so on Node these return
 * exactly Math's bits (test/node/portableMath.test.ts checks it on millions of arguments): the model
 * can use them with its golden checksum unchanged, and Chromium then gives the same numbers. V8 11's
 * Math.pow is not fdlibm's (it differs from e_pow.c in about 4% of results, by one ulp), so `pow`
 * here is a model-arithmetic change and is not used by the model yet.
 */

// A double's two 32-bit words, through one 8-byte buffer. HI is the index of the sign/exponent word
// in this engine's byte order (1 on little-endian machines).
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
F64[0] = 1;
const HI = U32[1] === 0x3ff00000 ? 1 : 0;
const LO = 1 - HI;

/** The high word of x (sign, exponent, top 20 mantissa bits) as a signed 32-bit integer, like fdlibm's __HI. */
function highWord(x: number): number {
  F64[0] = x;
  return U32[HI]! | 0;
}

/** The double with the given high and low words. */
function fromWords(hi: number, lo: number): number {
  U32[HI] = hi >>> 0;
  U32[LO] = lo >>> 0;
  return F64[0]!;
}

/**
 * 2ᵉ for every exponent e in [−1074, 1023] (index e + 1074), built by doubling from 2⁻¹⁰⁷⁴, which is
 * exact. Scaling by a power of two is an exact multiplication wherever the result is normal; it
 * replaces writing exponent bits (a store of two words then a load of one double, which stalls).
 */
const POW2 = new Float64Array(2098);
POW2[0] = 5e-324;
for (let e = 1; e < 2098; e++) POW2[e] = POW2[e - 1]! * 2;

/** 2ᵉ for e in [−1074, 1023]. */
function pow2(e: number): number {
  return POW2[e + 1074]!;
}

const LN2_HI = 6.9314718036912381649e-1; // 0x3fe62e42fee00000: 32 significant bits, k·LN2_HI is exact
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.442695040888963387;
const TWO54 = 1.8014398509481984e16;
const EXP_OVERFLOW = 7.09782712893383973096e2;
const EXP_UNDERFLOW = -7.4513321910194110842e2;

// exp's rational approximation on |r| ≤ ln2/2 (fdlibm e_exp.c).
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.6533902205465251539e-6;
const P5 = 4.13813679705723846039e-8;

const LN2_HI_NEG = -LN2_HI;
/** exp's thresholds on the high word of |x| as doubles (high word, low word 0): 709.78…, ½ln2⁺, 1.5ln2. */
const EXP_HW_OVERFLOW = fromWords(0x40862e42, 0);
const EXP_HW_HALF_LN2 = fromWords(0x3fd62e43, 0);
const EXP_HW_3HALF_LN2 = fromWords(0x3ff0a2b2, 0);
const LN2_LO_NEG = -LN2_LO;
const TWO_M1000 = 9.332636185032189e-302; // 2⁻¹⁰⁰⁰

/**
 * eˣ, fdlibm's e_exp.c step for step: x = k·ln2 + r with |r| ≤ ln2/2 (ln2 in two parts, so r is exact
 * to ~2⁻⁸⁵; k = ±1 taken directly for ½ln2 < |x| < 1.5ln2, k = 0 below), eʳ from the rational form
 * 1 − ((lo − r·c/(2 − c)) − hi) with c = r − r²·P(r²), then scaled by 2ᵏ. V8 returns e for x = 1
 * outright, so this does too.
 */
export function exp(x: number): number {
  // fdlibm tests |x| by its high word; each test is the comparison of |x| with the double whose
  // high word is the threshold (low word 0), which is the same test without reading the word.
  if (x !== x) return x;
  const ax = Math.abs(x);
  const negative = x < 0;
  if (ax >= EXP_HW_OVERFLOW) {
    // |x| ≥ 709.78…: ±∞, overflow, underflow (or a result near the subnormal range).
    if (ax === Infinity) return negative ? 0 : x;
    if (x > EXP_OVERFLOW) return Infinity;
    if (x < EXP_UNDERFLOW) return 0;
  }
  if (x === 1) return Math.E;
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (ax >= EXP_HW_HALF_LN2) {
    // |x| > ½ln2.
    if (ax < EXP_HW_3HALF_LN2) {
      // and < 1.5ln2: k = ±1.
      hi = x - (negative ? LN2_HI_NEG : LN2_HI);
      lo = negative ? LN2_LO_NEG : LN2_LO;
      k = negative ? -1 : 1;
    } else {
      k = (INV_LN2 * x + (negative ? -0.5 : 0.5)) | 0;
      hi = x - k * LN2_HI; // exact: LN2_HI has 32 significant bits
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (ax < 3.725290298461914e-9) {
    // |x| < 2⁻²⁸.
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) return k === 1024 ? y * 2 * pow2(1023) : y * pow2(k);
  return y * pow2(k + 1000) * TWO_M1000;
}

/** y·2ᵏ for a result of pow's exp step, exact except where the result is subnormal (one rounding, as fdlibm's scalbn). */
function scale(y: number, k: number): number {
  if (k > 1023) return y * 2 * pow2(1023);
  if (k >= -1021) return y * pow2(k);
  return y * pow2(k + 1000) * TWO_M1000;
}

// log's approximation of log(1 + f) on [√½ − 1, √2 − 1] (fdlibm e_log.c).
const LG1 = 6.66666666666673513e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

/**
 * ln x: x = 2ᵏ·m with m in [√½, √2), f = m − 1, s = f/(2 + f), and
 * log m = f − s(f − R) where R(s²) approximates 2s²/3 + 2s⁴/5 + … ; then k·ln2 is added in two parts.
 */
export function log(x: number): number {
  let hx = highWord(x);
  let k = 0;
  if (hx < 0x00100000 || hx >= 0x7ff00000) {
    if (x === 0) return -Infinity;
    if (x < 0 || x !== x) return NaN;
    if (x === Infinity) return x;
    // Subnormal: scaled up by 2⁵⁴, the 54 taken back through k (fdlibm's k −= 54).
    k = -54;
    x *= TWO54;
    hx = highWord(x);
  }
  const e = (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  const j = e + (i >> 20);
  const m = x * POW2[1074 - j]!; // x/2ʲ in [√½, √2), exact
  k += j;
  return k === 0 ? logReduced(m, hx) : k * LN2_HI - (logReducedTail(m, hx, k) - (m - 1));
}

/** log m for m in [√½, √2) whose high word's mantissa bits are hx (fdlibm's k = 0 branch). */
function logReduced(m: number, hx: number): number {
  const f = m - 1;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2⁻²⁰.
    if (f === 0) return 0;
    const R = f * f * (0.5 - 0.3333333333333333 * f);
    return f - R;
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return f - (hfsq - s * (hfsq + R));
  }
  return f - s * (f - R);
}

/**
 * For k ≠ 0: the part q with log x = k·LN2_HI − (q − f), f = m − 1 (fdlibm's k ≠ 0 branches,
 * which fold k·LN2_LO into the correction before the final subtraction).
 */
function logReducedTail(m: number, hx: number, k: number): number {
  const f = m - 1;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f === 0) return -(k * LN2_LO); // k·LN2_HI − (−k·LN2_LO − 0) = k·LN2_HI + k·LN2_LO
    const R = f * f * (0.5 - 0.3333333333333333 * f);
    return R - k * LN2_LO;
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return hfsq - (s * (hfsq + R) + k * LN2_LO);
  }
  return s * (f - R) - k * LN2_LO;
}

/** The low word of x (the bottom 32 mantissa bits), unsigned, like fdlibm's __LO. */
function lowWord(x: number): number {
  F64[0] = x;
  return U32[LO]!;
}

/** x with its low word cleared (fdlibm's SET_LOW_WORD(x, 0)): x truncated to its top 21 mantissa bits. */
function clearLow(x: number): number {
  F64[0] = x;
  U32[LO] = 0;
  return F64[0]!;
}

/** x with its high word replaced (fdlibm's SET_HIGH_WORD). */
function withHigh(x: number, hi: number): number {
  F64[0] = x;
  U32[HI] = hi >>> 0;
  return F64[0]!;
}

// log1p's polynomial (fdlibm s_log1p.c; the same numbers as log's).
const LP1 = 6.66666666666673513e-1;
const LP2 = 3.999999999940941908e-1;
const LP3 = 2.857142874366239149e-1;
const LP4 = 2.222219843214978396e-1;
const LP5 = 1.818357216161805012e-1;
const LP6 = 1.531383769920937332e-1;
const LP7 = 1.479819860511658591e-1;

/**
 * ln(1 + x), fdlibm's s_log1p.c step for step: 1 + x = 2ᵏ(1 + f) with √½ < 1 + f < √2, the
 * rounding of u = 1 + x corrected by c/u, and log(1 + f) = f − (f²/2 − s(f²/2 + R(s²))), s = f/(2 + f).
 */
export function log1p(x: number): number {
  const hx = highWord(x);
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let hu = 0;
  let c = 0;
  if (hx < 0x3fda827a) {
    // 1 + x < √2.
    if (ax >= 0x3ff00000) return x === -1 ? -Infinity : NaN; // x ≤ −1
    if (ax < 0x3e200000) {
      // |x| < 2⁻²⁹.
      if (ax < 0x3c900000) return x;
      return x - x * x * 0.5;
    }
    if (hx > 0 || hx <= (0xbfd2bec4 | 0)) {
      // √½ ≤ 1 + x < √2: f = x exactly.
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7ff00000) return x + x;
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) {
      u = 1 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1 - (u - x) : x - (u - 1); // the rounding error of u
      c /= u;
    } else {
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) {
      u = withHigh(u, hu | 0x3ff00000); // u in [1, √2)
    } else {
      k += 1;
      u = withHigh(u, hu | 0x3fe00000); // u/2 in [√½, 1)
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    // |f| < 2⁻²⁰.
    if (f === 0) {
      if (k === 0) return 0;
      c += k * LN2_LO;
      return k * LN2_HI + c;
    }
    const R = hfsq * (1 - 0.6666666666666666 * f);
    if (k === 0) return f - R;
    return k * LN2_HI - (R - (k * LN2_LO + c) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const R = z * (LP1 + z * (LP2 + z * (LP3 + z * (LP4 + z * (LP5 + z * (LP6 + z * LP7))))));
  if (k === 0) return f - (hfsq - s * (hfsq + R));
  return k * LN2_HI - (hfsq - (s * (hfsq + R) + (k * LN2_LO + c)) - f);
}

// pow (fdlibm e_pow.c): log2 of x in extra precision, then 2^(y·log2 x).
const BP1 = 1.5;
const DP_H1 = 5.84962487220764160156e-1; // log2(1.5), high part
const DP_L1 = 1.35003920212974897128e-8; // its tail
const TWO53 = 9007199254740992;
const L1 = 5.99999999999994648725e-1;
const L2 = 4.28571428578550184252e-1;
const L3 = 3.33333329818377432918e-1;
const L4 = 2.72728123808534006489e-1;
const L5 = 2.30660745775561754067e-1;
const L6 = 2.06975017800338417784e-1;
const LN2_FULL = 6.93147180559945286227e-1;
const LN2_H21 = 6.93147182464599609375e-1;
const LN2_L21 = -1.90465429995776804525e-9;
const OVT = 8.008566259537294e-17; // −(1024 − log2(overflow + ½ulp))
const CP = 9.61796693925975554329e-1; // 2/(3 ln2)
const CP_H = 9.61796700954437255859e-1;
const CP_L = -7.02846165095275826516e-9;
const IVLN2 = 1.442695040888963387;
const IVLN2_H = 1.44269502162933349609;
const IVLN2_L = 1.92596299112661746887e-8;

/**
 * xʸ, fdlibm's e_pow.c step for step: log2|x| = n + log2(m) in extra precision (head t1, tail t2),
 * y·log2|x| split into a head and a tail, then 2 to that power by the exp kernel and an exponent
 * shift. Special values follow ECMAScript's Number::exponentiate (which differs from C for
 * (±1)^±∞ and 1^NaN: both NaN).
 */
export function pow(x: number, y: number): number {
  const hx = highWord(x);
  const lx = lowWord(x);
  const hy = highWord(y);
  const ly = lowWord(y);
  let ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;
  if ((iy | ly) === 0) return 1; // x⁰ = 1, also for NaN x
  if (ix > 0x7ff00000 || (ix === 0x7ff00000 && lx !== 0) || iy > 0x7ff00000 || (iy === 0x7ff00000 && ly !== 0))
    return NaN;
  // yisint: 0 y not an integer, 1 an odd integer, 2 an even integer (only needed for x < 0).
  let yisint = 0;
  if (hx < 0) {
    if (iy >= 0x43400000) yisint = 2;
    else if (iy >= 0x3ff00000) {
      const k = (iy >> 20) - 0x3ff;
      if (k > 20) {
        const j = ly >>> (52 - k);
        if ((j << (52 - k)) >>> 0 === ly) yisint = 2 - (j & 1);
      } else if (ly === 0) {
        const j = iy >> (20 - k);
        if (j << (20 - k) === iy) yisint = 2 - (j & 1);
      }
    }
  }
  if (ly === 0) {
    if (iy === 0x7ff00000) {
      // y = ±∞.
      if (((ix - 0x3ff00000) | lx) === 0) return NaN; // (±1)^±∞ is NaN in ECMAScript
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0;
      return hy < 0 ? -y : 0;
    }
    if (iy === 0x3ff00000) return hy < 0 ? 1 / x : x; // y = ±1
    if (hy === 0x40000000) return x * x; // y = 2
    if (hy === 0x3fe00000 && hx >= 0) return Math.sqrt(x); // y = ½, x ≥ +0
  }
  let ax = Math.abs(x);
  if (lx === 0 && (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000)) {
    // x = ±0, ±∞, ±1.
    let z = ax;
    if (hy < 0) z = 1 / z;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yisint) === 0)
        z = NaN; // (−1)^non-integer
      else if (yisint === 1) z = -z;
    }
    return z;
  }
  if ((((hx >>> 31) - 1) | yisint) === 0) return NaN; // (x < 0)^non-integer
  let t1: number;
  let t2: number;
  if (iy > 0x41e00000) {
    // |y| > 2³¹: over- or underflow unless x is within 2⁻²⁰ of 1.
    if (iy > 0x43f00000) {
      if (ix <= 0x3fefffff) return hy < 0 ? Infinity : 0;
      if (ix >= 0x3ff00000) return hy > 0 ? Infinity : 0;
    }
    if (ix < 0x3fefffff) return hy < 0 ? Infinity : 0;
    if (ix > 0x3ff00000) return hy > 0 ? Infinity : 0;
    const t = ax - 1;
    const w = t * t * (0.5 - t * (0.3333333333333333 - t * 0.25));
    const u = IVLN2_H * t;
    const v = t * IVLN2_L - w * IVLN2;
    t1 = clearLow(u + v);
    t2 = v - (t1 - u);
  } else {
    let n = 0;
    if (ix < 0x00100000) {
      // Subnormal x.
      ax *= TWO53;
      n -= 53;
      ix = highWord(ax);
    }
    n += (ix >> 20) - 0x3ff;
    const j = ix & 0x000fffff;
    ix = j | 0x3ff00000;
    let k: number;
    if (j <= 0x3988e)
      k = 0; // m < √(3/2)
    else if (j < 0xbb67a)
      k = 1; // m < √3
    else {
      k = 0;
      n += 1;
      ix -= 0x00100000;
    }
    ax = withHigh(ax, ix);
    const bp = k === 0 ? 1 : BP1;
    // s = s_h + s_l = (m − bp)/(m + bp).
    const u = ax - bp;
    const v = 1 / (ax + bp);
    const s = u * v;
    const sH = clearLow(s);
    let tH = fromWords(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0);
    let tL = ax - (tH - bp);
    const sL = v * (u - sH * tH - sH * tL);
    // log(m).
    let s2 = s * s;
    let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += sL * (sH + s);
    s2 = sH * sH;
    tH = clearLow(3 + s2 + r);
    tL = r - (tH - 3 - s2);
    const uu = sH * tH;
    const vv = sL * tH + tL * s;
    // 2/(3 ln2)·(s + …) = log2(m) − dp.
    const pH = clearLow(uu + vv);
    const pL = vv - (pH - uu);
    const zH = CP_H * pH;
    const zL = CP_L * pH + pL * CP + (k === 0 ? 0 : DP_L1);
    const dpH = k === 0 ? 0 : DP_H1;
    const tn = n;
    t1 = clearLow(zH + zL + dpH + tn);
    t2 = zL - (t1 - tn - dpH - zH);
  }
  const sign = (((hx >>> 31) - 1) | (yisint - 1)) === 0 ? -1 : 1; // (x < 0)^odd
  // (y1 + y2)·(t1 + t2), y1 = y with its low word cleared.
  const y1 = clearLow(y);
  const pL = (y - y1) * t1 + y * t2;
  let pH = y1 * t1;
  let z = pL + pH;
  let j = highWord(z);
  const i = lowWord(z) | 0;
  if (j >= 0x40900000) {
    // z ≥ 1024.
    if (((j - 0x40900000) | i) !== 0) return sign * Infinity;
    if (pL + OVT > z - pH) return sign * Infinity;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    // z ≤ −1075.
    if (((j - 0xc090cc00) | i) !== 0) return sign * 0;
    if (pL <= z - pH) return sign * 0;
  }
  // 2^(pH + pL): n = nearest integer of z, then 2^(z − n) by the exp kernel.
  const ii = j & 0x7fffffff;
  let k = (ii >> 20) - 0x3ff;
  let n = 0;
  if (ii > 0x3fe00000) {
    n = (j + (0x00100000 >> (k + 1))) | 0;
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    const t = fromWords(n & ~(0x000fffff >> k), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    pH -= t;
  }
  let t = clearLow(pL + pH);
  const u = t * LN2_H21;
  const v = (pL - (t - pH)) * LN2_FULL + t * LN2_L21;
  z = u + v;
  const w = v - (z - u);
  t = z * z;
  const tt = z - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const r = (z * tt) / (tt - 2) - (w + z * w);
  z = 1 - (r - z);
  j = (highWord(z) + (n << 20)) | 0;
  if (j >> 20 <= 0)
    z = scale(z, n); // subnormal result: one rounding, as fdlibm's scalbn
  else z = withHigh(z, j);
  return sign * z;
}

// sin and cos (fdlibm k_sin.c, k_cos.c, e_rem_pio2.c, s_sin.c, s_cos.c).
const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;
const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.0875723212981748279e-9;
const C6 = -1.13596475577881948265e-11;

/** sin(x + y) on [−π/4, π/4], y the tail of x (iy = 0: y is 0). */
function kernelSin(x: number, y: number, iy: number): number {
  if (Math.abs(x) < 7.450580596923828e-9) return x; // |x| < 2⁻²⁷
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (iy === 0) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

/** Thresholds of kernelCos on the high word of |x|, as doubles: 0.3⁻ and 0.78125⁺. */
const COS_HW_03 = fromWords(0x3fd33333, 0);
const COS_HW_078 = fromWords(0x3fe90001, 0);

/** cos(x + y) on [−π/4, π/4], y the tail of x; for |x| ≥ 0.3 the subtraction is split at x/4 for accuracy. */
function kernelCos(x: number, y: number): number {
  const ax = Math.abs(x);
  if (ax < 7.450580596923828e-9) return 1; // |x| < 2⁻²⁷
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ax < COS_HW_03) return 1 - (0.5 * z - (z * r - x * y));
  // qx: x/4 with its low word cleared (fdlibm's INSERT_WORDS(qx, ix − 0x00200000, 0)), 0.28125 above 0.78125.
  const qx = ax >= COS_HW_078 ? 0.28125 : clearLow(ax) * 0.25;
  const hz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (hz - (z * r - x * y));
}

const INVPIO2 = 6.36619772367581382433e-1;
const PIO2_1 = 1.57079632673412561417; // first 33 bits of π/2
const PIO2_1T = 6.07710050650619224932e-11; // π/2 − PIO2_1
const PIO2_2 = 6.0771005063039659766e-11; // second 33 bits
const PIO2_2T = 2.02226624879595063154e-21;
const PIO2_3 = 2.0222662487111664558e-21; // third 33 bits
const PIO2_3T = 8.47842766036889956997e-32;
/** High words of n·π/2 for n = 1…32 (where the one-step reduction may cancel). */
const NPIO2_HW = Int32Array.from([
  0x3ff921fb, 0x400921fb, 0x4012d97c, 0x401921fb, 0x401f6a7a, 0x4022d97c, 0x4025fdbb, 0x402921fb, 0x402c463a,
  0x402f6a7a, 0x4031475c, 0x4032d97c, 0x40346b9c, 0x4035fdbb, 0x40378fdb, 0x403921fb, 0x403ab41b, 0x403c463a,
  0x403dd85a, 0x403f6a7a, 0x40407e4c, 0x4041475c, 0x4042106c, 0x4042d97c, 0x4043a28c, 0x40446b9c, 0x404534ac,
  0x4045fdbb, 0x4046c6cb, 0x40478fdb, 0x404858eb, 0x404921fb,
]);

/** The reduced argument of the last `remPio2`: x − n·π/2 = REM[0] + REM[1]. */
const REM = new Float64Array(2);

/**
 * n with x − n·π/2 = REM[0] + REM[1] in [−π/4, π/4] (fdlibm's __ieee754_rem_pio2 for
 * π/4 < |x| ≤ 2¹⁹·π/2: π/2 in three 33-bit parts, as many as the cancellation needs).
 */
function remPio2(x: number, hx: number, ix: number): number {
  if (ix < 0x4002d97c) {
    // |x| < 3π/4: n = ±1.
    if (hx > 0) {
      let z = x - PIO2_1;
      if (ix !== 0x3ff921fb) {
        REM[0] = z - PIO2_1T;
        REM[1] = z - REM[0]! - PIO2_1T;
      } else {
        z -= PIO2_2;
        REM[0] = z - PIO2_2T;
        REM[1] = z - REM[0]! - PIO2_2T;
      }
      return 1;
    }
    let z = x + PIO2_1;
    if (ix !== 0x3ff921fb) {
      REM[0] = z + PIO2_1T;
      REM[1] = z - REM[0]! + PIO2_1T;
    } else {
      z += PIO2_2;
      REM[0] = z + PIO2_2T;
      REM[1] = z - REM[0]! + PIO2_2T;
    }
    return -1;
  }
  const t0 = Math.abs(x);
  const n = (t0 * INVPIO2 + 0.5) | 0;
  const fn = n;
  let r = t0 - fn * PIO2_1;
  let w = fn * PIO2_1T; // first round, good to 85 bits
  if (n < 32 && ix !== NPIO2_HW[n - 1]) {
    REM[0] = r - w;
  } else {
    const j = ix >> 20;
    REM[0] = r - w;
    let i = j - ((highWord(REM[0]!) >> 20) & 0x7ff);
    if (i > 16) {
      // Second round, good to 118 bits.
      let t = r;
      w = fn * PIO2_2;
      r = t - w;
      w = fn * PIO2_2T - (t - r - w);
      REM[0] = r - w;
      i = j - ((highWord(REM[0]!) >> 20) & 0x7ff);
      if (i > 49) {
        // Third round, 151 bits.
        t = r;
        w = fn * PIO2_3;
        r = t - w;
        w = fn * PIO2_3T - (t - r - w);
        REM[0] = r - w;
      }
    }
  }
  REM[1] = r - REM[0]! - w;
  if (hx < 0) {
    REM[0] = -REM[0]!;
    REM[1] = -REM[1]!;
    return -n;
  }
  return n;
}

/** |x| ≤ π/4 (high word ≤ 0x3fe921fb) and |x| ≤ 2¹⁹·π/2 (high word ≤ 0x413921fb), as doubles. */
const PIO4_HW = fromWords(0x3fe921fc, 0);
const MEDIUM_HW = fromWords(0x413921fc, 0);

/**
 * sin x, fdlibm's s_sin.c. Portable for |x| ≤ 2¹⁹·π/2 ≈ 823550 (every argument the model makes is in
 * [0, 2π)); beyond, the long reduction is not ported and Math.sin answers.
 */
export function sin(x: number): number {
  sinCos(x);
  return SIN_COS[0]!;
}

/** cos x, fdlibm's s_cos.c; portable on the same range as `sin`. */
export function cos(x: number): number {
  sinCos(x);
  return SIN_COS[1]!;
}

/** sin x and cos x of the last `sinCos` call. */
export const SIN_COS = new Float64Array(2);

/**
 * sin x into SIN_COS[0] and cos x into SIN_COS[1], with one argument reduction for both (the
 * numbers of `sin` and `cos`: the same kernels on the same reduced argument). Box–Muller needs both.
 */
export function sinCos(x: number): void {
  const ax = Math.abs(x);
  if (ax < PIO4_HW) {
    SIN_COS[0] = kernelSin(x, 0, 0);
    SIN_COS[1] = kernelCos(x, 0);
    return;
  }
  if (!(ax < Infinity)) {
    SIN_COS[0] = SIN_COS[1] = NaN;
    return;
  }
  if (ax >= MEDIUM_HW) {
    SIN_COS[0] = Math.sin(x);
    SIN_COS[1] = Math.cos(x);
    return;
  }
  const hx = highWord(x);
  const n = remPio2(x, hx, hx & 0x7fffffff);
  const s = kernelSin(REM[0]!, REM[1]!, 1);
  const c = kernelCos(REM[0]!, REM[1]!);
  switch (n & 3) {
    case 0:
      SIN_COS[0] = s;
      SIN_COS[1] = c;
      break;
    case 1:
      SIN_COS[0] = c;
      SIN_COS[1] = -s;
      break;
    case 2:
      SIN_COS[0] = -s;
      SIN_COS[1] = -c;
      break;
    default:
      SIN_COS[0] = -c;
      SIN_COS[1] = s;
  }
}

const PIO2_HI = 1.570796326794896558;
const PIO2_LO = 6.12323399573676603587e-17;
const PI = 3.141592653589793116;
// acos's rational approximation of (asin(√z) − √z)/√z³ in z (fdlibm e_acos.c).
const PS0 = 1.66666666666666657415e-1;
const PS1 = -3.25565818622400915405e-1;
const PS2 = 2.01212532134862925881e-1;
const PS3 = -4.00555345006794114027e-2;
const PS4 = 7.91534994289814532176e-4;
const PS5 = 3.4793310759602116757e-5;
const QS1 = -2.40339491173441421878;
const QS2 = 2.02094576023350569471;
const QS3 = -6.8828397160545329303e-1;
const QS4 = 7.70381505559019352791e-2;

function acosRatio(z: number): number {
  const p = z * (PS0 + z * (PS1 + z * (PS2 + z * (PS3 + z * (PS4 + z * PS5)))));
  const q = 1 + z * (QS1 + z * (QS2 + z * (QS3 + z * QS4)));
  return p / q;
}

/**
 * arccos x on [−1, 1]: for |x| < ½, π/2 − asin x by the rational form; beyond, through
 * acos x = 2·asin √((1 − |x|)/2), with √ split in two parts near 1 for accuracy.
 */
export function acos(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    if (x === 1) return 0;
    if (x === -1) return PI + 2 * PIO2_LO;
    return NaN; // |x| > 1 or NaN
  }
  if (ix < 0x3fe00000) {
    // |x| < ½.
    if (ix <= 0x3c600000) return PIO2_HI + PIO2_LO;
    return PIO2_HI - (x - (PIO2_LO - x * acosRatio(x * x)));
  }
  if (hx < 0) {
    // x ≤ −½.
    const z = (1 + x) * 0.5;
    const s = Math.sqrt(z);
    const w = acosRatio(z) * s - PIO2_LO;
    return PI - 2 * (s + w);
  }
  // x ≥ ½.
  const z = (1 - x) * 0.5;
  const s = Math.sqrt(z);
  const df = fromWords(highWord(s), 0);
  const c = (z - df * df) / (s + df);
  const w = acosRatio(z) * s + c;
  return 2 * (df + w);
}
