import { logOneMinus, type Stream } from '../engine/rng.ts';
import { FIT_SLOTS, groupOf, logEvent, type World, type WorldState } from './world.ts';
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
  const wn = s.lv.weightNational;
  const wt = s.lv.weightType;
  const NS = s.N * s.S;
  return combine(s.tables, NS, wn, 1 - wn - wt, typeTerm(s.tables, NS, wt, s.tmask[i]!, pos), i, pos);
}

/**
 * E_i at one position, given the weights: ω_n T^nat + (ω_t Σ_τ T^τ)/k + ω_l T^loc_i, the type sum
 * taken over the unit's types in table order. Every writer of `eff` goes through this one
 * expression, so an entry has the same bits however it came to be (re)computed: the type term
 * depends on the province only through its type mask, so writers that refresh many provinces at
 * one position compute it once per mask (`typeTerms`) and pass it in.
 */
function combine(
  tables: Float64Array,
  NS: number,
  wn: number,
  wl: number,
  typeTerm: number,
  i: number,
  pos: number,
): number {
  return wn * tables[pos]! + typeTerm + (wl > 0 ? wl * tables[localTable(i) * NS + pos]! : 0);
}

/** (ω_t Σ_τ T^τ)/k at one position for one type mask: the unit's type tables in table order. */
function typeTerm(tables: Float64Array, NS: number, wt: number, tm: number, pos: number): number {
  const types = TYPE_TABLES[tm & 15]!;
  const k = types.length;
  let typeSum = 0;
  for (let j = 0; j < k; j++) typeSum += tables[types[j]! * NS + pos]!;
  return (wt * typeSum) / k;
}

/** Scratch: the type term of each type mask at one position (only the masks some province has are filled). */
const TYPE_TERMS = new Float64Array(16);

/**
 * Fill TYPE_TERMS at one position for the type masks the provinces carry (`masks`, typically five or
 * six of the sixteen): one small sum per mask instead of one per province.
 */
function typeTerms(tables: Float64Array, NS: number, wt: number, pos: number, masks: Int32Array): Float64Array {
  for (let k = 0; k < masks.length; k++) TYPE_TERMS[masks[k]!] = typeTerm(tables, NS, wt, masks[k]!, pos);
  return TYPE_TERMS;
}

/** For each type mask 0…15, the table numbers of its types in table order (precomputed once). */
const TYPE_TABLES: readonly Int32Array[] = Array.from({ length: 16 }, (_, tm) => {
  const out: number[] = [];
  for (let t = 0; t < 4; t++) if (tm & (1 << t)) out.push(typeTable(t));
  return Int32Array.from(out);
});

function lineEntry(s: WorldState, type: number, pos: number): number {
  const NS = s.N * s.S;
  const wn = s.lv.weightNational;
  const wt = s.lv.weightType;
  return wn + wt > 0 ? (wn * s.tables[pos]! + wt * s.tables[typeTable(type) * NS + pos]!) / (wn + wt) : 0;
}

export function rebuildCombined(w: World): void {
  const s = w.s;
  const NS = s.N * s.S;
  const { tables, eff, tmask } = s;
  const wn = s.lv.weightNational;
  const wt = s.lv.weightType;
  const wl = 1 - wn - wt;
  for (let pos = 0; pos < NS; pos++) {
    const terms = typeTerms(tables, NS, wt, pos, w.masks);
    for (let i = 0; i < s.n; i++) eff[i * NS + pos] = combine(tables, NS, wn, wl, terms[tmask[i]!]!, i, pos);
  }
  for (let t = 0; t < 4; t++) for (let pos = 0; pos < NS; pos++) s.lineTab[t * NS + pos] = lineEntry(s, t, pos);
  w.fit.epoch++;
}

/**
 * Redraw one entry of the component tables and refresh the combined entries that depend on it:
 * a national entry feeds every province and every line, a type entry the provinces carrying that
 * type and the type's line, a local entry one province. `eff` and `lineTab` change only here and in
 * `rebuildCombined`, which is why both start a new epoch of the world's fitness memo.
 */
export function setEntry(w: World, k: number, value: number): void {
  const s = w.s;
  const { tables, eff, tmask } = s;
  tables[k] = value;
  const NS = s.N * s.S;
  const table = Math.floor(k / NS);
  const pos = k - table * NS;
  const wn = s.lv.weightNational;
  const wt = s.lv.weightType;
  const wl = 1 - wn - wt;
  if (table === NATIONAL_TABLE) {
    const terms = typeTerms(tables, NS, wt, pos, w.masks);
    for (let i = 0; i < s.n; i++) eff[i * NS + pos] = combine(tables, NS, wn, wl, terms[tmask[i]!]!, i, pos);
    for (let t = 0; t < 4; t++) s.lineTab[t * NS + pos] = lineEntry(s, t, pos);
  } else if (table < 5) {
    const type = table - 1;
    const terms = typeTerms(tables, NS, wt, pos, w.masks);
    for (let i = 0; i < s.n; i++)
      if (tmask[i]! & (1 << type)) eff[i * NS + pos] = combine(tables, NS, wn, wl, terms[tmask[i]!]!, i, pos);
    s.lineTab[type * NS + pos] = lineEntry(s, type, pos);
  } else {
    const i = table - 5;
    eff[i * NS + pos] = combine(tables, NS, wn, wl, typeTerm(tables, NS, wt, tmask[i]!, pos), i, pos);
  }
  w.fit.epoch++;
}

