import type { ModelEvent } from '../engine/model.ts';
import type { Stream, Streams } from '../engine/rng.ts';
import type { GovernanceDecisions } from './decisions.ts';
import type { Levers } from './params.ts';

/** Origins of evidence, and so of scale-ups (tagged by the winning evidence). */
export const ORIGINS = ['pilot', 'local', 'track2', 'legitimized'] as const;
export const O_PILOT = 0;
export const O_LOCAL = 1;
export const O_TRACK2 = 2;
export const O_LEGIT = 3;

/** A province's standing with the centre. */
export const ST_AUTHORIZED = 0;
export const ST_PILOT = 1;
export const ST_UNAUTHORIZED = 2;

/**
 * One configuration in the centre's knowledge base. Routine reports only inform (they count who runs
 * it); evaluated evidence — a pilot's evaluation, a Track 2 test, an inspection, a legitimisation —
 * carries the transferable gain over the line (national and type components), and only it ranks.
 */
export interface KbEntry {
  x: number;
  /** Σ weights of evaluated evidence (decayed by (1 − λ_age) each cycle). */
  w: number;
  /** Σ weight · evaluated transferable gain (decayed alike). */
  wg: number;
  /** Evaluated weight by origin, to tag a scale-up by its winning evidence. */
  byOrigin: number[];
  /** Decayed weight of routine reports (informs; never ranks). */
  reported: number;
  /** First province seen running or proposing it (−1: a Track 2 idea). */
  province: number;
  /** Seen in at least two provinces (replicated). */
  replicated: boolean;
  first: number;
}

export interface Report {
  group: number;
  x: number;
  gain: number;
  origin: number;
  province: number;
  weight: number;
  /** Evaluated evidence (a pilot's evaluation, a Track 2 test): its gain is the transferable one. */
  evaluated: boolean;
}

export interface PilotProposal {
  id: number;
  province: number;
  x: number;
  /** The province's estimated gain of the pilot over its current programme. */
  gain: number;
  cycle: number;
  due: number;
  tested: boolean;
  /** Track 2's estimate of the gain over the line, when tested. */
  testGain: number;
}

export interface AgreementRequest {
  id: number;
  province: number;
  partner: number;
  cycle: number;
  due: number;
  /** The partner's window was open when the request was made; its close (exclusive). */
  windowUntil: number;
}

export interface Directive {
  target: number[];
  emphasis: number;
  strength: number;
  until: number;
}

export interface Discovery {
  cycle: number;
  group: number;
  x: number;
  /** Features where the discovery differed from its line. */
  mask: number;
  adopted: boolean;
}

/** Numeric parameters read each cycle (levers may change through events and steering): one field per registry name. */
export type { Levers } from './params.ts';

/**
 * The whole world of one run. Provinces are held as struct-of-arrays (typed arrays), the
 * centre's knowledge as small maps; everything except the streams and decision functions
 * is plain data, so a snapshot is a deep copy.
 */
export interface WorldState {
  t: number;
  cycles: number;
  lv: Levers;
  scheduled: import('../engine/model.ts').ScenarioEvent[];
  lineScope: 'byType' | 'national';
  steering: 'off' | 'plan' | 'continuous';
  capacityRule: 'needs' | 'equal' | 'merit';
  // landscape
  N: number;
  K: number;
  S: number;
  lockMask: number;
  /** Locked features are the lowest N_lock bits: the Party line's core that no province may change. */
  nLocked: number;
  nPrime: number;
  tables: Float64Array;
  /** Combined tables: per province (n × N·2^(K+1)) and per type's line (4 × N·2^(K+1)); see landscape.ts. */
  eff: Float64Array;
  lineTab: Float64Array;
  /** Opportunity of missions and culture per province this cycle (n × 3; agreements are computed from held agreements). */
  opp: Float64Array;
  threat: Float64Array;
  /** Share of each type's landscape (national and type tables) redrawn this cycle: instability felt as risk. */
  churn: Float64Array;
  /** Track 2 warned the type of a shock: its incident hazard is lowered until this cycle (exclusive). */
  warnedUntil: Int32Array;
  // partners
  J: number;
  rMean: Float64Array;
  r: Float64Array;
  /** Effective receptivity of this cycle, r + window boost (set by partners.ts `updateOpportunity`). */
  rEff: Float64Array;
  sens: Float64Array;
  /** Affinity of province i to partner j (n × J): its types' affinities, border only toward the countries it borders, coastal only toward partners by sea. */
  aff: Float64Array;
  /** Affinity-weighted mean sensitivity of the partners each province deals with (n; fixed for a run). */
  provSens: Float64Array;
  channels: Float64Array; // J × 3
  windowUntil: Int32Array;
  fastTrack: Int32Array;
  // provinces
  n: number;
  ptype: Int8Array;
  tmask: Uint8Array;
  weight: Float64Array;
  openness: Float64Array;
  finance: Float64Array;
  mult: Float64Array; // n × 9, way × end output matrix with type multipliers
  x: Uint32Array;
  approved: Uint32Array;
  status: Uint8Array;
  pilotStart: Int32Array;
  pending: Int32Array; // proposal id pending at the centre, −1 none
  pendingAgr: Int32Array;
  H: Float64Array;
  psi: Float64Array;
  asp: Float64Array;
  pExp: Float64Array;
  boostUntil: Int32Array;
  muHat: Float64Array;
  U: Float64Array;
  radius: Float64Array;
  Y: Float64Array; // n × 3
  g: Float64Array; // n × 3
  w: Float64Array; // n × 3
  recentE: Float64Array; // n × P_len ring of implemented effectiveness
  agrPartner: Int16Array; // n × maxAgr
  agrUntil: Int32Array;
  lineSeen: Uint32Array;
  incidents: Uint8Array;
  /** Means committed this cycle to initiatives (pilots running, agreements negotiated): they do not go into the ways' output. */
  spent: Float64Array;
  /** Evaluated transferable gain of a province's current programme (what peers can see it proved), decaying. */
  evidenced: Float64Array;
  /** The running pilot was tested by Track 2 before approval (its incident hazard is lowered by λ_T2). */
  pilotTested: Uint8Array;
  /** Processing order of the provinces this cycle (shuffled on the order stream). */
  order: Int32Array;
  /** Scratch of the current cycle: estimated effectiveness of the programme and of the line, needs (n × 3). */
  estX: Float64Array;
  estL: Float64Array;
  need: Float64Array;
  // centre
  Gbase: Float64Array;
  G: Float64Array;
  lines: Uint32Array; // 4 (per type; all equal under a national scope)
  lineHistory: Uint32Array[]; // last lines, newest last, for the guidance delay
  kb: Map<number, KbEntry>[];
  reports: Map<number, Report[]>;
  pilotQueue: PilotProposal[];
  agrQueue: AgreementRequest[];
  nextId: number;
  directives: Directive[];
  planMeans: Float64Array; // S, D, P means of the current plan period (running sums)
  planPrev: Float64Array; // means of the previous plan period
  planCount: number;
  coherenceHistory: number[];
  A: number;
  mu: number;
  // observation
  counts: Float64Array;
  seen: Uint32Array; // bitmap of configurations ever implemented
  discoveries: Discovery[];
  adoptionLast: number;
  nat: Float64Array; // S, D, P, V of the last cycle
  /** The last observation, in GOVERNANCE_METRICS order (written in place each cycle). */
  obs: number[];
  events: ModelEvent[];
  logEvents: boolean;
  ids: string[];
  names: string[];
  partnerIds: string[];
}

