import type { ScenarioEvent } from '../engine/model.ts';
import { approveCentrally, buildCapacity, learnCentrally, monitorCentrally, planCentrally } from './central.ts';
import { applyShock, applyTurbulence } from './landscape.ts';
import { C } from './metrics.ts';
import { observeWorld } from './observe.ts';
import { openWindow, stepPartners, updateOpportunity } from './partners.ts';
import { allocateResources, assessContext, defineInterests, formulateGoals, implementAndFeedback } from './province.ts';
import { earlyWarning, shapePartners, testProposals } from './track2.ts';
import { keepWhere } from './keepWhere.ts';
import { isLeverName } from './params.ts';
import { ENDS, TYPES } from './types.ts';
import { logEvent, type World } from './world.ts';

/**
 * One policy cycle, in the fixed order of the schedule (docs/ODD.md §3):
 * scenario events; environment; Track 2 warning and shaping; central plan (plan cycles) and
 * learning; provinces' stages (i)–(iv); Track 2 tests and central approval; provinces' stage (v);
 * central monitoring; capacity building; metrics.
 */
export function runCycle(w: World, scheduled: readonly ScenarioEvent[]): number[] {
  const s = w.s;
  s.t++;
  s.counts.fill(0);
  s.events.length = 0;
  // This cycle's shocks and opened windows, in scratch arrays the world keeps (no allocation per cycle).
  const shocks = w.scratch.shocks;
  const windows = w.scratch.windows;
  shocks.length = 0;
  windows.length = 0;
  applyScenarioEvents(w, scheduled, shocks, windows);

  // 1. Environment (environment stream only; its draws do not depend on any non-environment lever).
  for (let k = 0; k < 4; k++) s.threat[k] = 0.7 * s.threat[k]!;
  s.churn.fill(0);
  applyTurbulence(w);
  const u = w.env.next();
  const type = w.env.int(4);
  if (u < s.lv.shockProbability) {
    applyShock(w, type, s.lv.shockThreat);
    shocks.push(type);
    s.counts[C.shocks]!++;
  }
  stepPartners(s, w.env, windows);
  updateOpportunity(s);

  // 2. Track 2: early warning and shaping.
  earlyWarning(w, windows, shocks);
  shapePartners(w);

  // 3–4. Centre: plan (every Π cycles), learn and revise, steer.
  const planCycle = s.t === 1 || (s.t - 1) % s.lv.planPeriod === 0;
  planCentrally(w);
  learnCentrally(w, planCycle && s.t > 1);
  // The last four lines, newest last: once four are held, the oldest buffer is reused for the newest.
  const h = s.lineHistory;
  if (h.length < 4) h.push(Uint32Array.from(s.lines));
  else {
    const oldest = h.shift()!;
    oldest.set(s.lines);
    h.push(oldest);
  }

  // 5. Provinces, stages (i)–(iv), in an order shuffled each cycle on the order stream (so no
  // province acts first because of its place in the scenario file).
  shuffleOrder(w);
  for (const i of s.order) {
    assessContext(w, i);
    defineInterests(w, i);
    formulateGoals(w, i, planCycle);
    allocateResources(w, i);
  }

  // 6. Track 2 tests the queue, then the Ministry decides what is due.
  testProposals(w);
  approveCentrally(w);

  // 7. Provinces, stage (v).
  for (const i of s.order) implementAndFeedback(w, i);

  // 8–9. Centre: reports arrive, monitoring; capacity building and rotation.
  monitorCentrally(w);
  buildCapacity(w);

  // 10. Metrics.
  return observeWorld(s);
}

/** A fresh uniform permutation of the provinces (Fisher–Yates on the order stream, always n − 1 draws). */
function shuffleOrder(w: World): void {
  const o = w.s.order;
  for (let k = 0; k < o.length; k++) o[k] = k;
  for (let k = o.length - 1; k > 0; k--) {
    const r = w.ord.int(k + 1);
    const tmp = o[k]!;
    o[k] = o[r]!;
    o[r] = tmp;
  }
}

/** Scenario events due this cycle. Shocks and windows use the environment stream like natural ones. */
function applyScenarioEvents(w: World, scheduled: readonly ScenarioEvent[], shocks: number[], windows: number[]): void {
  const s = w.s;
  for (const e of scheduled) {
    if (e.cycle !== s.t) continue;
    switch (e.kind) {
      case 'shock': {
        const type = TYPES.indexOf(e.target as (typeof TYPES)[number]);
        applyShock(w, type, typeof e.magnitude === 'number' ? e.magnitude : s.lv.shockThreat);
        shocks.push(type);
        s.counts[C.shocks]!++;
        break;
      }
      case 'window': {
        const j = s.partnerIds.indexOf(String(e.partner));
        openWindow(s, j, typeof e.length === 'number' ? e.length : s.lv.windowLength);
        windows.push(j);
        break;
      }
      case 'setParam': {
        const name = String(e.param);
        const value = e.value as number | string;
        if (name === 'lineScope' || name === 'steering') (s as unknown as Record<string, unknown>)[name] = value;
        else if (isLeverName(name)) {
          s.lv[name] = value as number;
          if (name === 'autonomy') s.A = value as number;
          if (name === 'monitoring') s.mu = value as number;
        }
        logEvent(s, 'setParam', { param: name, value });
        break;
      }
      case 'goalShift': {
        const g = e.goals as Record<string, number>;
        const sum = ENDS.reduce((a, k) => a + g[k]!, 0);
        ENDS.forEach((k, o) => {
          s.Gbase[o] = g[k]! / sum;
          s.G[o] = g[k]! / sum;
        });
        logEvent(s, 'goalShift', { security: s.G[0]!, development: s.G[1]!, prestige: s.G[2]! });
        break;
      }
      case 'directive': {
        const target = String(e.target);
        const ti = TYPES.indexOf(target as (typeof TYPES)[number]);
        const members: number[] = [];
        for (let i = 0; i < s.n; i++) {
          if (target === 'all' || (ti >= 0 && s.ptype[i] === ti) || s.ids[i] === target) members.push(i);
        }
        s.directives.push({
          target: members,
          emphasis: ENDS.indexOf(e.emphasis as (typeof ENDS)[number]),
          strength: e.strength as number,
          until: s.t + (typeof e.duration === 'number' ? e.duration : 1),
        });
        logEvent(s, 'directive', { target, emphasis: String(e.emphasis) });
        break;
      }
    }
  }
  keepWhere(s.directives, (d) => d.until > s.t);
}
