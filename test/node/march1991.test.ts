import { describe, expect, it } from 'vitest';
import raw from '../../scenarios/march1991.json' with { type: 'json' };
import { canonicalJson } from '../../sim/engine/canonical.ts';
import { hashHex } from '../../sim/engine/hash.ts';
import type { Scenario } from '../../sim/engine/model.ts';
import { createStreams } from '../../sim/engine/rng.ts';
import { runScenario } from '../../sim/engine/run.ts';
import { parseScenario, type ParseContext } from '../../sim/engine/scenario.ts';
import {
  initMarch,
  isAbsorbing,
  march1991Model,
  MARCH_READINGS,
  setSocializationRates,
  stepMarch,
} from '../../sim/reference/march1991.ts';

// The model is parsed against itself alone, so this file does not depend on the rest of the registry.
const ctx: ParseContext = {
  model: (id) => (id === 'march1991' ? march1991Model : undefined),
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
    expect(sc.params).toEqual({
      m: 30,
      n: 50,
      p1: 0.1,
      p2: 0.5,
      fastLearners: 0,
      p1Fast: 0.9,
      p3: 0,
      p4: 0,
      maxPeriods: 10_000,
      fixedPeriods: 0,
      reading: 'christensen2015',
    });
  });

  it('loadBundled(march1991) runs through the model registry', async () => {
    // Imported here so that the rest of this file does not depend on every registered model compiling.
    const { loadBundled } = await import('../../sim/context.ts');
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
    expect(() => scenario({ n: 20, fastLearners: 21 })).toThrow(/params\.fastLearners: must be ≤ n \(n is 20\)/);
  });
});

