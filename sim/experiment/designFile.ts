// The `design` field of an experiment file (docs/formats.md §7): factorial levels, LHS, Sobol and
// Morris ranges, or explicit points, each checked against the model's parameter registry and the
// cost limits, with every problem named by its path and value.
import type { Issue } from '../engine/errors.ts';
import { isObject } from '../engine/isObject.ts';
import type { Params, ParamSpec, ParamValue } from '../engine/model.ts';
import { checkParam } from '../engine/params.ts';
import { DESIGN_TYPES, designSize, type DesignSpec, type Range } from './design.ts';
import { SOBOL_MAX_DIMENSIONS } from './stats/index.ts';

export const MAX_POINTS = 10_000_000;
/** Problems named one by one before the rest are counted. */
export const MAX_POINT_ISSUES = 10;

/** A whole number in [lo, hi] at `raw[key]`, or undefined (with an issue when present but wrong). */
export function wholeIn(
  raw: Record<string, unknown>,
  key: string,
  lo: number,
  hi: number,
  issues: Issue[],
  path = key,
): number | undefined {
  const v = raw[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
    issues.push({ path, value: v, rule: `must be a whole number in [${lo}, ${hi}]` });
    return undefined;
  }
  return v;
}

export function designParameterNames(spec: DesignSpec): string[] {
  if (spec.type === 'points') {
    const names: string[] = [];
    for (const p of spec.points) for (const n of Object.keys(p)) if (!names.includes(n)) names.push(n);
    return names;
  }
  return Object.keys(spec.parameters);
}

function wholeField(
  d: Record<string, unknown>,
  key: string,
  lo: number,
  hi: number,
  fallback: number | undefined,
  issues: Issue[],
): number | undefined {
  if (d[key] === undefined) {
    if (fallback === undefined)
      issues.push({ path: `design.${key}`, value: undefined, rule: `is required: a whole number in [${lo}, ${hi}]` });
    return fallback;
  }
  return wholeIn(d, key, lo, hi, issues, `design.${key}`);
}

/** The parameter of a design entry, or an issue: known, not fixed by `set`. */
function designParam(
  name: string,
  value: unknown,
  path: string,
  byName: Map<string, ParamSpec>,
  set: Params,
  issues: Issue[],
): ParamSpec | undefined {
  const spec = byName.get(name);
  if (!spec) {
    issues.push({ path, value, rule: 'is not a parameter of this model' });
    return undefined;
  }
  if (set[name] !== undefined) {
    issues.push({ path, value, rule: `is also fixed in set (set.${name})` });
    return undefined;
  }
  return spec;
}

/** The problems of one point of a `points` design (only counted, past the first few). */
function checkPoint(p: unknown, path: string, byName: Map<string, ParamSpec>, set: Params, issues: Issue[]): void {
  if (!isObject(p)) return void issues.push({ path, value: p, rule: 'must be an object of parameter values' });
  for (const [name, v] of Object.entries(p)) {
    const pspec = designParam(name, v, `${path}.${name}`, byName, set, issues);
    const rule = pspec ? checkParam(pspec, v) : null;
    if (rule) issues.push({ path: `${path}.${name}`, value: v, rule });
  }
}

function parseRanges(
  d: Record<string, unknown>,
  byName: Map<string, ParamSpec>,
  set: Params,
  issues: Issue[],
): Record<string, Range> | null {
  if (!isObject(d.parameters) || Object.keys(d.parameters).length === 0) {
    issues.push({
      path: 'design.parameters',
      value: d.parameters,
      rule: 'must be an object of { "min", "max" } ranges, one per varied parameter',
    });
    return null;
  }
  const out: Record<string, Range> = {};
  for (const [name, r] of Object.entries(d.parameters)) {
    const path = `design.parameters.${name}`;
    const spec = designParam(name, r, path, byName, set, issues);
    if (!spec) continue;
    if (spec.kind === 'choice') {
      issues.push({
        path,
        value: r,
        rule: 'is a choice parameter: it takes listed values (a factorial or points design), not a range',
      });
      continue;
    }
    if (!isObject(r)) {
      issues.push({ path, value: r, rule: 'must be { "min": number, "max": number }' });
      continue;
    }
    let ok = true;
    for (const key of Object.keys(r)) {
      if (key !== 'min' && key !== 'max') {
        issues.push({ path: `${path}.${key}`, value: r[key], rule: 'is not a range field (min, max)' });
        ok = false;
      }
    }
    for (const key of ['min', 'max'] as const) {
      const rule = checkParam(spec, r[key]);
      if (rule) {
        issues.push({ path: `${path}.${key}`, value: r[key], rule });
        ok = false;
      }
    }
    if (ok && (r.min as number) > (r.max as number)) {
      issues.push({ path: `${path}.max`, value: r.max, rule: `must be ≥ min (${r.min as number})` });
      ok = false;
    }
    if (ok) out[name] = { min: r.min as number, max: r.max as number };
  }
  return out;
}