/**
 * Memo of e_i(x) (landscape.ts `fitnessOf`): FIT_SLOTS slots per province, each valid while its
 * stamp equals the epoch. A cache of a pure function of the state, so it lives on the World and
 * never in a snapshot; a restored world starts with an empty one.
 */
export interface FitnessMemo {
  epoch: number;
  key: Uint32Array;
  stamp: Float64Array;
  val: Float64Array;
}

/** The live world: state plus its streams, decision functions and caches. */
export interface World {
  s: WorldState;
  env: Stream;
  t2: Stream;
  prov: Stream;
  ctr: Stream;
  noise: Stream;
  ord: Stream;
  decisions: GovernanceDecisions;
  fit: FitnessMemo;
  /** Last quality q_i = e^γ per province and the (e, γ) it was computed from (province.ts `outputs`). */
  pow: { e: Float64Array; gamma: Float64Array; q: Float64Array };
  /** The distinct type masks of the provinces, ascending (fixed for a run; landscape.ts `typeTerms`). */
  masks: Int32Array;
  /** Scratch of the current cycle (cycle.ts): shocks and opened windows, emptied at its start; the approval queues' split. */
  scratch: {
    shocks: number[];
    windows: number[];
    /** central.ts `approveCentrally`: the queues' due items (shuffled) and the rest. */
    duePilots: PilotProposal[];
    restPilots: PilotProposal[];
    dueAgr: AgreementRequest[];
    restAgr: AgreementRequest[];
  };
  /**
   * Records no longer in use, kept for reuse so that a cycle allocates none in the steady state:
   * delivered reports and their per-arrival lists (central.ts `queueReport`, `monitorCentrally`),
   * forgotten knowledge-base entries (`addEvidence`, `ageEvidence`, `clearEvidence`). A pooled record is
   * overwritten in full before it is used again, so reuse changes no value.
   */
  pool: { reports: Report[]; lists: Report[][]; entries: KbEntry[] };
}

export const STREAM_NAMES = ['environment', 'track2', 'provinces', 'centre', 'noise', 'order'] as const;

/** Memo slots per province (a power of two): see landscape.ts `fitnessOf`. */
export const FIT_SLOTS = 8;

export function worldFromStreams(s: WorldState, streams: Streams, decisions: GovernanceDecisions): World {
  // Stamps start at 0 and the epoch at 1: every slot starts empty.
  const fit: FitnessMemo = {
    epoch: 1,
    key: new Uint32Array(s.n * FIT_SLOTS),
    stamp: new Float64Array(s.n * FIT_SLOTS),
    val: new Float64Array(s.n * FIT_SLOTS),
  };
  // NaN keys never compare equal, so the first quality of each province is computed.
  const pow = {
    e: new Float64Array(s.n).fill(Number.NaN),
    gamma: new Float64Array(s.n).fill(Number.NaN),
    q: new Float64Array(s.n),
  };
  return {
    s,
    env: streams.environment!,
    t2: streams.track2!,
    prov: streams.provinces!,
    ctr: streams.centre!,
    noise: streams.noise!,
    ord: streams.order!,
    decisions,
    fit,
    pow,
    masks: Int32Array.from(new Set(s.tmask)).sort(),
    scratch: { shocks: [], windows: [], duePilots: [], restPilots: [], dueAgr: [], restAgr: [] },
    pool: { reports: [], lists: [], entries: [] },
  };
}

export function logEvent(s: WorldState, code: string, args: Record<string, string | number>): void {
  if (s.logEvents) s.events.push({ cycle: s.t, code, args });
}

export function popcount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

export function distance(a: number, b: number): number {
  return popcount((a ^ b) >>> 0);
}

/** The line group a province follows: its primary type, or the single national group. */
export function groupOf(s: WorldState, i: number): number {
  return s.lineScope === 'national' ? 0 : s.ptype[i]!;
}
