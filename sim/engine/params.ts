import type { Issue } from './errors.ts';
import type { ParamSpec, ParamValue, Params } from './model.ts';

/** Check one value against its registry entry; returns the rule it breaks, or null. */
export function checkParam(spec: ParamSpec, value: unknown): string | null {
  if (spec.kind === 'choice') {
    if (typeof value !== 'string' || !spec.choices!.includes(value))
      return `must be one of ${spec.choices!.join(' | ')}`;
    return null;
  }
  if (typeof value !== 'number') return 'must be a number';
  if (!Number.isFinite(value)) return 'must be a finite number';
  if (spec.kind === 'integer' && !Number.isInteger(value)) return 'must be a whole number';
  if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
    return `must be in [${spec.min}, ${spec.max}]`;
  }
  return null;
}

/** Registry defaults overlaid with `given`; every unknown or bad entry becomes an issue under `path`. */
export function resolveParams(registry: readonly ParamSpec[], given: unknown, path: string, issues: Issue[]): Params {
  const out: Params = {};
  for (const spec of registry) out[spec.name] = spec.default;
  if (given === undefined) return out;
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    issues.push({ path, value: given, rule: 'must be an object of parameter values' });
    return out;
  }
  const byName = new Map(registry.map((p) => [p.name, p]));
  for (const [name, value] of Object.entries(given as Record<string, unknown>)) {
    const spec = byName.get(name);
    if (!spec) {
      issues.push({ path: `${path}.${name}`, value, rule: 'is not a parameter of this model' });
      continue;
    }
    const rule = checkParam(spec, value);
    if (rule) issues.push({ path: `${path}.${name}`, value, rule });
    else out[name] = value as ParamValue;
  }
  return out;
}

/**
 * Parse a command-line `name=value` assignment against the registry. Text is read as a
 * number for numeric parameters ("NaN", "Infinity" and "" are rejected, never masked).
 */
export function parseAssignment(
  registry: readonly ParamSpec[],
  text: string,
  issues: Issue[],
): [string, ParamValue] | null {
  const eq = text.indexOf('=');
  if (eq <= 0) {
    issues.push({ path: '--set', value: text, rule: 'must be name=value' });
    return null;
  }
  const name = text.slice(0, eq);
  const raw = text.slice(eq + 1);
  const spec = registry.find((p) => p.name === name);
  if (!spec) {
    issues.push({ path: `--set ${name}`, value: raw, rule: 'is not a parameter of this model' });
    return null;
  }
  const value: ParamValue = spec.kind === 'choice' ? raw : raw.trim() === '' ? Number.NaN : Number(raw);
  const rule = checkParam(spec, value);
  if (rule) {
    issues.push({ path: `--set ${name}`, value: spec.kind === 'choice' ? raw : raw, rule });
    return null;
  }
  return [name, value];
}

/** Numeric parameter read, for model code that has already been validated. */
export function num(params: Params, name: string): number {
  return params[name] as number;
}
