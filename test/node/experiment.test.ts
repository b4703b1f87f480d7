import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../sim/engine/canonical.ts';
import { loadBundled } from '../../sim/context.ts';
import { ScenarioError } from '../../sim/engine/errors.ts';
import { runScenario } from '../../sim/engine/run.ts';
import { analyze, type SobolMetric } from '../../sim/experiment/analysis.ts';
import { BUNDLED_EXPERIMENTS } from '../../sim/experiment/bundled.ts';
import { buildDesign, DESIGN_TYPES } from '../../sim/experiment/design.ts';
import { finalKeys, resolveExperiment } from '../../sim/experiment/experiment.ts';
import { experimentFromManifest } from '../../sim/experiment/manifest.ts';
import { createLocalPool } from '../../sim/experiment/pool.ts';
import { murmur3_32 } from '../../sim/engine/hash.ts';
import {
  columns,
  csvLine,
  murmurUtf8Pair,
  parseCsvRecord,
  rowFromCsv,
  textColumns,
  type Row,
} from '../../sim/experiment/rows.ts';
import { createPlan, runTask } from '../../sim/experiment/runner.ts';
import { runSweep, shardPoints, sweepTasks } from '../../sim/experiment/sweep.ts';
import { getModel, MODELS } from '../../sim/models.ts';

const provenance = { concerto: 'test', git: null };
const governance = getModel('governance')!;

function issuesOf(raw: unknown): string[] {
  try {
    resolveExperiment(raw);
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues.map((i) => `${i.path}: ${i.rule}`);
    throw e;
  }
  return [];
}

const base = {
  name: 'x',
  scenario: 'stylized-12',
  seed: 3,
  replicates: 2,
  cycles: 5,
  metrics: ['coherence', 'innovation'],
};
const sweep = async (raw: unknown, series = false): Promise<Row[]> =>
  (await runSweep(resolveExperiment(raw), createLocalPool(getModel), { provenance, keepRows: true, series })).rows!;

describe('resolveExperiment', () => {
  it('resolves every bundled experiment', () => {
    for (const [name, raw] of Object.entries(BUNDLED_EXPERIMENTS)) {
      const exp = resolveExperiment(raw);
      expect(exp.name, name).toBe(name);
      // A single point is a valid design (h10 measures diffusion at the defaults over replicates).
      expect(exp.design.size * exp.replicates, name).toBeGreaterThan(1);
    }
  });

  it('names every problem by its path and value', () => {
    expect(issuesOf({ ...base, design: { type: 'factorial', parameters: { autonomy: [0, 1.7] } } })).toEqual([
      'design.parameters.autonomy[1]: must be in [0, 1]',
    ]);
    const many = issuesOf({
      name: 'bad name!',
      scenario: 'stylized-12',
      seed: -1,
      replicates: 0,
      cycles: 2.5,
      bogus: 1,
      set: { nosuch: 1, monitoring: 2 },
      design: {
        type: 'lhs',
        samples: 0,
        parameters: { autonomy: { min: 0.8, max: 0.2 }, lineScope: { min: 0, max: 1 } },
      },
      metrics: ['coherence', 'nope'],
      analysis: { criterion: { value: { min: 'high' } } },
    });
    expect(many).toEqual(
      expect.arrayContaining([
        'bogus: is not an experiment field',
        'name: must be 1–64 characters of letters, digits, ".", "_" or "-"',
        'seed: must be a whole number in [0, 4294967295]',
        'replicates: must be a whole number in [1, 1000000]',
        'cycles: must be a whole number in [1, 100000]',
        'set.nosuch: is not a parameter of this model',
        'set.monitoring: must be in [0, 1]',
        'design.parameters.autonomy.max: must be ≥ min (0.8)',
        'design.parameters.lineScope: is a choice parameter: it takes listed values (a factorial or points design), not a range',
        'design.samples: must be a whole number in [1, 10000000]',
        'metrics[1]: must be a final value of the governance model (see concerto params --model governance)',
        'analysis.criterion.value: must be a kept metric',
      ]),
    );
    expect(
      issuesOf({
        ...base,
        scenario: { formatVersion: 1, name: 's', extends: 'stylized-12', params: { autonomy: 1.7 } },
        design: { type: 'points', points: [{}] },
      }),
    ).toEqual(['scenario.params.autonomy: must be in [0, 1]']);
    expect(issuesOf({ ...base, scenario: 'nowhere', design: { type: 'points', points: [{}] } })).toEqual([
      'scenario: must be a bundled scenario name or a readable scenario file',
    ]);
    expect(
      issuesOf({
        ...base,
        design: { type: 'sobol', samples: 4, parameters: { autonomy: { min: 0, max: 1 } } },
        set: { autonomy: 0.2 },
      }),
    ).toEqual(['design.parameters.autonomy: is also fixed in set (set.autonomy)']);
    expect(
      issuesOf({
        ...base,
        design: { type: 'morris', trajectories: 4, levels: 3, parameters: { autonomy: { min: 0, max: 1 } } },
      }),
    ).toEqual(['design.levels: must be even (Morris pairs level ℓ with ℓ + p/2)']);
    expect(issuesOf({ ...base, design: { type: 'grid' } })).toEqual([
      `design.type: must be one of ${DESIGN_TYPES.join(' | ')}`,
    ]);
    // Cross-field rules of the model, checked on every point.
    expect(
      issuesOf({
        ...base,
        set: { weightNational: 0.4 },
        design: { type: 'factorial', parameters: { weightType: [0.3, 0.7] } },
      }),
    ).toEqual(['design.point[1].weightType: weightNational + weightType must be ≤ 1 (weightNational is 0.4)']);
  });

  it('takes the model from the scenario, or a bare scenario of a model that needs no data', () => {
    expect(issuesOf({ ...base, model: 'march1991', design: { type: 'points', points: [{}] } })).toEqual([
      "model: must match the scenario's model (governance)",
    ]);
    const march = resolveExperiment({
      name: 'm',
      model: 'march1991',
      replicates: 2,
      design: { type: 'factorial', parameters: { p1: [0.1, 0.5] } },
    });
    expect(march.model.id).toBe('march1991');
    expect(march.metrics).toEqual(finalKeys(MODELS.march1991!));
  });
});

