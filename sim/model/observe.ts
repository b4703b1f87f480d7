import { lineFitness } from './landscape.ts';
import { C, FIRST_COUNT, GOVERNANCE_METRICS } from './metrics.ts';
import { distance, groupOf, ST_UNAUTHORIZED, type WorldState } from './world.ts';

const RAD30 = Math.PI / 6;

/**
 * The cycle's metrics (MODEL §4.9 with the §8 changes), in GOVERNANCE_METRICS order.
 * National ends: D = Σω·Y_D; S = Σω·Y_S·max(0, 1 − λ_I·Inc/n) (a relative incident penalty);
 * P = (Σω·Y_P)(0.5 + 0.5C) + λ_P2·τ (prestige needs a unified voice: C1); V = G*·(S, D, P).
 */
export function observeWorld(s: WorldState): number[] {
  const n = s.n;
  // Coherence.
  let dist = 0;
  let goal = 0;
  let compliant = 0;
  for (let i = 0; i < n; i++) {
    dist += distance(s.x[i]!, s.lines[groupOf(s, i)]!) / s.nPrime;
    let dot = 0, a = 0, b = 0;
    for (let o = 0; o < 3; o++) { dot += s.g[i * 3 + o]! * s.G[o]!; a += s.g[i * 3 + o]! ** 2; b += s.G[o]! ** 2; }
    const cos = Math.min(1, dot / Math.sqrt(a * b));
    goal += Math.max(0, 1 - Math.acos(cos) / RAD30);
    if (s.status[i] !== ST_UNAUTHORIZED) compliant++;
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
  const discoveryRate = s.counts[C.discoveries!]! / n;
  // Adoption over the discoveries of the last 10 cycles: a discovery is adopted once any of its improving features entered its line.
  s.discoveries = s.discoveries.filter((d) => d.cycle > s.t - 10);
  let adopted = 0;
  for (const d of s.discoveries) {
    if (!d.adopted && ((s.lines[d.group]! ^ d.x) & d.mask) !== d.mask) d.adopted = true;
    if (d.adopted) adopted++;
  }
  const defined = s.discoveries.length > 0;
  if (defined) s.adoptionLast = adopted / s.discoveries.length;
  const divPart = Math.min(1, diversity / 0.5);
  const discPart = Math.min(1, discoveryRate / 0.05);
  const innovation = defined ? (divPart + discPart + s.adoptionLast) / 3 : (divPart + discPart) / 2;

  // Ends.
  let S = 0, D = 0, P = 0;
  for (let i = 0; i < n; i++) {
    S += s.weight[i]! * s.Y[i * 3]!;
    D += s.weight[i]! * s.Y[i * 3 + 1]!;
    P += s.weight[i]! * s.Y[i * 3 + 2]!;
  }
  S *= Math.max(0, 1 - (s.lv.incidentNational! * s.counts[C.incidents!]!) / n);
  P = P * (0.5 + 0.5 * coherence) + s.lv.track2Prestige! * s.lv.track2Intensity!;
  const V = s.G[0]! * S + s.G[1]! * D + s.G[2]! * P;
  s.nat[0] = S; s.nat[1] = D; s.nat[2] = P; s.nat[3] = V;
  s.planMeans[0] = s.planMeans[0]! + S;
  s.planMeans[1] = s.planMeans[1]! + D;
  s.planMeans[2] = s.planMeans[2]! + P;
  s.planCount++;
  s.coherenceHistory.push(coherence);

  let lq = 0;
  for (let t = 0; t < 4; t++) lq += lineFitness(s, t, s.lines[t]!);
  let H = 0, psi = 0;
  for (let i = 0; i < n; i++) { H += s.H[i]!; psi += s.psi[i]!; }
  const threat = (s.threat[0]! + s.threat[1]! + s.threat[2]! + s.threat[3]!) / 4;

  const out = s.obs;
  out.length = 0;
  out.push(coherence, innovation, alignment, goalAgreement, compliance, diversity, discoveryRate, s.adoptionLast,
    S, D, P, V, lq / 4, s.A, s.mu, H / n, psi / n, threat);
  if (out.length !== FIRST_COUNT) throw new Error('level metrics out of step with GOVERNANCE_METRICS');
  for (let k = 0; k < s.counts.length; k++) out.push(s.counts[k]!);
  if (out.length !== GOVERNANCE_METRICS.length) throw new Error('count metrics out of step with GOVERNANCE_METRICS');
  return out;
}
