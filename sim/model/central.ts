// The centre's side of the policy cycle (docs/ODD.md §3 and §7): guidance and directives, approval of pilots and
// agreements under its capacity, monitoring and inspection, the evaluation of reports, and scale-ups.
// Longer than 400 lines on purpose: approval, monitoring and scale-up share the centre's queues and the
// evidence they hold, and each reads best beside the others in the order the cycle runs them.
import { pow } from '../engine/portableMath.ts';
import { C } from './metrics.ts';
import { fitnessOf, transferableGain } from './landscape.ts';
import { TYPES } from './types.ts';
import {
  distance,
  groupOf,
  logEvent,
  O_LEGIT,
  O_LOCAL,
  O_PILOT,
  O_TRACK2,
  ORIGINS,
  ST_AUTHORIZED,
  ST_PILOT,
  ST_UNAUTHORIZED,
  type KbEntry,
  type World,
  type WorldState,
} from './world.ts';

const KB_CAP = 256;

/** The scale-up count of each evidence origin, in ORIGINS order. */
const SCALE_UP_BY_ORIGIN = ['scaleUpsPilot', 'scaleUpsLocal', 'scaleUpsTrack2', 'scaleUpsLegitimized'] as const;

/** Number of line groups: one per type, or one national group. */
export function groupCount(s: WorldState): number {
  return s.lineScope === 'national' ? 1 : 4;
}

/** Line of a group (under a national scope every type holds the same line). */
export function groupLine(s: WorldState, group: number): number {
  return s.lines[group]!;
}

/**
 * Add evidence on a configuration. Evaluated evidence (a pilot's evaluation, a Track 2 test, an
 * inspection, a legitimisation) carries the transferable gain and ranks; a routine report only
 * informs: it adds reported weight and tells the centre that another province runs the design.
 */
export function addEvidence(
  w: World,
  group: number,
  x: number,
  gain: number,
  origin: number,
  weight: number,
  province: number,
  evaluated: boolean,
): void {
  const s = w.s;
  if (x === s.lines[group]) return; // the line's own gain over itself carries no information
  const kb = s.kb[group]!;
  let e = kb.get(x);
  if (!e) {
    if (kb.size >= KB_CAP) evictLightest(w, kb);
    e = newEntry(w, x, province, s.t);
    kb.set(x, e);
  }
  if (province >= 0) {
    if (e.province < 0) e.province = province;
    else if (e.province !== province) e.replicated = true;
  }
  if (!evaluated) {
    e.reported += weight;
    return;
  }
  e.w += weight;
  e.wg += weight * gain;
  e.byOrigin[origin] = e.byOrigin[origin]! + weight;
}

/** A knowledge-base entry with no evidence yet: a forgotten one reused, or a new one. */
function newEntry(w: World, x: number, province: number, first: number): KbEntry {
  const e = w.pool.entries.pop();
  if (!e) return { x, w: 0, wg: 0, byOrigin: [0, 0, 0, 0], reported: 0, province, replicated: false, first };
  e.x = x;
  e.w = 0;
  e.wg = 0;
  e.byOrigin.fill(0);
  e.reported = 0;
  e.province = province;
  e.replicated = false;
  e.first = first;
  return e;
}

/** Forget every entry of a group's knowledge base (their records go back to the pool). */
export function clearEvidence(w: World, group: number): void {
  const kb = w.s.kb[group]!;
  for (const e of kb.values()) w.pool.entries.push(e);
  kb.clear();
}

function evictLightest(w: World, kb: Map<number, KbEntry>): void {
  let worst: KbEntry | null = null;
  let wmin = Infinity;
  for (const e of kb.values())
    if (e.w + e.reported < wmin) {
      wmin = e.w + e.reported;
      worst = e;
    }
  if (worst !== null) {
    kb.delete(worst.x);
    w.pool.entries.push(worst);
  }
}

