// Sweeps flat in points: a columnar LHS design, point summaries handed on (not kept) with only the
// analysed means held in typed arrays, the manifest's design by reference and checksum, and the
// CLI's manifest file streamed from a spill file with the bytes it had when held whole.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { murmur3_32 } from '../../sim/engine/hash.ts';
import type { PointSummary } from '../../sim/experiment/aggregate.ts';
import { analysedMetrics } from '../../sim/experiment/analysis.ts';
import { buildDesign } from '../../sim/experiment/design.ts';
import { resolveExperiment } from '../../sim/experiment/experiment.ts';
import { latinHypercubeColumns } from '../../sim/experiment/lhsColumns.ts';
import { designChecksum } from '../../sim/experiment/manifest.ts';
import { PointMeans } from '../../sim/experiment/pointMeans.ts';
import { createLocalPool } from '../../sim/experiment/pool.ts';
import { hypervolume2d, latinHypercube, paretoFront } from '../../sim/experiment/stats/index.ts';
import { hypervolumeColumns, paretoFrontColumns } from '../../sim/experiment/paretoColumns.ts';
import { runSweep } from '../../sim/experiment/sweep.ts';
import { Stream } from '../../sim/engine/rng.ts';
import { getModel, MODELS } from '../../sim/models.ts';

const provenance = { concerto: 'test', git: null };
const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'concerto-scale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = {
  name: 'x',
  scenario: 'stylized-12',
  seed: 3,
  replicates: 2,
  cycles: 3,
  metrics: ['coherence', 'innovation'],
};
const unitRanges = { autonomy: { min: 0, max: 1 }, monitoring: { min: 0, max: 1 } };

describe('columnar LHS', () => {
  it('latinHypercubeColumns is latinHypercube bit for bit, column-major, from the same draws', () => {
    const a = new Stream('t', 12345);
    const b = new Stream('t', 12345);
    const rows = latinHypercube(37, 3, () => a.next());
    const cols = latinHypercubeColumns(37, 3, () => b.next());
    expect(cols).toHaveLength(111);
    for (let i = 0; i < 37; i++) for (let j = 0; j < 3; j++) expect(cols[j * 37 + i]).toBe(rows[i]![j]);
    expect(a.next()).toBe(b.next());
  });

  it('an LHS design maps the columns through fromUnit (integer parameters to whole numbers)', () => {
    const registry = MODELS.governance!.params;
    const d = buildDesign({ type: 'lhs', samples: 10, parameters: unitRanges }, registry, 7);
    const seen = new Set<number>();
    for (let i = 0; i < 10; i++) {
      const p = d.point(i);
      expect(Object.keys(p)).toEqual(['autonomy', 'monitoring']);
      seen.add(Math.floor((p.autonomy as number) * 10));
    }
    expect(seen.size).toBe(10); // one point per stratum
  });
});

describe('Pareto over columns', () => {
  it('paretoFrontColumns and hypervolumeColumns equal paretoFront and hypervolume2d, ties and negatives included', () => {
    const rng = new Stream('t', 99);
    for (let trial = 0; trial < 20; trial++) {
      const n = 1 + Math.floor(rng.next() * 60);
      // Coarse values (tenths in [-0.3, 1)) make ties in x, in y and in both.
      const pts = Array.from({ length: n }, () => ({
        x: Math.floor(rng.next() * 13 - 3) / 10,
        y: Math.floor(rng.next() * 13 - 3) / 10,
      }));
      const xs = Float64Array.from(pts, (p) => p.x);
      const ys = Float64Array.from(pts, (p) => p.y);
      expect(paretoFrontColumns(xs, ys)).toEqual(paretoFront(pts));
      expect(hypervolumeColumns(xs, ys, { x: 0, y: 0 })).toBe(hypervolume2d(pts, { x: 0, y: 0 }));
    }
    expect(paretoFrontColumns(new Float64Array([1, 2]), new Float64Array([2, 1]))).toEqual([0, 1]);
    expect(hypervolumeColumns(new Float64Array([1, 2]), new Float64Array([2, 1]), { x: 0, y: 0 })).toBe(3);
  });
});

