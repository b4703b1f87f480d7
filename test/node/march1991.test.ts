import { describe, expect, it } from 'vitest';
import raw from '../../scenarios/march1991.json' with { type: 'json' };
import type { Model, Scenario } from '../../sim/engine/model.ts';
import { createStreams } from '../../sim/engine/rng.ts';
import { runScenario } from '../../sim/engine/run.ts';
import { parseScenario, type ParseContext } from '../../sim/engine/scenario.ts';
import { initMarch, isAbsorbing, march1991Model, MARCH_READINGS, setSocializationRates, stepMarch } from '../../sim/reference/march1991.ts';

// The model is parsed against itself alone, so this file does not depend on the rest of the registry.
const ctx: ParseContext = {
  model: (id) => (id === 'march1991' ? (march1991Model as unknown as Model<unknown, unknown>) : undefined),
  bundled: (name) => (name === 'march1991' ? raw : undefined),
};
const scenario = (params: Record<string, unknown> = {}): Scenario =>
  parseScenario({ formatVersion: 1, name: 'test', extends: 'march1991', params }, ctx);

// Seeds are fixed here once, before any result was seen.
const SEED = 1991;

function meanFinal(sc: Scenario, replicates: number, metric = 'codeKnowledge'): { mean: number; maxCycles: number } {
  let total = 0;
  let maxCycles = 0;
  for (let r = 0; r < replicates; r++) {
    const rec = runScenario(march1991Model, sc, { seed: SEED, replicate: r });
    expect(rec.status).toBe('ok');
    total += rec.final[metric]!;
    maxCycles = Math.max(maxCycles, rec.cycles);
  }
  return { mean: total / replicates, maxCycles };
}

describe('scenarios/march1991.json', () => {
  it('parseScenario(march1991) resolves the registry defaults', () => {
    const sc = parseScenario(raw, ctx);
    expect(sc.model).toBe('march1991');
    expect(sc.params).toEqual({ m: 30, n: 50, p1: 0.1, p2: 0.5, p3: 0, p4: 0, maxPeriods: 10_000, fixedPeriods: 0, reading: 'christensen2015' });
  });

  it('loadBundled(march1991) runs through the model registry', async () => {
    // Imported here so that the rest of this file does not depend on every registered model compiling.
    const { loadBundled } = await import('../../sim/engine/context.ts');
    const { getModel } = await import('../../sim/models.ts');
    const model = getModel('march1991')!;
    expect(model).toBe(march1991Model);
    const rec = runScenario(model, loadBundled('march1991'), { seed: SEED, replicate: 0 });
    expect(rec.status).toBe('ok');
    expect(rec.final.periods).toBe(rec.cycles);
  });

  it('parseScenario rejects data and events the model does not take', () => {
    expect(() => parseScenario({ ...raw, events: [{ cycle: 1, kind: 'shock' }] }, ctx)).toThrow(/events\[0\]\.kind/);
    expect(() => parseScenario({ ...raw, provinces: [] }, ctx)).toThrow(/provinces: is not a scenario field/);
    expect(() => scenario({ reading: 'rodan' })).toThrow(/params\.reading/);
  });
});

describe('march1991 against March (1991), Figure 1 (reduced replicates)', () => {
  // 60 runs a point. A run's sd is at most about 0.11 here, so a 60-run mean has se ≤ 0.015; the
  // tolerance 0.06 is 4 se plus the 0.004 read-off error of the published values. The full
  // 27-point comparison (1000 runs a point, every reading) is bench/march-validation.ts.
  const R = 60;
  const TOL = 0.06;
  const published: [p1: number, p2: number, y: number][] = [
    [0.1, 0.5, 0.955],
    [0.5, 0.5, 0.797],
    [0.9, 0.5, 0.745],
    [0.1, 0.1, 0.858],
    [0.1, 0.9, 0.98],
  ];
  const means = new Map<string, number>();

  it.each(published)('runScenario(p1 = %s, p2 = %s) averages within 0.06 of the published %s', (p1, p2, y) => {
    const { mean, maxCycles } = meanFinal(scenario({ p1, p2 }), R);
    means.set(`${p1}/${p2}`, mean);
    expect(Math.abs(mean - y)).toBeLessThanOrEqual(TOL);
    // Every run reached its absorbing state well before the cap.
    expect(maxCycles).toBeLessThan(10_000);
  });

  it('at p2 = 0.5 knowledge falls as socialization speeds up (p1 = .1 → .5 → .9)', () => {
    const a = means.get('0.1/0.5')!;
    const b = means.get('0.5/0.5')!;
    const c = means.get('0.9/0.5')!;
    expect(a - b).toBeGreaterThan(0.08);
    expect(b).toBeGreaterThan(c);
  });

  it('at p1 = 0.1 faster code learning helps (p2 = .1 < .5 < .9)', () => {
    expect(means.get('0.1/0.5')!).toBeGreaterThan(means.get('0.1/0.1')!);
    expect(means.get('0.1/0.9')!).toBeGreaterThan(means.get('0.1/0.1')! + 0.05);
  });
});

