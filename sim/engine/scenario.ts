import { ScenarioError, type Issue } from './errors.ts';
import type { AnyModel, Params, Scenario, ScenarioEvent } from './model.ts';
import { resolveParams } from './params.ts';
import { isObject } from './isObject.ts';

export const SCENARIO_FORMAT_VERSION = 1;
const COMMON_KEYS = ['formatVersion', 'name', 'model', 'extends', 'description', 'params', 'events', 'meta'];

export interface ParseContext {
  /** Look up a model by id (the engine's model registry). */
  model(id: string): AnyModel | undefined;
  /** Raw content of a bundled scenario, for `extends`. */
  bundled(name: string): unknown;
}

/**
 * Validate a scenario file and resolve it: `extends` pulls in a bundled base (its data, then
 * its params overlaid by ours, its events then ours), registry defaults fill every parameter.
 * Throws ScenarioError listing every problem with its path and value.
 */
export function parseScenario(raw: unknown, ctx: ParseContext): Scenario {
  const issues: Issue[] = [];
  const scenario = parseInto(raw, ctx, issues, 0);
  if (issues.length > 0 || !scenario) throw new ScenarioError(issues);
  return scenario;
}

function parseInto(raw: unknown, ctx: ParseContext, issues: Issue[], depth: number): Scenario | null {
  if (!isObject(raw)) {
    issues.push({ path: '', value: raw, rule: 'a scenario must be a JSON object' });
    return null;
  }
  const fv = raw.formatVersion;
  if (fv !== SCENARIO_FORMAT_VERSION)
    issues.push({ path: 'formatVersion', value: fv, rule: `must be ${SCENARIO_FORMAT_VERSION}` });
  if (typeof raw.name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(raw.name)) {
    issues.push({ path: 'name', value: raw.name, rule: 'must be 1–64 characters of letters, digits, ".", "_" or "-"' });
  }
  if (
    raw.description !== undefined &&
    typeof raw.description !== 'string' &&
    !(isObject(raw.description) && typeof raw.description.en === 'string' && typeof raw.description.vi === 'string')
  ) {
    issues.push({ path: 'description', value: raw.description, rule: 'must be a string or { "en": …, "vi": … }' });
  }

  let base: Scenario | null = null;
  if (raw.extends !== undefined) {
    const b = typeof raw.extends === 'string' && depth < 4 ? ctx.bundled(raw.extends) : undefined;
    if (b === undefined) issues.push({ path: 'extends', value: raw.extends, rule: 'must name a bundled scenario' });
    else {
      const baseIssues: Issue[] = [];
      base = parseInto(b, ctx, baseIssues, depth + 1);
      for (const i of baseIssues) issues.push({ ...i, path: `extends(${String(raw.extends)}).${i.path}` });
    }
  }

  const modelId = raw.model === undefined ? (base?.model ?? 'governance') : raw.model;
  const model = typeof modelId === 'string' ? ctx.model(modelId) : undefined;
  if (!model) {
    issues.push({ path: 'model', value: raw.model, rule: 'must name a known model' });
    return null;
  }
  if (base && base.model !== model.id)
    issues.push({
      path: 'model',
      value: raw.model,
      rule: `must match the model of the extended scenario (${base.model})`,
    });

  const allowed = new Set([...COMMON_KEYS, ...model.dataKeys]);
  for (const key of Object.keys(raw)) {
    if (!allowed.has(key)) issues.push({ path: key, value: raw[key], rule: 'is not a scenario field' });
  }

  const baseParams: Params = base ? base.params : {};
  const paramIssuesStart = issues.length;
  let params: Params;
  if (raw.params !== undefined && !isObject(raw.params)) {
    issues.push({ path: 'params', value: raw.params, rule: 'must be an object of parameter values' });
    params = resolveParams(model.params, baseParams, 'params', issues);
  } else {
    params = resolveParams(
      model.params,
      { ...baseParams, ...(raw.params as Record<string, unknown> | undefined) },
      'params',
      issues,
    );
  }
  void paramIssuesStart;

  const events: ScenarioEvent[] = base ? [...base.events] : [];
  if (raw.events !== undefined) {
    if (!Array.isArray(raw.events)) issues.push({ path: 'events', value: raw.events, rule: 'must be an array' });
    else {
      raw.events.forEach((e, i) => {
        const p = `events[${i}]`;
        if (!isObject(e)) {
          issues.push({ path: p, value: e, rule: 'must be an object' });
          return;
        }
        if (typeof e.cycle !== 'number' || !Number.isInteger(e.cycle) || e.cycle < 1) {
          issues.push({ path: `${p}.cycle`, value: e.cycle, rule: 'must be a whole number ≥ 1' });
        }
        if (typeof e.kind !== 'string' || !model.eventKinds.includes(e.kind)) {
          issues.push({ path: `${p}.kind`, value: e.kind, rule: `must be one of ${model.eventKinds.join(' | ')}` });
        }
        events.push(e as ScenarioEvent);
      });
    }
  }

  if (raw.meta !== undefined && !isObject(raw.meta))
    issues.push({ path: 'meta', value: raw.meta, rule: 'must be an object' });

  const data: Record<string, unknown> = base ? { ...base.data } : {};
  for (const key of model.dataKeys) if (raw[key] !== undefined) data[key] = raw[key];

  // The model sees only events of its own kinds (the others are reported above): a model looks
  // fields up by kind, and a kind like "constructor" or "toString" would find an inherited built-in.
  const known: number[] = [];
  events.forEach((e, i) => {
    if (typeof e.kind === 'string' && model.eventKinds.includes(e.kind)) known.push(i);
  });
  const eventIssues: Issue[] = [];
  model.validate(data, known.length === events.length ? events : known.map((i) => events[i]!), params, eventIssues);
  // Events inherited from the base are reported under the base's own paths.
  const baseCount = base ? base.events.length : 0;
  for (const i0 of eventIssues) {
    const k = /^events\[(\d+)\](.*)$/.exec(i0.path);
    const i = k ? { ...i0, path: `events[${known[Number(k[1])] ?? Number(k[1])}]${k[2]}` } : i0;
    const m = /^events\[(\d+)\](.*)$/.exec(i.path);
    if (m && base) {
      const idx = Number(m[1]);
      issues.push(
        idx < baseCount
          ? { ...i, path: `extends.events[${idx}]${m[2]}` }
          : { ...i, path: `events[${idx - baseCount}]${m[2]}` },
      );
    } else issues.push(i);
  }

  const description = (raw.description ?? base?.description) as Scenario['description'];
  return {
    formatVersion: 1,
    name: typeof raw.name === 'string' ? raw.name : '',
    model: model.id,
    ...(description !== undefined ? { description } : {}),
    params,
    events,
    meta: { ...(base?.meta ?? {}), ...((isObject(raw.meta) ? raw.meta : {}) as Record<string, unknown>) },
    data,
  };
}
