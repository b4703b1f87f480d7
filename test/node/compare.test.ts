import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../sim/engine/canonical.ts';
import { loadBundled, loadScenario } from '../../sim/context.ts';
import { hashHex } from '../../sim/engine/hash.ts';
import { runScenario } from '../../sim/engine/run.ts';
import {
  changedParams,
  compareRuns,
  compareRunSet,
  compareScenarios,
  compareScenarioSet,
} from '../../sim/experiment/compare.ts';
import { finalKeys } from '../../sim/experiment/experiment.ts';
import { MODELS } from '../../sim/models.ts';

const model = MODELS.governance!;
const options = { seed: 5, replicates: 3, cycles: 6 };
const a = loadBundled('controlled-autonomy');
const b = loadBundled('devolved');
const c = loadScenario({ formatVersion: 1, name: 'devolved', extends: 'devolved', params: { autonomy: 0.9 } });
const runsOf = (s: typeof a) => [0, 1, 2].map((r) => runScenario(model, s, { seed: 5, replicate: r, cycles: 6 }));

describe('compare', () => {
  it('compareRuns(model, a, b, runs of A, runs of B) equals compareScenarios(model, a, b) on the same seed', () => {
    const got = compareRuns(model, a, b, runsOf(a), runsOf(b), options);
    expect(got).toEqual(compareScenarios(model, a, b, options));
    expect(Object.keys(got.metrics)).toEqual(finalKeys(model));
    expect(() => compareRuns(model, a, b, runsOf(a), runsOf(b).slice(1), options)).toThrow(
      'compareRuns requires as many runs of B as of A (3), got 2',
    );
  });

  it('compareScenarioSet(model, [a, b, c]) is A against each other scenario, each the two-scenario document', () => {
    const set = compareScenarioSet(model, [a, b, c], options);
    expect(set.manifest).toEqual({
      kind: 'concerto-compare',
      model: 'governance',
      modelVersion: model.version,
      scenarios: [a, b, c].map((s) => ({
        name: s.name,
        scenarioHash: hashHex(canonicalJson(s)),
        params: s.params,
        changed: {},
      })),
      seed: 5,
      seedScheme: 'concerto-1',
      replicates: 3,
      cycles: 6,
      level: 0.95,
    });
    expect(set.comparisons).toEqual([compareScenarios(model, a, b, options), compareScenarios(model, a, c, options)]);
    // The lever set makes a different scenario under the same name.
    expect(set.manifest.scenarios[2]!.name).toBe('devolved');
    expect(set.manifest.scenarios[2]!.scenarioHash).not.toBe(set.manifest.scenarios[1]!.scenarioHash);
    expect(compareRunSet(model, [a, b, c], [runsOf(a), runsOf(b), runsOf(c)], options)).toEqual(set);
  });

  it('a changed lever travels with its scenario: every resolved parameter and the changes (docs/formats.md §11)', () => {
    expect(changedParams(b, c)).toEqual({ autonomy: 0.9 });
    expect(changedParams(a, a)).toEqual({});
    const changed: Record<string, number>[] = [{}, {}, { autonomy: 0.9 }];
    const set = compareScenarioSet(model, [a, b, c], { ...options, changed });
    expect(set.manifest.scenarios[2]).toEqual({
      name: 'devolved',
      scenarioHash: hashHex(canonicalJson(c)),
      params: c.params,
      changed: { autonomy: 0.9 },
    });
    expect(set.manifest.scenarios[2]!.params.autonomy).toBe(0.9);
    // Each pair is what compareScenarios writes for A and that scenario with the same changes.
    expect(set.comparisons[1]).toEqual(compareScenarios(model, a, c, { ...options, changed: [{}, { autonomy: 0.9 }] }));
    expect(set.comparisons[1]!.manifest.b.changed).toEqual({ autonomy: 0.9 });
    expect(set.comparisons[0]!.manifest.b.changed).toEqual({});
    // The numbers do not depend on the labels.
    expect(set.comparisons[1]!.metrics).toEqual(compareScenarios(model, a, c, options).metrics);
  });

  it('compareRunSet rejects fewer than 2 or more than 4 scenarios, and runs that do not match them', () => {
    expect(() => compareRunSet(model, [a], [runsOf(a)], options)).toThrow(
      'compareRunSet requires 2 to 4 scenarios, got 1',
    );
    expect(() => compareRunSet(model, [a, b, a, b, a], [], options)).toThrow(
      'compareRunSet requires 2 to 4 scenarios, got 5',
    );
    expect(() => compareRunSet(model, [a, b], [runsOf(a)], options)).toThrow(
      'compareRunSet requires one list of runs per scenario (2), got 1',
    );
  });
});