describe('designs', () => {
  const registry = governance.params;
  it('factorial: every combination, the first parameter slowest', () => {
    const d = buildDesign(
      { type: 'factorial', parameters: { autonomy: [0, 1], monitoring: [0.1, 0.2, 0.3] } },
      registry,
      1,
    );
    expect(d.size).toBe(6);
    expect(Array.from({ length: 6 }, (_, i) => d.point(i))).toEqual([
      { autonomy: 0, monitoring: 0.1 },
      { autonomy: 0, monitoring: 0.2 },
      { autonomy: 0, monitoring: 0.3 },
      { autonomy: 1, monitoring: 0.1 },
      { autonomy: 1, monitoring: 0.2 },
      { autonomy: 1, monitoring: 0.3 },
    ]);
  });
  it('lhs and morris draw from the design stream: same seed same points, another seed other points; integers stay whole', () => {
    const spec = {
      type: 'lhs' as const,
      samples: 8,
      parameters: { autonomy: { min: 0, max: 1 }, feedbackDelay: { min: 0, max: 6 } },
    };
    const a = buildDesign(spec, registry, 1);
    const pts = Array.from({ length: 8 }, (_, i) => a.point(i));
    expect(Array.from({ length: 8 }, (_, i) => buildDesign(spec, registry, 1).point(i))).toEqual(pts);
    expect(Array.from({ length: 8 }, (_, i) => buildDesign(spec, registry, 2).point(i))).not.toEqual(pts);
    // One point per stratum of autonomy.
    expect(pts.map((p) => Math.floor((p.autonomy as number) * 8)).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const p of pts) expect(Number.isInteger(p.feedbackDelay)).toBe(true);
    const m = buildDesign(
      {
        type: 'morris',
        trajectories: 3,
        levels: 4,
        parameters: { autonomy: { min: 0, max: 1 }, resources: { min: 0.2, max: 3 } },
      },
      registry,
      1,
    );
    expect(m.size).toBe(9);
    expect(m.morris!.trajectories).toBe(3);
  });
  it("sobol: Saltelli's N·(k+2) points", () => {
    const d = buildDesign(
      {
        type: 'sobol',
        samples: 8,
        skip: 0,
        parameters: { autonomy: { min: 0, max: 1 }, monitoring: { min: 0, max: 0.5 } },
      },
      registry,
      1,
    );
    expect(d.size).toBe(32);
    expect(d.saltelli).toEqual({ N: 8, k: 2 });
    expect(d.point(1).monitoring).toBeLessThanOrEqual(0.5);
  });
});

