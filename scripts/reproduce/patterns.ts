// The calibration patterns SF1–SF5 (docs/calibration.md): each a bundled experiment run on every
// robustness seed and judged by its criterion, written before the runs.
import type { Experiment } from '../../sim/experiment/index.ts';
import { hypervolume2d, pairedComparison, spearman } from '../../sim/experiment/stats/index.ts';
import {
  band,
  chart as drawChart,
  ci,
  col,
  fmt,
  load as loadExperiment,
  mean,
  pointsWhere,
  run as runExperiment,
  sweepMeans,
  type Finals,
  type Reproduction,
} from './common.ts';

export interface PatternResult {
  id: string;
  title: string;
  criterion: string;
  held: number;
  seeds: number;
  detail: string;
  figure: string;
}

/** Every wanted pattern, in the order of the document. */
export async function reproducePatterns(r: Reproduction): Promise<PatternResult[]> {
  const { seeds, started, wanted } = r;
  const load = (name: string) => loadExperiment(r, name);
  const run = (exp: Experiment, seed?: number) => runExperiment(r, exp, seed);
  const chart = (file: string, spec: Parameters<typeof drawChart>[2]) => drawChart(r, file, spec);
  const patterns: PatternResult[] = [];

  async function pattern(
    id: string,
    title: string,
    file: string,
    criterion: string,
    judge: (exp: Experiment, f: Finals) => { holds: boolean; numbers: string },
    figure: (exp: Experiment, f: Finals) => string,
  ): Promise<void> {
    if (!wanted(id)) return;
    const exp = load(file);
    let held = 0;
    let first: Finals | null = null;
    const lines: string[] = [];
    for (const s of seeds) {
      const f = await run(exp, s);
      if (s === seeds[0]) first = f;
      const j = judge(exp, f);
      if (j.holds) held++;
      lines.push(`| ${s} | ${j.holds ? 'holds' : 'does not hold'} | ${j.numbers} |`);
    }
    patterns.push({
      id,
      title,
      criterion,
      held,
      seeds: seeds.length,
      detail: ['| base seed | pattern | numbers |', '|---|---|---|', ...lines].join('\n'),
      figure: figure(exp, first!),
    });
    console.error(
      `${id}: holds on ${held} of ${seeds.length} seeds (${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
  }

  await pattern(
    'SF1',
    'Autonomy trade-off',
    'sf1-autonomy',
    'Spearman ρ(A, mean innovation) > .8 and ρ(A, mean coherence) < −.8 over the 11 autonomy points (30 replicates each).',
    (exp, f) => {
      const I = sweepMeans(exp, f, 'autonomy', 'innovation');
      const Cc = sweepMeans(exp, f, 'autonomy', 'coherence');
      const rI = spearman(I.x, I.y),
        rC = spearman(Cc.x, Cc.y);
      return {
        holds: rI > 0.8 && rC < -0.8,
        numbers: `ρ(A, I) = ${fmt(rI, 2)}, ρ(A, C) = ${fmt(rC, 2)}; I ${fmt(I.y[0])} → ${fmt(I.y.at(-1))}, C ${fmt(Cc.y[0])} → ${fmt(Cc.y.at(-1))}`,
      };
    },
    (exp, f) =>
      chart('sf1.svg', {
        title: 'SF1: coherence and innovation against autonomy',
        xLabel: 'autonomy A',
        yLabel: 'mean over cycles 26–50',
        series: [
          band(exp, f, [...Array(exp.design.size).keys()], 'autonomy', 'coherence'),
          band(exp, f, [...Array(exp.design.size).keys()], 'autonomy', 'innovation'),
        ],
      }),
  );

  await pattern(
    'SF2',
    'Feedback shifts the frontier',
    'sf2-feedback-frontier',
    'The hypervolume (from (0, 0)) of the (mean C, mean I) points of the autonomy sweep rises with φ ∈ {0, .5, .9}, and mean line quality over the sweep is higher at φ = .9 than at φ = 0.',
    (exp, f) => {
      const hv = [0, 0.5, 0.9].map((phi) =>
        hypervolume2d(
          pointsWhere(exp, { feedbackStrength: phi }).map((p) => ({
            x: mean(col(f, p, 'coherence')),
            y: mean(col(f, p, 'innovation')),
          })),
        ),
      );
      const lq = [0, 0.9].map((phi) =>
        mean(pointsWhere(exp, { feedbackStrength: phi }).map((p) => mean(col(f, p, 'lineQuality')))),
      );
      return {
        holds: hv[0]! < hv[1]! && hv[1]! < hv[2]! && lq[1]! > lq[0]!,
        numbers: `hypervolume ${hv.map((v) => fmt(v)).join(' / ')}; line quality ${fmt(lq[0])} → ${fmt(lq[1])}`,
      };
    },
    (exp, f) =>
      chart('sf2.svg', {
        title: 'SF2: coherence–innovation frontier by feedback strength',
        xLabel: 'coherence',
        yLabel: 'innovation',
        series: [0, 0.5, 0.9].map((phi) => {
          const ps = pointsWhere(exp, { feedbackStrength: phi });
          const pts = ps
            .map((p) => ({ x: mean(col(f, p, 'coherence')), y: mean(col(f, p, 'innovation')) }))
            .sort((a, b) => a.x - b.x);
          return { name: `φ = ${phi}`, x: pts.map((q) => q.x), y: pts.map((q) => q.y) };
        }),
      }),
  );

  await pattern(
    'SF3',
    'Strict approval suppresses innovation',
    'sf3-strict-approval',
    'Over the 11 strictness points: Spearman ρ(σ_A, discoveries) ≤ −.8, ρ(σ_A, scale-ups) ≤ −.8 and ρ(σ_A, share of missed windows) ≥ .8.',
    (exp, f) => {
      const r = ['discoveries', 'scaleUps', 'missedWindowShare'].map((m) => {
        const s = sweepMeans(exp, f, 'approvalStrictness', m);
        return spearman(s.x, s.y);
      });
      return {
        holds: r[0]! <= -0.8 && r[1]! <= -0.8 && r[2]! >= 0.8,
        numbers: `ρ discoveries ${fmt(r[0], 2)}, scale-ups ${fmt(r[1], 2)}, missed windows ${fmt(r[2], 2)}`,
      };
    },
    (exp, f) =>
      chart('sf3.svg', {
        title: 'SF3: discoveries and scale-ups against strictness',
        xLabel: 'approval strictness σ_A',
        yLabel: 'count per run',
        series: [
          band(exp, f, [...Array(exp.design.size).keys()], 'approvalStrictness', 'discoveries'),
          band(exp, f, [...Array(exp.design.size).keys()], 'approvalStrictness', 'scaleUps'),
        ],
      }),
  );

  await pattern(
    'SF4',
    'Loose monitoring brings incoherence',
    'sf4-loose-monitoring',
    'Paired over replicates: alignment at μ = .05 minus alignment at μ = .3 has a 95% CI below 0, and incidents at μ = .05 minus at μ = .3 a CI above 0.',
    (exp, f) => {
      const lo = pointsWhere(exp, { monitoring: 0.05 })[0]!,
        mid = pointsWhere(exp, { monitoring: 0.3 })[0]!;
      const a = pairedComparison(col(f, mid, 'alignment'), col(f, lo, 'alignment'));
      const i = pairedComparison(col(f, mid, 'incidents'), col(f, lo, 'incidents'));
      return {
        holds: a.paired.ciHigh! < 0 && i.paired.ciLow! > 0,
        numbers: `Δ alignment ${fmt(a.meanDifference)} ${ci(a.paired.ciLow, a.paired.ciHigh)}; Δ incidents ${fmt(i.meanDifference, 2)} ${ci(i.paired.ciLow, i.paired.ciHigh, 2)}`,
      };
    },
    (exp, f) =>
      chart('sf4.svg', {
        title: 'SF4: alignment against monitoring',
        xLabel: 'monitoring μ',
        yLabel: 'alignment',
        series: [band(exp, f, [...Array(exp.design.size).keys()], 'monitoring', 'alignment')],
      }),
  );

  await pattern(
    'SF5',
    'Delay brings oscillation',
    'sf5-delay-oscillation',
    'Under continuous steering, Spearman ρ(δ, mean oscillation of the steered autonomy) ≥ .8 over δ ∈ {0, 1, 2, 4}, and the paired difference δ = 4 minus δ = 0 has a 95% CI above 0.',
    (exp, f) => {
      const s = sweepMeans(exp, f, 'feedbackDelay', 'autonomyOscillation');
      const r = spearman(s.x, s.y);
      const d = pairedComparison(col(f, 0, 'autonomyOscillation'), col(f, exp.design.size - 1, 'autonomyOscillation'));
      return {
        holds: r >= 0.8 && d.paired.ciLow! > 0,
        numbers: `ρ = ${fmt(r, 2)}; amplitude ${s.y.map((v) => fmt(v, 4)).join(' / ')}; Δ(4 − 0) ${fmt(d.meanDifference, 4)} ${ci(d.paired.ciLow, d.paired.ciHigh, 4)}`,
      };
    },
    (exp, f) =>
      chart('sf5.svg', {
        title: 'SF5: oscillation of steered autonomy against delay',
        xLabel: 'feedback delay δ',
        yLabel: 'sd of detrended A',
        series: [band(exp, f, [...Array(exp.design.size).keys()], 'feedbackDelay', 'autonomyOscillation')],
      }),
  );
  return patterns;
}
