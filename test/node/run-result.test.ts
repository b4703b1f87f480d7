// checkRunResult: a kept run result read back from storage is checked against its experiment before use.
import { describe, expect, it } from 'vitest';
import { resolveExperiment } from '../../sim/experiment/experiment.ts';
import { checkRunResult, readRunResult } from '../../sim/experiment/runResult.ts';
import { createPlan, runTask, type RunResult } from '../../sim/experiment/runner.ts';
import { sweepTasks } from '../../sim/experiment/sweep.ts';

const exp = resolveExperiment({
  formatVersion: 1,
  name: 'kept',
  scenario: 'stylized-12',
  seed: 3,
  replicates: 2,
  cycles: 4,
  design: { type: 'factorial', parameters: { autonomy: [0.2, 0.8] } },
});

/** The sweep's results in (point, replicate) order, as the pool hands them to the store. */
function results(): RunResult[] {
  const plan = createPlan(exp, false);
  return [...sweepTasks(exp)].map((t) => runTask(exp.model, plan, t));
}

describe('checkRunResult', () => {
  it('accepts every result of the sweep at its own index, and only there', () => {
    const rs = results();
    expect(rs).toHaveLength(4);
    rs.forEach((r, i) => expect(checkRunResult(r, exp, i)).toEqual([]));
    expect(checkRunResult(rs[1], exp, 2).map((i) => i.path)).toEqual([
      'results[2].point',
      'results[2].replicate',
      'results[2].params.autonomy',
    ]);
  });
  it('names what is wrong, by path, for each kind of damage', () => {
    const r = results()[3]!;
    const paths = (raw: unknown, index: unknown = 3) =>
      checkRunResult(raw, exp, index).map((i) => `${i.path}: ${i.rule}`);
    expect(paths('a string')).toEqual(['results[3]: must be a run result object']);
    expect(paths(null)).toEqual(['results[3]: must be a run result object']);
    expect(paths(r, 4)).toEqual(['results[4]: is not a run of this sweep (its runs are 0 to 3)']);
    expect(paths(r, -1)).toEqual(['results[-1]: is not a run of this sweep (its runs are 0 to 3)']);
    expect(paths(r, '3')).toEqual(['results[3]: is not a run of this sweep (its runs are 0 to 3)']);
    expect(paths({ ...r, final: undefined })).toEqual(['results[3].final: must be an object of final values']);
    const metric = exp.metrics[0]!;
    expect(paths({ ...r, final: { ...r.final, [metric]: NaN } })).toEqual([
      `results[3].final.${metric}: must be a finite number`,
    ]);
    expect(paths({ ...r, final: { ...r.final, extra: 1 } })).toEqual([
      'results[3].final.extra: is not a metric of the experiment',
    ]);
    expect(paths({ ...r, seed: 4 })).toEqual(["results[3].seed: must be the experiment's seed 3"]);
    expect(paths({ ...r, status: 'maybe' })).toEqual(['results[3].status: must be "ok" or "failed"']);
    expect(paths({ ...r, cycles: 5 })).toEqual(['results[3].cycles: must be a whole number in [0, 4]']);
    expect(paths({ ...r, params: { autonomy: 0.5 } })).toEqual([
      "results[3].params.autonomy: must be the design point's value 0.8",
    ]);
    expect(paths({ ...r, params: { ...r.params, constructor: 1 } })).toEqual([
      'results[3].params.constructor: is not a parameter of the design',
    ]);
    expect(paths({ ...r, series: {} })).toEqual(['results[3].series: is not a field of a kept run result']);
    expect(paths({ ...r, status: 'failed' })).toEqual(
      expect.arrayContaining(['results[3].error: a failed run must say why (text)']),
    );
  });
  it('a failed run with its error and no final values is a result', () => {
    const r = results()[0]!;
    const failed = {
      ...r,
      status: 'failed',
      error: 'non-finite value NaN for coherence at cycle 2',
      cycles: 2,
      final: {},
    };
    expect(readRunResult(failed, exp, 0)).toEqual({ ok: true, value: failed });
  });
});
