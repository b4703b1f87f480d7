/**
 * March (1991), "Exploration and Exploitation in Organizational Learning", Organization Science
 * 2(1):71–87, doi:10.1287/orsc.2.1.71 — the mutual-learning model, run through Concerto's engine.
 *
 * Reality has m dimensions, each +1 or −1. An organizational code and n individuals hold a belief in
 * {−1, 0, +1} on every dimension: the code starts neutral (all 0), individuals start with 1, 0 or −1
 * with equal probability. Each period individuals are socialized to the code (rate p1) and the code
 * learns from the individuals who know more than it does (rate p2); with turnover (p3) an individual
 * is replaced by a newcomer with fresh random beliefs, and with turbulence (p4) a dimension of reality
 * flips. Socialization rates may be mixed (March's Figures 2–3): the first `fastLearners` individuals
 * are socialized at rate `p1Fast`, the others at `p1` (a rate belongs to the position, so a newcomer
 * takes the rate of the individual it replaces). With fastLearners = 0 (the default) every individual
 * uses p1 and nothing else changes: no draw is added or moved.
 *
 * This file assembles the model for the engine (validation, run length, snapshots); params.ts holds
 * the registry, metrics.ts and observe.ts what it observes, state.ts the state and its streams,
 * readings.ts and step.ts the dynamics.
 */
import type { Issue } from '../../engine/errors.ts';
import type { InitOptions, Model, Params, Scenario, ScenarioEvent, WorldSnapshot } from '../../engine/model.ts';
import { restoreStreams, snapshotStreams, type Streams } from '../../engine/rng.ts';
import { MARCH_METRICS as METRICS } from './metrics.ts';
import { observeMarch } from './observe.ts';
import { MARCH_MAX_HORIZON, MARCH_PARAMS as PARAMS, text, type MarchParams } from './params.ts';
import { initMarch, makeState, MARCH_STREAMS, refreshMasks, syncBeliefs, type MarchState } from './state.ts';
import { stepMarch } from './step.ts';

interface MarchSnapshotState {
  /** fastLearners and p1Fast are absent from snapshots of version 1.0.0. */
  params: Omit<MarchParams, 'fastLearners' | 'p1Fast'> & Partial<Pick<MarchParams, 'fastLearners' | 'p1Fast'>>;
  period: number;
  absorbed: boolean;
  reality: number[];
  code: number[];
  beliefs: number[];
  rates: number[];
}

export const march1991Model: Model<MarchState> = {
  id: 'march1991',
  version: '1.1.0',
  title: text(
    'March (1991): exploration and exploitation in organizational learning',
    'March (1991): khám phá và khai thác trong học tập tổ chức',
  ),
  params: PARAMS,
  metrics: METRICS,
  streams: MARCH_STREAMS,
  dataKeys: [],
  eventKinds: [],
  finalRule: 'the values at the last period run (the absorbing equilibrium, the horizon, or the cycles cap)',
  defaultCycles: MARCH_MAX_HORIZON,

  validate(data: Record<string, unknown>, events: readonly ScenarioEvent[], params: Params, issues: Issue[]): void {
    for (const key of Object.keys(data))
      issues.push({ path: key, value: data[key], rule: 'the march1991 model takes no scenario data' });
    events.forEach((e, i) =>
      issues.push({ path: `events[${i}]`, value: e, rule: 'the march1991 model takes no events' }),
    );
    const nf = params.fastLearners as number;
    const n = params.n as number;
    if (nf > n) issues.push({ path: 'params.fastLearners', value: nf, rule: `must be ≤ n (n is ${n})` });
  },

  init(scenario: Scenario, streams: Streams, _options: InitOptions<unknown>): MarchState {
    return initMarch(scenario.params, streams);
  },

  step: stepMarch,
  observe: observeMarch,

  done(s: MarchState): boolean {
    return s.absorbed || s.period >= s.horizon;
  },

  final(series: Record<string, number[]>): Record<string, number> {
    const out: Record<string, number> = {};
    for (const metric of METRICS) {
      const xs = series[metric.name]!;
      out[metric.name] = xs.length > 0 ? xs[xs.length - 1]! : Number.NaN;
    }
    return out;
  },

  detail(s: MarchState): Record<string, unknown> {
    return { reality: Array.from(s.reality), code: Array.from(s.code), rates: Array.from(s.rates) };
  },

  snapshot(s: MarchState): WorldSnapshot {
    const state: MarchSnapshotState = {
      params: {
        m: s.m,
        n: s.n,
        p1: s.p1,
        p2: s.p2,
        p3: s.p3,
        p4: s.p4,
        fastLearners: s.fastLearners,
        p1Fast: s.p1Fast,
        reading: s.reading,
        maxPeriods: s.maxPeriods,
        fixedPeriods: s.fixedPeriods,
      },
      period: s.period,
      absorbed: s.absorbed,
      reality: Array.from(s.reality),
      code: Array.from(s.code),
      beliefs: Array.from(s.beliefs),
      rates: Array.from(s.rates),
    };
    return { model: 'march1991', version: march1991Model.version, streams: snapshotStreams(s.streams), state };
  },

  restore(snapshot: WorldSnapshot): MarchState {
    if (snapshot.model !== 'march1991')
      throw new Error(`march1991 cannot restore a snapshot of model ${snapshot.model}`);
    const st = snapshot.state as MarchSnapshotState;
    const p = st.params;
    const s = makeState(
      { ...p, fastLearners: p.fastLearners ?? 0, p1Fast: p.p1Fast ?? 0.9 },
      restoreStreams(snapshot.streams),
    );
    s.reality.set(st.reality);
    s.code.set(st.code);
    s.beliefs.set(st.beliefs);
    syncBeliefs(s);
    refreshMasks(s);
    s.rates.set(st.rates);
    s.period = st.period;
    s.absorbed = st.absorbed;
    return s;
  },

  cycle(s: MarchState): number {
    return s.period;
  },
};