describe('design checksum', () => {
  it('chains murmur3_32 (seeds 0 and 1) over the canonical JSON of every point', () => {
    const d = buildDesign(
      { type: 'factorial', parameters: { monitoring: [0.5, 0], autonomy: [1] } },
      MODELS.governance!.params,
      1,
    );
    const texts = ['{"autonomy":1,"monitoring":0.5}', '{"autonomy":1,"monitoring":0}'];
    let h1 = 0;
    let h2 = 1;
    for (const t of texts) {
      h1 = murmur3_32(t, h1);
      h2 = murmur3_32(t, h2);
    }
    expect(designChecksum(d)).toBe(h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0'));
  });

  it('the manifest references the design by parameters and checksum, and a changed design shows', async () => {
    const exp = resolveExperiment({ ...base, design: { type: 'lhs', samples: 6, parameters: unitRanges } });
    const out = await runSweep(exp, createLocalPool(getModel), { provenance });
    expect(out.manifest.design).toEqual({
      type: 'lhs',
      parameters: ['autonomy', 'monitoring'],
      points: 6,
      checksum: designChecksum(exp.design),
    });
    const other = resolveExperiment({ ...base, seed: 4, design: { type: 'lhs', samples: 6, parameters: unitRanges } });
    expect(designChecksum(other.design)).not.toBe(designChecksum(exp.design));
  });
});

describe('runSweep without keeping points', () => {
  const cases: [string, Record<string, unknown>][] = [
    [
      'lhs with Pareto and PRIM',
      {
        design: { type: 'lhs', samples: 24, parameters: unitRanges },
        analysis: { pareto: ['coherence', 'innovation'], criterion: { coherence: { min: 0.5 } } },
      },
    ],
    [
      'sobol',
      { replicates: 1, design: { type: 'sobol', samples: 8, parameters: unitRanges }, analysis: { bootstrap: 30 } },
    ],
    ['morris', { replicates: 1, design: { type: 'morris', trajectories: 3, parameters: unitRanges } }],
  ];
  for (const [name, raw] of cases) {
    it(`${name}: the points handed on and the analysis from the kept means equal the kept summary`, async () => {
      const exp = resolveExperiment({ ...base, ...raw });
      const kept = await runSweep(exp, createLocalPool(getModel), { provenance });
      const handed: PointSummary[] = [];
      const flat = await runSweep(exp, createLocalPool(getModel), {
        provenance,
        keepPoints: false,
        onPoint: (p) => {
          handed.push(p);
        },
      });
      expect(flat.summary.points).toEqual([]);
      expect(handed).toEqual(kept.summary.points);
      expect(flat.summary.runs).toEqual(kept.summary.runs);
      expect(flat.summary.analysis).toEqual(kept.summary.analysis);
      expect(flat.summary.analysis).not.toBeNull();
      expect(flat.manifest).toEqual(kept.manifest);
    });
  }

  it('PointMeans keeps only the analysed metrics, NaN-free nulls for points with no ok run', () => {
    const exp = resolveExperiment({
      ...base,
      design: { type: 'lhs', samples: 3, parameters: unitRanges },
      analysis: { criterion: { innovation: { max: 0.2 } } },
    });
    expect(analysedMetrics(exp.design, exp.analysis, exp.metrics)).toContain('innovation');
    const m = new PointMeans(['innovation'], (p) => exp.design.point(p), 1);
    const summary = (point: number, mean: number | null): PointSummary => ({
      point,
      params: exp.design.point(point),
      runs: 1,
      ok: mean === null ? 0 : 1,
      failed: mean === null ? 1 : 0,
      metrics: {
        coherence: null,
        innovation: mean === null ? null : { mean, sd: null, n: 1, ciLow: null, ciHigh: null },
      },
    });
    m.add(summary(0, 0.25));
    m.add(summary(1, null));
    m.add(summary(2, -0));
    expect(m.length).toBe(3);
    expect([m.point(0), m.point(1), m.point(2)]).toEqual([0, 1, 2]);
    expect([m.mean('innovation', 0), m.mean('innovation', 1), m.mean('innovation', 2)]).toEqual([0.25, null, -0]);
    expect(m.mean('coherence', 0)).toBeNull();
    expect(m.params(2)).toEqual(exp.design.point(2));
  });
});

describe('concerto sweep: the manifest file streamed from spilled points', () => {
  it('CSV and JSONL manifests are the bytes of { manifest, summary } held whole, and no spill file is left', () => {
    const file = join(dir, 'exp.json');
    writeFileSync(
      file,
      JSON.stringify({
        ...base,
        design: { type: 'lhs', samples: 12, parameters: unitRanges },
        analysis: { pareto: ['coherence', 'innovation'] },
      }),
    );
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['cli/concerto.mjs', 'sweep', file, '--workers', '1', ...args], {
        cwd: root,
        encoding: 'utf8',
      });
    expect(run('--out', join(dir, 'doc.json')).status).toBe(0);
    expect(run('--out', join(dir, 'rows.csv')).status).toBe(0);
    expect(run('--out', join(dir, 'lines.jsonl')).status).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, 'doc.json'), 'utf8'));
    const whole = `${JSON.stringify({ manifest: doc.manifest, summary: doc.summary })}\n`;
    expect(doc.summary.points).toHaveLength(12);
    expect(readFileSync(join(dir, 'rows.manifest.json'), 'utf8')).toBe(whole);
    expect(readFileSync(join(dir, 'lines.manifest.json'), 'utf8')).toBe(whole);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
    // The manifest alone reruns the sweep.
    const rerun = spawnSync(process.execPath, ['cli/concerto.mjs', 'rerun', join(dir, 'rows.manifest.json')], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(rerun.stderr + rerun.stdout).not.toContain('differ');
    expect(rerun.status).toBe(0);
  });
});
