// A run result read back from storage (the browser keeps a sweep's finished runs in IndexedDB) is
// untrusted input like a file: it is checked against the experiment it belongs to with the rules the
// sweep's rows follow (docs/formats.md §8) before it is folded into an outcome. Each problem is an
// Issue named by its path, `results[i].final.coherence: must be a finite number (got NaN)`.
import type { Issue } from '../engine/errors.ts';
import type { Experiment } from './experiment.ts';
import type { RunResult } from './runner.ts';
import { sweepRuns } from './sweep.ts';
import { isObject } from '../engine/isObject.ts';

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
// The browser keeps per-run results only (no series), so a `series` field is not expected either.
const RESULT_KEYS = ['point', 'replicate', 'seed', 'status', 'error', 'cycles', 'params', 'final'];

/**
 * The problems of `raw` as run `index` of `exp`'s sweep (no series kept): empty when it is a result
 * the sweep could have produced there. Checked: the index is a run of the sweep and matches
 * (point, replicate); the seed is the experiment's; the status is ok or failed; cycles are a whole
 * number within the experiment's; the parameters are the design point's; an ok run has a finite
 * value for every metric and nothing else, a failed one none and an error text.
 */
export function checkRunResult(
  raw: unknown,
  exp: Experiment,
  index: unknown,
  path = `results[${String(index)}]`,
): Issue[] {
  const issues: Issue[] = [];
  const total = sweepRuns(exp);
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= total) {
    return [{ path, value: index, rule: `is not a run of this sweep (its runs are 0 to ${total - 1})` }];
  }
  if (!isObject(raw)) return [{ path, value: raw, rule: 'must be a run result object' }];
  for (const k of Object.keys(raw))
    if (!RESULT_KEYS.includes(k))
      issues.push({ path: `${path}.${k}`, value: raw[k], rule: 'is not a field of a kept run result' });
  const point = Math.floor(index / exp.replicates);
  const replicate = index % exp.replicates;
  if (raw.point !== point)
    issues.push({
      path: `${path}.point`,
      value: raw.point,
      rule: `must be ${point} (run ${index} is point ${point}, replicate ${replicate})`,
    });
  if (raw.replicate !== replicate)
    issues.push({
      path: `${path}.replicate`,
      value: raw.replicate,
      rule: `must be ${replicate} (run ${index} is point ${point}, replicate ${replicate})`,
    });
  if (raw.seed !== exp.seed)
    issues.push({ path: `${path}.seed`, value: raw.seed, rule: `must be the experiment's seed ${exp.seed}` });
  const status = raw.status;
  if (status !== 'ok' && status !== 'failed')
    issues.push({ path: `${path}.status`, value: status, rule: 'must be "ok" or "failed"' });
  if (typeof raw.cycles !== 'number' || !Number.isInteger(raw.cycles) || raw.cycles < 0 || raw.cycles > exp.cycles) {
    issues.push({ path: `${path}.cycles`, value: raw.cycles, rule: `must be a whole number in [0, ${exp.cycles}]` });
  }
  if (status === 'failed' && typeof raw.error !== 'string')
    issues.push({ path: `${path}.error`, value: raw.error, rule: 'a failed run must say why (text)' });
  if (status === 'ok' && raw.error !== undefined)
    issues.push({ path: `${path}.error`, value: raw.error, rule: 'an ok run has no error' });

  if (!isObject(raw.params))
    issues.push({ path: `${path}.params`, value: raw.params, rule: "must be the design point's parameters" });
  else {
    const expected = exp.design.point(point);
    const names = new Set([...Object.keys(expected), ...Object.keys(raw.params)]);
    for (const n of names) {
      const v = own(raw.params, n) ? raw.params[n] : undefined;
      const e = own(expected, n) ? expected[n] : undefined;
      if (v !== e)
        issues.push({
          path: `${path}.params.${n}`,
          value: v,
          rule:
            e === undefined
              ? 'is not a parameter of the design'
              : `must be the design point's value ${JSON.stringify(e)}`,
        });
    }
  }

  if (!isObject(raw.final))
    issues.push({ path: `${path}.final`, value: raw.final, rule: 'must be an object of final values' });
  else {
    for (const k of Object.keys(raw.final)) {
      if (!exp.metrics.includes(k))
        issues.push({ path: `${path}.final.${k}`, value: raw.final[k], rule: 'is not a metric of the experiment' });
      else if (status === 'failed')
        issues.push({ path: `${path}.final.${k}`, value: raw.final[k], rule: 'a failed run has no final values' });
    }
    if (status === 'ok') {
      for (const m of exp.metrics) {
        const v = own(raw.final, m) ? raw.final[m] : undefined;
        if (typeof v !== 'number' || !Number.isFinite(v))
          issues.push({ path: `${path}.final.${m}`, value: v, rule: 'must be a finite number' });
      }
    }
  }
  return issues;
}

/** `raw` as a RunResult when checkRunResult finds nothing, else its issues. */
export function readRunResult(
  raw: unknown,
  exp: Experiment,
  index: unknown,
): { ok: true; value: RunResult } | { ok: false; issues: Issue[] } {
  const issues = checkRunResult(raw, exp, index);
  return issues.length === 0 ? { ok: true, value: raw as RunResult } : { ok: false, issues };
}
