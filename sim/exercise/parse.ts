import { canonicalJson } from '../engine/canonical.ts';
import { loadScenario } from '../context.ts';
import { ScenarioError, type Issue } from '../engine/errors.ts';
import type { Scenario, ScenarioEvent, Text } from '../engine/model.ts';
import { hashHex } from '../engine/hash.ts';
import { finalKeys } from '../experiment/experiment.ts';
import { governanceModel } from '../model/governance.ts';
import { bundledScenario } from '../scenarios.ts';
import { DEFAULT_CENTRE_LEVERS, isParticipantLever } from './levers.ts';
import { PROVINCE_METRIC_NAMES } from './provinceMetrics.ts';
import {
  DIRECTIONS,
  ROLES,
  UNDECIDED_RULES,
  type Direction,
  type Exercise,
  type Objective,
  type Role,
  type Scope,
  type TimeLimit,
  type UndecidedRule,
} from './types.ts';
import { isObject } from '../engine/isObject.ts';

export const EXERCISE_FORMAT_VERSION = 1;
export const EXERCISE_KIND = 'concerto-exercise';
export const MAX_ROUNDS = 60;
const KEYS = [
  'formatVersion',
  'kind',
  'id',
  'title',
  'briefing',
  'role',
  'province',
  'scenario',
  'seed',
  'rounds',
  'events',
  'objectives',
  'timeLimit',
  'levers',
  'meta',
];

const wholeIn = (v: unknown, lo: number, hi: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;

/** Whether a parsed JSON document declares itself an exercise file (`"kind": "concerto-exercise"`). */
export function isExerciseFile(raw: unknown): boolean {
  return isObject(raw) && raw.kind === EXERCISE_KIND;
}

/** The metric names an objective may use: the model's final values, or the province played. */
export function objectiveMetrics(scope: Scope): readonly string[] {
  return scope === 'province' ? PROVINCE_METRIC_NAMES : finalKeys(governanceModel);
}

function text(raw: Record<string, unknown>, key: string, max: number, issues: Issue[], path = key): Text | null {
  const v = raw[key];
  const ok = (s: unknown) => typeof s === 'string' && s.trim().length > 0 && s.length <= max;
  if (!isObject(v) || !ok(v.en) || !ok(v.vi) || Object.keys(v).some((k) => k !== 'en' && k !== 'vi')) {
    issues.push({ path, value: v, rule: `must be { "en": text, "vi": text }, each 1–${max} characters` });
    return null;
  }
  return { en: v.en as string, vi: v.vi as string };
}

/** The model a raw scenario names, following `extends` (the parser's default is governance). */
function modelOf(raw: unknown, depth = 0): unknown {
  if (!isObject(raw)) return undefined;
  if (raw.model !== undefined) return raw.model;
  if (typeof raw.extends === 'string' && depth < 4) return modelOf(bundledScenario(raw.extends), depth + 1);
  return governanceModel.id;
}

/**
 * The scenario an exercise plays: a bundled scenario extended by the exercise's scripted events, or
 * an inline scenario with them appended. The scenario's own problems come back under `scenario.`,
 * the scripted events' under `events[i]` as the exercise file numbers them.
 */
function resolveScenario(source: unknown, events: unknown[], issues: Issue[], id: string): Scenario | null {
  let raw: Record<string, unknown>;
  let own = 0;
  if (typeof source === 'string') {
    const base = bundledScenario(source);
    if (base === undefined) {
      issues.push({
        path: 'scenario',
        value: source,
        rule: 'must name a bundled scenario or be an inline scenario object',
      });
      return null;
    }
    raw = { formatVersion: 1, name: `exercise-${id}`, extends: source, events };
  } else if (isObject(source)) {
    const inline = Array.isArray(source.events) ? source.events : [];
    if (source.events !== undefined && !Array.isArray(source.events)) {
      issues.push({ path: 'scenario.events', value: source.events, rule: 'must be an array' });
      return null;
    }
    own = inline.length;
    raw = { ...source, events: [...inline, ...events] };
  } else {
    issues.push({
      path: 'scenario',
      value: source,
      rule: 'must name a bundled scenario or be an inline scenario object',
    });
    return null;
  }
  // Checked first: another model's event kinds would otherwise hide the real problem.
  const model = modelOf(typeof source === 'string' ? bundledScenario(source) : source);
  if (model !== governanceModel.id) {
    issues.push({
      path: 'scenario',
      value: source,
      rule: `must be a ${governanceModel.id} scenario (its decision points are what the participant plays)`,
    });
    return null;
  }
  try {
    return loadScenario(raw);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    for (const i of err.issues) {
      const m = /^events\[(\d+)\](.*)$/.exec(i.path);
      if (m && Number(m[1]) >= own) issues.push({ ...i, path: `events[${Number(m[1]) - own}]${m[2]}` });
      else issues.push({ ...i, path: i.path ? `scenario.${i.path}` : 'scenario' });
    }
    return null;
  }
}

function parseObjectives(raw: unknown, hasProvince: boolean, issues: Issue[]): Objective[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length > 12) {
    issues.push({ path: 'objectives', value: raw, rule: 'must be an array of at most 12 objectives' });
    return [];
  }
  const out: Objective[] = [];
  raw.forEach((o, i) => {
    const p = `objectives[${i}]`;
    if (!isObject(o)) return void issues.push({ path: p, value: o, rule: 'must be an object' });
    for (const k of Object.keys(o))
      if (!['metric', 'scope', 'target', 'direction', 'text'].includes(k))
        issues.push({ path: `${p}.${k}`, value: o[k], rule: 'is not an objective field' });
    // Only an absent scope means national: `null` is a value, and a wrong one.
    const scope = (o.scope === undefined ? 'national' : o.scope) as Scope;
    if (scope !== 'national' && scope !== 'province')
      issues.push({ path: `${p}.scope`, value: o.scope, rule: 'must be "national" or "province"' });
    else if (scope === 'province' && !hasProvince)
      issues.push({
        path: `${p}.scope`,
        value: o.scope,
        rule: 'a province objective needs the exercise\'s "province"',
      });
    const names = objectiveMetrics(scope === 'province' ? 'province' : 'national');
    if (typeof o.metric !== 'string' || !names.includes(o.metric))
      issues.push({ path: `${p}.metric`, value: o.metric, rule: `must be one of ${names.join(' | ')}` });
    if (typeof o.target !== 'number' || !Number.isFinite(o.target))
      issues.push({ path: `${p}.target`, value: o.target, rule: 'must be a finite number' });
    if (!DIRECTIONS.includes(o.direction as Direction))
      issues.push({ path: `${p}.direction`, value: o.direction, rule: `must be one of ${DIRECTIONS.join(' | ')}` });
    const t = text(o, 'text', 300, issues, `${p}.text`);
    if (t && typeof o.metric === 'string' && typeof o.target === 'number') {
      out.push({ metric: o.metric, scope, target: o.target, direction: o.direction as Direction, text: t });
    }
  });
  return out;
}

