// The session API: live, stateful runs for the Explore view, plus the few sim functions the app
// needs from a worker. It exposes sim/ unchanged: a session is only model.init / step / observe /
// events / detail / snapshot / restore applied to a scenario and a seed, in the engine's order,
// so replicate r of a session equals runScenario(model, scenario, { seed, replicate: r }).
import { loadScenario } from '../../sim/engine/context.ts';
import { NonFiniteError, ScenarioError, type Issue } from '../../sim/engine/errors.ts';
import { canonicalJson } from '../../sim/engine/canonical.ts';
import { hashHex } from '../../sim/engine/hash.ts';
import type {
  MetricSpec,
  Model,
  ModelEvent,
  ParamSpec,
  ParamValue,
  Params,
  Scenario,
  ScenarioEvent,
  Text,
  WorldSnapshot,
} from '../../sim/engine/model.ts';
import { createStreams, SEED_SCHEME } from '../../sim/engine/rng.ts';
import { defaultFinal, runScenario, type RunRecord } from '../../sim/engine/run.ts';
import pkg from '../../package.json' with { type: 'json' };
import { changedParams, compareRunSet, type ComparisonSet } from '../../sim/experiment/compare.ts';
import { compileDerived, parseDerived, type DerivedSet } from '../../sim/experiment/derived.ts';
import { finalKeys } from '../../sim/experiment/experiment.ts';
import { pairedComparison, summarize, type PairedComparison, type Summary } from '../../sim/experiment/stats/index.ts';
import { getModel, MODELS } from '../../sim/models.ts';
import { BUNDLED_SCENARIOS } from '../../sim/scenarios.ts';

/** Concerto's version, as in package.json (manifests record it). */
export const CONCERTO_VERSION: string = pkg.version;

export interface ModelInfo {
  id: string;
  version: string;
  title: Text;
  params: ParamSpec[];
  metrics: MetricSpec[];
  eventKinds: string[];
  defaultCycles: number;
  finalRule: string;
}

export interface ScenarioInfo {
  name: string;
  model: string;
  description?: string | Text;
}

export interface Catalog {
  models: Record<string, ModelInfo>;
  scenarios: ScenarioInfo[];
  seedScheme: string;
}

/** Where a scenario comes from: a bundled name, or the raw JSON of a file. */
export type Source = { bundled: string } | { raw: unknown };

