import { fenceBreakProbability, noteImplementation } from './central.ts';
import { MODEL_POLICY } from './decisions.ts';
import { fitnessOf } from './landscape.ts';
import { C } from './metrics.ts';
import { effectiveReceptivity, opportunity, windowOpen } from './partners.ts';
import { AGR } from './types.ts';
import { distance, groupOf, logEvent, O_LOCAL, O_PILOT, ST_AUTHORIZED, ST_PILOT, ST_UNAUTHORIZED, type World, type WorldState } from './world.ts';

/**
 * A province's policy cycle (S1): five stages, "linear yet interactive". Stages (i)–(iv) run
 * before the centre's approvals, stage (v) after; stage (v) can send the province back through
 * (iii)–(iv) when it falls well short of its aspiration (the recursive loop).
 */

/** A province's noisy estimate of a programme's effectiveness: noise σ_p(1 − H)(1 − η_ns/2). */
function estimate(w: World, i: number, x: number): number {
  const s = w.s;
  const sd = s.lv.perceptionNoise! * (1 - s.H[i]!) * (1 - 0.5 * s.lv.nonStateEngagement!);
  return fitnessOf(w, i, x) + sd * w.noise.normal();
}

/** The guidance a province reads: the line as of δ_down cycles ago. */
function guidance(s: WorldState, i: number): number {
  const h = s.lineHistory;
  const back = Math.min(s.lv.guidanceDelay!, h.length - 1);
  return h[h.length - 1 - back]![groupOf(s, i)]!;
}

/**
 * Stage (i), contextual assessment: read the (possibly delayed) guidance and follow changed
 * features the province had matched (with a_adopt); set the authority radius r = A·ψ·N′, made
 * continuous by taking one more feature with probability frac(A·ψ·N′); estimate the
 * effectiveness of the current programme and of the line.
 */
export function assessContext(w: World, i: number): void {
  const s = w.s;
  const seen = guidance(s, i);
  const old = s.lineSeen[i]!;
  if (seen !== old) {
    if (s.status[i] !== ST_PILOT) {
      const changed = (seen ^ old) >>> 0;
      let x = s.x[i]!;
      for (let b = 0; b < s.N; b++) {
        if (!(changed & (1 << b))) continue;
        const matched = ((x ^ old) & (1 << b)) === 0;
        if (matched && w.prov.next() < s.lv.adoptionRate!) x ^= 1 << b;
      }
      s.x[i] = x >>> 0;
    }
    s.lineSeen[i] = seen;
  }
  const raw = s.A * s.psi[i]! * s.nPrime;
  const whole = Math.floor(raw);
  s.radius[i] = Math.min(s.nPrime, whole + (w.prov.next() < raw - whole ? 1 : 0));
  if (s.status[i] === ST_AUTHORIZED && distance(s.x[i]!, seen) <= s.radius[i]!) s.approved[i] = s.x[i]!;
  s.estX[i] = estimate(w, i, s.x[i]!);
  s.estL[i] = estimate(w, i, seen);
}

/** softplus(z) = ln(1 + eᶻ), written to stay finite for large z. */
function softplus(z: number): number {
  return z > 30 ? z : Math.log1p(Math.exp(z));
}

/**
 * Stage (ii), interest and threat definition: needs n = normalise(softplus(k(asp·G* − Y)/asp))
 * with the type's threat added to security. Scaling the shortfall by the aspiration (MODEL §8)
 * keeps the needs responsive: unscaled shortfalls are tiny and softplus of ~0 is a constant.
 */