function parseTimeLimit(raw: unknown, issues: Issue[]): TimeLimit | null {
  if (raw === undefined || raw === null) return null;
  if (!isObject(raw)) {
    issues.push({
      path: 'timeLimit',
      value: raw,
      rule: 'must be { "seconds": 10–3600, "undecided": "approve" | "reject" | "model" }',
    });
    return null;
  }
  for (const k of Object.keys(raw))
    if (k !== 'seconds' && k !== 'undecided')
      issues.push({ path: `timeLimit.${k}`, value: raw[k], rule: 'is not a time-limit field' });
  const okSeconds = wholeIn(raw.seconds, 10, 3600);
  if (!okSeconds)
    issues.push({ path: 'timeLimit.seconds', value: raw.seconds, rule: 'must be a whole number in [10, 3600]' });
  const okRule = UNDECIDED_RULES.includes(raw.undecided as UndecidedRule);
  if (!okRule)
    issues.push({
      path: 'timeLimit.undecided',
      value: raw.undecided,
      rule: `must be one of ${UNDECIDED_RULES.join(' | ')}`,
    });
  return okSeconds && okRule ? { seconds: raw.seconds as number, undecided: raw.undecided as UndecidedRule } : null;
}

function parseLevers(raw: unknown, role: Role, issues: Issue[]): string[] {
  if (raw === undefined) return role === 'centre' ? [...DEFAULT_CENTRE_LEVERS] : [];
  if (role !== 'centre') {
    issues.push({
      path: 'levers',
      value: raw,
      rule: 'only the centre role sets levers (a province sets its allocation)',
    });
    return [];
  }
  if (!Array.isArray(raw)) {
    issues.push({ path: 'levers', value: raw, rule: 'must be an array of parameter names' });
    return [];
  }
  const out: string[] = [];
  raw.forEach((name, i) => {
    if (typeof name !== 'string' || !isParticipantLever(name))
      issues.push({ path: `levers[${i}]`, value: name, rule: 'must be a numeric lever that may change during a run' });
    else if (out.includes(name)) issues.push({ path: `levers[${i}]`, value: name, rule: 'must be unique' });
    else out.push(name);
  });
  return out;
}

/**
 * The issues of a nested document's parse, their paths put under `prefix` (`exercise.rounds`, or
 * `exercise` itself for the root). Anything that is not a ScenarioError is rethrown as it is.
 */
export function prefixedIssues(err: unknown, prefix: string): Issue[] {
  if (err instanceof ScenarioError)
    return err.issues.map((i) => ({ ...i, path: i.path ? `${prefix}.${i.path}` : prefix }));
  throw err;
}

/**
 * The exercise a result, save or workshop log carries in its `exercise` field. When it does not parse,
 * throws one ScenarioError with the file's own `issues` found so far, then the exercise's, under `exercise.`.
 */