/** Validate `design`; returns null (with issues) when it cannot be used. */
export function parseDesign(
  raw: unknown,
  registry: readonly ParamSpec[],
  set: Params,
  issues: Issue[],
): DesignSpec | null {
  const start = issues.length;
  if (!isObject(raw)) {
    issues.push({ path: 'design', value: raw, rule: `must be an object with "type" (${DESIGN_TYPES.join(' | ')})` });
    return null;
  }
  const byName = new Map(registry.map((p) => [p.name, p]));
  const type = raw.type;
  const allowedKeys: Record<string, string[]> = {
    factorial: ['type', 'parameters'],
    points: ['type', 'points'],
    lhs: ['type', 'samples', 'parameters'],
    sobol: ['type', 'samples', 'skip', 'parameters'],
    morris: ['type', 'trajectories', 'levels', 'parameters'],
  };
  if (typeof type !== 'string' || !(DESIGN_TYPES as readonly string[]).includes(type)) {
    issues.push({ path: 'design.type', value: type, rule: `must be one of ${DESIGN_TYPES.join(' | ')}` });
    return null;
  }
  for (const key of Object.keys(raw))
    if (!allowedKeys[type]!.includes(key))
      issues.push({ path: `design.${key}`, value: raw[key], rule: `is not a field of a ${type} design` });

  let spec: DesignSpec | null = null;
  if (type === 'factorial') {
    if (!isObject(raw.parameters) || Object.keys(raw.parameters).length === 0) {
      issues.push({
        path: 'design.parameters',
        value: raw.parameters,
        rule: 'must be an object of value lists, one per varied parameter',
      });
      return null;
    }
    const parameters: Record<string, ParamValue[]> = {};
    for (const [name, list] of Object.entries(raw.parameters)) {
      const path = `design.parameters.${name}`;
      const pspec = designParam(name, list, path, byName, set, issues);
      if (!pspec) continue;
      if (!Array.isArray(list) || list.length === 0) {
        issues.push({ path, value: list, rule: 'must be a non-empty list of values' });
        continue;
      }
      const seen = new Set<ParamValue>();
      // A list can hold millions of bad values: the first few are named, the rest counted.
      let bad = 0;
      list.forEach((v, i) => {
        const rule = checkParam(pspec, v) ?? (seen.has(v as ParamValue) ? 'must not repeat a value' : null);
        if (rule === null) {
          seen.add(v as ParamValue);
          return;
        }
        if (++bad <= MAX_POINT_ISSUES) issues.push({ path: `${path}[${i}]`, value: v, rule });
      });
      if (bad > MAX_POINT_ISSUES)
        issues.push({ path, value: bad, rule: `has ${bad - MAX_POINT_ISSUES} more values that break a rule` });
      parameters[name] = list as ParamValue[];
    }
    spec = { type, parameters };
  } else if (type === 'points') {
    if (!Array.isArray(raw.points) || raw.points.length === 0) {
      issues.push({
        path: 'design.points',
        value: raw.points,
        rule: 'must be a non-empty list of { parameter: value } objects',
      });
      return null;
    }
    const points: Params[] = [];
    const before = issues.length;
    let extra = 0;
    raw.points.forEach((p, i) => {
      // Past the first few problems, points are only counted (a list can hold millions).
      if (issues.length - before >= MAX_POINT_ISSUES) {
        const bad: Issue[] = [];
        checkPoint(p, `design.points[${i}]`, byName, set, bad);
        if (bad.length > 0) extra++;
        return;
      }
      const path = `design.points[${i}]`;
      if (!isObject(p)) return void issues.push({ path, value: p, rule: 'must be an object of parameter values' });
      const point: Params = {};
      for (const [name, v] of Object.entries(p)) {
        const pspec = designParam(name, v, `${path}.${name}`, byName, set, issues);
        if (!pspec) continue;
        const rule = checkParam(pspec, v);
        if (rule) issues.push({ path: `${path}.${name}`, value: v, rule });
        else point[name] = v as ParamValue;
      }
      points.push(point);
    });
    if (extra > 0)
      issues.push({ path: 'design.points', value: extra, rule: `has ${extra} more points that break a rule` });
    spec = { type, points };
  } else {
    const parameters = parseRanges(raw, byName, set, issues);
    const k = parameters ? Object.keys(parameters).length : 0;
    if (type === 'lhs') {
      const samples = wholeField(raw, 'samples', 1, MAX_POINTS, undefined, issues);
      if (parameters && samples !== undefined) spec = { type, samples, parameters };
    } else if (type === 'sobol') {
      const samples = wholeField(raw, 'samples', 2, MAX_POINTS, undefined, issues);
      const skip = wholeField(raw, 'skip', 0, 2 ** 31, 0, issues);
      if (k > Math.floor(SOBOL_MAX_DIMENSIONS / 2))
        issues.push({
          path: 'design.parameters',
          value: k,
          rule: `must vary at most ${Math.floor(SOBOL_MAX_DIMENSIONS / 2)} parameters (2k Sobol dimensions)`,
        });
      if (parameters && samples !== undefined && skip !== undefined) spec = { type, samples, skip, parameters };
    } else {
      const trajectories = wholeField(raw, 'trajectories', 2, MAX_POINTS, undefined, issues);
      const levels = wholeField(raw, 'levels', 2, 1000, 4, issues);
      if (levels !== undefined && levels % 2 !== 0)
        issues.push({ path: 'design.levels', value: levels, rule: 'must be even (Morris pairs level ℓ with ℓ + p/2)' });
      if (parameters && trajectories !== undefined && levels !== undefined)
        spec = { type: 'morris', trajectories, levels, parameters };
    }
  }
  if (issues.length > start || !spec) return null;
  const size = designSize(spec);
  if (size > MAX_POINTS) {
    issues.push({ path: 'design', value: size, rule: `must yield at most ${MAX_POINTS} points` });
    return null;
  }
  return spec;
}
