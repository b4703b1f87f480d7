// Live sessions for the Explore view: a session is only model.init / step / observe / events /
// detail / snapshot / restore applied to a scenario and a seed, in the engine's order, so replicate r
// of a session equals runScenario(model, scenario, { seed, replicate: r }).
import { loadScenario } from '../../sim/context.ts';
import { NonFiniteError, type Issue } from '../../sim/engine/errors.ts';
import type { AnyModel, ModelEvent, ParamValue, Scenario, ScenarioEvent } from '../../sim/engine/model.ts';
import { createStreams } from '../../sim/engine/rng.ts';
import { defaultFinal, type RunRecord } from '../../sim/engine/run.ts';
import { runManifest, runSummary, scenarioHash, type RunOutput } from '../../sim/experiment/runOutput.ts';
import { getModel } from '../../sim/models.ts';
import { CONCERTO_VERSION, issuesOf, modelInfo, rawScenario } from './catalog.ts';
import type { OpenRequest, Opened, Result, SessionSnapshot, StepResult } from './protocol.ts';

interface Session {
  id: number;
  model: AnyModel;
  scenario: Scenario;
  raw: Record<string, unknown>;
  seed: number;
  replicates: number;
  cycles: number;
  t: number;
  states: unknown[];
  stopped: boolean[];
  errors: (string | null)[];
  /** series[replicate][metric name] = values over the cycles run. */
  series: Record<string, number[]>[];
}

const sessions = new Map<number, Session>();
let nextId = 1;

function initStates(s: Session): void {
  s.states = [];
  s.stopped = [];
  s.errors = [];
  s.series = [];
  for (let r = 0; r < s.replicates; r++) {
    s.series.push(Object.fromEntries(s.model.metrics.map((m) => [m.name, [] as number[]])));
    const streams = createStreams(s.model.streams, s.seed, r);
    // The same init options as runScenario with { events: true, detail: true }.
    s.states.push(s.model.init(s.scenario, streams, { cycles: s.cycles, detail: true, events: true }));
    s.stopped.push(false);
    s.errors.push(null);
  }
  s.t = 0;
}

function get(id: number): Session {
  const s = sessions.get(id);
  if (!s) throw new Error(`no session ${id}`);
  return s;
}

function detailOf(s: Session): Record<string, unknown> | null {
  const st = s.states[0];
  return st !== undefined && s.model.detail ? s.model.detail(st) : null;
}

export function open(req: OpenRequest): Result<Opened> {
  const raw = rawScenario(req.source, req.params);
  let scenario: Scenario;
  try {
    scenario = loadScenario(raw);
  } catch (err) {
    return { ok: false, issues: issuesOf(err) };
  }
  const model = getModel(scenario.model)!;
  const bad: Issue[] = [];
  if (!Number.isInteger(req.seed) || req.seed < 0 || req.seed > 0xffffffff)
    bad.push({ path: 'seed', value: req.seed, rule: 'must be a whole number in [0, 4294967295]' });
  if (!Number.isInteger(req.replicates) || req.replicates < 1 || req.replicates > 100)
    bad.push({ path: 'replicates', value: req.replicates, rule: 'must be a whole number in [1, 100]' });
  const cycles = req.cycles ?? model.defaultCycles;
  if (!Number.isInteger(cycles) || cycles < 1 || cycles > 100_000)
    bad.push({ path: 'cycles', value: req.cycles, rule: 'must be a whole number in [1, 100000]' });
  if (bad.length > 0) return { ok: false, issues: bad };
  const s: Session = {
    id: nextId++,
    model,
    scenario,
    raw: raw as Record<string, unknown>,
    seed: req.seed,
    replicates: req.replicates,
    cycles,
    t: 0,
    states: [],
    stopped: [],
    errors: [],
    series: [],
  };
  try {
    initStates(s);
  } catch (err) {
    return { ok: false, issues: issuesOf(err) };
  }
  sessions.set(s.id, s);
  return {
    ok: true,
    value: {
      id: s.id,
      scenario,
      raw: s.raw,
      scenarioHash: scenarioHash(scenario),
      model: modelInfo(model),
      cycles,
      detail: detailOf(s),
    },
  };
}