export function defineInterests(w: World, i: number): void {
  const s = w.s;
  const asp = s.asp[i]!;
  const k = s.lv.needSharpness!;
  let sum = 0;
  for (let o = 0; o < 3; o++) {
    let v = softplus((k * (asp * s.G[o]! - s.Y[i * 3 + o]!)) / asp);
    if (o === 0) v += s.threat[s.ptype[i]!]!;
    s.need[i * 3 + o] = v;
    sum += v;
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
  let kappa = s.lv.goalAdaptationMax! * s.A * (1 - s.lv.mobilization!);
  if (planCycle) kappa /= 2;
  for (let o = 0; o < 3; o++) s.g[i * 3 + o] = (1 - kappa) * s.G[o]! + kappa * s.need[i * 3 + o]!;
  for (const d of s.directives) {
    if (d.until <= s.t || !d.target.includes(i)) continue;
    for (let o = 0; o < 3; o++) s.g[i * 3 + o] = (1 - d.strength) * s.g[i * 3 + o]! + (o === d.emphasis ? d.strength : 0);
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
 * search (m_loc single-feature trials), exploration (a jump from the line, or imitation of the
 * best peer of the same type), pilot proposals for designs beyond the authority radius, and an
 * agreement request when the agreements budget allows.
 */
export function allocateResources(w: World, i: number): void {
  const s = w.s;
  allocateMeans(w, i);
  if (s.status[i] !== ST_PILOT) {
    localSearch(w, i);
    explore(w, i);
  }
  requestAgreement(w, i);
}

function allocateMeans(w: World, i: number): void {
  const s = w.s;
  const beta = s.lv.allocationTemperature!;
  const ret = [0, 0, 0];
  let max = -Infinity;
  for (let k = 0; k < 3; k++) {
    const O = opportunity(s, i, k);
    let r = 0;
    for (let o = 0; o < 3; o++) r += s.g[i * 3 + o]! * s.mult[i * 9 + k * 3 + o]! * O;
    ret[k] = beta * r;
    if (ret[k]! > max) max = ret[k]!;
  }
  let z = 0;
  // The largest term is e⁰ = 1 exactly; Math.exp is only needed for the others.
  for (let k = 0; k < 3; k++) { const d = ret[k]! - max; ret[k] = d === 0 ? 1 : Math.exp(d); z += ret[k]!; }
  const lam = s.lv.allocationRate!;
  const proposed: [number, number, number] = [0, 0, 0];
  for (let k = 0; k < 3; k++) proposed[k] = (1 - lam) * s.w[i * 3 + k]! + (lam * ret[k]!) / z;
  // The model's own policy returns `proposed` unchanged: skip building its input then.
  const allocate = w.decisions.allocate;
  const chosen = allocate === MODEL_POLICY.allocate ? proposed : allocate({ cycle: s.t, province: s.names[i]!, provinceIndex: i, proposed });
  let sum = 0;
  for (let k = 0; k < 3; k++) {
    const v = chosen[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`allocation for ${s.names[i]} must be three finite shares ≥ 0, got [${chosen.join(', ')}]`);
    sum += v;
  }
  if (!(sum > 0)) throw new Error(`allocation for ${s.names[i]} must have a positive sum, got [${chosen.join(', ')}]`);
  for (let k = 0; k < 3; k++) s.w[i * 3 + k] = chosen[k]! / sum;
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
  for (let m = 0; m < s.lv.localMoves!; m++) {
    const y = (x ^ (1 << randomUnlockedBit(w))) >>> 0;
    const gain = estimate(w, i, y) - s.estX[i]!;
    if (gain > bestGain) { bestGain = gain; best = y; }
  }
  if (bestGain <= s.lv.switchCost!) return;
  const d = distance(best, s.lineSeen[i]!);
  if (d <= s.radius[i]!) { adopt(w, i, best, true); s.estX[i] = s.estX[i]! + bestGain; return; }
  // An improvement beyond the radius goes to the centre as a pilot proposal; only a province that
  // already waits on one may take the step anyway (the soft zone: fence-breaking).
  const u = w.prov.next();
  if (bestGain > s.lv.pilotThreshold! && s.pending[i]! < 0) { submitPilot(w, i, best, bestGain, d); return; }
  if (u < fenceBreakProbability(s, i)) {
    s.counts[C.fenceBreaks!]!++;
    adopt(w, i, best, false);
    s.estX[i] = s.estX[i]! + bestGain;
    logEvent(s, 'fenceBreak', { province: s.ids[i]!, id: 0 });
  }
}

/**
 * Exploration with probability p_exp (plus a Track 2 warning boost): imitate the best peer of
 * the same type (p_imit) or jump from the line by 2…⌊N/3⌋ features. Starting the jump from the
 * line, not from the programme, makes most jumps leave the radius, so exploration feeds the
 * pilot pipeline rather than drifting unseen (MODEL §8).
 */
function explore(w: World, i: number): void {
  const s = w.s;
  let p = s.pExp[i]!;
  if (s.boostUntil[i]! > s.t) p = Math.min(s.lv.explorationMax!, p + 0.2 * s.lv.track2Intensity!);
  const u = w.prov.next();
  const v = w.prov.next();
  if (u >= p) return;
  const L = s.lineSeen[i]!;
  const x = s.x[i]!;
  let y: number;
  if (v < s.lv.peerImitation!) {
    let peer = -1;
    for (let j = 0; j < s.n; j++) if (j !== i && s.ptype[j] === s.ptype[i] && (peer < 0 || s.U[j]! > s.U[peer]!)) peer = j;
    if (peer < 0) return;
    y = x;
    const diff = (x ^ s.x[peer]!) & ~s.lockMask;
    for (let b = s.nLocked; b < s.N; b++) if (diff & (1 << b) && w.prov.next() < 0.5) y ^= 1 << b;
  } else {
    const maxK = Math.max(2, Math.floor(s.N / 3));
    const k = 2 + w.prov.int(maxK - 1);
    y = x;
    for (let f = 0; f < k; f++) y ^= 1 << randomUnlockedBit(w);
  }
  y >>>= 0;
  if (y === x) return;
  const gain = estimate(w, i, y) - s.estX[i]!;
  const d = distance(y, L);
  if (d <= s.radius[i]!) {
    if (gain > s.lv.switchCost!) { adopt(w, i, y, true); s.estX[i] = s.estX[i]! + gain; }
    return;
  }
  if (gain <= s.lv.pilotThreshold! || s.pending[i]! >= 0) return;
  submitPilot(w, i, y, gain, d);
}

/** A pilot proposal to the Ministry (if the province's `proposePilot` decision agrees), due after the approval lag. */
function submitPilot(w: World, i: number, y: number, gain: number, d: number): void {
  const s = w.s;
  if (!w.decisions.proposePilot({ cycle: s.t, province: s.names[i]!, provinceIndex: i, distance: d, expectedBenefit: gain })) return;
  const id = s.nextId++;
  s.pilotQueue.push({ id, province: i, x: y, gain, cycle: s.t, due: s.t + approvalLag(s), tested: false, testGain: 0 });
  s.pending[i] = id;
  s.counts[C.pilotsProposed!]!++;
  logEvent(s, 'pilot.proposed', { province: s.ids[i]!, id });
}

/** Approval lag round(σ_A·ℓ_max) cycles. */
export function approvalLag(s: WorldState): number {
  return Math.round(s.lv.approvalStrictness! * s.lv.approvalLagMax!);
}

function requestAgreement(w: World, i: number): void {
  const s = w.s;
  const maxAgr = s.lv.maxAgreements!;
  if (s.pendingAgr[i]! >= 0) return;
  if (s.w[i * 3 + AGR]! * s.finance[i]! * s.lv.resources! <= s.lv.agreementThreshold!) return;
  let free = -1;
  let active = 0;
  for (let a = 0; a < maxAgr; a++) {
    const j = s.agrPartner[i * maxAgr + a]!;
    if (j < 0) { if (free < 0) free = a; } else active |= 1 << j;
  }
  if (free < 0) return;
  const type = s.ptype[i]!;
  let best = -1;
  let bestScore = -Infinity;
  for (let j = 0; j < s.J; j++) {
    if (active & (1 << j)) continue;
    const score = s.affinity[j * 4 + type]! * effectiveReceptivity(s, j);
    if (score > bestScore) { bestScore = score; best = j; }
  }
  if (best < 0) return;
  const id = s.nextId++;
  const open = windowOpen(s, best);
  const lag = s.fastTrack[best]! > s.t ? 0 : approvalLag(s);
  s.agrQueue.push({ id, province: i, partner: best, cycle: s.t, due: s.t + lag, windowUntil: open ? s.windowUntil[best]! : 0 });
  s.pendingAgr[i] = id;
  s.counts[C.agreementsRequested!]!++;
  if (open) s.counts[C.windowRequests!]!++;
}

/**
 * Stage (v), implementation and feedback. Way outputs y_k = q·H^α_H·(w_k·F·R)^β·O_k·(1 + η_ns/2)
 * with q = e^γ; end outputs Y_o = Σ_k y_k·M_ko·exp(σ_y z − σ_y²/2) (lognormal noise: mean 1 and
 * never negative, where MODEL's 1 + σ_y z could be). Incidents come from unauthorised excess over
 * the radius and from agreements with sensitive partners under threat; each costs a share λ_inc
 * of security. Then: report to the Ministry (arrives after δ), learn locally, evaluate a pilot.
 */
export function implementAndFeedback(w: World, i: number): void {
  const s = w.s;
  const maxAgr = s.lv.maxAgreements!;
  for (let a = 0; a < maxAgr; a++) {
    if (s.agrPartner[i * maxAgr + a]! >= 0 && s.agrUntil[i * maxAgr + a]! <= s.t) s.agrPartner[i * maxAgr + a] = -1;
  }
  const x = s.x[i]!;
  const e = fitnessOf(w, i, x);
  outputs(w, i, e, true);

  // Incidents.
  const L = s.lineSeen[i]!;
  const type = s.ptype[i]!;
  const excess = Math.max(0, distance(x, L) - s.radius[i]!);
  const st = s.status[i]!;
  const share = st === ST_UNAUTHORIZED ? 1 : st === ST_PILOT ? 0.5 : 0;
  let partnerRisk = 0;
  for (let a = 0; a < maxAgr; a++) {
    const j = s.agrPartner[i * maxAgr + a]!;
    if (j >= 0) partnerRisk += s.sens[j]!;
  }
  const theta = s.threat[type]!;
  const pInc = s.lv.incidentBase! * share * (excess / s.N) * (0.5 + theta) * (1.5 - s.H[i]!) + s.lv.incidentPartner! * partnerRisk * theta;
  s.incidents[i] = 0;
  if (w.prov.next() < pInc) {
    s.incidents[i] = 1;
    s.Y[i * 3] = s.Y[i * 3]! * (1 - s.lv.incidentLoss!);
    s.counts[C.incidents!]!++;
    logEvent(s, 'incident', { province: s.ids[i]! });
  }
  let U = 0;
  for (let o = 0; o < 3; o++) U += s.g[i * 3 + o]! * s.Y[i * 3 + o]!;
  s.U[i] = U;

  // Report: the estimated gain over the line, to the Ministry after δ cycles (unauthorised programmes only with q_rep).
  const reportU = w.prov.next();
  const gain = estimate(w, i, x) - s.estL[i]! + s.lv.reportNoise! * w.noise.normal();
  if (x !== L && (st !== ST_UNAUTHORIZED || reportU < s.lv.reportUnauthorized!)) {
    const arrival = s.t + s.lv.feedbackDelay!;
    let list = s.reports.get(arrival);
    if (!list) { list = []; s.reports.set(arrival, list); }
    list.push({ group: groupOf(s, i), x, gain, origin: st === ST_PILOT ? O_PILOT : O_LOCAL, province: i, weight: 1 });
  }

  // Local learning: aspiration follows utility; exploration rises with the shortfall.
  const asp = s.asp[i]!;
  s.pExp[i] = Math.min(s.lv.explorationMax!, Math.max(s.lv.explorationMin!, s.lv.explorationBase! + (s.lv.explorationSensitivity! * (asp - U)) / asp));
  s.asp[i] = (1 - s.lv.aspirationRate!) * asp + s.lv.aspirationRate! * U;
  const len = s.lv.pilotLength!;
  s.recentE[i * len + (s.t % len)] = e;

  // Pilot evaluation after P_len cycles: success if the pilot is estimated better than the last approved programme.
  if (st === ST_PILOT && s.t - s.pilotStart[i]! >= len) {
    const better = estimate(w, i, x) > estimate(w, i, s.approved[i]!);
    if (better) {
      s.psi[i] = Math.min(1.5, s.psi[i]! + s.lv.trustGain!);
      s.H[i] = Math.min(1, s.H[i]! + s.lv.pilotLearning!);
      s.approved[i] = x;
      s.counts[C.pilotsSucceeded!]!++;
      logEvent(s, 'pilot.succeeded', { province: s.ids[i]! });
    } else {
      s.x[i] = s.approved[i]!;
      logEvent(s, 'pilot.failed', { province: s.ids[i]! });
    }
    s.status[i] = ST_AUTHORIZED;
  }

  // Recursion: a cycle far below aspiration sends the province back through goals and planning (local moves only).
  for (let r = 0; r < s.lv.recursionDepth! && U < (1 - s.lv.recursionShortfall!) * asp && s.status[i] !== ST_PILOT; r++) {
    formulateGoals(w, i, false);
    localSearch(w, i);
  }
}

/** Compute a province's end outputs Y (S, D, P) for programme effectiveness e. */
export function outputs(w: World, i: number, e: number, noisy: boolean): void {
  const s = w.s;
  const gamma = s.lv.qualityExponent!;
  // q = e^γ changes only when e does (a new programme or a redrawn entry of it): keep the last one.
  const pm = w.pow;
  if (e !== pm.e[i] || gamma !== pm.gamma[i]) {
    pm.e[i] = e;
    pm.gamma[i] = gamma;
    pm.q[i] = Math.pow(e, gamma);
  }
  const q = pm.q[i]!;
  const base = q * Math.pow(s.H[i]!, s.lv.capacityElasticity!) * (1 + s.lv.nonStateEngagement! / 2);
  const beta = s.lv.resourceElasticity!;
  const means = s.finance[i]! * s.lv.resources!;
  let yS = 0, yD = 0, yP = 0;
  for (let k = 0; k < 3; k++) {
    const y = base * Math.pow(s.w[i * 3 + k]! * means, beta) * opportunity(s, i, k);
    yS += y * s.mult[i * 9 + k * 3]!;
    yD += y * s.mult[i * 9 + k * 3 + 1]!;
    yP += y * s.mult[i * 9 + k * 3 + 2]!;
  }
  const sy = s.lv.outputNoise!;
  if (noisy) {
    const c = -0.5 * sy * sy;
    yS *= Math.exp(sy * w.noise.normal() + c);
    yD *= Math.exp(sy * w.noise.normal() + c);
    yP *= Math.exp(sy * w.noise.normal() + c);
  }
  s.Y[i * 3] = yS;
  s.Y[i * 3 + 1] = yD;
  s.Y[i * 3 + 2] = yP;
}
