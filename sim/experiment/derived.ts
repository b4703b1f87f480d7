// Derived metrics (docs/formats.md §7): named expressions over a run's final values, such as
// `"balanced": "min(coherence, innovation)"`, computed after the run and kept beside its final
// values, so summaries, comparisons and analyses treat them like any other metric. This module
// checks names and holds the types; expressions are parsed and evaluated in ./expressions.ts, the
// one module that imports mathjs, loaded on first use so that code which never evaluates an
// expression does not carry it.
import { ScenarioError, type Issue } from '../engine/errors.ts';

export interface DerivedMetric {
  name: string;
  expression: string;
}

/** Every derived metric of one run from its final values (a boolean result counts 1 or 0). */
export type DerivedEvaluator = (final: Readonly<Record<string, number>>) => Record<string, number>;

/** The set of expressions with their evaluator, as a comparison or a sweep carries them. */
export interface DerivedSet {
  metrics: DerivedMetric[];
  evaluate: DerivedEvaluator;
}

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
export const MAX_DERIVED = 32;

/**
 * The `derived` field `{ name: expression, … }` of an experiment file (or `--derived name=expr`
 * flags gathered into one): names must be identifiers of at most 64 characters that are not in
 * `taken` (final values, parameters, output columns); expressions are checked when compiled.
 */
export function parseDerived(raw: unknown, path: string, taken: readonly string[], issues: Issue[]): DerivedMetric[] {
  if (raw === undefined) return [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    issues.push({ path, value: raw, rule: 'must be an object of { "name": "expression" }' });
    return [];
  }
  const entries = Object.entries(raw);
  if (entries.length > MAX_DERIVED) {
    issues.push({ path, value: entries.length, rule: `may define at most ${MAX_DERIVED} metrics` });
    return [];
  }
  const out: DerivedMetric[] = [];
  for (const [name, expression] of entries) {
    const at = `${path}.${name}`;
    if (!NAME.test(name))
      issues.push({ path: at, value: name, rule: 'a derived metric is named by a letter then letters, digits or _' });
    else if (taken.includes(name))
      issues.push({ path: at, value: name, rule: 'is already the name of a final value, parameter or column' });
    else if (typeof expression !== 'string' || expression.trim() === '')
      issues.push({ path: at, value: expression, rule: 'must be an expression (text)' });
    else out.push({ name, expression });
  }
  return out;
}

/**
 * Parse and check the expressions over the final values `variables` (mathjs loaded on first use).
 * Throws ScenarioError naming, for each bad expression, its path, its text, the position and the reason.
 */
export async function compileDerived(
  metrics: readonly DerivedMetric[],
  variables: readonly string[],
  path = 'derived',
): Promise<DerivedSet> {
  const { compileExpressions } = await import('./expressions.ts');
  const { issues, evaluate } = compileExpressions(metrics, variables, path);
  if (!evaluate) throw new ScenarioError(issues);
  return { metrics: [...metrics], evaluate };
}

/**
 * A run with its derived metrics added after its final values. A failed run is returned as it is;
 * a derived value that is not a finite number (a division by zero) fails the run, saying which.
 */
export function withDerived<R extends { status: 'ok' | 'failed'; final: Record<string, number>; error?: string }>(
  run: R,
  derived: DerivedSet,
): R {
  if (run.status !== 'ok') return run;
  let values: Record<string, number>;
  try {
    values = derived.evaluate(run.final);
  } catch (e) {
    return { ...run, status: 'failed', error: `derived metrics: ${(e as Error).message}`, final: {} };
  }
  for (const d of derived.metrics) {
    const v = values[d.name]!;
    if (!Number.isFinite(v))
      return { ...run, status: 'failed', error: `derived metric ${d.name} (${d.expression}) is ${v}`, final: {} };
  }
  return { ...run, final: { ...run.final, ...values } };
}

/** The final values a run keeps: an experiment's metrics without its derived ones. */
export function keptFinalValues(exp: { metrics: readonly string[]; derived: readonly DerivedMetric[] }): string[] {
  const names = new Set(exp.derived.map((d) => d.name));
  return exp.metrics.filter((m) => !names.has(m));
}