describe('runs and rows', () => {
  it("a run's result depends on (seed, replicate) and its parameters only, never on the point index", () => {
    const exp = resolveExperiment({ ...base, design: { type: 'factorial', parameters: { autonomy: [0.2, 0.8] } } });
    const plan = createPlan(exp, false);
    const a = runTask(governance, plan, { point: 0, replicate: 1, params: { autonomy: 0.8 } });
    const b = runTask(governance, plan, { point: 57, replicate: 1, params: { autonomy: 0.8 } });
    expect({ ...a, point: 0 }).toEqual({ ...b, point: 0 });
    const direct = runScenario(
      governance,
      { ...loadBundled('stylized-12'), params: { ...loadBundled('stylized-12').params, autonomy: 0.8 } },
      { seed: 3, replicate: 1, cycles: 5 },
    );
    expect(a.final.coherence).toBe(direct.final.coherence);
  });

  it('adding a point leaves every other row byte-identical; reordering changes only the point column', async () => {
    const cols = columns({ parameters: ['autonomy'], values: ['coherence', 'innovation'], series: false });
    const text = (rows: Row[]) => rows.map((r) => csvLine(r, cols));
    const two = text(await sweep({ ...base, design: { type: 'factorial', parameters: { autonomy: [0.1, 0.6] } } }));
    const three = text(
      await sweep({ ...base, design: { type: 'factorial', parameters: { autonomy: [0.1, 0.6, 0.9] } } }),
    );
    expect(three.slice(0, 4)).toEqual(two);
    expect(three).toHaveLength(6);
    const reordered = await sweep({
      ...base,
      design: { type: 'factorial', parameters: { autonomy: [0.9, 0.1, 0.6] } },
    });
    const byValue = (rows: Row[]) =>
      Object.fromEntries(rows.map((r) => [`${r.autonomy}/${r.replicate}`, { ...r, point: 0 }]));
    const threeRows = await sweep({
      ...base,
      design: { type: 'factorial', parameters: { autonomy: [0.1, 0.6, 0.9] } },
    });
    expect(byValue(reordered)).toEqual(byValue(threeRows));
  });

  it('replicate r is paired across points (common random numbers): the environment is the same', async () => {
    const rows = await sweep({
      ...base,
      metrics: ['shocks', 'windowsOpened'],
      design: { type: 'factorial', parameters: { autonomy: [0, 1] } },
    });
    expect(rows[0]!.shocks).toBe(rows[2]!.shocks);
    expect(rows[1]!.windowsOpened).toBe(rows[3]!.windowsOpened);
  });

  it('--series rows: one per run and cycle with a cycle column; CSV reads back to the same rows', async () => {
    const rows = await sweep(
      { ...base, design: { type: 'factorial', parameters: { lineScope: ['byType', 'national'] } } },
      true,
    );
    expect(rows).toHaveLength(2 * 2 * 5);
    expect(rows[0]).toMatchObject({ point: 0, replicate: 0, seed: 3, status: 'ok', lineScope: 'byType', cycle: 1 });
    const cols = columns({ parameters: ['lineScope'], values: ['coherence', 'innovation'], series: true });
    const text = textColumns(['lineScope'], governance.params);
    for (const r of rows) expect(rowFromCsv(parseCsvRecord(csvLine(r, cols).slice(0, -1)), cols, text)).toEqual(r);
  });

  it('murmurUtf8Pair(text, a, b) equals [murmur3_32(text, a), murmur3_32(text, b)] (the rows checksum is the documented hash)', () => {
    const alphabet = ['a', 'Z', '0', ',', '"', 'é', 'ệ', 'Ω', '中', '😀', '\n', String.fromCharCode(0xd800)];
    let x = 12345;
    const next = () => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x;
    };
    for (let n = 0; n < 300; n++) {
      let text = '';
      const len = next() % 40;
      for (let i = 0; i < len; i++) text += alphabet[next() % alphabet.length];
      const a = next();
      const b = next();
      expect(murmurUtf8Pair(text, a, b), JSON.stringify(text)).toEqual([murmur3_32(text, a), murmur3_32(text, b)]);
    }
  });

  it('shards take points round-robin and together cover every task once', () => {
    const exp = resolveExperiment({
      ...base,
      design: { type: 'factorial', parameters: { autonomy: [0, 0.1, 0.2, 0.3, 0.4] } },
    });
    const all = [...sweepTasks(exp)].map((t) => `${t.point}/${t.replicate}`);
    const parts = [1, 2, 3].map((index) => [...sweepTasks(exp, { index, count: 3 })]);
    expect(parts[0]!.map((t) => t.point)).toEqual([0, 0, 3, 3]);
    expect(
      parts
        .flat()
        .map((t) => `${t.point}/${t.replicate}`)
        .sort(),
    ).toEqual([...all].sort());
    expect(shardPoints(2, { index: 3, count: 3 }).count).toBe(0);
  });
});

