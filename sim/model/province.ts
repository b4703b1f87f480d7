// The province agent's stages of the policy cycle (docs/ODD.md §3 and §7): interests, goals, resource allocation and
// planning, implementation with its pilots and agreements, and the reports it sends up. Longer than 400
// lines on purpose: these stages read and write the same province columns in schedule order, and the
// kernel's hot path keeps them side by side so that one cycle of one province reads top to bottom.
import { exp, log1p, pow } from '../engine/portableMath.ts';
import { fenceBreakProbability, noteImplementation, queueReport } from './central.ts';
import { MODEL_POLICY } from './decisions.ts';
import { fitnessOf, transferableGain } from './landscape.ts';
import { C } from './metrics.ts';
import { effectiveReceptivity, expectedAgreementOpportunity, opportunity, windowOpen } from './partners.ts';
import { AGR } from './types.ts';
import {
  distance,
  groupOf,
  logEvent,
  O_LOCAL,
  O_PILOT,
  ST_AUTHORIZED,
  ST_PILOT,
  ST_UNAUTHORIZED,
  type World,
  type WorldState,
} from './world.ts';

/**
 * A province's policy cycle (S1): five stages, "linear yet interactive". Stages (i)–(iv) run
 * before the centre's approvals, stage (v) after; stage (v) can send the province back through
 * (iii)–(iv) when it falls well short of its aspiration (the recursive loop).
 */

/** A province's noisy estimate of a programme's effectiveness: noise σ_p(1 − H)(1 − η_ns/2). */
function estimate(w: World, i: number, x: number): number {
  const s = w.s;
  const sd = s.lv.perceptionNoise * (1 - s.H[i]!) * (1 - 0.5 * s.lv.nonStateEngagement);
  return fitnessOf(w, i, x) + sd * w.noise.normal();
}

/** The guidance a province reads: the line as of δ_down cycles ago. */
function guidance(s: WorldState, i: number): number {
  const h = s.lineHistory;
  const back = Math.min(s.lv.guidanceDelay, h.length - 1);
  return h[h.length - 1 - back]![groupOf(s, i)]!;
}

/**
 * Stage (i), contextual assessment: read the (possibly delayed) guidance; follow its changed
 * features where that does not cost the province more than its tolerance (localised adoption);
 * set the authority radius r = A·ψ·N′, made continuous by taking one more feature with probability
 * frac(A·ψ·N′); place itself against the line (inside its zone it is authorised, outside it is not,
 * unless it runs an approved pilot); estimate the effectiveness of its programme and of the line.
 *
 * Localised adoption (2.0.0): in 1.3.0 a province copied every changed feature it had matched with
 * probability a_adopt, overwriting the local fit it had found, so a stronger feedback lowered
 * national value. Now it follows a changed feature, with probability a_adopt, only when its own
 * estimate says following costs at most c_sw + m·κ_m of effectiveness (mobilisation buys some local
 * fit for unity); otherwise it keeps its own value and is that much further from the line.
 */
export function assessContext(w: World, i: number): void {
  const s = w.s;
  const seen = guidance(s, i);
  const old = s.lineSeen[i]!;
  if (seen !== old) {
    if (s.status[i] !== ST_PILOT) {
      const changed = (seen ^ old) >>> 0;
      const tolerance = s.lv.switchCost + s.lv.mobilization * s.lv.mobilizationTolerance;
      let x = s.x[i]!;
      let ex = estimate(w, i, x);
      for (let b = 0; b < s.N; b++) {
        if (!(changed & (1 << b))) continue;
        const matched = ((x ^ old) & (1 << b)) === 0;
        if (!matched || w.prov.next() >= s.lv.adoptionRate) continue;
        const y = (x ^ (1 << b)) >>> 0;
        const ey = estimate(w, i, y);
        if (ey >= ex - tolerance) {
          x = y;
          ex = ey;
        }
      }
      if (x !== s.x[i]) {
        s.x[i] = x >>> 0;
        noteImplementation(w, i);
      }
    }
    s.lineSeen[i] = seen;
  }
  const raw = s.A * s.psi[i]! * s.nPrime;
  const whole = Math.floor(raw);
  s.radius[i] = Math.min(s.nPrime, whole + (w.prov.next() < raw - whole ? 1 : 0));
  if (s.status[i] !== ST_PILOT) {
    // Status follows position: back inside the zone clears an unauthorised status; a line that moved
    // away from a province that did not follow leaves it outside its authority.
    const inside = distance(s.x[i]!, seen) <= s.radius[i]!;
    s.status[i] = inside ? ST_AUTHORIZED : ST_UNAUTHORIZED;
    if (inside) s.approved[i] = s.x[i]!;
  }
  s.estX[i] = estimate(w, i, s.x[i]!);
  s.estL[i] = estimate(w, i, seen);
}

