import { acos, pow } from '../engine/portableMath.ts';
import { keepWhere } from './keepWhere.ts';
import { lineFitness } from './landscape.ts';
import { C, FIRST_COUNT, GOVERNANCE_METRICS, M, type LevelName } from './metrics.ts';
import { distance, groupOf, ST_PILOT, type WorldState } from './world.ts';

const RAD30 = Math.PI / 6;

/**
 * The reference province that anchors the 0–100 indices of the ends (2.0.0): a programme of
 * effectiveness 0.6, capacity 0.5, finance 1 at resources 1, means spread equally over the three
 * ways, opportunity 1 on each, non-state engagement 0.5, the base way × end matrix:
 * y = 0.6⁴·0.5^½·(1 + 0.25)·(⅓)^0.7 per way, Y_o = y·Σ_k M_ko. These are fixed numbers, not
 * levers: an index reads the same whatever the scenario.
 */
export const REFERENCE_OUTPUT: readonly [number, number, number] = (() => {
  const y = pow(0.6, 4) * Math.sqrt(0.5) * 1.25 * pow(1 / 3, 0.7);
  return [y * (0.4 + 0.05 + 0.25), y * (0.4 + 0.8 + 0.15), y * (0.2 + 0.15 + 0.6)];
})();

/**
 * An end's index on 0–100: 100·y/(y + y_ref). 0 = no output; 50 = as much, per province, as the
 * reference province; 75 = three times it; 25 = a third of it; 100 is approached, never reached.
 * Monotone and never clipped, so differences keep their sign and order.
 */
export function endIndex(y: number, ref: number): number {
  return (100 * y) / (y + ref);
}

/**
 * The cycle's metrics (MODEL §4.9 with the §8 changes), in GOVERNANCE_METRICS order.
 * National outputs: D = Σω·Y_D; S = Σω·Y_S·max(0, 1 − λ_I·Inc/n) (a relative incident penalty);
 * P = (Σω·Y_P)(0.5 + 0.5C) (prestige needs a unified voice: C1). Each is reported as its index
 * (`endIndex`), and value V = G*·(S, D, P) on the indices, so V is on 0–100 too. No lever enters
 * these formulas: levers act only through what the agents did.
 */
export function observeWorld(s: WorldState): number[] {
  const n = s.n;
  // Coherence.
  let dist = 0;
  let goal = 0;
  let compliant = 0;
  // |G*|² is the same for every province: summed once, in the same order as before.
  let b = 0;
  for (let o = 0; o < 3; o++) b += s.G[o]! ** 2;
  for (let i = 0; i < n; i++) {
    const di = distance(s.x[i]!, s.lines[groupOf(s, i)]!);
    dist += di / s.nPrime;
    let dot = 0,
      a = 0;
    for (let o = 0; o < 3; o++) {
      dot += s.g[i * 3 + o]! * s.G[o]!;
      a += s.g[i * 3 + o]! ** 2;
    }
    const cos = Math.min(1, dot / Math.sqrt(a * b));
    goal += Math.max(0, 1 - acos(cos) / RAD30);
    if (s.status[i] === ST_PILOT || di <= s.radius[i]!) compliant++;
  }
  const alignment = s.nPrime > 0 ? 1 - Math.min(1, dist / n / 0.5) : 1;
  const goalAgreement = goal / n;
  const compliance = compliant / n;
  const coherence = 0.5 * alignment + 0.25 * goalAgreement + 0.25 * compliance;

  // Innovation: diversity = mean pairwise distance over the changeable features = (2/N′)Σ_b p_b(1 − p_b)·n/(n − 1).
  let div = 0;
  for (let b = s.nLocked; b < s.N; b++) {
    let ones = 0;
    for (let i = 0; i < n; i++) ones += (s.x[i]! >>> b) & 1;
    const p = ones / n;
    div += p * (1 - p);
  }
  const diversity = s.nPrime > 0 ? ((2 / s.nPrime) * div * n) / (n - 1) : 0;
  const discoveryRate = s.counts[C.discoveries]! / n;
  // Adoption over the discoveries of the last 10 cycles: a discovery is adopted once any of its improving features entered its line.
  keepWhere(s.discoveries, (d) => d.cycle > s.t - 10);
  let adopted = 0;
  for (const d of s.discoveries) {
    if (!d.adopted && ((s.lines[d.group]! ^ d.x) & d.mask) !== d.mask) d.adopted = true;
    if (d.adopted) adopted++;
  }
  const defined = s.discoveries.length > 0;
  if (defined) s.adoptionLast = adopted / s.discoveries.length;
  const divPart = Math.min(1, diversity / 0.5);
  const discPart = Math.min(1, discoveryRate / 0.05);
  // 2.0.0: innovation is the mean of diversity and discovery. Adoption (kept as its own metric) is
  // what the centre does with discoveries, 0 at φ = 0 by construction; inside innovation it made the
  // frontier rise with feedback by definition.
  const innovation = (divPart + discPart) / 2;

  // Ends.
  let S = 0,
    D = 0,
    P = 0;
  for (let i = 0; i < n; i++) {
    S += s.weight[i]! * s.Y[i * 3]!;
    D += s.weight[i]! * s.Y[i * 3 + 1]!;
    P += s.weight[i]! * s.Y[i * 3 + 2]!;
  }
  S *= Math.max(0, 1 - (s.lv.incidentNational * s.counts[C.incidents]!) / n);
  P *= 0.5 + 0.5 * coherence;
  S = endIndex(S, REFERENCE_OUTPUT[0]);
  D = endIndex(D, REFERENCE_OUTPUT[1]);
  P = endIndex(P, REFERENCE_OUTPUT[2]);
  const V = s.G[0]! * S + s.G[1]! * D + s.G[2]! * P;
  s.nat[0] = S;
  s.nat[1] = D;
  s.nat[2] = P;
  s.nat[3] = V;
  s.planMeans[0] = s.planMeans[0]! + S;
  s.planMeans[1] = s.planMeans[1]! + D;
  s.planMeans[2] = s.planMeans[2]! + P;
  s.planCount++;
  s.coherenceHistory.push(coherence);

  let lq = 0;
  for (let t = 0; t < 4; t++) lq += lineFitness(s, t, s.lines[t]!);
  let H = 0,
    psi = 0;
  for (let i = 0; i < n; i++) {
    H += s.H[i]!;
    psi += s.psi[i]!;
  }
  const threat = (s.threat[0]! + s.threat[1]! + s.threat[2]! + s.threat[3]!) / 4;

  // Every level by its registry name: a level missing here, or one the registry does not have, is a
  // compile error (no positional list to keep in step).
  const levels: Record<LevelName, number> = {
    coherence,
    innovation,
    alignment,
    goalAgreement,
    compliance,
    diversity,
    discoveryRate,
    adoption: s.adoptionLast,
    security: S,
    development: D,
    prestige: P,
    value: V,
    lineQuality: lq / 4,
    autonomyEffective: s.A,
    monitoringEffective: s.mu,
    capacity: H / n,
    trust: psi / n,
    threat,
  };
  const out = s.obs;
  for (const name of LEVEL_NAMES) out[M[name]] = levels[name];
  for (let k = 0; k < s.counts.length; k++) out[FIRST_COUNT + k] = s.counts[k]!;
  return out;
}

/** The level metrics, in registry order. */
const LEVEL_NAMES = GOVERNANCE_METRICS.flatMap((x) => (x.kind === 'level' ? [x.name] : []));