/** Forgetting: every entry's weights and weighted gain decay by (1 − λ_age) a cycle (so its mean is kept). */
export function ageEvidence(w: World): void {
  const keep = 1 - w.s.lv.evidenceDecay;
  for (const kb of w.s.kb) {
    // Deleting the entry just visited is safe in a Map iteration, and keeps the visiting order.
    for (const e of kb.values()) {
      e.w *= keep;
      e.wg *= keep;
      e.reported *= keep;
      const o = e.byOrigin;
      o[0] = o[0]! * keep;
      o[1] = o[1]! * keep;
      o[2] = o[2]! * keep;
      o[3] = o[3]! * keep;
      if (e.w + e.reported < 1e-3) {
        kb.delete(e.x);
        w.pool.entries.push(e);
      }
    }
  }
}

/**
 * Queue a report (routine or evaluated) to reach the Ministry δ cycles from now. The record and the
 * list of its arrival cycle come from the world's pool (`monitorCentrally` returns them).
 */
export function queueReport(
  w: World,
  group: number,
  x: number,
  gain: number,
  origin: number,
  province: number,
  weight: number,
  evaluated: boolean,
): void {
  const s = w.s;
  const arrival = s.t + s.lv.feedbackDelay;
  let list = s.reports.get(arrival);
  if (!list) {
    list = w.pool.lists.pop() ?? [];
    s.reports.set(arrival, list);
  }
  const r = w.pool.reports.pop();
  if (r) {
    r.group = group;
    r.x = x;
    r.gain = gain;
    r.origin = origin;
    r.province = province;
    r.weight = weight;
    r.evaluated = evaluated;
    list.push(r);
  } else list.push({ group, x, gain, origin, province, weight, evaluated });
}

/**
 * A candidate for scale-up: enough evaluated weight (W ≥ n_min), and either replicated (seen in two
 * provinces) or resting on a pilot's evaluation, a Track 2 test or a legitimisation — one province's
 * inspection alone does not make a national case.
 */
function eligible(e: KbEntry, nMin: number): boolean {
  if (e.w < nMin) return false;
  return e.replicated || e.byOrigin[O_PILOT]! > 0 || e.byOrigin[O_TRACK2]! > 0 || e.byOrigin[O_LEGIT]! > 0;
}

/**
 * Guideline revision (learning from transferable, evaluated evidence; 2.0.0). Evidence is the
 * transferable gain over the line — national and type components, what would travel to the group —
 * so a province's local context cannot pull the line (1.3.0's open finding: two thirds of the winning
 * gain was local). Eligible candidates (see `eligible`) are ranked by the shrunk mean
 * Q̂·W/(W+1) = Σwg/(W+1). If the best beats θ_s, ⌈φ'·|Δ|⌉ of the differing (unlocked) features move
 * to it: a scale-up, tagged by the origin of the winning evidence. The group's evidence is cleared
 * after a move, since it was measured against the old line.
 */
export function reviseGuidelines(w: World, phi: number): void {
  const s = w.s;
  if (phi <= 0) return;
  const nMin = s.lv.minEvidence;
  const thr = s.lv.scaleUpThreshold;
  for (let g = 0; g < groupCount(s); g++) {
    let best: KbEntry | null = null;
    let bestQ = -Infinity;
    for (const e of s.kb[g]!.values()) {
      if (!eligible(e, nMin)) continue;
      const q = e.wg / (e.w + 1);
      if (q > bestQ || (q === bestQ && best !== null && e.x < best.x)) {
        best = e;
        bestQ = q;
      }
    }
    if (!best || bestQ <= thr) continue;
    const L = s.lines[g]!;
    const diff = (L ^ best.x) & ~s.lockMask;
    const bits: number[] = [];
    for (let b = 0; b < s.N; b++) if (diff & (1 << b)) bits.push(b);
    if (bits.length === 0) continue;
    const flips = Math.ceil(phi * bits.length - 1e-12);
    // A partial move takes a random subset of the differing features (centre stream): partial Fisher–Yates.
    let next = L;
    for (let k = 0; k < flips; k++) {
      const r = k + w.ctr.int(bits.length - k);
      const tmp = bits[k]!;
      bits[k] = bits[r]!;
      bits[r] = tmp;
      next ^= 1 << bits[k]!;
    }
    next >>>= 0;
    let origin = 0;
    for (let o = 1; o < 4; o++) if (best.byOrigin[o]! > best.byOrigin[origin]!) origin = o;
    const province = best.province;
    setLine(s, g, next);
    // The group's records go back to the pool here: nothing below reads `best`.
    clearEvidence(w, g);
    s.counts[C.scaleUps]!++;
    s.counts[C[SCALE_UP_BY_ORIGIN[origin]!]]!++;
    logEvent(s, 'scaleUp', {
      group: s.lineScope === 'national' ? 'national' : TYPES[g]!,
      origin: ORIGINS[origin]!,
      province: province >= 0 ? s.ids[province]! : '',
      features: flips,
    });
  }
}

