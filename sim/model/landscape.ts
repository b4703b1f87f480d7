import type { Stream } from '../engine/rng.ts';
import { logEvent, type WorldState } from './world.ts';
import { TYPES } from './types.ts';

/**
 * Correlated NK landscape (Kauffman; Levinthal 1997): national, type and local components.
 * Tables are one Float64Array: [national | border | coastal | city | interior | local₀ … local₍ₙ₋₁₎],
 * each N·2^(K+1) entries. Feature b contributes T[b][bit b, b+1 … b+K (mod N)].
 */
export const NATIONAL_TABLE = 0;
export const typeTable = (type: number) => 1 + type;
export const localTable = (i: number) => 5 + i;

/** The K+1-bit window of every feature is read off x doubled (x | x ≪ N): needs N + K ≤ 32. */
export function componentFitness(s: WorldState, table: number, x: number): number {
  const { N, S, tables } = s;
  const xx = (x | (x << N)) >>> 0;
  const mask = S - 1;
  const off = table * N * S;
  let f = 0;
  for (let b = 0; b < N; b++) f += tables[off + b * S + ((xx >>> b) & mask)]!;
  return f / N;
}

/**
 * Combined tables, kept in step with the component tables: each province's
 * E_i = ω_n T^nat + ω_t·mean_τ T^τ + ω_l T^loc_i, and each type's line table
 * (ω_n T^nat + ω_t T^τ)/(ω_n + ω_t). Fitness is linear in the tables, so e_i(x) is one
 * N-lookup pass over E_i instead of one per component.
 */
export function combinedEntry(s: WorldState, i: number, pos: number): number {
  const NS = s.N * s.S;
  const wn = s.lv.weightNational!;
  const wt = s.lv.weightType!;
  const wl = 1 - wn - wt;
  const tm = s.tmask[i]!;
  let typeSum = 0;
  let k = 0;
  for (let t = 0; t < 4; t++) if (tm & (1 << t)) { typeSum += s.tables[typeTable(t) * NS + pos]!; k++; }
  return wn * s.tables[pos]! + (wt * typeSum) / k + (wl > 0 ? wl * s.tables[localTable(i) * NS + pos]! : 0);
}

function lineEntry(s: WorldState, type: number, pos: number): number {
  const NS = s.N * s.S;
  const wn = s.lv.weightNational!;
  const wt = s.lv.weightType!;
  return wn + wt > 0 ? (wn * s.tables[pos]! + wt * s.tables[typeTable(type) * NS + pos]!) / (wn + wt) : 0;
}

export function rebuildCombined(s: WorldState): void {
  const NS = s.N * s.S;
  for (let i = 0; i < s.n; i++) for (let pos = 0; pos < NS; pos++) s.eff[i * NS + pos] = combinedEntry(s, i, pos);
  for (let t = 0; t < 4; t++) for (let pos = 0; pos < NS; pos++) s.lineTab[t * NS + pos] = lineEntry(s, t, pos);
}

/** Redraw one entry of the component tables and refresh the combined entries that depend on it. */
export function setEntry(s: WorldState, k: number, value: number): void {
  s.tables[k] = value;
  const NS = s.N * s.S;
  const table = Math.floor(k / NS);
  const pos = k - table * NS;
  if (table === NATIONAL_TABLE) {
    for (let i = 0; i < s.n; i++) s.eff[i * NS + pos] = combinedEntry(s, i, pos);
    for (let t = 0; t < 4; t++) s.lineTab[t * NS + pos] = lineEntry(s, t, pos);
  } else if (table < 5) {
    const type = table - 1;
    for (let i = 0; i < s.n; i++) if (s.tmask[i]! & (1 << type)) s.eff[i * NS + pos] = combinedEntry(s, i, pos);
    s.lineTab[type * NS + pos] = lineEntry(s, type, pos);
  } else {
    const i = table - 5;
    s.eff[i * NS + pos] = combinedEntry(s, i, pos);
  }
}

/** Fitness of x on a table at offset `off`: the K+1-bit window of feature b is read off x doubled. */
function tableFitness(s: WorldState, tab: Float64Array, off: number, x: number): number {
  const { N, S } = s;
  const xx = (x | (x << N)) >>> 0;
  const mask = S - 1;
  let f = 0;
  for (let b = 0; b < N; b++) f += tab[off + b * S + ((xx >>> b) & mask)]!;
  return f / N;
}

/** e_i(x) = ω_n f^nat(x) + ω_t·mean over the unit's types of f^τ(x) + ω_l f^loc_i(x). */
export function effectiveness(s: WorldState, i: number, x: number): number {
  return tableFitness(s, s.eff, i * s.N * s.S, x);
}

/** The part of effectiveness a line can carry for a type: national and type components, renormalised. */
export function lineFitness(s: WorldState, type: number, x: number): number {
  return tableFitness(s, s.lineTab, type * s.N * s.S, x);
}

export function createTables(N: number, K: number, n: number, env: Stream): Float64Array {
  const S = 1 << (K + 1);
  const t = new Float64Array((5 + n) * N * S);
  for (let k = 0; k < t.length; k++) t[k] = env.next();
  return t;
}

/**
 * Turbulence: every entry is redrawn with probability ε each cycle. Geometric skipping draws
 * the gap to the next redrawn entry directly, so the cost is ~ε·|T| draws, not |T|.
 */
export function applyTurbulence(s: WorldState, env: Stream): void {
  const eps = s.lv.turbulence!;
  if (eps <= 0) return;
  const total = s.tables.length;
  for (let k = env.geometric(eps); k < total; k += 1 + env.geometric(eps)) setEntry(s, k, env.next());
}

/** A shock redraws a share ζ of one type's table and raises that type's threat. */
export function applyShock(s: WorldState, env: Stream, type: number, magnitude: number): void {
  const zeta = s.lv.shockFraction!;
  const size = s.N * s.S;
  const off = typeTable(type) * size;
  if (zeta > 0) for (let k = env.geometric(zeta); k < size; k += 1 + env.geometric(zeta)) setEntry(s, off + k, env.next());
  s.threat[type] = s.threat[type]! + magnitude;
  logEvent(s, 'shock', { type: TYPES[type]! });
}
