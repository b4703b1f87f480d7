import { describe, expect, it } from 'vitest';
import { acos, cos, exp, log, log1p, pow, sin } from '../../sim/engine/portableMath.ts';

/**
 * The portable functions are fdlibm step for step. On Node 20 (V8 11, whose Math.exp, log, log1p,
 * acos, sin and cos are V8's own port of fdlibm) they must return exactly Math's bits: that is what
 * lets the model switch to them with its golden checksum unchanged. Arguments come from a xorshift
 * generator with a seed fixed in advance, over the ranges the model uses and well beyond.
 */
function grid(seed: number, n: number, arg: (u: number) => number): Float64Array {
  let s = seed | 0;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[k] = arg((s >>> 0) / 4294967296);
  }
  return out;
}

/** The arguments where f and g differ (NaN counts as equal to NaN; −0 and +0 as different). */
function differences(xs: Float64Array, f: (x: number) => number, g: (x: number) => number): number[] {
  const out: number[] = [];
  for (const x of xs) if (!Object.is(f(x), g(x))) out.push(x);
  return out;
}

const N = 200_000;
const near = (c: number) => (u: number) => c * (1 + (u - 0.5) * 1e-6);
const SPECIAL = [
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  Infinity,
  -Infinity,
  NaN,
  5e-324,
  1e-310,
  1e-300,
  Math.PI,
  2 * Math.PI,
  709.78,
  -745.1,
];

const CASES: [string, (x: number) => number, (x: number) => number, ((u: number) => number)[]][] = [
  [
    'exp',
    exp,
    Math.exp,
    [
      (u) => -745 + 1455 * u,
      (u) => -1 + 2 * u,
      near(Math.LN2 / 2),
      near(-Math.LN2 / 2),
      near(1.5 * Math.LN2),
      (u) => (u - 0.5) * 1e-7,
    ],
  ],
  ['log', log, Math.log, [(u) => Math.exp(-700 + 1400 * u), (u) => 0.5 + u, (u) => u * 1e-310]],
  ['log1p', log1p, Math.log1p, [(u) => -1 + Math.exp(-30 + 40 * u), (u) => (u - 0.5) * 1e-8, (u) => Math.exp(40 * u)]],
  ['acos', acos, Math.acos, [(u) => 2 * u - 1, (u) => 1 - u * 1e-6]],
  ['sin', sin, Math.sin, [(u) => 2 * Math.PI * u, (u) => (u - 0.5) * 1.6e6, (u) => (u - 0.5) * 1e-3]],
  ['cos', cos, Math.cos, [(u) => 2 * Math.PI * u, (u) => (u - 0.5) * 1.6e6, (u) => (u - 0.5) * 1e-3]],
];

describe('portable Math (sim/engine/portableMath.ts)', () => {
  for (const [name, mine, theirs, ranges] of CASES) {
    it(`${name} returns Math.${name}'s bits on ${ranges.length} × ${N} arguments and the special values`, () => {
      ranges.forEach((range, k) => expect(differences(grid(0x9e3779b9 + k, N, range), mine, theirs)).toEqual([]));
      expect(differences(Float64Array.from(SPECIAL), mine, theirs)).toEqual([]);
    });
  }

  it('pow is fdlibm e_pow.c: exact where fdlibm is exact, within 1 ulp of Math.pow elsewhere, ECMAScript special values', () => {
    expect(pow(2, 10)).toBe(1024);
    expect(pow(9, 0.5)).toBe(3);
    expect(pow(1.5, 2)).toBe(2.25);
    expect(pow(-2, 3)).toBe(-8);
    expect(pow(-8, 1 / 3)).toBeNaN();
    expect(pow(1, Infinity)).toBeNaN();
    expect(pow(NaN, 0)).toBe(1);
    expect(pow(0, -1)).toBe(Infinity);
    expect(pow(-0, -3)).toBe(-Infinity);
    expect(pow(2, -1075)).toBe(0);
    expect(pow(2, 1024)).toBe(Infinity);
    // Within one ulp of Math.pow (V8 11's pow is not fdlibm's, so the two differ in the last bit at times).
    const xs = grid(11, N, (u) => 3 * u + 1e-3);
    const ys = grid(12, N, (u) => 0.1 + 4 * u);
    let worst = 0;
    for (let k = 0; k < N; k++) {
      const b = Math.pow(xs[k]!, ys[k]!);
      worst = Math.max(worst, Math.abs(pow(xs[k]!, ys[k]!) - b) / (Number.EPSILON * Math.abs(b)));
    }
    expect(worst).toBeLessThanOrEqual(1);
  });
});
