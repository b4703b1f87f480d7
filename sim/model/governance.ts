import { deepClone } from '../engine/clone.ts';
import type { InitOptions, Model, Params, Scenario, WorldSnapshot } from '../engine/model.ts';
import { restoreStreams, snapshotStreams, type Streams } from '../engine/rng.ts';
import { defaultFinal } from '../engine/run.ts';
import { MODEL_POLICY, type GovernanceDecisions } from './decisions.ts';
import { runCycle } from './cycle.ts';
import { createTables, fitnessOf, lineFitness, rebuildCombined } from './landscape.ts';
import { provinceSensitivity, updateOpportunity } from './partners.ts';
import { FIRST_COUNT, GOVERNANCE_METRICS } from './metrics.ts';
import { GOVERNANCE_PARAMS, LEVER_NAMES, type Levers } from './params.ts';
import { endIndex, REFERENCE_OUTPUT } from './observe.ts';
import { outputs } from './province.ts';
import { validateGovernanceData } from './scenarioData.ts';
import {
  AGR,
  BORDER,
  borderCountries,
  CITY,
  COASTAL,
  CUL,
  INTERIOR,
  MIS,
  primaryType,
  TYPES,
  typeMask,
  type PartnerData,
  type ProvinceData,
} from './types.ts';
import { distance, groupOf, STREAM_NAMES, worldFromStreams, type World, type WorldState } from './world.ts';

export const GOVERNANCE_VERSION = '2.0.1';

/** Base way × end matrix M (rows AGR, MIS, CUL; columns S, D, P). */
const BASE_M = [0.4, 0.4, 0.2, 0.05, 0.8, 0.15, 0.25, 0.15, 0.6];

/** outputMatrix by type mask: a fixed function of the mask, built once per mask (read-only). */
const OUTPUT_MATRICES = new Map<number, Float64Array>();

/** Type multipliers of M, combined multiplicatively over a unit's flags and capped at 2 (cached by mask). */
function outputMatrixOf(tmask: number): Float64Array {
  let m = OUTPUT_MATRICES.get(tmask);
  if (!m) {
    m = outputMatrix(tmask);
    OUTPUT_MATRICES.set(tmask, m);
  }
  return m;
}

function outputMatrix(tmask: number): Float64Array {
  const m = Float64Array.from(BASE_M);
  const mul = (way: number, end: number, f: number) => {
    m[way * 3 + end] = m[way * 3 + end]! * f;
  };
  if (tmask & (1 << BORDER)) {
    mul(AGR, 0, 1.5);
    mul(AGR, 1, 1.2);
  }
  if (tmask & (1 << COASTAL)) {
    mul(MIS, 1, 1.3);
    mul(AGR, 0, 1.1);
  }
  if (tmask & (1 << CITY)) {
    mul(MIS, 1, 1.2);
    mul(CUL, 2, 1.3);
  }
  for (let k = 0; k < 9; k++) m[k] = Math.min(m[k]!, BASE_M[k]! * 2);
  return m;
}

/** The run's levers: every numeric parameter of the registry, by name (validated at the edge). */
function leversOf(params: Params): Levers {
  const lv: Record<string, number> = {};
  for (const name of LEVER_NAMES) lv[name] = params[name] as number;
  // A spread copy has fast (in-object) properties; the loop-built object is in dictionary mode,
  // which made every parameter read in the cycle a hash lookup. Its keys are LEVER_NAMES, so the
  // record is a complete `Levers`.
  return { ...lv } as Levers;
}

/**
 * Affinity of a province to a partner (2.0.0): the strongest of its types' affinities, where the
 * border type counts toward a land neighbour only when the province borders one of the neighbour's
 * countries, and never toward a partner reached by sea; a type that does not count is read as
 * interior (the province deals with the partner like any other). In 1.3.0 a unit on the Cambodian
 * border had affinity 1 with the northern neighbour.
 */
export function provinceAffinity(p: ProvinceData, partner: PartnerData): number {
  return affinityOf(typeMask(p.flags), borderCountries(p.flags), partner);
}

