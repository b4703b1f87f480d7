import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/context.ts';
import { createStreams } from '../../sim/engine/rng.ts';
import { runScenario, type RunRecord } from '../../sim/engine/run.ts';
import { pairedComparison } from '../../sim/experiment/stats/index.ts';
import { governanceModel } from '../../sim/model/governance.ts';
import vn34Raw from '../../scenarios/vn34-2025.json' with { type: 'json' };

// Relations that any sane version of the governance model must satisfy (model-2.0 issue). Hard
// relations (a lever at an end switches a mechanism off) are checked exactly on several seeds;
// directional ones are paired comparisons under common random numbers, base seed 1, with the
// replicate counts stated in each test and 95% t-intervals, fixed before the runs.

const sc = (params: Record<string, unknown>, name = 'relation') =>
  loadScenario({ formatVersion: 1, name, extends: 'vn34-2025', params });
const runs = (params: Record<string, unknown>, reps: number, seed = 1, cycles = 50): RunRecord[] => {
  const scenario = sc(params);
  return Array.from({ length: reps }, (_, r) => {
    const rec = runScenario(governanceModel, scenario, { seed, replicate: r, cycles });
    if (rec.status !== 'ok') throw new Error(rec.error);
    return rec;
  });
};
const col = (rs: RunRecord[], m: string) => rs.map((r) => r.final[m]!);
const paired = (a: RunRecord[], b: RunRecord[], m: string) => pairedComparison(col(a, m), col(b, m)).paired;

describe('relations: a lever at its end switches a mechanism off', () => {
  it('Track 2 intensity 0 ⇒ no Track 2 activity (no test, no warning, no Track 2 scale-up)', () => {
    for (const r of runs({ track2Intensity: 0 }, 6, 3)) {
      expect([r.final.pilotsTested, r.final.earlyWarnings, r.final.scaleUpsTrack2]).toEqual([0, 0, 0]);
    }
  });
  it('approval strictness 1 ⇒ no pilot and no agreement approved', () => {
    for (const r of runs({ approvalStrictness: 1 }, 6, 3)) {
      expect(r.final.pilotsProposed).toBeGreaterThan(0);
      expect(r.final.agreementsRequested).toBeGreaterThan(0);
      expect([r.final.pilotsApproved, r.final.agreementsApproved]).toEqual([0, 0]);
    }
  });
  it('strictness 0 with ample queue capacity ⇒ everything approved, no window missed', () => {
    for (const r of runs({ approvalStrictness: 0, approvalCapacity: 40 }, 6, 3)) {
      expect(r.final.pilotsApproved).toBe(r.final.pilotsProposed);
      expect(r.final.agreementsApproved).toBe(r.final.agreementsRequested);
      expect(r.final.windowRequests).toBeGreaterThan(0);
      expect(r.final.missedWindows).toBe(0);
    }
  });
  it('monitoring 0 ⇒ no inspection, sanction or legitimisation', () => {
    for (const r of runs({ monitoring: 0 }, 6, 3)) {
      expect([r.final.inspections, r.final.sanctions, r.final.legitimizations]).toEqual([0, 0, 0]);
    }
  });
  it('feedback 0 ⇒ no scale-up and a static line', () => {
    for (let rep = 0; rep < 4; rep++) {
      const w = governanceModel.init(sc({ feedbackStrength: 0 }), createStreams(governanceModel.streams, 3, rep), {
        cycles: 50,
      });
      const line0 = Array.from(w.s.lines);
      let scaleUps = 0;
      for (let t = 0; t < 50; t++) {
        governanceModel.step(w);
        scaleUps += governanceModel.observe(w)[governanceModel.metrics.findIndex((m) => m.name === 'scaleUps')]!;
      }
      expect(scaleUps).toBe(0);
      expect(Array.from(w.s.lines)).toEqual(line0);
    }
  });
});

