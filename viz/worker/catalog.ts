// What every part of the session worker shares: the catalog of models and bundled scenarios, and
// scenarios resolved from a source (a bundled name or a file's JSON) with levers overlaid.
import { loadScenario } from '../../sim/context.ts';
import { ScenarioError, type Issue } from '../../sim/engine/errors.ts';
import type { AnyModel, ParamValue, Scenario } from '../../sim/engine/model.ts';
import { SEED_SCHEME } from '../../sim/engine/rng.ts';
import { MODELS } from '../../sim/models.ts';
import { BUNDLED_SCENARIOS } from '../../sim/scenarios.ts';
import pkg from '../../package.json' with { type: 'json' };
import type { Catalog, ModelInfo, Result, ScenarioInfo, Source } from './protocol.ts';

/** Concerto's version, as in package.json (manifests record it). */
export const CONCERTO_VERSION: string = pkg.version;

export function modelInfo(m: AnyModel): ModelInfo {
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

export function issuesOf(err: unknown): Issue[] {
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
