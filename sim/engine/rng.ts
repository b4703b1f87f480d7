import seedrandom from 'seedrandom';
import { murmur3_32 } from './hash.ts';
import { log, SIN_COS, sinCos } from './portableMath.ts';

/**
 * Seed scheme "concerto-1" (docs/formats.md): the seed of stream `name` in replicate `r`
 * of a run with base seed `s` is murmur3_32("concerto-1/" + s + "/" + r + "/" + name).
 * Neither the parameter point nor the levers enter it, so replicate r of every scenario
 * and every lever setting sees the same draws on each stream (common random numbers).
 */
export const SEED_SCHEME = 'concerto-1';

export function streamSeed(baseSeed: number, replicate: number, stream: string): number {
  return murmur3_32(`${SEED_SCHEME}/${baseSeed}/${replicate}/${stream}`);
}

/** xor4096's state plus the spare Box–Muller variate (null when none is held). */
export type StreamState = { i: number; w: number; X: number[]; spare: number | null };

/** One seeded random stream: seedrandom's xor4096, 32-bit uniform draws. */
export class Stream {
  readonly name: string;
  readonly seed: number;
  /**
   * The generator's state, held here rather than in seedrandom's closure: 128 words in an
   * Int32Array, the index and the Weyl word. seedrandom seeds it (string seeding and warm-up);
   * `next` then runs Brent's xor4096 step exactly as seedrandom's XorGen.next does, so every draw
   * has the same bits, without two closure calls and a plain-array state per draw.
   */
  private readonly X = new Int32Array(128);
  private i = 0;
  private w = 0;
  private spare = 0;
  private hasSpare = false;

  constructor(name: string, seed: number, state?: StreamState) {
    this.name = name;
    this.seed = seed;
    const init = state ?? seedrandom.xor4096(String(seed), { state: true }).state();
    this.X.set(init.X);
    this.i = init.i;
    this.w = init.w;
    if (state && state.spare !== null) {
      this.spare = state.spare;
      this.hasSpare = true;
    }
  }

  /** The next signed 32-bit output of xor4096 (seedrandom's `int32`). */
  private int32(): number {
    const X = this.X;
    // Weyl generator.
    const w = (this.w = (this.w + 0x61c88647) | 0);
    // Xorshift generator.
    let v = X[(this.i + 34) & 127]!;
    const i = (this.i = (this.i + 1) & 127);
    let t = X[i]!;
    v ^= v << 13;
    t ^= t << 17;
    v ^= v >>> 15;
    t ^= t >>> 12;
    v = X[i] = v ^ t;
    return (v + (w ^ (w >>> 16))) | 0;
  }

  /** Uniform on [0, 1), 32-bit resolution. */
  next(): number {
    return (this.int32() >>> 0) / 0x100000000;
  }

  /** Uniform integer in 0 … n−1. */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /**
   * Standard normal by Box–Muller: two uniforms give two independent normals,
   * r·cos θ now and r·sin θ on the next call. The spare is part of the stream's state
   * (snapshots carry it), so a restored stream continues exactly.
   */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const u1 = 1 - this.next(); // (0, 1]: the logarithm stays finite
    const theta = 2 * Math.PI * this.next();
    const r = Math.sqrt(-2 * log(u1));
    sinCos(theta);
    this.spare = r * SIN_COS[0]!;
    this.hasSpare = true;
    return r * SIN_COS[1]!;
  }

  /**
   * Number of failures before the first success of a Bernoulli(p) sequence, by inversion:
   * lets a pass over m table entries, each redrawn with probability p, skip straight to
   * the next redrawn entry with one draw instead of m.
   */
  geometric(p: number): number {
    return this.geometricLog(p, p > 0 && p < 1 ? logOneMinus(p) : 0);
  }

  /**
   * `geometric(p)` with log(1 − p) computed by the caller, once for a whole pass of skips:
   * `logQ` must be log(1 − p) (portableMath.ts) (any value when p ≤ 0 or p ≥ 1). Same draws, same results.
   */
  geometricLog(p: number, logQ: number): number {
    if (p >= 1) return 0;
    if (p <= 0) return Number.POSITIVE_INFINITY;
    const u = 1 - this.next();
    return Math.floor(log(u) / logQ);
  }

  state(): StreamState {
    return { i: this.i, w: this.w, X: Array.from(this.X), spare: this.hasSpare ? this.spare : null };
  }
}

/**
 * log(1 − p) for 0 < p < 1, the denominator of geometric skipping. Where 1 − p rounds to 1 (p < 2⁻⁵³)
 * log(1 − p) would be 0 and every gap −∞; there log(1 − p) = −p − p²/2 − … is −p to double precision.
 * Elsewhere it is log(1 − p) as before (the same bits: the golden runs never take the first branch).
 */
export function logOneMinus(p: number): number {
  const q = 1 - p;
  return q === 1 ? -p : log(q);
}

export type Streams = Record<string, Stream>;

export function createStreams(names: readonly string[], baseSeed: number, replicate: number): Streams {
  const out: Streams = {};
  for (const name of names) out[name] = new Stream(name, streamSeed(baseSeed, replicate, name));
  return out;
}

export type StreamsSnapshot = Record<string, { seed: number; state: StreamState }>;

export function snapshotStreams(streams: Streams): StreamsSnapshot {
  const out: StreamsSnapshot = {};
  for (const [name, s] of Object.entries(streams)) out[name] = { seed: s.seed, state: s.state() };
  return out;
}

export function restoreStreams(snap: StreamsSnapshot): Streams {
  const out: Streams = {};
  for (const [name, s] of Object.entries(snap)) out[name] = new Stream(name, s.seed, s.state);
  return out;
}