describe('march1991 1.1.0 leaves every 1.0.0 result unchanged at the defaults', () => {
  // Checksums computed with model 1.0.0 (before fastLearners, p1Fast, fastKnowledge, slowKnowledge existed)
  // over the metrics that version had: 10 replicates of three settings per reading, series and finals.
  const OLD = ['codeKnowledge', 'codeAccuracy', 'individualKnowledge', 'diversity', 'periods'];
  const pick = (o: Record<string, unknown>) => Object.fromEntries(OLD.map((k) => [k, o[k]]));
  const settings = [
    { p1: 0.1, p2: 0.5 },
    { p1: 0.9, p2: 0.1 },
    { p1: 0.3, p2: 0.5, p3: 0.05, p4: 0.02, fixedPeriods: 60 },
  ];
  const pinned: Record<string, string[]> = {
    christensen2015: ['0c90db01', 'afac4cd2', '23765482'],
    watts2014: ['ac9255d9', 'f35dc753', '7459b1ff'],
    text1991: ['f6b236b2', '8161171a', '35f72e62'],
    'text1991-sequential': ['d32026a7', '56fa8dc9', 'f936bed2'],
  };
  it.each(MARCH_READINGS.map((r) => [r]))(
    'runScenario(%s, seed 1991, replicates 0–9) hashes as in 1.0.0',
    (reading) => {
      const got = settings.map((params) => {
        const sc = scenario({ ...params, reading });
        const recs = Array.from({ length: 10 }, (_, r) =>
          runScenario(march1991Model, sc, { seed: 1991, replicate: r }),
        );
        return hashHex(canonicalJson(recs.map((rec) => ({ f: pick(rec.final), s: pick(rec.series), c: rec.cycles }))));
      });
      expect(got).toEqual(pinned[reading]);
    },
  );

  it('Figure 1 (default reading), 27 points × replicates 0–4: codeKnowledge, codeAccuracy, periods hash as in 1.0.0', () => {
    const rows: unknown[] = [];
    for (const p2 of [0.1, 0.5, 0.9]) {
      for (const p1 of [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) {
        const sc = scenario({ p1, p2 });
        for (let r = 0; r < 5; r++) {
          const f = runScenario(march1991Model, sc, { seed: 1991, replicate: r }).final;
          rows.push([f.codeKnowledge, f.codeAccuracy, f.periods]);
        }
      }
    }
    expect(hashHex(canonicalJson(rows))).toBe('80d3d397');
  });

  it('with no fast learners p1Fast changes nothing, and fastKnowledge = slowKnowledge = individualKnowledge', () => {
    const a = runScenario(march1991Model, scenario({ p1: 0.3, p3: 0.05, fixedPeriods: 40 }), {
      seed: SEED,
      replicate: 2,
    });
    const b = runScenario(march1991Model, scenario({ p1: 0.3, p3: 0.05, fixedPeriods: 40, p1Fast: 0.2 }), {
      seed: SEED,
      replicate: 2,
    });
    expect(JSON.stringify(b.series)).toBe(JSON.stringify(a.series));
    expect(a.series.fastKnowledge).toEqual(a.series.individualKnowledge);
    expect(a.series.slowKnowledge).toEqual(a.series.individualKnowledge);
  });

  it('fastLearners = n at p1Fast = .9 is the run at p1 = .9 (the same draws), the groups swapped', () => {
    const mixed = runScenario(march1991Model, scenario({ p1: 0.1, p1Fast: 0.9, fastLearners: 50 }), {
      seed: SEED,
      replicate: 5,
    });
    const fast = runScenario(march1991Model, scenario({ p1: 0.9 }), { seed: SEED, replicate: 5 });
    for (const m of ['codeKnowledge', 'codeAccuracy', 'individualKnowledge', 'diversity', 'periods'])
      expect(mixed.series[m]).toEqual(fast.series[m]);
    expect(mixed.series.fastKnowledge).toEqual(fast.series.individualKnowledge);
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

describe('march1991 mixed socialization rates against March (1991), Figures 2–3 (reduced replicates)', () => {
  // 60 runs a mix, p1 = .1 for the slow, p1Fast = .9 for the fast, p2 = .5. The reference levels are this
  // model's 400-run means (docs/validation.md): all slow .953, 30 fast .887, all fast .748. A run's sd is at
  // most about 0.11, so a 60-run mean has se ≤ 0.015; the tolerance 0.05 is more than 3 se.
  const R = 60;
  const TOL = 0.05;
  const mix = (fastLearners: number, extra: Record<string, unknown> = {}) =>
    scenario({ p1: 0.1, p1Fast: 0.9, p2: 0.5, fastLearners, ...extra });
  const means = new Map<number, number>();

  it.each([
    [0, 0.953],
    [30, 0.887],
    [50, 0.748],
  ])('runScenario(fastLearners = %s) reaches a code knowledge within 0.05 of %s', (f, y) => {
    const { mean, maxCycles } = meanFinal(mix(f), R);
    means.set(f, mean);
    expect(Math.abs(mean - y)).toBeLessThanOrEqual(TOL);
    expect(maxCycles).toBeLessThan(10_000);
  });

  it('Figure 2: the code knows less as fast learners replace slow ones (0 > 30 > 50, each by more than 0.03)', () => {
    expect(means.get(0)! - means.get(30)!).toBeGreaterThan(0.03);
    expect(means.get(30)! - means.get(50)!).toBeGreaterThan(0.03);
  });

  it('Figure 3: after 20 periods, in a 25/25 mix, fast learners know more than slow ones (by more than 0.15; about 0.22 expected)', () => {
    const fast = meanFinal(mix(25, { fixedPeriods: 20 }), R, 'fastKnowledge').mean;
    const slow = meanFinal(mix(25, { fixedPeriods: 20 }), R, 'slowKnowledge').mean;
    expect(fast - slow).toBeGreaterThan(0.15);
  });
});

describe('march1991 equilibrium', () => {
  it.each(MARCH_READINGS.map((r) => [r]))(
    'every run of reading %s stops in an absorbing state when p3 = p4 = 0',
    (reading) => {
      for (const [p1, p2] of [
        [0.1, 0.1],
        [0.9, 0.9],
        [0.5, 0.5],
      ] as const) {
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
    },
  );

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

  it.each(MARCH_READINGS.map((r) => [r]))(
    'snapshot at period 10 → restore → continue equals the uninterrupted run (%s)',
    (reading) => {
      const sc = scenario({
        p1: 0.3,
        p2: 0.5,
        p3: 0.05,
        p4: 0.02,
        fixedPeriods: 40,
        reading,
        fastLearners: 10,
        p1Fast: 0.8,
      });
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
    },
  );

  it('restore(a 1.0.0 snapshot, without fastLearners and p1Fast) continues as the uninterrupted run', () => {
    const whole = runScenario(march1991Model, busy(), { seed: SEED, replicate: 1 });
    const s = march1991Model.init(busy(), createStreams(march1991Model.streams, SEED, 1), { cycles: 40 });
    for (let t = 0; t < 10; t++) march1991Model.step(s);
    const snap = JSON.parse(JSON.stringify(march1991Model.snapshot(s)));
    delete snap.state.params.fastLearners;
    delete snap.state.params.p1Fast;
    snap.version = '1.0.0';
    const r = march1991Model.restore(snap);
    while (!march1991Model.done!(r)) march1991Model.step(r);
    const obs = march1991Model.observe(r);
    expect(Object.fromEntries(march1991Model.metrics.map((m, k) => [m.name, obs[k]]))).toEqual(whole.final);
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
      for (const params of [
        { p1: 0.9, p2: 0.1 },
        { p1: 0.2, p2: 0.9, p3: 0.1, p4: 0.05, fixedPeriods: 60 },
      ]) {
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