export function embeddedExercise(value: unknown, issues: readonly Issue[]): Exercise {
  try {
    return parseExercise(value);
  } catch (err) {
    throw new ScenarioError([...issues, ...prefixedIssues(err, 'exercise')]);
  }
}

/**
 * Validate an exercise file (docs/formats.md, "Exercise files") and resolve its scenario.
 * Throws ScenarioError listing every problem, each named by its path and value, so the CLI's
 * `concerto validate` can print it like a scenario's.
 */
export function parseExercise(raw: unknown): Exercise {
  const issues: Issue[] = [];
  if (!isObject(raw)) throw new ScenarioError([{ path: '', value: raw, rule: 'an exercise must be a JSON object' }]);
  for (const k of Object.keys(raw))
    if (!KEYS.includes(k)) issues.push({ path: k, value: raw[k], rule: 'is not an exercise field' });
  if (raw.formatVersion !== EXERCISE_FORMAT_VERSION)
    issues.push({ path: 'formatVersion', value: raw.formatVersion, rule: `must be ${EXERCISE_FORMAT_VERSION}` });
  if (raw.kind !== EXERCISE_KIND) issues.push({ path: 'kind', value: raw.kind, rule: `must be "${EXERCISE_KIND}"` });
  const idOk = typeof raw.id === 'string' && /^[a-z0-9][a-z0-9-]{0,47}$/.test(raw.id);
  if (!idOk)
    issues.push({
      path: 'id',
      value: raw.id,
      rule: 'must be 1–48 lowercase letters, digits or "-", starting with a letter or digit',
    });
  const id = idOk ? (raw.id as string) : 'exercise';
  const title = text(raw, 'title', 120, issues);
  const briefing = text(raw, 'briefing', 4000, issues);
  const role = raw.role as Role;
  const roleOk = ROLES.includes(role);
  if (!roleOk) issues.push({ path: 'role', value: raw.role, rule: `must be one of ${ROLES.join(' | ')}` });
  if (!wholeIn(raw.seed, 0, 0xffffffff))
    issues.push({ path: 'seed', value: raw.seed, rule: 'must be a whole number in [0, 4294967295]' });
  const roundsOk = wholeIn(raw.rounds, 2, MAX_ROUNDS);
  if (!roundsOk)
    issues.push({ path: 'rounds', value: raw.rounds, rule: `must be a whole number in [2, ${MAX_ROUNDS}]` });

  let events: unknown[] = [];
  if (raw.events !== undefined) {
    if (!Array.isArray(raw.events))
      issues.push({ path: 'events', value: raw.events, rule: 'must be an array of scenario events' });
    else {
      events = raw.events;
      events.forEach((e, i) => {
        const c = isObject(e) ? e.cycle : undefined;
        if (roundsOk && typeof c === 'number' && Number.isInteger(c) && c > (raw.rounds as number)) {
          issues.push({
            path: `events[${i}].cycle`,
            value: c,
            rule: `must be ≤ rounds (${raw.rounds as number}): an event after the last round never happens`,
          });
        }
      });
    }
  }
  const scenario = resolveScenario(raw.scenario, events, issues, id);

  let province: string | null = null;
  let provinceIndex: number | null = null;
  if (raw.province !== undefined) {
    const ids = scenario ? (scenario.data.provinces as { id: string }[]).map((p) => p.id) : null;
    if (typeof raw.province !== 'string')
      issues.push({ path: 'province', value: raw.province, rule: 'must be a province id of the scenario' });
    else if (ids && !ids.includes(raw.province))
      issues.push({
        path: 'province',
        value: raw.province,
        rule: `must be a province id of the scenario (${ids.slice(0, 4).join(', ')}, …)`,
      });
    else {
      province = raw.province;
      provinceIndex = ids ? ids.indexOf(raw.province) : null;
    }
  } else if (role === 'province')
    issues.push({
      path: 'province',
      value: raw.province,
      rule: 'the province role needs the id of the province played',
    });

  const objectives = parseObjectives(raw.objectives, raw.province !== undefined, issues);
  const timeLimit = parseTimeLimit(raw.timeLimit, issues);
  const levers = roleOk ? parseLevers(raw.levers, role, issues) : [];
  if (raw.meta !== undefined && !isObject(raw.meta))
    issues.push({ path: 'meta', value: raw.meta, rule: 'must be an object' });

  if (issues.length > 0 || !scenario || !title || !briefing)
    throw new ScenarioError(issues.length > 0 ? issues : [{ path: '', value: raw, rule: 'is not a valid exercise' }]);
  return {
    formatVersion: 1,
    kind: 'concerto-exercise',
    id,
    title,
    briefing,
    role,
    province,
    provinceIndex,
    scenario,
    seed: raw.seed as number,
    rounds: raw.rounds as number,
    events: events as ScenarioEvent[],
    objectives,
    timeLimit,
    levers,
    raw,
    hash: hashHex(canonicalJson(raw)),
  };
}