describe('summaries, analysis and manifests', () => {
  it('per-point summaries use the sample sd and the t interval; the manifest embeds what a rerun needs', async () => {
    const exp = resolveExperiment({
      ...base,
      replicates: 4,
      design: { type: 'factorial', parameters: { autonomy: [0.2, 0.8] } },
    });
    const out = await runSweep(exp, createLocalPool(getModel), { provenance, keepRows: true });
    const xs = out.rows!.filter((r) => r.point === 1).map((r) => r.coherence as number);
    const mean = xs.reduce((a, b) => a + b, 0) / 4;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / 3);
    const s = out.summary.points[1]!.metrics.coherence!;
    expect(s.mean).toBeCloseTo(mean, 12);
    expect(s.sd).toBeCloseTo(sd, 12);
    expect(s.ciHigh! - s.mean).toBeCloseTo((3.182446305284263 * sd) / 2, 10);
    expect(out.summary.analysis!.pareto!.front.length).toBeGreaterThan(0);
    // Rebuilt from the manifest alone, the experiment hashes alike and reruns to the same checksum.
    const again = experimentFromManifest(JSON.parse(JSON.stringify(out.manifest)));
    const out2 = await runSweep(again, createLocalPool(getModel), { provenance });
    expect(canonicalJson(out2.manifest)).toBe(canonicalJson(out.manifest));
  });

  it('analyze: Sobol and Morris indices for their designs, a PRIM box for a criterion', async () => {
    const sob = await runSweep(
      resolveExperiment({
        ...base,
        replicates: 1,
        design: {
          type: 'sobol',
          samples: 8,
          parameters: { autonomy: { min: 0, max: 1 }, monitoring: { min: 0, max: 1 } },
        },
        analysis: { bootstrap: 50 },
      }),
      createLocalPool(getModel),
      { provenance },
    );
    const s = sob.summary.analysis!.sobol!;
    expect(s.parameters).toEqual(['autonomy', 'monitoring']);
    const coh = s.metrics.coherence as { S: { estimate: number; ciLow: number | null }[] };
    expect(coh.S).toHaveLength(2);
    expect(coh.S[0]!.ciLow).not.toBeNull();
    // Clipped to [0, 1], with the words' inputs: is N large enough, and which N would be.
    const full = s.metrics.coherence as SobolMetric;
    for (const e of [...full.S, ...full.ST]) {
      expect(e.ciLow! >= 0 && e.ciHigh! <= 1 && typeof e.clipped === 'boolean').toBe(true);
      expect(typeof e.estimable).toBe('boolean');
    }
    expect(full.suggestedN! >= 8 && Number.isInteger(Math.log2(full.suggestedN!))).toBe(true);
    const mor = await runSweep(
      resolveExperiment({
        ...base,
        replicates: 1,
        design: {
          type: 'morris',
          trajectories: 3,
          parameters: { autonomy: { min: 0, max: 1 }, monitoring: { min: 0, max: 1 } },
        },
      }),
      createLocalPool(getModel),
      { provenance },
    );
    expect((mor.summary.analysis!.morris!.metrics.coherence as { muStar: number[] }).muStar).toHaveLength(2);
    // PRIM on planted summaries: the criterion holds exactly where autonomy ≥ 0.5.
    const points = Array.from({ length: 40 }, (_, i) => ({
      point: i,
      params: { autonomy: i / 40, monitoring: ((i * 7) % 40) / 40 },
      runs: 1,
      ok: 1,
      failed: 0,
      metrics: { coherence: { mean: i / 40 >= 0.5 ? 0.9 : 0.1, sd: null, n: 1, ciLow: null, ciHigh: null } },
    }));
    const design = buildDesign({ type: 'points', points: points.map((p) => p.params) }, governance.params, 1);
    const a = analyze(
      points,
      design,
      { criterion: { coherence: { min: 0.7 } }, bootstrap: 0, pareto: null },
      ['coherence'],
      1,
    );
    expect(a.prim!.positives).toBe(20);
    expect(a.prim!.limits![0]).toMatchObject({ name: 'autonomy', low: 0.5, restricted: true });
    expect(a.prim!.density).toBe(1);
  });

  it('the experiment schema names the design types the parser knows', () => {
    const schema = JSON.parse(readFileSync(new URL('../../scenarios/experiment.schema.json', import.meta.url), 'utf8'));
    const types = schema.properties.design.oneOf.map(
      (d: { properties: { type: { const: string } } }) => d.properties.type.const,
    );
    expect(types.sort()).toEqual([...DESIGN_TYPES].sort());
  });
});