/** Advance every replicate k cycles (never past the run's length). */
export function step(id: number, k = 1): StepResult {
  const s = get(id);
  const rows: StepResult['rows'] = [];
  const events: ModelEvent[] = [];
  const metrics = s.model.metrics;
  for (let j = 0; j < k && s.t < s.cycles && s.stopped.some((x) => !x); j++) {
    s.t++;
    const values: (number[] | null)[] = [];
    for (let r = 0; r < s.replicates; r++) {
      if (s.stopped[r]) {
        values.push(null);
        continue;
      }
      const st = s.states[r];
      try {
        s.model.step(st);
        const obs = s.model.observe(st).slice();
        for (let m = 0; m < obs.length; m++)
          if (!Number.isFinite(obs[m]!)) throw new NonFiniteError(metrics[m]?.name ?? String(m), obs[m]!, s.t);
        values.push(obs);
        const ser = s.series[r]!;
        for (let m = 0; m < obs.length; m++) ser[metrics[m]!.name]!.push(obs[m]!);
        if (r === 0 && s.model.events) events.push(...s.model.events(st));
        if (s.model.done?.(st)) s.stopped[r] = true;
      } catch (err) {
        s.stopped[r] = true;
        s.errors[r] = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        values.push(null);
      }
    }
    rows.push({ cycle: s.t, values });
  }
  return {
    cycle: s.t,
    rows,
    events,
    detail: detailOf(s),
    done: s.t >= s.cycles || s.stopped.every((x) => x),
    errors: [...s.errors],
  };
}

/** Back to cycle 0 with the same scenario and seed. */
export function reset(id: number): { cycle: number; detail: Record<string, unknown> | null } {
  const s = get(id);
  initStates(s);
  return { cycle: 0, detail: detailOf(s) };
}

export function close(id: number): void {
  sessions.delete(id);
}

/** Every replicate's world, streams included (checkpoint). */
export function snapshot(id: number): SessionSnapshot {
  const s = get(id);
  return {
    id,
    cycle: s.t,
    worlds: s.states.map((st, r) => (s.stopped[r] && s.errors[r] ? null : s.model.snapshot(st))),
    stopped: [...s.stopped],
    errors: [...s.errors],
    series: structuredClone(s.series),
    raw: s.raw,
  };
}

/** Continue from a checkpoint: the session then runs exactly as it would have from there. */
export function restore(id: number, snap: SessionSnapshot): { cycle: number; detail: Record<string, unknown> | null } {
  const s = get(id);
  if (snap.worlds.length !== s.replicates)
    throw new Error(`snapshot has ${snap.worlds.length} replicates, the session ${s.replicates}`);
  s.states = snap.worlds.map((w, r) => (w ? s.model.restore(w) : s.states[r]));
  s.stopped = [...snap.stopped];
  s.errors = [...snap.errors];
  s.series = structuredClone(snap.series);
  s.t = snap.cycle;
  return { cycle: s.t, detail: detailOf(s) };
}

/**
 * Change a lever from the next cycle on. It becomes a scenario `setParam` event at cycle t + 1,
 * validated like any scenario file (only the levers the model lets change mid-run pass), and the
 * session is rebuilt on the same seed and brought back to cycle t: the run stays fully described by
 * its scenario file and seed.
 */
export function setLever(
  id: number,
  param: string,
  value: ParamValue,
): Result<{ cycle: number; raw: Record<string, unknown> }> {
  const s = get(id);
  const own = Array.isArray(s.raw.events) ? (s.raw.events as ScenarioEvent[]) : [];
  const raw = { ...s.raw, events: [...own, { cycle: s.t + 1, kind: 'setParam', param, value }] };
  let scenario: Scenario;
  try {
    scenario = loadScenario(raw);
  } catch (err) {
    return { ok: false, issues: issuesOf(err) };
  }
  const t = s.t;
  s.raw = raw;
  s.scenario = scenario;
  initStates(s);
  if (t > 0) step(id, t);
  return { ok: true, value: { cycle: s.t, raw } };
}

/**
 * The session's runs so far as a run output document. Each record has runScenario's shape; `final`
 * follows the model's rule over the cycles run (at the end of the run, exactly runScenario's).
 */
export function results(id: number): RunOutput {
  const s = get(id);
  const done = s.t >= s.cycles || s.stopped.every((x) => x);
  const runs: RunRecord[] = s.series.map((series, r) => {
    const cycles = series[s.model.metrics[0]!.name]!.length;
    const error = s.errors[r];
    if (error) return { replicate: r, seed: s.seed, status: 'failed', error, cycles, series, final: {} };
    let final: Record<string, number> = {};
    if (cycles > 0)
      final = s.model.final ? s.model.final(series, done ? s.cycles : s.t) : defaultFinal(s.model, series);
    return { replicate: r, seed: s.seed, status: 'ok', cycles, series, final };
  });
  const settings = { concerto: CONCERTO_VERSION, seed: s.seed, replicates: s.replicates, cycles: s.cycles };
  return {
    manifest: runManifest(s.model, s.scenario, settings),
    runs,
    summary: s.t > 0 ? runSummary(runs) : {},
  };
}