/** A province's means this cycle: finance × resources. */
export function meansOf(s: WorldState, i: number): number {
  return s.finance[i]! * s.lv.resources;
}

/** Means not yet committed to initiatives this cycle. */
function freeMeans(s: WorldState, i: number): number {
  return meansOf(s, i) - s.spent[i]!;
}

/** softplus(z) = ln(1 + eᶻ), written to stay finite for large z. */
function softplus(z: number): number {
  return z > 30 ? z : log1p(exp(z));
}

/**
 * Stage (ii), interest and threat definition: needs n = normalise(softplus(k(asp·G* − Y)/asp))
 * with the type's threat added to security. Scaling the shortfall by the aspiration (MODEL §8)
 * keeps the needs responsive: unscaled shortfalls are tiny and softplus of ~0 is a constant.
 */
export function defineInterests(w: World, i: number): void {
  const s = w.s;
  const asp = s.asp[i]!;
  const k = s.lv.needSharpness;
  let sum = 0;
  for (let o = 0; o < 3; o++) {
    let v = softplus((k * (asp * s.G[o]! - s.Y[i * 3 + o]!)) / asp);
    if (o === 0) v += s.threat[s.ptype[i]!]!;
    s.need[i * 3 + o] = v;
    sum += v;
  }
  if (!(sum > 0)) return needsBeyondUnderflow(s, i, k, asp);
  for (let o = 0; o < 3; o++) s.need[i * 3 + o] = s.need[i * 3 + o]! / sum;
}

/**
 * The needs when every softplus underflowed to 0 and the type has no threat (every outcome far above
 * its aspiration, with a sharp k): normalising would be 0/0. Their limit is the normalised e^z, since
 * softplus(z) = e^z (1 + O(e^z)) as z → −∞, i.e. the softmax of the z's, computed from the largest so
 * that it stays finite. Runs that never underflow are untouched (golden unchanged).
 */
function needsBeyondUnderflow(s: WorldState, i: number, k: number, asp: number): void {
  let max = -Infinity;
  for (let o = 0; o < 3; o++) {
    const z = (k * (asp * s.G[o]! - s.Y[i * 3 + o]!)) / asp;
    s.need[i * 3 + o] = z;
    if (z > max) max = z;
  }
  let sum = 0;
  for (let o = 0; o < 3; o++) {
    const e = exp(s.need[i * 3 + o]! - max);
    s.need[i * 3 + o] = e;
    sum += e;
  }
  for (let o = 0; o < 3; o++) s.need[i * 3 + o] = s.need[i * 3 + o]! / sum;
}

/**
 * Stage (iii), goal formulation, aligned with the national plan: g = normalise((1 − κ)G* + κ·n),
 * κ = κ_max·A·(1 − m), halved in plan cycles; central directives then pull the goals toward
 * their emphasis.
 */
export function formulateGoals(w: World, i: number, planCycle: boolean): void {
  const s = w.s;
  let kappa = s.lv.goalAdaptationMax * s.A * (1 - s.lv.mobilization);
  if (planCycle) kappa /= 2;
  for (let o = 0; o < 3; o++) s.g[i * 3 + o] = (1 - kappa) * s.G[o]! + kappa * s.need[i * 3 + o]!;
  for (const d of s.directives) {
    if (d.until <= s.t || !d.target.includes(i)) continue;
    for (let o = 0; o < 3; o++)
      s.g[i * 3 + o] = (1 - d.strength) * s.g[i * 3 + o]! + (o === d.emphasis ? d.strength : 0);
  }
  normalise3(s.g, i * 3);
}

function normalise3(a: Float64Array, off: number): void {
  const sum = a[off]! + a[off + 1]! + a[off + 2]!;
  for (let o = 0; o < 3; o++) a[off + o] = a[off + o]! / sum;
}