describe('relations: directions (paired, base seed 1, 95% CI)', () => {
  it('more monitoring ⇒ fewer fence-breaks (μ .05 → .6, 20 replicates)', () => {
    expect(paired(runs({ monitoring: 0.05 }, 20), runs({ monitoring: 0.6 }, 20), 'fenceBreaks').ciHigh).toBeLessThan(0);
  });
  it('longer feedback delay ⇒ later first scale-up (δ 0 → 6, 20 replicates)', () => {
    const first = (rs: RunRecord[]) =>
      rs.map((r) => {
        const k = r.series.scaleUps!.findIndex((v) => v > 0);
        return k < 0 ? r.series.scaleUps!.length + 1 : k + 1;
      });
    const c = pairedComparison(first(runs({ feedbackDelay: 0 }, 20)), first(runs({ feedbackDelay: 6 }, 20)));
    expect(c.paired.ciLow).toBeGreaterThan(0);
  });
  it('fewer resources ⇒ fewer pilots and agreements tried (R 1 → .2, 20 replicates)', () => {
    const a = runs({ resources: 1 }, 20);
    const b = runs({ resources: 0.2 }, 20);
    expect(paired(a, b, 'pilotsProposed').ciHigh).toBeLessThan(0);
    expect(paired(a, b, 'agreementsRequested').ciHigh).toBeLessThan(0);
  });
  it('longer guidance delay ⇒ lower alignment where the line moves and nobody corrects (national line, φ = 1, μ = 0; δ_down 0 → 3, 30 replicates)', () => {
    // With monitoring on, sanctions set provinces back to the centre's current line, so a late reading
    // of the line shows up as lost compliance (provinces outside their zone) rather than lost alignment.
    const base = { lineScope: 'national', feedbackStrength: 1 };
    expect(
      paired(
        runs({ ...base, monitoring: 0, guidanceDelay: 0 }, 30),
        runs({ ...base, monitoring: 0, guidanceDelay: 3 }, 30),
        'alignment',
      ).ciHigh,
    ).toBeLessThan(0);
    expect(
      paired(runs({ ...base, guidanceDelay: 0 }, 30), runs({ ...base, guidanceDelay: 3 }, 30), 'compliance').ciHigh,
    ).toBeLessThan(0);
  });
});

describe('relations: symmetry', () => {
  it('identical provinces ⇒ symmetric utility and trust in expectation (8 identical units, 40 replicates)', () => {
    const unit = (k: number) => ({
      id: `u${k}`,
      name: `Unit ${k}`,
      ascii: `Unit ${k}`,
      flags: ['C'],
      region: 'R',
      pop: 1000000,
      area: 5000,
      capacity: 0.5,
    });
    const scenario = loadScenario({
      ...vn34Raw,
      name: 'identical',
      provinces: Array.from({ length: 8 }, (_, k) => unit(k)),
    } as Record<string, unknown>);
    const first: number[] = [];
    const last: number[] = [];
    const firstTrust: number[] = [];
    const lastTrust: number[] = [];
    for (let r = 0; r < 40; r++) {
      const rec = runScenario(governanceModel, scenario, { seed: 1, replicate: r, cycles: 50, detail: true });
      const ps = (rec.detail as { provinces: { utility: number; trust: number }[] }).provinces;
      const m = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      first.push(m(ps.slice(0, 4).map((p) => p.utility)));
      last.push(m(ps.slice(4).map((p) => p.utility)));
      firstTrust.push(m(ps.slice(0, 4).map((p) => p.trust)));
      lastTrust.push(m(ps.slice(4).map((p) => p.trust)));
    }
    for (const [a, b] of [
      [first, last],
      [firstTrust, lastTrust],
    ] as const) {
      const c = pairedComparison(a, b).paired;
      expect(c.ciLow).toBeLessThan(0);
      expect(c.ciHigh).toBeGreaterThan(0);
    }
  });
  it('reversed province order ⇒ the same national outcomes in distribution (40 replicates each, Welch 95% CI spans 0)', () => {
    const reversed = loadScenario({
      ...vn34Raw,
      name: 'reversed',
      provinces: [...vn34Raw.provinces].reverse(),
    } as Record<string, unknown>);
    const normal = sc({});
    const finals = (s: typeof normal) =>
      Array.from(
        { length: 40 },
        (_, r) => runScenario(governanceModel, s, { seed: 1, replicate: r, cycles: 50 }).final,
      );
    const a = finals(normal);
    const b = finals(reversed);
    for (const m of ['value', 'coherence', 'innovation']) {
      const c = pairedComparison(
        a.map((f) => f[m]!),
        b.map((f) => f[m]!),
      ).welch;
      expect(c.ciLow, m).toBeLessThan(0);
      expect(c.ciHigh, m).toBeGreaterThan(0);
    }
  });
});