function setLine(s: WorldState, group: number, line: number): void {
  if (s.lineScope === 'national') s.lines.fill(line);
  else s.lines[group] = line;
}

/** Plan ticks (every Π cycles): goals follow the shortfall against targets; a big revision; steering in `plan` mode. */
export function planCentrally(w: World): void {
  const s = w.s;
  const period = s.lv.planPeriod;
  if (s.t === 1 || (s.t - 1) % period !== 0) return;
  if (s.planCount > 0) {
    // Targets: the previous plan period's national (S, D, P) raised by g_plan; the gap is the relative shortfall.
    const gap = [0, 0, 0];
    for (let o = 0; o < 3; o++) {
      const mean = s.planMeans[o]! / s.planCount;
      if (s.planPrev[o]! > 0) {
        const target = s.planPrev[o]! * (1 + s.lv.planGrowth);
        gap[o] = Math.max(0, target - mean) / target;
      }
      s.planPrev[o] = mean;
    }
    let sum = 0;
    for (let o = 0; o < 3; o++) sum += s.Gbase[o]! + s.lv.planAdjustment * gap[o]!;
    for (let o = 0; o < 3; o++) s.G[o] = (s.Gbase[o]! + s.lv.planAdjustment * gap[o]!) / sum;
    s.planMeans.fill(0);
    s.planCount = 0;
    logEvent(s, 'plan', { security: round3(s.G[0]!), development: round3(s.G[1]!), prestige: round3(s.G[2]!) });
  }
  reviseGuidelines(w, Math.min(1, 2 * s.lv.feedbackStrength));
  if (s.steering === 'plan') steer(s);
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

/** Central learning each cycle: forget, revise from the evidence (every `rev` cycles), steer in `continuous` mode. */
export function learnCentrally(w: World, planned: boolean): void {
  const s = w.s;
  ageEvidence(w);
  if (!planned && s.t % s.lv.revisionInterval === 0) reviseGuidelines(w, s.lv.feedbackStrength);
  if (s.steering === 'continuous') steer(s);
}

/**
 * Adaptive steering on delayed, smoothed coherence: Ĉ = mean C over cycles [t−δ−3, t−δ−1]
 * (the last cycle the centre has heard of is t−1−δ); A ← A + κ_A(Ĉ − C*), μ ← μ − κ_μ(Ĉ − C*),
 * each kept in [0, 1] because they are shares. Called every cycle (`continuous`) or at plan ticks (`plan`).
 */
function steer(s: WorldState): void {
  const last = s.t - 1 - s.lv.feedbackDelay;
  if (last < 1) return;
  let sum = 0;
  let k = 0;
  for (let c = Math.max(1, last - 2); c <= last; c++) {
    sum += s.coherenceHistory[c - 1]!;
    k++;
  }
  const err = sum / k - s.lv.coherenceTarget;
  s.A = Math.min(1, Math.max(0, s.A + s.lv.steeringGainAutonomy * err));
  s.mu = Math.min(1, Math.max(0, s.mu - s.lv.steeringGainMonitoring * err));
}

/**
 * Split a queue into the items due by now, in an order shuffled on the order stream (so no province is
 * served first by its position in the scenario file), and the rest in their order: both into scratch
 * arrays the world keeps, so a cycle allocates none.
 */
function splitDue<T extends { due: number }>(w: World, queue: readonly T[], due: T[], rest: T[]): void {
  due.length = 0;
  rest.length = 0;
  for (const item of queue) (item.due <= w.s.t ? due : rest).push(item);
  for (let k = due.length - 1; k > 0; k--) {
    const r = w.ord.int(k + 1);
    const tmp = due[k]!;
    due[k] = due[r]!;
    due[r] = tmp;
  }
}

/** The queue after a round of decisions: the due items not decided (from `from` on, shuffled order), then the rest. */
function requeue<T>(queue: T[], due: readonly T[], from: number, rest: readonly T[]): void {
  queue.length = 0;
  for (let k = from; k < due.length; k++) queue.push(due[k]!);
  for (const item of rest) queue.push(item);
}

/**
 * Approval (Ministry of Foreign Affairs). Track 2 first tests queued proposals; then pilots and
 * agreements due by now are decided in a shuffled order, up to Q per queue per cycle (the rest wait).
 * Pilot: ρ̂ = (d/N)(0.5 + s̄_i + θ_τ)(1 − λ_T2·tested) + N(0, σ_c(1 − τ·tested)), and
 * P_app = (1 − σ_A)^{(1 + k_ρ·max(0, ρ̂)) / (1 + k_b·max(0, b̂ψ))}: 1 at σ_A = 0, 0 at σ_A = 1.
 * Agreement: P = (1 − σ_A)^(0.5 + s_j): 1 at σ_A = 0, none at σ_A = 1, lower for sensitive partners.
 * A rejected province may fence-break.
 */
export function approveCentrally(w: World): void {
  const s = w.s;
  const Q = s.lv.approvalCapacity;
  const sigmaA = s.lv.approvalStrictness;
  let done = 0;
  const { duePilots, restPilots, dueAgr, restAgr } = w.scratch;
  splitDue(w, s.pilotQueue, duePilots, restPilots);
  for (const p of duePilots) {
    // Up to Q decisions a cycle: the due proposals after the Q-th wait (see `requeue`).
    if (done >= Q) break;
    done++;
    const i = p.province;
    const type = s.ptype[i]!;
    const d = distance(p.x, s.lines[groupOf(s, i)]!);
    const tested = p.tested ? 1 : 0;
    const tau = s.lv.track2Intensity;
    const z = w.ctr.normal();
    const risk =
      (d / s.N) * (0.5 + s.provSens[i]! + s.threat[type]!) * (1 - s.lv.track2RiskReduction * tested) +
      s.lv.assessmentNoise * (1 - tau * tested) * z;
    const benefit = p.tested ? p.testGain : p.gain;
    const exponent =
      (1 + s.lv.riskAversion * Math.max(0, risk)) / (1 + s.lv.benefitWeight * Math.max(0, benefit * s.psi[i]!));
    const prob = sigmaA >= 1 ? 0 : pow(1 - sigmaA, exponent);
    const u = w.ctr.next();
    const ok = w.decisions.approvePilot({
      cycle: s.t,
      proposalId: p.id,
      province: s.names[i]!,
      provinceIndex: i,
      type: TYPES[type]!,
      distance: d,
      expectedBenefit: p.gain,
      assessedRisk: risk,
      tested: p.tested,
      testGain: p.tested ? p.testGain : null,
      trust: s.psi[i]!,
      capacity: s.H[i]!,
      probability: prob,
      u,
    });
    s.pending[i] = -1;
    const fb = w.prov.next();
    if (ok) {
      s.counts[C.pilotsApproved]!++;
      s.x[i] = p.x;
      s.status[i] = ST_PILOT;
      s.pilotStart[i] = s.t;
      s.pilotTested[i] = p.tested ? 1 : 0;
      noteImplementation(w, i);
      logEvent(s, 'pilot.approved', { province: s.ids[i]!, id: p.id });
    } else {
      logEvent(s, 'pilot.rejected', { province: s.ids[i]!, id: p.id });
      if (fb < fenceBreakProbability(s, i)) {
        s.counts[C.fenceBreaks]!++;
        s.x[i] = p.x;
        s.status[i] = ST_UNAUTHORIZED;
        noteImplementation(w, i);
        logEvent(s, 'fenceBreak', { province: s.ids[i]!, id: p.id });
      }
    }
  }
  requeue(s.pilotQueue, duePilots, done, restPilots);

  done = 0;
  splitDue(w, s.agrQueue, dueAgr, restAgr);
  const maxAgr = s.lv.maxAgreements;
  for (const r of dueAgr) {
    if (done >= Q) break;
    done++;
    const prob = sigmaA >= 1 ? 0 : pow(1 - sigmaA, 0.5 + s.sens[r.partner]!);
    const u = w.ctr.next();
    const i = r.province;
    const ok = w.decisions.approveAgreement({
      cycle: s.t,
      requestId: r.id,
      province: s.names[i]!,
      provinceIndex: i,
      type: TYPES[s.ptype[i]!]!,
      partner: s.partnerIds[r.partner]!,
      partnerIndex: r.partner,
      sensitivity: s.sens[r.partner]!,
      inWindow: r.windowUntil > 0,
      probability: prob,
      u,
    });
    s.pendingAgr[i] = -1;
    if (ok) {
      s.counts[C.agreementsApproved]!++;
      for (let a = 0; a < maxAgr; a++) {
        if (s.agrPartner[i * maxAgr + a]! < 0) {
          s.agrPartner[i * maxAgr + a] = r.partner;
          s.agrUntil[i * maxAgr + a] = s.t + s.lv.agreementDuration;
          break;
        }
      }
      logEvent(s, 'agreement.signed', { province: s.ids[i]!, partner: s.partnerIds[r.partner]! });
    }
    // A window is missed when an in-window request is not approved before the window closes.
    if (r.windowUntil > 0 && (!ok || s.t >= r.windowUntil)) {
      s.counts[C.missedWindows]!++;
      logEvent(s, 'window.missed', { province: s.ids[i]!, partner: s.partnerIds[r.partner]! });
    }
  }
  requeue(s.agrQueue, dueAgr, done, restAgr);
}

/** Fence-breaking propensity fb₀·b_i·(1 − μ̂_i): open provinces that feel unwatched act beyond authority (Malesky 2008). */
export function fenceBreakProbability(s: WorldState, i: number): number {
  return s.lv.fenceBreaking * s.openness[i]! * (1 - s.muHat[i]!);
}

/** Record a newly implemented configuration: a discovery if first-ever and clearly better than the line and the recent best. */
export function noteImplementation(w: World, i: number): void {
  const s = w.s;
  const x = s.x[i]!;
  const word = x >>> 5;
  const bit = 1 << (x & 31);
  if (s.seen[word]! & bit) return;
  s.seen[word] = s.seen[word]! | bit;
  const e = fitnessOf(w, i, x);
  const L = s.lineSeen[i]!;
  let ref = fitnessOf(w, i, L);
  const len = s.lv.pilotLength;
  for (let k = 0; k < len; k++) ref = Math.max(ref, s.recentE[i * len + k]!);
  if (e > ref + 0.01) {
    s.counts[C.discoveries]!++;
    s.discoveries.push({ cycle: s.t, group: groupOf(s, i), x, mask: (x ^ L) & ~s.lockMask, adopted: false });
  }
}

/**
 * Monitoring: reports due now enter the evidence; each province is inspected with probability μ
 * (three centre draws per province, always, so the stream does not depend on what is found). An
 * inspection measures the programme's transferable gain exactly (evaluated evidence) and what peers
 * can see it proved; an unauthorised province — beyond its zone, by fence-breaking or by not following
 * the line — is detected with p_det and then legitimised as a pilot (transferable gain above θ_s, with
 * probability ϑ) or sanctioned: its excess features are set back to the line's values (a random subset,
 * centre stream) until it is inside its zone, and its trust is cut, ψ ← max(0.3, ψ(1 − s_sanc)).
 */
export function monitorCentrally(w: World): void {
  const s = w.s;
  const due = s.reports.get(s.t);
  if (due) {
    for (const r of due) {
      addEvidence(w, r.group, r.x, r.gain, r.origin, r.weight, r.province, r.evaluated);
      w.pool.reports.push(r);
    }
    s.reports.delete(s.t);
    due.length = 0;
    w.pool.lists.push(due);
  }
  for (let i = 0; i < s.n; i++) {
    const u = w.ctr.next();
    const u2 = w.ctr.next();
    const u3 = w.ctr.next();
    const inspected = u < s.mu;
    s.muHat[i] = 0.8 * s.muHat[i]! + 0.2 * (inspected ? 1 : 0);
    if (!inspected) continue;
    s.counts[C.inspections]!++;
    const g = groupOf(s, i);
    const x = s.x[i]!;
    const gain = transferableGain(s, i, x);
    const st = s.status[i]!;
    // The centre judges against its line as it is now: with a guidance delay a province can sit
    // outside its zone by following guidance that has since changed.
    const violation = st !== ST_PILOT && distance(x, s.lines[g]!) > s.radius[i]!;
    if (!violation || u2 >= s.lv.detection) {
      addEvidence(w, g, x, gain, st === ST_PILOT ? O_PILOT : O_LOCAL, 1, i, true);
      if (x !== s.lines[g]) s.evidenced[i] = gain;
      continue;
    }
    if (gain > s.lv.scaleUpThreshold && u3 < s.lv.legitimization) {
      s.counts[C.legitimizations]!++;
      s.status[i] = ST_PILOT;
      s.pilotStart[i] = s.t;
      s.pilotTested[i] = 0;
      s.evidenced[i] = gain;
      addEvidence(w, g, x, gain, O_LEGIT, 1, i, true);
      logEvent(s, 'legitimized', { province: s.ids[i]! });
    } else {
      s.counts[C.sanctions]!++;
      s.x[i] = backInsideZone(w, i);
      s.status[i] = ST_AUTHORIZED;
      s.approved[i] = s.x[i]!;
      s.psi[i] = Math.max(0.3, s.psi[i]! * (1 - s.lv.sanctionSeverity));
      logEvent(s, 'sanction', { province: s.ids[i]! });
    }
  }
}

/** The programme with just enough of its differing features set back to the line to be inside the radius. */
function backInsideZone(w: World, i: number): number {
  const s = w.s;
  const L = s.lines[groupOf(s, i)]!;
  let x = s.x[i]!;
  const bits: number[] = [];
  for (let b = 0; b < s.N; b++) if (((x ^ L) >>> b) & 1) bits.push(b);
  const excess = bits.length - s.radius[i]!;
  for (let k = 0; k < excess; k++) {
    const r = k + w.ctr.int(bits.length - k);
    const tmp = bits[k]!;
    bits[k] = bits[r]!;
    bits[r] = tmp;
    x ^= 1 << bits[k]!;
  }
  return x >>> 0;
}

/**
 * Capacity building: budget B = max(0, R_c·n − c_T2·τ·n) shared by rule (needs ∝ 1 − H, equal,
 * merit ∝ ψ); H ← H + κ_H·cb·(1 − H) + κ_T2H·τ·(1 − H) − δ_H·H. Rotation with p_rot resets
 * aspiration, halves the trust gap to 1 and costs 10% of capacity.
 */
export function buildCapacity(w: World): void {
  const s = w.s;
  const n = s.n;
  const tau = s.lv.track2Intensity;
  const budget = Math.max(0, s.lv.capacityBudget * n - s.lv.track2Cost * tau * n);
  let total = 0;
  for (let i = 0; i < n; i++) total += share(s, i);
  for (let i = 0; i < n; i++) {
    const cb = total > 0 ? (budget * share(s, i)) / total : 0;
    const h = s.H[i]!;
    s.H[i] = Math.min(
      1,
      h + s.lv.capacityGain * cb * (1 - h) + s.lv.track2Training * tau * (1 - h) - s.lv.capacityDecay * h,
    );
    if (w.prov.next() < s.lv.rotation) {
      s.asp[i] = s.U[i]!;
      s.psi[i] = (s.psi[i]! + 1) / 2;
      s.H[i] = 0.9 * s.H[i]!;
    }
  }
}

function share(s: WorldState, i: number): number {
  return s.capacityRule === 'needs' ? 1 - s.H[i]! : s.capacityRule === 'merit' ? s.psi[i]! : 1;
}