/**
 * Stage (iv), resource allocation and planning: means move toward the way with the best
 * expected return (softmax, temperature β_alloc, speed λ_w); the programme is improved by local
 * search (m_loc single-feature trials), imitation of the best-evidenced peer of the same type and
 * exploration (a jump of several features from the programme), with pilot proposals for designs
 * beyond the authority radius when the province's means cover them, and an agreement request when
 * the agreements budget and the uncommitted means allow.
 */
export function allocateResources(w: World, i: number): void {
  const s = w.s;
  // A running pilot costs its province c_P this cycle; what is left may fund new initiatives.
  s.spent[i] = s.status[i] === ST_PILOT ? s.lv.pilotCost : 0;
  allocateMeans(w, i);
  if (s.status[i] !== ST_PILOT) {
    localSearch(w, i);
    imitatePeer(w, i);
    explore(w, i);
  }
  requestAgreement(w, i);
}

/**
 * Scratch for `allocateMeans` (returns, then proposed shares): it runs for every province every cycle,
 * so it writes into these instead of new arrays. A Float64Array holds each double exactly, so the
 * arithmetic and its results are those of plain arrays. Nothing outside `allocateMeans` sees them:
 * a custom allocation policy gets a fresh array of its own.
 */
const RET = new Float64Array(3);
const PROPOSED = new Float64Array(3);

