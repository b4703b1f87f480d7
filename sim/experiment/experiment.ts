// Experiment files (docs/formats.md §7): parse and validate every field, naming each problem by
// its path and value, and resolve the scenario they run. Pure: the caller says how a scenario
// reference (a bundled name or a path) becomes raw JSON, so the CLI reads files and the browser
// passes objects.
import { bundledContext } from '../context.ts';
import { ScenarioError, type Issue } from '../engine/errors.ts';
import type { AnyModel, Params, ParamValue, Scenario, Text } from '../engine/model.ts';
import { checkParam } from '../engine/params.ts';
import { parseScenario } from '../engine/scenario.ts';
import { getModel } from '../models.ts';
import {
  checkCost,
  CostLimitError,
  DEFAULT_LIMITS,
  experimentCost,
  LARGE_LIMITS,
  scenarioUnits,
  type CostLimits,
} from './cost.ts';
import { compileDerived, keptFinalValues, parseDerived, type DerivedMetric, type DerivedSet } from './derived.ts';
import { parseAnalysis, type AnalysisSpec } from './analysisFile.ts';
import { buildDesign, designSize, type Design } from './design.ts';
import { designParameterNames, MAX_POINT_ISSUES, parseDesign, wholeIn } from './designFile.ts';
import { isObject } from '../engine/isObject.ts';

export { MAX_POINTS, parseDesign } from './designFile.ts';
export type { AnalysisSpec, Criterion } from './analysisFile.ts';

export const EXPERIMENT_FORMAT_VERSION = 1;
const EXPERIMENT_KEYS = [
  'formatVersion',
  'name',
  'description',
  'scenario',
  'model',
  'seed',
  'replicates',
  'cycles',
  'set',
  'design',
  'metrics',
  'derived',
  'analysis',
];
/** Columns every sweep row has; a design parameter or metric may not take these names. */
export const FIXED_COLUMNS = ['point', 'replicate', 'seed', 'status', 'cycle', 'error'];
export const MAX_REPLICATES = 1_000_000;
/** Points whose cross-field rules are checked up front; beyond it a bad point fails its runs. */
const MAX_CHECKED_POINTS = 100_000;

/** An experiment with its scenario resolved and its design built: everything a sweep needs. */
export interface Experiment {
  /** The file's content as given (embedded in manifests). */
  raw: Record<string, unknown>;
  name: string;
  description?: string | Text;
  model: AnyModel;
  /** The scenario as resolved from the file, before `set`. */
  baseScenario: Scenario;
  /** The scenario every point starts from: `set` applied. */
  scenario: Scenario;
  seed: number;
  replicates: number;
  cycles: number;
  set: Params;
  /** Final values kept in rows and summaries, in the model's order. */
  metrics: string[];
  /** Derived metrics (expressions over the kept final values); their names end `metrics`. */
  derived: DerivedMetric[];
  /** The kept metrics that have a per-cycle series (for `--series`). */
  seriesMetrics: string[];
  design: Design;
  analysis: AnalysisSpec;
}

/**
 * How a scenario reference becomes raw scenario JSON: a bundled name or a path (the CLI reads
 * paths relative to the experiment file). Return undefined when there is no such scenario; throw
 * an Error whose message says why a file could not be used (e.g. not JSON).
 */
export type ScenarioLoader = (ref: string) => unknown;

/** The loader of bundled scenarios only (the browser's default). */
export const bundledScenarioLoader: ScenarioLoader = (ref) => bundledContext.bundled(ref);

/**
 * The final values a model reports: its metric names, plus anything its `final` adds (the
 * governance model's `missedWindowShare`), found by applying `final` to a two-cycle series of zeros.
 */
export function finalKeys(model: AnyModel): string[] {
  const names = model.metrics.map((m) => m.name);
  if (!model.final) return names;
  const series: Record<string, number[]> = {};
  for (const n of names) series[n] = [0, 0];
  try {
    return Object.keys(model.final(series, 2));
  } catch {
    return names;
  }
}

/**
 * Resolve an experiment: validate every field, load and validate its scenario (problems in it
 * are prefixed `scenario.`), apply `set`, build the design and check every point against the
 * model's cross-field rules. Throws ScenarioError listing every problem found.
 *
 * `raw.scenario` may be a string (passed to `loadScenario`) or a scenario object (inline, as the
 * browser and manifests pass it).
 *
 * The design's cost (points, design values, runs, unit-cycles) is checked against `limits` before
 * the design is built, so a small file asking for an enormous design is refused in milliseconds.
 */
