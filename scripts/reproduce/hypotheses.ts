// The hypotheses H1–H10 (docs/hypotheses.md): each a bundled experiment, the statistic that answers
// it and a verdict by the rule stated with it, written before the runs.
import { loadScenario } from '../../sim/context.ts';
import { runScenario } from '../../sim/engine/run.ts';
import type { Experiment } from '../../sim/experiment/index.ts';
import { pairedComparison, summarize } from '../../sim/experiment/stats/index.ts';
import { governanceModel } from '../../sim/model/governance.ts';
import {
  band,
  chart as drawChart,
  ci,
  col,
  fmt,
  load as loadExperiment,
  mean,
  pointsWhere,
  pointValue,
  run as runExperiment,
  verdict,
  type Reproduction,
} from './common.ts';
import { quadraticFit } from './quadraticFit.ts';

export interface HypothesisResult {
  id: string;
  question: string;
  design: string;
  rule: string;
  statistic: string;
  verdict: string;
  figure: string;
}

const describeDesign = (exp: Experiment) =>
  `\`scenarios/experiments/${exp.name}.json\`: ${exp.design.type} design, ${exp.design.size} points × ${exp.replicates} replicates, ${exp.cycles} cycles, base seed ${exp.seed}${Object.keys(exp.set).length ? `, fixed ${JSON.stringify(exp.set)}` : ''}`;
const question = (exp: Experiment) =>
  typeof exp.description === 'string' ? exp.description : (exp.description?.en ?? '');

/** An end's output relative to the reference province, y/y_ref = I/(100 − I), from its 0–100 index I (docs/ODD.md §7). */
const outputOfIndex = (i: number) => i / (100 - i);