/** `provinceAffinity` with the province's type mask and border countries read off its flags once. */
function affinityOf(mask: number, borders: readonly string[], partner: PartnerData): number {
  let best = 0;
  for (let t = 0; t < 4; t++) {
    if (!(mask & (1 << t))) continue;
    let type = t;
    if (
      t === BORDER &&
      (partner.sea === true || (partner.countries !== undefined && !partner.countries.some((c) => borders.includes(c))))
    )
      type = INTERIOR;
    best = Math.max(best, partner.affinity[TYPES[type]!]);
  }
  return best;
}

/** α_ij for every province i and partner j, row by province: each province's flags are parsed once, not once per partner. */
function affinityMatrix(provinces: readonly ProvinceData[], partners: readonly PartnerData[]): Float64Array {
  const J = partners.length;
  const out = new Float64Array(provinces.length * J);
  provinces.forEach((pr, i) => {
    const mask = typeMask(pr.flags);
    const borders = borderCountries(pr.flags);
    for (let j = 0; j < J; j++) out[i * J + j] = affinityOf(mask, borders, partners[j]!);
  });
  return out;
}

/** Build the world of one run (MODEL §4.5, initialisation). */
export function createWorld(scenario: Scenario, streams: Streams, options: InitOptions<GovernanceDecisions>): World {
  const params = scenario.params;
  const provinces = scenario.data.provinces as ProvinceData[];
  const partners = scenario.data.partners as PartnerData[];
  const lv = leversOf(params);
  const N = lv.dimensions;
  const K = lv.interactions;
  const nLocked = lv.lockedBits;
  const n = provinces.length;
  const J = partners.length;
  const maxAgr = lv.maxAgreements;
  const len = lv.pilotLength;
  const env = streams.environment!;

  const popMean = provinces.reduce((a, p) => a + p.pop, 0) / n;
  const popSum = popMean * n;
  const s: WorldState = {
    t: 0,
    cycles: options.cycles,
    lv,
    lineScope: params.lineScope as WorldState['lineScope'],
    steering: params.steering as WorldState['steering'],
    capacityRule: params.capacityRule as WorldState['capacityRule'],
    scheduled: scenario.events.map((e) => ({ ...e })),
    N,
    K,
    S: 1 << (K + 1),
    lockMask: (1 << nLocked) - 1,
    nLocked,
    nPrime: N - nLocked,
    tables: createTables(N, K, n, env),
    threat: new Float64Array(4),
    eff: new Float64Array(n * N * (1 << (K + 1))),
    lineTab: new Float64Array(4 * N * (1 << (K + 1))),
    opp: new Float64Array(n * 3),
    churn: new Float64Array(4),
    warnedUntil: new Int32Array(4),
    J,
    rMean: Float64Array.from(partners, (p) => p.receptivity),
    r: Float64Array.from(partners, (p) => p.receptivity),
    rEff: new Float64Array(J),
    sens: Float64Array.from(partners, (p) => p.sensitivity),
    aff: affinityMatrix(provinces, partners),
    provSens: new Float64Array(n),
    channels: Float64Array.from(
      partners.flatMap((p) => [p.channels.agreements, p.channels.missions, p.channels.culture]),
    ),
    windowUntil: new Int32Array(J),
    fastTrack: new Int32Array(J),
    n,
    ptype: Int8Array.from(provinces, (p) => primaryType(p.flags, p.primaryType)),
    tmask: Uint8Array.from(provinces, (p) => typeMask(p.flags)),
    weight: Float64Array.from(provinces, (p) => (params.weighting === 'population' ? p.pop / popSum : 1 / n)),
    openness: Float64Array.from(provinces, (p) => p.openness ?? 0.5),
    finance: Float64Array.from(provinces, (p) => Math.sqrt(p.pop / popMean)),
    mult: new Float64Array(n * 9),
    x: new Uint32Array(n),
    approved: new Uint32Array(n),
    status: new Uint8Array(n),
    pilotStart: new Int32Array(n),
    pending: new Int32Array(n).fill(-1),
    pendingAgr: new Int32Array(n).fill(-1),
    H: Float64Array.from(provinces, (p) => p.capacity ?? (p.flags.includes('M') ? 0.7 : 0.5)),
    psi: new Float64Array(n).fill(1),
    asp: new Float64Array(n),
    pExp: new Float64Array(n).fill(lv.explorationBase),
    boostUntil: new Int32Array(n),
    muHat: new Float64Array(n).fill(lv.monitoring),
    U: new Float64Array(n),
    radius: new Float64Array(n),
    Y: new Float64Array(n * 3),
    g: new Float64Array(n * 3),
    w: new Float64Array(n * 3).fill(1 / 3),
    recentE: new Float64Array(n * len),
    agrPartner: new Int16Array(n * maxAgr).fill(-1),
    agrUntil: new Int32Array(n * maxAgr),
    lineSeen: new Uint32Array(n),
    incidents: new Uint8Array(n),
    spent: new Float64Array(n),
    evidenced: new Float64Array(n),
    pilotTested: new Uint8Array(n),
    order: Int32Array.from({ length: n }, (_, i) => i),
    estX: new Float64Array(n),
    estL: new Float64Array(n),
    need: new Float64Array(n * 3),
    Gbase: Float64Array.from([0.3, 0.5, 0.2]),
    G: Float64Array.from([0.3, 0.5, 0.2]),
    lines: new Uint32Array(4),
    lineHistory: [],
    kb: [new Map(), new Map(), new Map(), new Map()],
    reports: new Map(),
    pilotQueue: [],
    agrQueue: [],
    nextId: 1,
    directives: [],
    planMeans: new Float64Array(3),
    planPrev: new Float64Array(3),
    planCount: 0,
    coherenceHistory: [],
    A: lv.autonomy,
    mu: lv.monitoring,
    counts: new Float64Array(GOVERNANCE_METRICS.length - FIRST_COUNT),
    seen: new Uint32Array(Math.max(1, 2 ** N / 32)),
    discoveries: [],
    adoptionLast: 0,
    nat: new Float64Array(4),
    obs: Array.from({ length: GOVERNANCE_METRICS.length }, () => 0),
    events: [],
    logEvents: options.events ?? false,
    ids: provinces.map((p) => p.id),
    names: provinces.map((p) => p.name),
    partnerIds: partners.map((p) => p.id),
  };
  for (let i = 0; i < n; i++) s.provSens[i] = provinceSensitivity(s, i);
  const w = worldFromStreams(s, streams, { ...MODEL_POLICY, ...(options.decisions ?? {}) });
  rebuildCombined(w);
  updateOpportunity(s);

  // The initial line: the best of 64 random designs by their mean line fitness over the types (centre stream).
  let L0 = 0;
  let best = -Infinity;
  for (let k = 0; k < 64; k++) {
    const x = Math.floor(w.ctr.next() * 2 ** N) >>> 0;
    let f = 0;
    for (let t = 0; t < 4; t++) f += lineFitness(s, t, x);
    if (f > best) {
      best = f;
      L0 = x;
    }
  }
  s.lines.fill(L0);
  s.lineHistory.push(Uint32Array.from(s.lines));
  for (let i = 0; i < n; i++) {
    s.mult.set(outputMatrixOf(s.tmask[i]!), i * 9);
    // x_i = L₀ with each changeable feature flipped with probability .05, kept inside the initial radius.
    const r0 = Math.floor(s.A * s.nPrime);
    let x = L0;
    for (let b = nLocked; b < N; b++) if (w.prov.next() < 0.05 && distance(x ^ (1 << b), L0) <= r0) x ^= 1 << b;
    s.x[i] = x >>> 0;
    s.approved[i] = s.x[i]!;
    s.lineSeen[i] = L0;
    s.seen[s.x[i]! >>> 5] = s.seen[s.x[i]! >>> 5]! | (1 << (s.x[i]! & 31));
    for (let o = 0; o < 3; o++) s.g[i * 3 + o] = s.G[o]!;
    const e = fitnessOf(w, i, s.x[i]!);
    s.recentE.fill(e, i * len, (i + 1) * len);
    // Aspiration starts at the utility of the initial programme (noise-free outputs).
    outputs(w, i, e, false);
    s.asp[i] = s.G[0]! * s.Y[i * 3]! + s.G[1]! * s.Y[i * 3 + 1]! + s.G[2]! * s.Y[i * 3 + 2]!;
    s.U[i] = s.asp[i]!;
  }
  return w;
}