export function resolveExperiment(
  raw: unknown,
  loadScenario: ScenarioLoader = bundledScenarioLoader,
  limits: CostLimits = DEFAULT_LIMITS,
): Experiment {
  const issues: Issue[] = [];
  if (!isObject(raw)) throw new ScenarioError([{ path: '', value: raw, rule: 'an experiment must be a JSON object' }]);
  for (const key of Object.keys(raw))
    if (!EXPERIMENT_KEYS.includes(key)) issues.push({ path: key, value: raw[key], rule: 'is not an experiment field' });
  if (raw.formatVersion !== undefined && raw.formatVersion !== EXPERIMENT_FORMAT_VERSION) {
    issues.push({ path: 'formatVersion', value: raw.formatVersion, rule: `must be ${EXPERIMENT_FORMAT_VERSION}` });
  }
  if (typeof raw.name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(raw.name)) {
    issues.push({ path: 'name', value: raw.name, rule: 'must be 1–64 characters of letters, digits, ".", "_" or "-"' });
  }
  if (
    raw.description !== undefined &&
    typeof raw.description !== 'string' &&
    !(isObject(raw.description) && typeof raw.description.en === 'string' && typeof raw.description.vi === 'string')
  ) {
    issues.push({ path: 'description', value: raw.description, rule: 'must be a string or { "en": …, "vi": … }' });
  } else if (isObject(raw.description)) {
    // Unknown keys are errors at every level (docs/formats.md §7), the description's too.
    for (const key of Object.keys(raw.description))
      if (key !== 'en' && key !== 'vi')
        issues.push({
          path: `description.${key}`,
          value: raw.description[key],
          rule: 'is not a description field (en, vi)',
        });
  }
  const seed = wholeIn(raw, 'seed', 0, 2 ** 32 - 1, issues) ?? 1;
  const replicates = wholeIn(raw, 'replicates', 1, MAX_REPLICATES, issues) ?? 1;

  // The model: named by the experiment, or the scenario's.
  let modelFromFile: AnyModel | undefined;
  if (raw.model !== undefined) {
    modelFromFile = typeof raw.model === 'string' ? getModel(raw.model) : undefined;
    if (!modelFromFile) issues.push({ path: 'model', value: raw.model, rule: 'must name a known model' });
  }

  // The scenario: a reference or an inline object; a bare scenario of the model when absent.
  let scenarioRaw: unknown;
  if (raw.scenario === undefined) {
    if (raw.model === undefined)
      issues.push({
        path: 'scenario',
        value: undefined,
        rule: 'is required unless "model" names a model that needs no scenario data',
      });
    else if (modelFromFile)
      scenarioRaw = {
        formatVersion: 1,
        name: typeof raw.name === 'string' ? raw.name : 'experiment',
        model: modelFromFile.id,
      };
  } else if (typeof raw.scenario === 'string') {
    try {
      scenarioRaw = loadScenario(raw.scenario);
      if (scenarioRaw === undefined)
        issues.push({
          path: 'scenario',
          value: raw.scenario,
          rule: 'must be a bundled scenario name or a readable scenario file',
        });
    } catch (e) {
      issues.push({ path: 'scenario', value: raw.scenario, rule: e instanceof Error ? e.message : String(e) });
    }
  } else if (isObject(raw.scenario)) {
    scenarioRaw = raw.scenario;
  } else {
    issues.push({
      path: 'scenario',
      value: raw.scenario,
      rule: 'must be a bundled scenario name, a path or a scenario object',
    });
  }

  let baseScenario: Scenario | null = null;
  if (scenarioRaw !== undefined) {
    try {
      baseScenario = parseScenario(scenarioRaw, bundledContext);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      for (const i of e.issues) issues.push({ ...i, path: i.path ? `scenario.${i.path}` : 'scenario' });
    }
  }
  if (baseScenario && modelFromFile && baseScenario.model !== modelFromFile.id) {
    issues.push({ path: 'model', value: raw.model, rule: `must match the scenario's model (${baseScenario.model})` });
  }
  const model = baseScenario ? getModel(baseScenario.model)! : modelFromFile;
  if (!model || !baseScenario) {
    // Without a model nothing else can be checked; report what was found so far.
    if (issues.length === 0) issues.push({ path: 'scenario', value: raw.scenario, rule: 'could not be resolved' });
    throw new ScenarioError(issues);
  }

  const cycles = wholeIn(raw, 'cycles', 1, 100_000, issues) ?? model.defaultCycles;
  const registry = model.params;
  const byName = new Map(registry.map((p) => [p.name, p]));

  // set: registry values, then the model's cross-field rules on the whole parameter set.
  const set: Params = {};
  if (raw.set !== undefined) {
    if (!isObject(raw.set)) issues.push({ path: 'set', value: raw.set, rule: 'must be an object of parameter values' });
    else {
      for (const [name, value] of Object.entries(raw.set)) {
        const spec = byName.get(name);
        if (!spec) issues.push({ path: `set.${name}`, value, rule: 'is not a parameter of this model' });
        else {
          const rule = checkParam(spec, value);
          if (rule) issues.push({ path: `set.${name}`, value, rule });
          else set[name] = value as ParamValue;
        }
      }
    }
  }
  const params: Params = { ...baseScenario.params, ...set };
  if (Object.keys(set).length > 0 && issues.length === 0) {
    const cross: Issue[] = [];
    model.validate(baseScenario.data, baseScenario.events, params, cross);
    for (const i of cross) issues.push({ ...i, path: i.path.replace(/^params\./, 'set.') });
  }

  const spec = parseDesign(raw.design, registry, set, issues);

  // metrics: final values of the model.
  const keys = finalKeys(model);
  let metrics = keys;
  if (raw.metrics !== undefined) {
    if (!Array.isArray(raw.metrics) || raw.metrics.length === 0)
      issues.push({ path: 'metrics', value: raw.metrics, rule: 'must be a non-empty list of final value names' });
    else {
      const chosen = new Set<string>();
      raw.metrics.forEach((m, i) => {
        if (typeof m !== 'string' || !keys.includes(m))
          issues.push({
            path: `metrics[${i}]`,
            value: m,
            rule: `must be a final value of the ${model.id} model (see concerto params --model ${model.id})`,
          });
        else if (chosen.has(m)) issues.push({ path: `metrics[${i}]`, value: m, rule: 'must not repeat a name' });
        else chosen.add(m);
      });
      metrics = keys.filter((k) => chosen.has(k));
    }
  }
  const seriesMetrics = metrics.filter((m) => model.metrics.some((x) => x.name === m));
  const derived = parseDerived(
    raw.derived,
    'derived',
    [...FIXED_COLUMNS, ...keys, ...registry.map((p) => p.name)],
    issues,
  );
  // Derived metrics follow the kept final values in rows and summaries, and analyses may use them.
  metrics = [...metrics, ...derived.map((d) => d.name)];
  const analysis = parseAnalysis(raw.analysis, metrics, issues);
  if (spec) {
    for (const n of designParameterNames(spec)) {
      if (FIXED_COLUMNS.includes(n) || metrics.includes(n))
        issues.push({
          path: `design.parameters.${n}`,
          value: n,
          rule: 'collides with an output column of the same name',
        });
    }
  }
  if (issues.length > 0) throw new ScenarioError(issues);

  // Before anything is allocated: what the design and its runs would cost.
  const units = scenarioUnits(baseScenario.data);
  const cost = experimentCost(spec!, designSize(spec!), replicates, cycles, units);
  const large = (Object.keys(LARGE_LIMITS) as (keyof CostLimits)[]).every((k) => limits[k] >= LARGE_LIMITS[k]);
  const over = checkCost(spec!, cost, limits, large, { replicates: raw.replicates, cycles, units });
  if (over.length > 0) throw new CostLimitError(over);

  const design = buildDesign(spec!, registry, seed, params);
  // Cross-field rules (e.g. weightNational + weightType ≤ 1) on every point, up to a bound.
  {
    let bad = 0;
    const n = Math.min(design.size, MAX_CHECKED_POINTS);
    for (let i = 0; i < n; i++) {
      const point = design.point(i);
      const cross: Issue[] = [];
      model.validate(baseScenario.data, baseScenario.events, { ...params, ...point }, cross);
      if (cross.length === 0) continue;
      bad++;
      if (bad <= MAX_POINT_ISSUES) {
        for (const c of cross)
          issues.push({ path: `design.point[${i}].${c.path.replace(/^params\./, '')}`, value: c.value, rule: c.rule });
      }
    }
    if (bad > MAX_POINT_ISSUES)
      issues.push({
        path: 'design',
        value: bad,
        rule: `has ${bad - MAX_POINT_ISSUES} more points that break a rule of the model`,
      });
    if (issues.length > 0) throw new ScenarioError(issues);
  }

  const scenario: Scenario = { ...baseScenario, params };
  return {
    raw,
    name: raw.name as string,
    ...(raw.description !== undefined ? { description: raw.description as string | Text } : {}),
    model,
    baseScenario,
    scenario,
    seed,
    replicates,
    cycles,
    set,
    metrics,
    derived,
    seriesMetrics,
    design,
    analysis,
  };
}

const compiled = new WeakMap<Experiment, Promise<DerivedSet | null>>();

/**
 * The experiment's derived metrics compiled over its kept final values (null when it has none),
 * once per experiment. Rejects with ScenarioError naming each bad expression, its position and why.
 */
export function experimentDerived(exp: Experiment): Promise<DerivedSet | null> {
  let p = compiled.get(exp);
  if (!p) {
    p = exp.derived.length === 0 ? Promise.resolve(null) : compileDerived(exp.derived, keptFinalValues(exp));
    compiled.set(exp, p);
  }
  return p;
}

/**
 * The resolved scenario written as a scenario file (model data at the top level, every parameter
 * given): `parseScenario` of it gives back the same scenario, so a manifest can embed it and a
 * rerun needs no other file.
 */
export function scenarioAsFile(s: Scenario): Record<string, unknown> {
  return {
    formatVersion: 1,
    name: s.name,
    model: s.model,
    ...(s.description !== undefined ? { description: s.description } : {}),
    params: s.params,
    events: s.events,
    meta: s.meta,
    ...s.data,
  };
}
