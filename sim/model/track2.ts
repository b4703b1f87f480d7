import { clearEvidence, groupCount, queueReport } from './central.ts';
import { lineFitness } from './landscape.ts';
import { C } from './metrics.ts';
import { TYPES } from './types.ts';
import { groupOf, logEvent, O_TRACK2, type World } from './world.ts';

/**
 * Track 2 (forums, dialogues): free of diplomatic ritual, it tests ideas at low risk and
 * spots opportunities early (S2). All its chance comes from the Track 2 stream.
 */

/**
 * Early identification: the centre learns of each new window or shock with probability τ·β_T2.
 * A flagged window fast-tracks agreements with that partner while it is open (fewer missed
 * windows); a flagged shock lowers the type's incident hazard by λ_T2 for W cycles (the provinces
 * are warned), clears the type's evidence (it describes a landscape that no longer holds) and raises
 * the exploration of that type's provinces by 0.2τ for W cycles.
 */
export function earlyWarning(w: World, windows: readonly number[], shocks: readonly number[]): void {
  const s = w.s;
  const p = s.lv.track2Intensity * s.lv.track2Breadth;
  for (const j of windows) {
    if (w.t2.next() < p) {
      s.fastTrack[j] = s.windowUntil[j]!;
      s.counts[C.earlyWarnings]!++;
      logEvent(s, 'track2.window', { partner: s.partnerIds[j]! });
    }
  }
  for (const type of shocks) {
    if (w.t2.next() < p) {
      s.counts[C.earlyWarnings]!++;
      const group = s.lineScope === 'national' ? 0 : type;
      clearEvidence(w, group);
      s.warnedUntil[type] = s.t + s.lv.windowLength;
      for (let i = 0; i < s.n; i++) if (s.ptype[i] === type) s.boostUntil[i] = s.t + s.lv.windowLength;
      logEvent(s, 'track2.shock', { type: TYPES[type]! });
    }
  }
}

/**
 * Low-risk testing and idea generation: round(τ·T2cap) tests a cycle. Queued pilot proposals
 * are tested first: the transferable gain (ω_n f^nat + ω_t f^τ)/(ω_n + ω_t) of the proposal minus
 * that of the line, plus N(0, σ_T2); no incidents can follow. A tested proposal carries the score to
 * the approval at once, and the write-up reaches the Ministry's evidence after δ cycles like any
 * report (weight w_T2; a tested idea is evaluated evidence and can be scaled up on its own). Spare
 * tests probe 2–3-feature neighbours of a line and report the improving ones.
 */
export function testProposals(w: World): void {
  const s = w.s;
  let capacity = Math.round(s.lv.track2Intensity * s.lv.track2Capacity);
  const sd = s.lv.track2Noise;
  const wT2 = s.lv.track2EvidenceWeight;
  for (const p of s.pilotQueue) {
    if (capacity <= 0) break;
    if (p.tested) continue;
    capacity--;
    const i = p.province;
    const type = s.ptype[i]!;
    const g = groupOf(s, i);
    p.tested = true;
    p.testGain = lineFitness(s, type, p.x) - lineFitness(s, type, s.lines[g]!) + sd * w.t2.normal();
    s.counts[C.pilotsTested]!++;
    if (wT2 > 0) queueReport(w, g, p.x, p.testGain, O_TRACK2, i, wT2, true);
  }
  const groups = groupCount(s);
  for (; capacity > 0; capacity--) {
    const g = w.t2.int(groups);
    const type = s.lineScope === 'national' ? w.t2.int(4) : g;
    const L = s.lines[g]!;
    const flips = 2 + w.t2.int(2);
    let y = L;
    for (let k = 0; k < flips; k++) y ^= 1 << (s.nLocked + w.t2.int(s.nPrime));
    y >>>= 0;
    const gain = lineFitness(s, type, y) - lineFitness(s, type, L) + sd * w.t2.normal();
    if (gain > 0 && wT2 > 0) queueReport(w, g, y, gain, O_TRACK2, -1, wT2, true);
  }
}

/**
 * Shaping partners' receptivity: r̄_j ← min(0.9, r̄_j + ε_sh·τ·β_T2). Prestige from Track 2 comes only
 * through this channel (more receptive partners, more output of every way): 2.0.0 removed the
 * additive constant λ_P2·τ, which was 83% of Track 2's effect on national value.
 */
export function shapePartners(w: World): void {
  const s = w.s;
  const inc = s.lv.track2Shaping * s.lv.track2Intensity * s.lv.track2Breadth;
  if (inc <= 0) return;
  for (let j = 0; j < s.J; j++) s.rMean[j] = Math.max(s.rMean[j]!, Math.min(0.9, s.rMean[j]! + inc));
}