/**
 * Oscillation amplitude: the standard deviation (n − 1) of a series over the evaluation window
 * (the last half of the cycles) around its least-squares line, so a steady drift is not counted
 * as oscillation. 0 for fewer than three cycles.
 */
export function detrendedSd(series: readonly number[]): number {
  const from = Math.floor(series.length / 2);
  const y = series.slice(from);
  const n = y.length;
  if (n < 3) return 0;
  const xm = (n - 1) / 2;
  let ym = 0;
  for (const v of y) ym += v;
  ym /= n;
  let sxy = 0,
    sxx = 0;
  for (let k = 0; k < n; k++) {
    sxy += (k - xm) * (y[k]! - ym);
    sxx += (k - xm) ** 2;
  }
  const b = sxy / sxx;
  let ss = 0;
  for (let k = 0; k < n; k++) ss += (y[k]! - ym - b * (k - xm)) ** 2;
  return Math.sqrt(ss / (n - 1));
}

export function governanceDetail(w: World): Record<string, unknown> {
  const s = w.s;
  return {
    provinces: s.ids.map((id, i) => ({
      id,
      name: s.names[i]!,
      type: TYPES[s.ptype[i]!]!,
      distance: distance(s.x[i]!, s.lines[groupOf(s, i)]!),
      utility: s.U[i]!,
      // The province's ends on the national indices' 0–100 scale (50 = the reference province).
      security: endIndex(s.Y[i * 3]!, REFERENCE_OUTPUT[0]),
      development: endIndex(s.Y[i * 3 + 1]!, REFERENCE_OUTPUT[1]),
      prestige: endIndex(s.Y[i * 3 + 2]!, REFERENCE_OUTPUT[2]),
      capacity: s.H[i]!,
      trust: s.psi[i]!,
      radius: s.radius[i]!,
      status: ['authorized', 'pilot', 'unauthorized'][s.status[i]!]!,
      agreements: ((): number => {
        let k = 0;
        const m = s.lv.maxAgreements;
        for (let a = 0; a < m; a++) if (s.agrPartner[i * m + a]! >= 0) k++;
        return k;
      })(),
    })),
  };
}