/** Every wanted hypothesis, in the order of the document. */
export async function reproduceHypotheses(r: Reproduction): Promise<HypothesisResult[]> {
  const { wanted } = r;
  const load = (name: string) => loadExperiment(r, name);
  const run = (exp: Experiment) => runExperiment(r, exp);
  const chart = (file: string, spec: Parameters<typeof drawChart>[2]) => drawChart(r, file, spec);
  const hyps: HypothesisResult[] = [];

  async function paired(id: string, file: string, metric: string, direction: 1 | -1, rule: string): Promise<void> {
    if (!wanted(id)) return;
    const exp = load(file);
    const f = await run(exp);
    const c = pairedComparison(col(f, 0, metric), col(f, 1, metric));
    const v = verdict(c.paired.ciLow!, c.paired.ciHigh!, direction);
    const names = [0, 1].map((p) => JSON.stringify(exp.design.point(p)));
    hyps.push({
      id,
      question: question(exp),
      design: describeDesign(exp),
      rule,
      statistic: `${metric}: ${names[1]} − ${names[0]} = ${fmt(c.meanDifference, 4)}, paired 95% CI ${ci(c.paired.ciLow, c.paired.ciHigh, 4)} (unpaired Welch CI ${ci(c.welch.ciLow, c.welch.ciHigh, 4)}); means ${fmt(c.meanA, 4)} and ${fmt(c.meanB, 4)}`,
      verdict: v,
      figure: chart(`${id.toLowerCase()}.svg`, {
        title: `${id}: ${metric} by replicate`,
        xLabel: 'replicate',
        yLabel: metric,
        series: [0, 1].map((p) => ({
          name: names[p]!.slice(0, 28),
          x: col(f, p, metric).map((_, r) => r),
          y: col(f, p, metric),
        })),
      }),
    });
  }

  async function interaction(
    id: string,
    file: string,
    metric: string,
    a: string,
    b: string,
    rule: string,
    direction: 1 | -1 = 1,
    transform: (v: number) => number = (v) => v,
    label = metric,
  ): Promise<void> {
    if (!wanted(id)) return;
    const exp = load(file);
    const f = await run(exp);
    const av = [...new Set([...Array(exp.design.size).keys()].map((p) => pointValue(exp, p, a)))].sort((x, y) => x - y);
    const bv = [...new Set([...Array(exp.design.size).keys()].map((p) => pointValue(exp, p, b)))].sort((x, y) => x - y);
    const cell = (i: number, j: number) =>
      col(f, pointsWhere(exp, { [a]: av[i]!, [b]: bv[j]! })[0]!, metric).map(transform);
    // Interaction per replicate (common random numbers): (y₁₁ − y₁₀) − (y₀₁ − y₀₀).
    const per = cell(1, 1).map((v, r) => v - cell(1, 0)[r]! - (cell(0, 1)[r]! - cell(0, 0)[r]!));
    const s = summarize(per);
    hyps.push({
      id,
      question: question(exp),
      design: describeDesign(exp),
      rule,
      statistic: `interaction of ${a} × ${b} on ${label}: ${fmt(s.mean, 4)}, 95% CI ${ci(s.ciLow, s.ciHigh, 4)} (cell means ${[
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ]
        .map(([i, j]) => `${a}=${av[i!]}, ${b}=${bv[j!]}: ${fmt(mean(cell(i!, j!)), 4)}`)
        .join('; ')})`,
      verdict: verdict(s.ciLow!, s.ciHigh!, direction),
      figure: chart(`${id.toLowerCase()}.svg`, {
        title: `${id}: ${label}`,
        xLabel: b,
        yLabel: label,
        series: [0, 1].map((i) => ({ name: `${a} = ${av[i]}`, x: bv, y: [0, 1].map((j) => mean(cell(i, j))) })),
      }),
    });
  }

  if (wanted('H1')) {
    // H1 (2.0): a continuous statement — concavity, and the slope at A = .5 rising with turbulence.
    const exp = load('h1-autonomy-turbulence');
    const f = await run(exp);
    const n = exp.replicates;
    // Least-squares quadratic V ≈ b0 + b1·A + b2·A² over the 11 autonomy points of one replicate at one ε.
    const fit = (eps: number, r: number) => {
      const ps = pointsWhere(exp, { turbulence: eps });
      const xs = ps.map((p) => pointValue(exp, p, 'autonomy'));
      const ys = ps.map((p) => f[p]![r]!.value!);
      return quadraticFit(xs, ys);
    };
    const curvature = Array.from({ length: n }, (_, r) => -fit(0.01, r)[2]); // −b2 > 0: concave
    const slopeAt = (c: number[]) => c[1]! + 2 * c[2]! * 0.5;
    const shift = Array.from({ length: n }, (_, r) => slopeAt(fit(0.1, r)) - slopeAt(fit(0.01, r)));
    const sc = summarize(curvature),
      ss = summarize(shift);
    const vc = verdict(sc.ciLow!, sc.ciHigh!, 1),
      vs = verdict(ss.ciLow!, ss.ciHigh!, 1);
    const v =
      vc === 'supported' && vs === 'supported'
        ? 'supported'
        : vc === 'not supported' || vs === 'not supported'
          ? 'not supported'
          : 'inconclusive';
    hyps.push({
      id: 'H1',
      question: question(exp),
      design: describeDesign(exp),
      rule: 'For each replicate (common random numbers across points), fit V ≈ b0 + b1·A + b2·A² by least squares over the 11 autonomy points at each turbulence. Supported if both 95% t-CIs over replicates lie above 0: the concavity −b2 at ε = .01, and the rise of the slope at A = .5, (b1 + b2) at ε = .1 minus at ε = .01 (turbulence raises the return to autonomy, so the optimum moves right). Not supported if either lies below 0; otherwise inconclusive. (1.3.0 compared discrete argmaxima, ill-posed on a plateau.)',
      statistic: `concavity −b2 at ε = .01: ${fmt(sc.mean, 3)} ${ci(sc.ciLow, sc.ciHigh, 3)}; slope of V at A = .5: ε = .01 ${fmt(mean(Array.from({ length: n }, (_, r) => slopeAt(fit(0.01, r)))), 2)}, ε = .1 ${fmt(mean(Array.from({ length: n }, (_, r) => slopeAt(fit(0.1, r)))), 2)}; rise ${fmt(ss.mean, 3)} ${ci(ss.ciLow, ss.ciHigh, 3)}`,
      verdict: v,
      figure: chart('h1.svg', {
        title: 'H1: national value against autonomy',
        xLabel: 'autonomy A',
        yLabel: 'value V (0–100)',
        series: [0.01, 0.1].map((eps) =>
          band(exp, f, pointsWhere(exp, { turbulence: eps }), 'autonomy', 'value', `ε = ${eps}`),
        ),
      }),
    });
  }
  await paired(
    'H2',
    'h2-feedback-value',
    'value',
    1,
    'Supported if the paired 95% CI of V(φ .9, δ 0) − V(φ .1, δ 4) lies above 0; not supported if below; otherwise inconclusive.',
  );
  await interaction(
    'H3',
    'h3-complements',
    'value',
    'feedbackStrength',
    'track2Intensity',
    'Supported if the paired 95% CI of the interaction (V₁₁ − V₁₀) − (V₀₁ − V₀₀) lies above 0; not supported if below; otherwise inconclusive.',
  );
  await interaction(
    'H4',
    'h4-coherence-prestige',
    'prestige',
    'autonomy',
    'resources',
    'Provincial activity (resources 1 → 1.5) should add more prestige when coherent (autonomy .2) than when not (autonomy .9). Re-specified for 2.0.0 on the prestige output (relative to the reference province, y/y_ref = P/(100 − P)), not on the 0–100 index, whose saturation would shrink any gain at a higher level: supported if the 95% CI of the interaction (y at A .9, R 1.5 − A .9, R 1) − (A .2, R 1.5 − A .2, R 1) lies below 0; not supported if above; otherwise inconclusive.',
    -1,
    outputOfIndex,
    'prestige output (× reference)',
  );
  await paired(
    'H5',
    'h5-strictness-backfire',
    'fenceBreaks',
    1,
    'At μ = .05, supported if the paired 95% CI of fence-breaks(σ_A .9) − fence-breaks(σ_A .3) lies above 0; not supported if below; otherwise inconclusive. (Discoveries and scale-ups are reported in the data but do not decide the verdict.)',
  );
  if (wanted('H6')) {
    // H6 (2.0): non-inferiority on incidents, with more pilots approved.
    const exp = load('h6-track2-substitute');
    const f = await run(exp);
    const c = pairedComparison(col(f, 0, 'incidents'), col(f, 1, 'incidents'));
    const p = pairedComparison(col(f, 0, 'pilotsApproved'), col(f, 1, 'pilotsApproved'));
    const margin = 0.1 * c.meanA;
    const lo = c.paired.ciLow!,
      hi = c.paired.ciHigh!;
    const morePilots = p.paired.ciLow! > 0;
    const v =
      hi <= margin && morePilots ? 'supported' : lo > margin || p.paired.ciHigh! < 0 ? 'not supported' : 'inconclusive';
    hyps.push({
      id: 'H6',
      question: question(exp),
      design: describeDesign(exp),
      rule: "Non-inferiority (2.0; 1.3.0 tested equivalence, vacuous when strictness barely moved incidents): with loose approval and Track 2 (σ_A .3, τ .8) against strict approval without it (σ_A .7, τ 0), supported if the paired 95% CI of the incidents difference lies below +10% of the strict arm's mean AND the pilots-approved difference has a CI above 0 (the same safety with more experimentation); not supported if the incidents CI lies entirely above the margin or the pilots CI below 0; otherwise inconclusive.",
      statistic: `incidents: ${fmt(c.meanB, 2)} − ${fmt(c.meanA, 2)} = ${fmt(c.meanDifference, 2)}, paired 95% CI ${ci(lo, hi, 2)}, margin +${fmt(margin, 2)}; pilots approved ${fmt(p.meanB, 1)} − ${fmt(p.meanA, 1)} = ${fmt(p.meanDifference, 1)} ${ci(p.paired.ciLow, p.paired.ciHigh, 1)}`,
      verdict: v,
      figure: chart('h6.svg', {
        title: 'H6: incidents by replicate',
        xLabel: 'replicate',
        yLabel: 'incidents',
        series: [0, 1].map((q) => ({
          name: JSON.stringify(exp.design.point(q)).slice(0, 28),
          x: col(f, q, 'incidents').map((_, r) => r),
          y: col(f, q, 'incidents'),
        })),
      }),
    });
  }
  await paired(
    'H7',
    'h7-type-lines',
    'value',
    1,
    'Supported if the paired 95% CI of V(byType) − V(national) lies above 0; not supported if below; otherwise inconclusive.',
  );
  await paired(
    'H8',
    'h8-steering-oscillation',
    'autonomyOscillation',
    1,
    'Under continuous steering, supported if the paired 95% CI of the oscillation of A at δ = 4 minus at δ = 0 lies above 0; not supported if below; otherwise inconclusive.',
  );
  await interaction(
    'H9',
    'h9-capacity-autonomy',
    'value',
    'capacityBudget',
    'autonomy',
    'Supported if the paired 95% CI of the interaction (V at R_c .6, A .7 − R_c .6, A .2) − (R_c 0, A .7 − R_c 0, A .2) lies above 0; not supported if below; otherwise inconclusive.',
  );
  if (wanted('H10')) {
    // H10: which type's evidence wins scale-ups under one national line (events of each run).
    const exp = load('h10-city-pilots');
    const sc = loadScenario({
      formatVersion: 1,
      name: 'h10',
      extends: 'vn34-2025',
      params: { ...exp.set, ...exp.design.point(0) },
    });
    const provinces = sc.data.provinces as { id: string; flags: string[] }[];
    const city = new Set(provinces.filter((p) => p.flags.includes('M')).map((p) => p.id));
    const citySharePerRun: number[] = [];
    for (let r = 0; r < exp.replicates; r++) {
      const run1 = runScenario(governanceModel, sc, { seed: exp.seed, replicate: r, cycles: exp.cycles, events: true });
      const ups = (run1.events ?? []).filter((e) => e.code === 'scaleUp' && e.args.province !== '');
      citySharePerRun.push(
        ups.length ? ups.filter((e) => city.has(String(e.args.province))).length / ups.length : Number.NaN,
      );
    }
    const shares = citySharePerRun.filter((v) => Number.isFinite(v));
    const base = city.size / provinces.length;
    const s = summarize(shares.map((v) => v - base));
    hyps.push({
      id: 'H10',
      question: question(exp),
      design: `${describeDesign(exp)}; scale-up events of each run, tagged with the province whose evidence won`,
      rule: "Diffusion: supported if the 95% CI of (share of scale-ups won by city evidence − the cities' share of units, 6/34) lies above 0; not supported if below; otherwise inconclusive. The second half (city pilots fit border and interior units worst) is not measured by this experiment and is not part of the verdict.",
      statistic: `city share of scale-ups − ${fmt(base)} = ${fmt(s.mean)}, 95% CI ${ci(s.ciLow, s.ciHigh)} over ${shares.length} runs with a province-won scale-up`,
      verdict: verdict(s.ciLow!, s.ciHigh!, 1),
      figure: chart('h10.svg', {
        title: 'H10: share of scale-ups won by city evidence',
        xLabel: 'replicate',
        yLabel: 'city share',
        series: [
          { name: 'city share', x: shares.map((_, r) => r), y: shares },
          { name: 'share of units', x: shares.map((_, r) => r), y: shares.map(() => base) },
        ],
      }),
    });
  }
  return hyps;
}