function allocateMeans(w: World, i: number): void {
  const s = w.s;
  const beta = s.lv.allocationTemperature;
  const ret = RET;
  const g0 = s.g[i * 3]!,
    g1 = s.g[i * 3 + 1]!,
    g2 = s.g[i * 3 + 2]!;
  const m9 = i * 9;
  let max = -Infinity;
  for (let k = 0; k < 3; k++) {
    const O = k === AGR ? expectedAgreementOpportunity(s, i) : opportunity(s, i, k);
    const mk = m9 + k * 3;
    let r = 0;
    r += g0 * s.mult[mk]! * O;
    r += g1 * s.mult[mk + 1]! * O;
    r += g2 * s.mult[mk + 2]! * O;
    const rk = beta * r;
    ret[k] = rk;
    if (rk > max) max = rk;
  }
  let z = 0;
  // The largest term is e⁰ = 1 exactly; exp is only needed for the others.
  for (let k = 0; k < 3; k++) {
    const d = ret[k]! - max;
    const e = d === 0 ? 1 : exp(d);
    ret[k] = e;
    z += e;
  }
  const lam = s.lv.allocationRate;
  const proposed = PROPOSED;
  for (let k = 0; k < 3; k++) proposed[k] = (1 - lam) * s.w[i * 3 + k]! + (lam * ret[k]!) / z;
  // The model's own policy returns `proposed` unchanged: skip building its input then.
  const allocate = w.decisions.allocate;
  const chosen: ArrayLike<unknown> & { join(sep: string): string } =
    allocate === MODEL_POLICY.allocate
      ? proposed
      : allocate({
          cycle: s.t,
          province: s.names[i]!,
          provinceIndex: i,
          proposed: [proposed[0]!, proposed[1]!, proposed[2]!],
        });
  let sum = 0;
  for (let k = 0; k < 3; k++) {
    const v = chosen[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new Error(`allocation for ${s.names[i]} must be three finite shares ≥ 0, got [${chosen.join(', ')}]`);
    sum += v;
  }
  if (!(sum > 0)) throw new Error(`allocation for ${s.names[i]} must have a positive sum, got [${chosen.join(', ')}]`);
  for (let k = 0; k < 3; k++) s.w[i * 3 + k] = (chosen[k] as number) / sum;
}

/** Move to a new programme; inside the radius it is authorised, otherwise it is fence-breaking. */
function adopt(w: World, i: number, y: number, inZone: boolean): void {
  const s = w.s;
  s.x[i] = y;
  if (inZone && s.status[i] === ST_AUTHORIZED) s.approved[i] = y;
  if (!inZone) s.status[i] = ST_UNAUTHORIZED;
  noteImplementation(w, i);
}

function randomUnlockedBit(w: World): number {
  return w.s.nLocked + w.prov.int(w.s.nPrime);
}

/**
 * Local search with a soft zone (MODEL §8): the best of m_loc single-feature changes is taken
 * if its estimated gain beats c_sw; a step beyond the radius is taken only by fence-breaking,
 * with probability fb₀·b_i·(1 − μ̂_i).
 */
export function localSearch(w: World, i: number): void {
  const s = w.s;
  const x = s.x[i]!;
  let best = x;
  let bestGain = -Infinity;
  for (let m = 0; m < s.lv.localMoves; m++) {
    const y = (x ^ (1 << randomUnlockedBit(w))) >>> 0;
    const gain = estimate(w, i, y) - s.estX[i]!;
    if (gain > bestGain) {
      bestGain = gain;
      best = y;
    }
  }
  if (bestGain <= s.lv.switchCost) return;
  const d = distance(best, s.lineSeen[i]!);
  if (d <= s.radius[i]!) {
    adopt(w, i, best, true);
    s.estX[i] = s.estX[i]! + bestGain;
    return;
  }
  // An improvement beyond the radius goes to the centre as a pilot proposal; only a province that
  // already waits on one may take the step anyway (the soft zone: fence-breaking).
  const u = w.prov.next();
  if (bestGain > s.lv.pilotThreshold && s.pending[i]! < 0 && canAffordPilot(s, i)) {
    submitPilot(w, i, best, bestGain, d);
    return;
  }
  if (u < fenceBreakProbability(s, i)) {
    s.counts[C.fenceBreaks]!++;
    adopt(w, i, best, false);
    s.estX[i] = s.estX[i]! + bestGain;
    logEvent(s, 'fenceBreak', { province: s.ids[i]!, id: 0 });
  }
}

/** A pilot is proposed only when the province's uncommitted means cover a cycle of it. */
function canAffordPilot(s: WorldState, i: number): boolean {
  return freeMeans(s, i) >= s.lv.pilotCost;
}

/**
 * Peer imitation (horizontal learning; 2.0.0): with probability p_imit a cycle, a province looks at
 * the peer of its type whose programme has the best evaluated evidence (a pilot's evaluation, an
 * inspection: what the peer proved, not how big it is — 1.3.0 copied the highest utility, which
 * tracks population, ρ = .90) and tries that peer's departures from the line one feature at a time,
 * keeping each that its own estimate says gains more than c_sw and that stays inside its zone. Taking
 * the peer's whole programme would import the peer's local fit too (on average a loss here).
 */
function imitatePeer(w: World, i: number): void {
  const s = w.s;
  if (w.prov.next() >= s.lv.peerImitation) return;
  let peer = -1;
  for (let j = 0; j < s.n; j++) {
    if (j === i || s.ptype[j] !== s.ptype[i] || !(s.evidenced[j]! > 0)) continue;
    if (peer < 0 || s.evidenced[j]! > s.evidenced[peer]!) peer = j;
  }
  if (peer < 0) return;
  const px = s.x[peer]!;
  const mask = (px ^ s.lineSeen[peer]!) & ~s.lockMask;
  const L = s.lineSeen[i]!;
  let x = s.x[i]!;
  let ex = s.estX[i]!;
  for (let b = s.nLocked; b < s.N; b++) {
    if (!(mask & (1 << b)) || ((x ^ px) & (1 << b)) === 0) continue;
    const y = (x ^ (1 << b)) >>> 0;
    if (distance(y, L) > s.radius[i]!) continue;
    const ey = estimate(w, i, y);
    if (ey - ex > s.lv.switchCost) {
      x = y;
      ex = ey;
    }
  }
  if (x !== s.x[i]) {
    adopt(w, i, x, true);
    s.estX[i] = ex;
  }
}

/**
 * Exploration with probability p_exp (plus a Track 2 warning boost; p_exp rises below aspiration):
 * flip 2…⌊N/3⌋ distinct changeable features of the current programme. Jumps from the programme
 * leave the radius more often than jumps from the line, so exploration feeds the pilot pipeline.
 */
function explore(w: World, i: number): void {
  const s = w.s;
  let p = s.pExp[i]!;
  if (s.boostUntil[i]! > s.t) p = Math.min(s.lv.explorationMax, p + 0.2 * s.lv.track2Intensity);
  if (w.prov.next() >= p) return;
  // k distinct features (a partial Fisher–Yates over the changeable ones).
  const maxK = Math.max(2, Math.floor(s.N / 3));
  const k = Math.min(s.nPrime, 2 + w.prov.int(maxK - 1));
  let y = s.x[i]!;
  let pool = ~s.lockMask & ((1 << s.N) - 1);
  for (let f = 0; f < k; f++) {
    let r = w.prov.int(s.nPrime - f);
    let b = s.nLocked;
    for (; b < s.N; b++) if (pool & (1 << b) && r-- === 0) break;
    pool &= ~(1 << b);
    y ^= 1 << b;
  }
  tryDesign(w, i, y >>> 0);
}

/** A candidate design: inside the radius a gain > c_sw is implemented; beyond it a gain > c_pilot becomes a pilot proposal. */
function tryDesign(w: World, i: number, y: number): void {
  const s = w.s;
  if (y === s.x[i]) return;
  const gain = estimate(w, i, y) - s.estX[i]!;
  const d = distance(y, s.lineSeen[i]!);
  if (d <= s.radius[i]!) {
    if (gain > s.lv.switchCost) {
      adopt(w, i, y, true);
      s.estX[i] = s.estX[i]! + gain;
    }
    return;
  }
  if (gain <= s.lv.pilotThreshold || s.pending[i]! >= 0 || !canAffordPilot(s, i)) return;
  submitPilot(w, i, y, gain, d);
}

/** A pilot proposal to the Ministry (if the province's `proposePilot` decision agrees), due after the approval lag. */
function submitPilot(w: World, i: number, y: number, gain: number, d: number): void {
  const s = w.s;
  if (
    !w.decisions.proposePilot({
      cycle: s.t,
      province: s.names[i]!,
      provinceIndex: i,
      distance: d,
      expectedBenefit: gain,
    })
  )
    return;
  const id = s.nextId++;
  s.pilotQueue.push({ id, province: i, x: y, gain, cycle: s.t, due: s.t + approvalLag(s), tested: false, testGain: 0 });
  s.pending[i] = id;
  s.counts[C.pilotsProposed]!++;
  logEvent(s, 'pilot.proposed', { province: s.ids[i]!, id });
}

/** Approval lag round(σ_A·ℓ_max) cycles. */
export function approvalLag(s: WorldState): number {
  return Math.round(s.lv.approvalStrictness * s.lv.approvalLagMax);
}

/**
 * An agreement is requested when the means the province puts into agreements exceed c_agr, a slot
 * is free and its uncommitted means cover the negotiation (c_A): with its best reachable partner,
 * argmax α_ij·r^eff_j among those it holds no agreement with.
 */
function requestAgreement(w: World, i: number): void {
  const s = w.s;
  const maxAgr = s.lv.maxAgreements;
  if (s.pendingAgr[i]! >= 0) return;
  if (s.w[i * 3 + AGR]! * meansOf(s, i) <= s.lv.agreementThreshold) return;
  if (freeMeans(s, i) < s.lv.agreementCost) return;
  let free = -1;
  let active = 0;
  for (let a = 0; a < maxAgr; a++) {
    const j = s.agrPartner[i * maxAgr + a]!;
    if (j < 0) {
      if (free < 0) free = a;
    } else active |= 1 << j;
  }
  if (free < 0) return;
  let best = -1;
  let bestScore = 0;
  for (let j = 0; j < s.J; j++) {
    if (active & (1 << j)) continue;
    const score = s.aff[i * s.J + j]! * effectiveReceptivity(s, j);
    if (score > bestScore) {
      bestScore = score;
      best = j;
    }
  }
  if (best < 0) return;
  s.spent[i] = s.spent[i]! + s.lv.agreementCost;
  const id = s.nextId++;
  const open = windowOpen(s, best);
  const lag = s.fastTrack[best]! > s.t ? 0 : approvalLag(s);
  s.agrQueue.push({
    id,
    province: i,
    partner: best,
    cycle: s.t,
    due: s.t + lag,
    windowUntil: open ? s.windowUntil[best]! : 0,
  });
  s.pendingAgr[i] = id;
  s.counts[C.agreementsRequested]!++;
  if (open) s.counts[C.windowRequests]!++;
}

/**
 * Stage (v), implementation and feedback. Way outputs y_k = q·H^α_H·(w_k·M')^β·O_k·(1 + η_ns/2)
 * with q = e^γ and M' the means left after initiatives; end outputs Y_o = Σ_k y_k·M_ko·
 * exp(σ_y z − σ_y²/2) (lognormal noise: mean 1 and never negative). Incidents: see `incidentHazard`;
 * each costs a share λ_inc of the province's security output. Then: a routine report to the
 * Ministry (arrives after δ), local learning, and a pilot's evaluation after P_len cycles.
 */
export function implementAndFeedback(w: World, i: number): void {
  const s = w.s;
  const maxAgr = s.lv.maxAgreements;
  for (let a = 0; a < maxAgr; a++) {
    if (s.agrPartner[i * maxAgr + a]! >= 0 && s.agrUntil[i * maxAgr + a]! <= s.t) s.agrPartner[i * maxAgr + a] = -1;
  }
  const x = s.x[i]!;
  const e = fitnessOf(w, i, x);
  outputs(w, i, e, true);

  const st = s.status[i]!;
  const h = incidentHazard(s, i);
  s.incidents[i] = 0;
  if (w.prov.next() < 1 - exp(-h)) {
    s.incidents[i] = 1;
    s.Y[i * 3] = s.Y[i * 3]! * (1 - s.lv.incidentLoss);
    s.counts[C.incidents]!++;
    logEvent(s, 'incident', { province: s.ids[i]! });
  }
  let U = 0;
  for (let o = 0; o < 3; o++) U += s.g[i * 3 + o]! * s.Y[i * 3 + o]!;
  s.U[i] = U;

  // Routine report: the estimated gain over the line, to the Ministry after δ cycles (unauthorised
  // programmes only with q_rep). It informs (who runs what); it does not rank candidates.
  const L = s.lineSeen[i]!;
  const reportU = w.prov.next();
  const gain = estimate(w, i, x) - s.estL[i]! + s.lv.reportNoise * w.noise.normal();
  if (x !== L && (st !== ST_UNAUTHORIZED || reportU < s.lv.reportUnauthorized)) {
    queueReport(w, groupOf(s, i), x, gain, O_LOCAL, i, 1, false);
  }

  // Local learning: aspiration follows utility; exploration rises with the shortfall.
  const asp = s.asp[i]!;
  s.pExp[i] = Math.min(
    s.lv.explorationMax,
    Math.max(s.lv.explorationMin, s.lv.explorationBase + (s.lv.explorationSensitivity * (asp - U)) / asp),
  );
  s.asp[i] = (1 - s.lv.aspirationRate) * asp + s.lv.aspirationRate * U;
  const len = s.lv.pilotLength;
  s.recentE[i * len + (s.t % len)] = e;
  s.evidenced[i] = s.evidenced[i]! * (1 - s.lv.evidenceDecay);

  // Pilot evaluation after P_len cycles: success if the pilot is estimated better than the last
  // approved programme. Either way the evaluation measures the transferable gain, which reaches the
  // Ministry as evaluated evidence after δ cycles.
  if (st === ST_PILOT && s.t - s.pilotStart[i]! >= len) {
    const better = estimate(w, i, x) > estimate(w, i, s.approved[i]!);
    const tg = transferableGain(s, i, x) + s.lv.reportNoise * w.noise.normal();
    queueReport(w, groupOf(s, i), x, tg, O_PILOT, i, 1, true);
    if (better) {
      s.psi[i] = Math.min(1.5, s.psi[i]! + s.lv.trustGain);
      s.H[i] = Math.min(1, s.H[i]! + s.lv.pilotLearning);
      s.approved[i] = x;
      s.evidenced[i] = tg;
      s.counts[C.pilotsSucceeded]!++;
      logEvent(s, 'pilot.succeeded', { province: s.ids[i]! });
    } else {
      s.x[i] = s.approved[i]!;
      logEvent(s, 'pilot.failed', { province: s.ids[i]! });
    }
    s.status[i] = ST_AUTHORIZED;
  }

  // Recursion: a cycle far below aspiration sends the province back through goals and planning (local moves only).
  for (let r = 0; r < s.lv.recursionDepth && U < (1 - s.lv.recursionShortfall) * asp && s.status[i] !== ST_PILOT; r++) {
    formulateGoals(w, i, false);
    localSearch(w, i);
  }
}

/**
 * Incident hazard (2.0.0: risk, not legality). With d the share of changeable features in which
 * the programme departs from the line, instability I_τ = θ_τ + κ_ε·churn_τ and s̄_i the
 * affinity-weighted sensitivity of the partners the province deals with:
 *   h = [ι₀·d·v·(0.5 + s̄_i + I_τ)·(1.5 − H) + ι₁·Σ_agreements s_j·(0.5 + I_τ)]·(1 − λ_T2·warned),
 * v = ν for a vetted (approved or legitimised) pilot, ν(1 − λ_T2) for one Track 2 tested before approval,
 * else 1 — authorised or not, a departure carries its risk; a Track 2 warning of a shock to the type
 * lowers it. The incident probability
 * is 1 − e^(−h).
 */
export function incidentHazard(s: WorldState, i: number): number {
  const type = s.ptype[i]!;
  // Departure from the national line as it is now (what partners and the centre see), not from the
  // province's possibly outdated reading of it.
  const d = s.nPrime > 0 ? distance(s.x[i]!, s.lines[groupOf(s, i)]!) / s.nPrime : 0;
  const vetting = s.status[i] === ST_PILOT ? s.lv.pilotVetting * (1 - s.lv.track2RiskReduction * s.pilotTested[i]!) : 1;
  const instability = s.threat[type]! + s.lv.turbulenceRisk * s.churn[type]!;
  let partnerRisk = 0;
  const maxAgr = s.lv.maxAgreements;
  for (let a = 0; a < maxAgr; a++) {
    const j = s.agrPartner[i * maxAgr + a]!;
    if (j >= 0) partnerRisk += s.sens[j]!;
  }
  const warned = s.warnedUntil[type]! > s.t ? s.lv.track2RiskReduction : 0;
  const h =
    s.lv.incidentBase * d * vetting * (0.5 + s.provSens[i]! + instability) * (1.5 - s.H[i]!) +
    s.lv.incidentPartner * partnerRisk * (0.5 + instability);
  return h * (1 - warned);
}

/** Compute a province's end outputs Y (S, D, P) for programme effectiveness e. */
export function outputs(w: World, i: number, e: number, noisy: boolean): void {
  const s = w.s;
  const gamma = s.lv.qualityExponent;
  // q = e^γ changes only when e does (a new programme or a redrawn entry of it): keep the last one.
  const pm = w.pow;
  if (e !== pm.e[i] || gamma !== pm.gamma[i]) {
    pm.e[i] = e;
    pm.gamma[i] = gamma;
    pm.q[i] = pow(e, gamma);
  }
  const q = pm.q[i]!;
  const h = s.H[i]!;
  const alphaH = s.lv.capacityElasticity;
  // H^α_H. For α_H = 0.5 (every bundled scenario) fdlibm's pow (portableMath.ts) returns sqrt(x) for
  // x > 0 itself ("y is 0.5" special case), so Math.sqrt gives the same bits without pow's argument
  // checks. x = 0 and other exponents go through pow.
  const hPow = alphaH === 0.5 && h > 0 ? Math.sqrt(h) : pow(h, alphaH);
  const base = q * hPow * (1 + s.lv.nonStateEngagement / 2);
  const beta = s.lv.resourceElasticity;
  const means = Math.max(0, meansOf(s, i) - s.spent[i]!);
  let yS = 0,
    yD = 0,
    yP = 0;
  for (let k = 0; k < 3; k++) {
    const y = base * pow(s.w[i * 3 + k]! * means, beta) * opportunity(s, i, k);
    yS += y * s.mult[i * 9 + k * 3]!;
    yD += y * s.mult[i * 9 + k * 3 + 1]!;
    yP += y * s.mult[i * 9 + k * 3 + 2]!;
  }
  const sy = s.lv.outputNoise;
  if (noisy) {
    const c = -0.5 * sy * sy;
    yS *= exp(sy * w.noise.normal() + c);
    yD *= exp(sy * w.noise.normal() + c);
    yP *= exp(sy * w.noise.normal() + c);
  }
  s.Y[i * 3] = yS;
  s.Y[i * 3 + 1] = yD;
  s.Y[i * 3 + 2] = yP;
}