export const governanceModel: Model<World, GovernanceDecisions> = {
  id: 'governance',
  version: GOVERNANCE_VERSION,
  title: { en: 'Controlled-autonomy governance', vi: 'Quản trị tự chủ có kiểm soát' },
  params: GOVERNANCE_PARAMS,
  metrics: GOVERNANCE_METRICS,
  streams: STREAM_NAMES,
  dataKeys: ['provinces', 'partners'],
  eventKinds: ['shock', 'window', 'setParam', 'goalShift', 'directive'],
  finalRule:
    'levels: mean over the evaluation window (the last half of the cycles, cycles ⌊T/2⌋+1 … T); counts: total over the run; missedWindowShare = missedWindows / windowRequests (0 when there were none); autonomyOscillation and coherenceOscillation = sd (n − 1) of the series around its least-squares line over the evaluation window',
  defaultCycles: 50,
  validate: (data, events, params, issues) => validateGovernanceData(data, events, params, GOVERNANCE_PARAMS, issues),
  init: createWorld,
  step: (w) => {
    runCycle(w, w.s.scheduled);
  },
  observe: (w) => w.s.obs,
  final: (series) => {
    const f = defaultFinal(governanceModel as unknown as Model<unknown, unknown>, series);
    f.missedWindowShare = f.windowRequests! > 0 ? f.missedWindows! / f.windowRequests! : 0;
    f.autonomyOscillation = detrendedSd(series.autonomyEffective!);
    f.coherenceOscillation = detrendedSd(series.coherence!);
    return f;
  },
  events: (w) => w.s.events.slice(),
  detail: governanceDetail,
  cycle: (w) => w.s.t,
  snapshot: (w): WorldSnapshot => ({
    model: 'governance',
    version: GOVERNANCE_VERSION,
    streams: snapshotStreams({
      environment: w.env,
      track2: w.t2,
      provinces: w.prov,
      centre: w.ctr,
      noise: w.noise,
      order: w.ord,
    }),
    state: deepClone(w.s),
  }),
  restore: (snap, options) => {
    if (snap.model !== 'governance' || snap.version !== GOVERNANCE_VERSION)
      throw new Error(
        `snapshot of ${snap.model} ${snap.version} cannot be restored into governance ${GOVERNANCE_VERSION}`,
      );
    return worldFromStreams(deepClone(snap.state as WorldState), restoreStreams(snap.streams), {
      ...MODEL_POLICY,
      ...(options?.decisions ?? {}),
    });
  },
};
