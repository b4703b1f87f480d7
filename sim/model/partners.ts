import type { Stream } from '../engine/rng.ts';
import { C } from './metrics.ts';
import { AGR } from './types.ts';
import { logEvent, type WorldState } from './world.ts';

/** A partner's receptivity now, with the window boost while its window is open. */
export function effectiveReceptivity(s: WorldState, j: number): number {
  return s.r[j]! + (s.windowUntil[j]! > s.t ? s.lv.windowBoost! : 0);
}

export function windowOpen(s: WorldState, j: number): boolean {
  return s.windowUntil[j]! > s.t;
}

export function openWindow(s: WorldState, j: number, length: number): void {
  s.windowUntil[j] = s.t + length;
  s.counts[C.windowsOpened!]!++;
  logEvent(s, 'window.open', { partner: s.partnerIds[j]!, length });
}

/**
 * Partner dynamics (environment stream): receptivity reverts to its mean with noise,
 * r ← clip(r + κ_r(r̄ − r) + σ_r·N(0,1), 0, 1), and a closed window opens with p_win.
 * Exactly two normal-uniform pairs and one uniform per partner per cycle, whatever the levers.
 */
export function stepPartners(s: WorldState, env: Stream): number[] {
  const opened: number[] = [];
  const kr = s.lv.receptivityReversion!;
  const sr = s.lv.receptivityNoise!;
  const pw = s.lv.windowProbability!;
  for (let j = 0; j < s.J; j++) {
    const z = env.normal();
    s.r[j] = Math.min(1, Math.max(0, s.r[j]! + kr * (s.rMean[j]! - s.r[j]!) + sr * z));
    const u = env.next();
    if (u < pw && !windowOpen(s, j)) {
      openWindow(s, j, s.lv.windowLength!);
      opened.push(j);
    }
  }
  return opened;
}

/**
 * Opportunity of way k for a province of type τ: for missions and culture
 * O = 0.5 + Σ_j α_τj c_jk r^eff_j / Σ_j α_τj c_jk; for agreements
 * O = 0.2 + Σ over the province's active agreements of r^eff / maxAgr.
 */
export function opportunity(s: WorldState, i: number, way: number): number {
  if (way === AGR) {
    const maxAgr = s.lv.maxAgreements!;
    let sum = 0;
    for (let a = 0; a < maxAgr; a++) {
      const j = s.agrPartner[i * maxAgr + a]!;
      if (j >= 0) sum += effectiveReceptivity(s, j);
    }
    return 0.2 + sum / maxAgr;
  }
  return s.typeOpp[s.ptype[i]! * 3 + way]!;
}

/** Refresh the per-type opportunities of missions and culture (after partners move). */
export function updateTypeOpportunity(s: WorldState): void {
  for (let type = 0; type < 4; type++) {
    for (let way = 1; way < 3; way++) {
      let num = 0;
      let den = 0;
      for (let j = 0; j < s.J; j++) {
        const wgt = s.affinity[j * 4 + type]! * s.channels[j * 3 + way]!;
        num += wgt * effectiveReceptivity(s, j);
        den += wgt;
      }
      s.typeOpp[type * 3 + way] = 0.5 + (den > 0 ? num / den : 0);
    }
  }
}

/** Affinity-weighted mean sensitivity of the partners a type deals with. */
export function typeSensitivity(s: WorldState, type: number): number {
  let num = 0;
  let den = 0;
  for (let j = 0; j < s.J; j++) {
    num += s.affinity[j * 4 + type]! * s.sens[j]!;
    den += s.affinity[j * 4 + type]!;
  }
  return den > 0 ? num / den : 0;
}
