import type { Stream } from '../engine/rng.ts';
import { C } from './metrics.ts';
import { AGR } from './types.ts';
import { logEvent, type WorldState } from './world.ts';

/**
 * A partner's receptivity this cycle, with the window boost while its window is open. Receptivity,
 * windows and the boost change only in the environment step, which ends with `updateOpportunity`;
 * that stores r^eff of every partner in `rEff`, so the many readers during the cycle (allocation,
 * agreement requests, outputs) read one number instead of recomputing it.
 */
export function effectiveReceptivity(s: WorldState, j: number): number {
  return s.rEff[j]!;
}

export function windowOpen(s: WorldState, j: number): boolean {
  return s.windowUntil[j]! > s.t;
}

export function openWindow(s: WorldState, j: number, length: number): void {
  s.windowUntil[j] = s.t + length;
  s.counts[C.windowsOpened]!++;
  logEvent(s, 'window.open', { partner: s.partnerIds[j]!, length });
}

/**
 * Partner dynamics (environment stream): receptivity reverts to its mean with noise,
 * r ← clip(r + κ_r(r̄ − r) + σ_r·N(0,1), 0, 1), and a closed window opens with p_win.
 * Exactly two normal-uniform pairs and one uniform per partner per cycle, whatever the levers.
 * The partners whose window opened are appended to `opened`.
 */
export function stepPartners(s: WorldState, env: Stream, opened: number[]): void {
  const kr = s.lv.receptivityReversion;
  const sr = s.lv.receptivityNoise;
  const pw = s.lv.windowProbability;
  for (let j = 0; j < s.J; j++) {
    const z = env.normal();
    s.r[j] = Math.min(1, Math.max(0, s.r[j]! + kr * (s.rMean[j]! - s.r[j]!) + sr * z));
    const u = env.next();
    if (u < pw && !windowOpen(s, j)) {
      openWindow(s, j, s.lv.windowLength);
      opened.push(j);
    }
  }
}

/**
 * Opportunity of way k for province i: for missions and culture
 * O = 0.5 + Σ_j α_ij c_jk r^eff_j / Σ_j α_ij c_jk (the partners it can reach, weighted by its
 * affinity to them); for agreements, what its held agreements give:
 * O = 0.5 + 2·Σ over the active agreements of r^eff / maxAgr — the same base as the other ways, a
 * half-full portfolio of average partners about level with missions, a full one above them (formal
 * channels). 1.3.0's 0.2 + Σ r^eff/maxAgr stayed below missions even with every slot filled, so the
 * allocation starved the channel (≈ 3 requests a cycle after the first; 90% of border units held none).
 */
export function opportunity(s: WorldState, i: number, way: number): number {
  if (way === AGR) {
    const maxAgr = s.lv.maxAgreements;
    let sum = 0;
    for (let a = 0; a < maxAgr; a++) {
      const j = s.agrPartner[i * maxAgr + a]!;
      if (j >= 0) sum += effectiveReceptivity(s, j);
    }
    return 0.5 + (2 * sum) / maxAgr;
  }
  return s.opp[i * 3 + way]!;
}

/**
 * The return a province expects from agreements when it allocates its means: what its held agreements
 * give plus, while a slot is free, the agreement it could sign with its best reachable partner
 * (affinity × receptivity). With no agreement held the channel's expected return is not the bare
 * base of an empty portfolio, so the allocation can start the channel from zero (2.0.0).
 */
export function expectedAgreementOpportunity(s: WorldState, i: number): number {
  const maxAgr = s.lv.maxAgreements;
  let sum = 0;
  let held = 0;
  let active = 0;
  for (let a = 0; a < maxAgr; a++) {
    const j = s.agrPartner[i * maxAgr + a]!;
    if (j >= 0) {
      sum += effectiveReceptivity(s, j);
      held++;
      active |= 1 << j;
    }
  }
  if (held < maxAgr) {
    let best = 0;
    for (let j = 0; j < s.J; j++)
      if (!(active & (1 << j))) best = Math.max(best, s.aff[i * s.J + j]! * effectiveReceptivity(s, j));
    sum += best;
  }
  return 0.5 + (2 * sum) / maxAgr;
}

/**
 * Refresh the partners' effective receptivity r^eff_j = r_j + (window open ? boost : 0) and every
 * province's opportunities of missions and culture (after partners move).
 */
export function updateOpportunity(s: WorldState): void {
  const J = s.J;
  const rEff = s.rEff;
  const boost = s.lv.windowBoost;
  for (let j = 0; j < J; j++) rEff[j] = s.r[j]! + (s.windowUntil[j]! > s.t ? boost : 0);
  const { aff, channels, opp } = s;
  for (let i = 0; i < s.n; i++) {
    for (let way = 1; way < 3; way++) {
      let num = 0;
      let den = 0;
      for (let j = 0; j < J; j++) {
        const wgt = aff[i * J + j]! * channels[j * 3 + way]!;
        num += wgt * rEff[j]!;
        den += wgt;
      }
      opp[i * 3 + way] = 0.5 + (den > 0 ? num / den : 0);
    }
  }
}

/**
 * Affinity-weighted mean sensitivity of the partners a province deals with. Affinities and
 * sensitivities are fixed for a run, so the world computes this once (`provSens`) at its start.
 */
export function provinceSensitivity(s: Pick<WorldState, 'J' | 'aff' | 'sens'>, i: number): number {
  let num = 0;
  let den = 0;
  for (let j = 0; j < s.J; j++) {
    num += s.aff[i * s.J + j]! * s.sens[j]!;
    den += s.aff[i * s.J + j]!;
  }
  return den > 0 ? num / den : 0;
}