describe('march1991 equilibrium', () => {
  it.each(MARCH_READINGS.map((r) => [r]))('every run of reading %s stops in an absorbing state when p3 = p4 = 0', (reading) => {
    for (const [p1, p2] of [[0.1, 0.1], [0.9, 0.9], [0.5, 0.5]] as const) {
      const sc = scenario({ p1, p2, reading });
      for (let r = 0; r < 8; r++) {
        const s = initMarch(sc.params, createStreams(march1991Model.streams, SEED, r));
        while (!march1991Model.done!(s)) stepMarch(s);
        expect(s.period).toBeLessThan(10_000);
        expect(isAbsorbing(s)).toBe(true);
        // Absorbing: further periods change nothing (and the streams still advance where draws are possible).
        const before = march1991Model.snapshot(s).state;
        for (let t = 0; t < 50; t++) stepMarch(s);
        const after = march1991Model.snapshot(s).state as { period: number };
        expect({ ...after, period: 0 }).toEqual({ ...(before as object), period: 0 });
      }
    }
  });

  it('with turnover nothing is absorbing: the run lasts maxPeriods', () => {
    const rec = runScenario(march1991Model, scenario({ p3: 0.05, maxPeriods: 150 }), { seed: SEED, replicate: 0 });
    expect(rec.cycles).toBe(150);
    expect(rec.final.periods).toBe(150);
  });

  it('fixedPeriods runs exactly that many periods, and cycles below the horizon truncates', () => {
    expect(runScenario(march1991Model, scenario({ fixedPeriods: 500 }), { seed: SEED, replicate: 0 }).cycles).toBe(500);
    const cut = runScenario(march1991Model, scenario({ fixedPeriods: 500 }), { seed: SEED, replicate: 0, cycles: 7 });
    expect(cut.cycles).toBe(7);
    expect(cut.final.periods).toBe(7);
  });
});

describe('march1991 determinism and state', () => {
  const busy = () => scenario({ p1: 0.3, p2: 0.5, p3: 0.05, p4: 0.02, fixedPeriods: 40 });

  it('runScenario(same seed) returns identical records; another replicate differs', () => {
    const a = runScenario(march1991Model, busy(), { seed: SEED, replicate: 3 });
    const b = runScenario(march1991Model, busy(), { seed: SEED, replicate: 3 });
    const c = runScenario(march1991Model, busy(), { seed: SEED, replicate: 4 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c.series)).not.toBe(JSON.stringify(a.series));
  });

  it.each(MARCH_READINGS.map((r) => [r]))('snapshot at period 10 → restore → continue equals the uninterrupted run (%s)', (reading) => {
    const sc = scenario({ p1: 0.3, p2: 0.5, p3: 0.05, p4: 0.02, fixedPeriods: 40, reading });
    const whole = runScenario(march1991Model, sc, { seed: SEED, replicate: 1 });

    const s = march1991Model.init(sc, createStreams(march1991Model.streams, SEED, 1), { cycles: 40 });
    const series: number[][] = [];
    for (let t = 0; t < 10; t++) {
      march1991Model.step(s);
      series.push([...march1991Model.observe(s)]);
    }
    // The snapshot is structured-cloneable data: round-trip it through JSON as a worker or a file would.
    const snap = JSON.parse(JSON.stringify(march1991Model.snapshot(s)));
    const r = march1991Model.restore(snap);
    expect(march1991Model.cycle(r)).toBe(10);
    while (!march1991Model.done!(r)) {
      march1991Model.step(r);
      series.push([...march1991Model.observe(r)]);
    }
    const names = march1991Model.metrics.map((m) => m.name);
    const resumed = Object.fromEntries(names.map((name, k) => [name, series.map((row) => row[k]!)]));
    expect(JSON.stringify(resumed)).toBe(JSON.stringify(whole.series));
  });

  it('setSocializationRates(state, rates) gives individuals their own p1 (all at 0: beliefs never move)', () => {
    const sc = scenario({ p1: 0.9, p2: 0.9, fixedPeriods: 30 });
    const s = initMarch(sc.params, createStreams(march1991Model.streams, SEED, 0));
    const start = Array.from(s.beliefs);
    setSocializationRates(s, new Array<number>(s.n).fill(0));
    while (!march1991Model.done!(s)) stepMarch(s);
    expect(Array.from(s.beliefs)).toEqual(start);
    expect(() => setSocializationRates(s, [0.5])).toThrow(/requires 50 rates/);
  });

  it('every observed value is finite and inside its declared bounds', () => {
    for (const reading of MARCH_READINGS) {
      for (const params of [{ p1: 0.9, p2: 0.1 }, { p1: 0.2, p2: 0.9, p3: 0.1, p4: 0.05, fixedPeriods: 60 }]) {
        const rec = runScenario(march1991Model, scenario({ ...params, reading }), { seed: SEED, replicate: 0 });
        expect(rec.status).toBe('ok');
        for (const metric of march1991Model.metrics) {
          for (const v of rec.series[metric.name]!) {
            expect(Number.isFinite(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(metric.min!);
            expect(v).toBeLessThanOrEqual(metric.max!);
          }
          expect(rec.final[metric.name]).toBe(rec.series[metric.name]!.at(-1));
        }
        for (const v of [...rec.series.codeAccuracy!, ...rec.series.diversity!]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
      }
    }
  });
});