export interface OpenRequest {
  source: Source;
  /** Parameter values overlaid on the scenario's (validated like a scenario file). */
  params?: Record<string, ParamValue>;
  seed: number;
  replicates: number;
  /** Cycles to run; the model's default when absent. */
  cycles?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export interface Opened {
  id: number;
  scenario: Scenario;
  /** The raw scenario the session was built from, with the overlaid params (share it, save it). */
  raw: Record<string, unknown>;
  scenarioHash: string;
  model: ModelInfo;
  cycles: number;
  /** Per-unit values before the first cycle (the governance model: provinces). */
  detail: Record<string, unknown> | null;
}

export interface StepResult {
  /** Cycle reached (number of steps taken). */
  cycle: number;
  /** One entry per cycle taken: per replicate the observed metric values, null once that replicate stopped. */
  rows: { cycle: number; values: (number[] | null)[] }[];
  /** Events logged by replicate 0 during these cycles. */
  events: ModelEvent[];
  /** Replicate 0's per-unit values after the last cycle. */
  detail: Record<string, unknown> | null;
  done: boolean;
  /** Failures, by replicate (a non-finite value ends that replicate, as in runScenario). */
  errors: (string | null)[];
}

export interface SessionSnapshot {
  id: number;
  cycle: number;
  worlds: (WorldSnapshot | null)[];
  stopped: boolean[];
  errors: (string | null)[];
  series: Record<string, number[]>[];
  raw: Record<string, unknown>;
}

interface Session {
  id: number;
  model: Model<unknown, unknown>;
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

function modelInfo(m: Model<unknown, unknown>): ModelInfo {
  return {
    id: m.id,
    version: m.version,
    title: m.title,
    params: [...m.params],
    metrics: [...m.metrics],
    eventKinds: [...m.eventKinds],
    defaultCycles: m.defaultCycles,
    finalRule: m.finalRule,
  };
}

function issuesOf(err: unknown): Issue[] {
  if (err instanceof ScenarioError) return err.issues;
  return [{ path: '', value: undefined, rule: err instanceof Error ? err.message : String(err) }];
}

/** The raw scenario of a source with `params` overlaid; a bundled one is written as `extends`. */
export function rawScenario(source: Source, params: Record<string, ParamValue> = {}): Record<string, unknown> {
  if ('bundled' in source) {
    const base = BUNDLED_SCENARIOS[source.bundled] as Record<string, unknown> | undefined;
    const name = typeof base?.name === 'string' ? base.name : source.bundled;
    return { formatVersion: 1, name, extends: source.bundled, params: { ...params } };
  }
  const raw = source.raw;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw as Record<string, unknown>;
  const r = raw as Record<string, unknown>;
  if (Object.keys(params).length === 0) return r;
  const own =
    r.params !== null && typeof r.params === 'object' && !Array.isArray(r.params)
      ? (r.params as Record<string, unknown>)
      : {};
  return { ...r, params: { ...own, ...params } };
}

/** Validate a source (and overlaid params): the resolved scenario, or every problem with its path. */
export function validate(source: Source, params?: Record<string, ParamValue>): Result<Scenario> {
  try {
    return { ok: true, value: loadScenario(rawScenario(source, params)) };
  } catch (err) {
    return { ok: false, issues: issuesOf(err) };
  }
}

/** murmur3_32 (8 hex digits) of the canonical JSON of the resolved scenario (docs/formats.md §3). */
export function scenarioHash(scenario: Scenario): string {
  return hashHex(canonicalJson(scenario));
}

export function catalog(): Catalog {
  const models: Record<string, ModelInfo> = {};
  for (const [id, m] of Object.entries(MODELS)) models[id] = modelInfo(m);
  const scenarios: ScenarioInfo[] = [];
  for (const name of Object.keys(BUNDLED_SCENARIOS)) {
    const r = validate({ bundled: name });
    if (!r.ok) continue;
    scenarios.push({
      name,
      model: r.value.model,
      ...(r.value.description !== undefined ? { description: r.value.description } : {}),
    });
  }
  return { models, scenarios, seedScheme: SEED_SCHEME };
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

export interface SummaryRow {
  mean: number;
  sd: number | null;
  n: number;
  ciLow: number | null;
  ciHigh: number | null;
}

export interface RunManifest {
  concerto: string;
  model: string;
  modelVersion: string;
  scenario: string;
  scenarioHash: string;
  seed: number;
  seedScheme: string;
  replicates: number;
  cycles: number;
  params: Record<string, ParamValue>;
  finalRule: string;
}

/** A run output document (docs/formats.md §3): manifest, runs, summary. */
export interface RunOutput {
  manifest: RunManifest;
  runs: RunRecord[];
  summary: Record<string, SummaryRow>;
}

/** Summary over the ok runs' final values: mean, sd (n − 1), n and the 95% Student-t CI. */
export function summaryOf(runs: readonly RunRecord[]): Record<string, SummaryRow> {
  const ok = runs.filter((r) => r.status === 'ok');
  const out: Record<string, SummaryRow> = {};
  if (ok.length === 0) return out;
  for (const key of Object.keys(ok[0]!.final)) {
    const s = summarize(ok.map((r) => r.final[key]!));
    out[key] = { mean: s.mean, sd: s.sd, n: s.n, ciLow: s.ciLow, ciHigh: s.ciHigh };
  }
  return out;
}

export function manifestOf(
  model: Model<unknown, unknown>,
  scenario: Scenario,
  seed: number,
  replicates: number,
  cycles: number,
): RunManifest {
  return {
    concerto: CONCERTO_VERSION,
    model: model.id,
    modelVersion: model.version,
    scenario: scenario.name,
    scenarioHash: scenarioHash(scenario),
    seed,
    seedScheme: SEED_SCHEME,
    replicates,
    cycles,
    params: { ...scenario.params },
    finalRule: model.finalRule,
  };
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
  return {
    manifest: manifestOf(s.model, s.scenario, s.seed, s.replicates, s.cycles),
    runs,
    summary: s.t > 0 ? summaryOf(runs) : {},
  };
}

export interface BatchRequest {
  source: Source;
  params?: Record<string, ParamValue>;
  seed: number;
  replicates: number;
  cycles?: number;
  /** First replicate index (to run a batch in parts). */
  from?: number;
}

/** runScenario over replicates from … from + replicates − 1 (the Compare view, exports). */
export function runBatch(req: BatchRequest): Result<{ scenario: Scenario; output: RunOutput }> {
  const v = validate(req.source, req.params);
  if (!v.ok) return v;
  const model = getModel(v.value.model)!;
  const runs: RunRecord[] = [];
  const from = req.from ?? 0;
  const cycles = req.cycles ?? model.defaultCycles;
  for (let r = from; r < from + req.replicates; r++)
    runs.push(runScenario(model, v.value, { seed: req.seed, replicate: r, cycles }));
  return {
    ok: true,
    value: {
      scenario: v.value,
      output: {
        manifest: manifestOf(model, v.value, req.seed, req.replicates, cycles),
        runs,
        summary: summaryOf(runs),
      },
    },
  };
}

/** The run output document of runs made in parts (manifest for all `req.replicates`, summary of `runs`). */
export function outputOf(req: BatchRequest, runs: RunRecord[]): Result<RunOutput> {
  const v = validate(req.source, req.params);
  if (!v.ok) return v;
  const model = getModel(v.value.model)!;
  const cycles = req.cycles ?? model.defaultCycles;
  return {
    ok: true,
    value: { manifest: manifestOf(model, v.value, req.seed, req.replicates, cycles), runs, summary: summaryOf(runs) },
  };
}

/** The statistics the app shows, exposed unchanged from sim/experiment/stats. */
export function summarizeMany(samples: Record<string, number[]>, level = 0.95): Record<string, Summary | null> {
  const out: Record<string, Summary | null> = {};
  for (const [k, v] of Object.entries(samples))
    out[k] = v.length > 0 && v.every(Number.isFinite) ? summarize(v, level) : null;
  return out;
}

export function compareMany(
  pairs: Record<string, [number[], number[]]>,
  level = 0.95,
): Record<string, PairedComparison | null> {
  const out: Record<string, PairedComparison | null> = {};
  for (const [k, [a, b]] of Object.entries(pairs)) {
    try {
      out[k] = pairedComparison(a, b, level);
    } catch {
      out[k] = null;
    }
  }
  return out;
}

export interface CompareRequest {
  /** 2–4 columns of one model; the first (A) is compared with each of the others. */
  columns: { source: Source; params?: Record<string, ParamValue> }[];
  seed: number;
  replicates: number;
  cycles: number;
  /** Derived metrics by name (docs/formats.md §7), compared after the model's final values. */
  derived?: Record<string, string>;
}

/**
 * The comparison document (docs/formats.md §11, the `comparisons` form) of runs made in batches:
 * `runs[k]` are replicates 0 … R−1 of column k. sim/experiment/compare.ts's compareRunSet, unchanged.
 */
export async function compareColumns(req: CompareRequest, runs: RunRecord[][]): Promise<Result<ComparisonSet>> {
  const scenarios: Scenario[] = [];
  const changed: Params[] = [];
  for (const col of req.columns) {
    const v = validate(col.source, col.params);
    if (!v.ok) return v;
    scenarios.push(v.value);
    // The column's levers as changes from its named scenario, so the export names them.
    const base = validate(col.source, {});
    changed.push(base.ok ? changedParams(base.value, v.value) : { ...col.params });
  }
  const id = scenarios[0]!.model;
  const other = scenarios.find((s) => s.model !== id);
  if (other)
    return {
      ok: false,
      issues: [{ path: 'model', value: other.model, rule: `every column must use the same model (A uses ${id})` }],
    };
  const model = getModel(id)!;
  let derived: DerivedSet | null = null;
  if (req.derived && Object.keys(req.derived).length > 0) {
    const finals = finalKeys(model);
    const issues: Issue[] = [];
    const defs = parseDerived(req.derived, 'derived', [...finals, ...model.params.map((p) => p.name)], issues);
    if (issues.length > 0) return { ok: false, issues };
    try {
      derived = await compileDerived(defs, finals);
    } catch (e) {
      if (e instanceof ScenarioError) return { ok: false, issues: e.issues };
      throw e;
    }
  }
  return {
    ok: true,
    value: compareRunSet(model, scenarios, runs, {
      seed: req.seed,
      replicates: req.replicates,
      cycles: req.cycles,
      changed,
      ...(derived ? { derived } : {}),
    }),
  };
}

export const sessionApi = {
  catalog,
  validate,
  open,
  step,
  reset,
  close,
  snapshot,
  restore,
  setLever,
  results,
  runBatch,
  outputOf,
  summarizeMany,
  compareMany,
  compareColumns,
};
export type SessionApi = typeof sessionApi;