/** Fitness of x on a table at offset `off`: the K+1-bit window of feature b is read off x doubled. */
function tableFitness(s: WorldState, tab: Float64Array, off: number, x: number): number {
  const { N, S } = s;
  const xx = (x | (x << N)) >>> 0;
  const mask = S - 1;
  let f = 0;
  // Row b starts at off + b·S; the sum runs over b in order (the same additions as ever).
  for (let b = 0, row = off; b < N; b++, row += S) f += tab[row + ((xx >>> b) & mask)]!;
  return f / N;
}

/** e_i(x) = ω_n f^nat(x) + ω_t·mean over the unit's types of f^τ(x) + ω_l f^loc_i(x). */
export function effectiveness(s: WorldState, i: number, x: number): number {
  return tableFitness(s, s.eff, i * s.N * s.S, x);
}

/**
 * e_i(x) through the world's memo. Within a cycle the landscape is fixed after the environment
 * step, and a province asks for the same designs several times (its programme when it assesses,
 * implements, reports and is inspected; its line when it assesses and is inspected). A slot holds
 * (x, value, epoch); `setEntry` and `rebuildCombined` start a new epoch, so a hit returns exactly
 * the number `effectiveness` would compute now.
 */
export function fitnessOf(w: World, i: number, x: number): number {
  const m = w.fit;
  const slot = i * FIT_SLOTS + ((x ^ (x >>> 3) ^ (x >>> 6)) & (FIT_SLOTS - 1));
  if (m.stamp[slot] === m.epoch && m.key[slot] === x) return m.val[slot]!;
  const v = effectiveness(w.s, i, x);
  m.key[slot] = x;
  m.stamp[slot] = m.epoch;
  m.val[slot] = v;
  return v;
}

/** The part of effectiveness a line can carry for a type: national and type components, renormalised. */
export function lineFitness(s: WorldState, type: number, x: number): number {
  return tableFitness(s, s.lineTab, type * s.N * s.S, x);
}

/**
 * Transferable gain of a configuration over the province's line: the national and type components
 * only (what would travel to other provinces of its group), not its local context.
 */
export function transferableGain(s: WorldState, i: number, x: number): number {
  const type = s.ptype[i]!;
  return lineFitness(s, type, x) - lineFitness(s, type, s.lines[groupOf(s, i)]!);
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
export function applyTurbulence(w: World): void {
  const s = w.s;
  const env = w.env;
  const eps = s.lv.turbulence;
  if (eps <= 0) return;
  const total = s.tables.length;
  const NS = s.N * s.S;
  // log(1 − ε) once for the whole pass (the same number every skip would compute).
  const logQ = eps < 1 ? logOneMinus(eps) : 0;
  for (let k = env.geometricLog(eps, logQ); k < total; k += 1 + env.geometricLog(eps, logQ)) {
    setEntry(w, k, env.next());
    noteChurn(s, Math.floor(k / NS), NS);
  }
}

/**
 * Churn: the share of a type's landscape (its national and type tables, 2·N·2^(K+1) entries)
 * redrawn this cycle. A national entry moves every type's ground; a type entry its own.
 */
function noteChurn(s: WorldState, table: number, NS: number): void {
  if (table === NATIONAL_TABLE) for (let t = 0; t < 4; t++) s.churn[t] = s.churn[t]! + 1 / (2 * NS);
  else if (table < 5) s.churn[table - 1] = s.churn[table - 1]! + 1 / (2 * NS);
}

/** A shock redraws a share ζ of one type's table and raises that type's threat. */
export function applyShock(w: World, type: number, magnitude: number): void {
  const s = w.s;
  const env = w.env;
  const zeta = s.lv.shockFraction;
  const size = s.N * s.S;
  const off = typeTable(type) * size;
  if (zeta > 0) {
    const logQ = zeta < 1 ? logOneMinus(zeta) : 0;
    for (let k = env.geometricLog(zeta, logQ); k < size; k += 1 + env.geometricLog(zeta, logQ)) {
      setEntry(w, off + k, env.next());
      noteChurn(s, typeTable(type), size);
    }
  }
  s.threat[type] = s.threat[type]! + magnitude;
  logEvent(s, 'shock', { type: TYPES[type]! });
}
