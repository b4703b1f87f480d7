// `npm run reproduce`: regenerates docs/calibration.md (patterns SF1–SF5, each on 20 base seeds)
// and docs/hypotheses.md (H1–H10: statistic, 95% CI, verdict, chart) from the bundled experiment
// files, from scratch, and prints how long it took. The criteria and verdict rules below were
// written before the runs they judge; a pattern that does not hold is reported with its numbers.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createNodePool } from '../cli/pool-node.ts';
import { lusolve } from 'mathjs';
import { loadScenario } from '../sim/context.ts';
import { runScenario } from '../sim/engine/run.ts';
import { createPlan, resolveExperiment, sweepTasks, type Experiment, type RunResult } from '../sim/experiment/index.ts';
import { hypervolume2d, pairedComparison, spearman, summarize } from '../sim/experiment/stats/index.ts';
import { governanceModel, GOVERNANCE_VERSION } from '../sim/model/governance.ts';
import { lineChartSvg, type ChartSeries } from './svg-chart.ts';
import { reproduceMarch } from './reproduce-march.ts';
import { leverSensitivity, sensitivityMarkdown } from './sensitivity.ts';

const started = performance.now();
const root = new URL('..', import.meta.url).pathname;
const SEEDS = Array.from({ length: 20 }, (_, k) => k + 1); // robustness seeds, fixed in advance
const quick = process.argv.includes('--quick'); // fewer seeds and replicates, for a smoke run
const seeds = quick ? SEEDS.slice(0, 2) : SEEDS;
const workersArg = process.argv.find((a) => a.startsWith('--workers='));
// `--only=SF4,H5` runs just those (for work on one pattern); the documents are then not written.
const only =
  process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice(7)
    .split(',') ?? null;
const wanted = (id: string) => only === null || only.includes(id);
const pool = await createNodePool(workersArg ? { workers: Number(workersArg.slice(10)) } : {});

function load(name: string): Experiment {
  const raw = JSON.parse(readFileSync(`${root}scenarios/experiments/${name}.json`, 'utf8')) as Record<string, unknown>;
  if (quick) raw.replicates = Math.min(8, raw.replicates as number);
  return resolveExperiment(raw);
}

/** finals[point][replicate][metric] of an experiment run with a given base seed. */
type Finals = Record<string, number>[][];
async function run(exp: Experiment, seed = exp.seed): Promise<Finals> {
  const e: Experiment = { ...exp, seed };
  const out: Finals = Array.from({ length: e.design.size }, () => []);
  const failures: string[] = [];
  await pool.run(createPlan(e, false), sweepTasks(e), {
    onResult: (r: RunResult) => {
      if (r.status !== 'ok') failures.push(`point ${r.point} replicate ${r.replicate}: ${r.error}`);
      out[r.point]![r.replicate] = r.final;
    },
  });
  if (failures.length)
    throw new Error(`${exp.name} (seed ${seed}): ${failures.length} runs failed, first ${failures[0]}`);
  return out;
}

const col = (f: Finals, p: number, m: string) => f[p]!.map((r) => r[m]!);
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const fmt = (v: number | null | undefined, d = 3) =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(d);
const ci = (lo: number | null, hi: number | null, d = 3) => `[${fmt(lo, d)}, ${fmt(hi, d)}]`;
function pointValue(exp: Experiment, p: number, name: string): number {
  return exp.design.point(p)[name] as number;
}
function pointsWhere(exp: Experiment, cond: Record<string, number | string>): number[] {
  const out: number[] = [];
  for (let p = 0; p < exp.design.size; p++) {
    const pt = exp.design.point(p);
    if (Object.entries(cond).every(([k, v]) => pt[k] === v)) out.push(p);
  }
  return out;
}
function chart(file: string, spec: Parameters<typeof lineChartSvg>[0]): string {
  mkdirSync(`${root}docs/figures`, { recursive: true });
  writeFileSync(`${root}docs/figures/${file}`, lineChartSvg(spec));
  return `![${spec.title}](figures/${file})`;
}
function band(exp: Experiment, f: Finals, ps: number[], xName: string, m: string, name = m): ChartSeries {
  const sums = ps.map((p) => summarize(col(f, p, m)));
  return {
    name,
    x: ps.map((p) => pointValue(exp, p, xName)),
    y: sums.map((s) => s.mean),
    lo: sums.map((s) => s.ciLow ?? s.mean),
    hi: sums.map((s) => s.ciHigh ?? s.mean),
  };
}
/** Least-squares quadratic fit y ≈ c0 + c1·x + c2·x²: the normal equations solved by mathjs. */
function quadraticFit(x: number[], y: number[]): [number, number, number] {
  const S = (k: number) => x.reduce((a, v) => a + v ** k, 0);
  const T = (k: number) => x.reduce((a, v, i) => a + v ** k * y[i]!, 0);
  const c = lusolve(
    [
      [S(0), S(1), S(2)],
      [S(1), S(2), S(3)],
      [S(2), S(3), S(4)],
    ],
    [T(0), T(1), T(2)],
  ) as number[][];
  return [c[0]![0]!, c[1]![0]!, c[2]![0]!];
}

function verdict(lo: number, hi: number, direction: 1 | -1): string {
  if (direction * lo > 0 && direction * hi > 0) return 'supported';
  if (direction * lo < 0 && direction * hi < 0) return 'not supported';
  return 'inconclusive';
}

// ── Patterns ───────────────────────────────────────────────────────────────────────────────
interface PatternResult {
  id: string;
  title: string;
  criterion: string;
  held: number;
  seeds: number;
  detail: string;
  figure: string;
}
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

const sweepMeans = (
  exp: Experiment,
  f: Finals,
  xName: string,
  m: string,
  ps = Array.from({ length: exp.design.size }, (_, p) => p),
) => ({ x: ps.map((p) => pointValue(exp, p, xName)), y: ps.map((p) => mean(col(f, p, m))) });

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

// ── Hypotheses ─────────────────────────────────────────────────────────────────────────────
interface HypothesisResult {
  id: string;
  question: string;
  design: string;
  rule: string;
  statistic: string;
  verdict: string;
  figure: string;
}
const hyps: HypothesisResult[] = [];
const describeDesign = (exp: Experiment) =>
  `\`scenarios/experiments/${exp.name}.json\`: ${exp.design.type} design, ${exp.design.size} points × ${exp.replicates} replicates, ${exp.cycles} cycles, base seed ${exp.seed}${Object.keys(exp.set).length ? `, fixed ${JSON.stringify(exp.set)}` : ''}`;
const question = (exp: Experiment) =>
  typeof exp.description === 'string' ? exp.description : (exp.description?.en ?? '');

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

/** An end's output relative to the reference province, y/y_ref = I/(100 − I), from its 0–100 index I (docs/ODD.md §7). */
const outputOfIndex = (i: number) => i / (100 - i);

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
// Lever sensitivity (docs/sensitivity.md): one thread, 100 paired replicates per setting.
let sensitivity = '';
if (wanted('sensitivity')) {
  const t0 = performance.now();
  const reps = quick ? 10 : 100;
  sensitivity = sensitivityMarkdown(leverSensitivity(reps), reps, GOVERNANCE_VERSION, (performance.now() - t0) / 1000);
  console.error(`sensitivity: ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
await reproduceMarch(pool, { quick }); // March (1991) and the bridge: docs/validation.md
await pool.close();

// ── Documents ──────────────────────────────────────────────────────────────────────────────
const took = (performance.now() - started) / 1000;
const header = (title: string) =>
  `# ${title}\n\nGenerated by \`npm run reproduce\` (governance model ${GOVERNANCE_VERSION}${quick ? ', QUICK smoke run: 2 seeds, ≤ 8 replicates' : ''}); do not edit by hand. It took ${took.toFixed(0)} s on this machine.\n`;
/** The model's history against these patterns (before/after numbers of earlier versions). */
const CALIBRATION_HISTORY = [
  '- **1.1.0**: only evaluated evidence is scaled up; local search proposes pilots beyond the radius (about 3 → 70 pilot proposals a run; scale-ups fall with strictness).',
  '- **1.3.0**: landscape weights (.3, .3, .4) and incident propensity 2: SF1 16, SF2 7, SF3 20, SF4 11, SF5 18 of 20 seeds.',
  '- **2.0.0**: localised adoption, learning from transferable evaluated evidence, risk separate from legality, means that bind, Track 2 through channels, partners from border countries, best-evidenced imitation, shuffled order, 0–100 indices (docs/ODD.md §8). Results below.',
];
/** Diagnoses of patterns that do not hold, written after reading their numbers (they do not change a verdict). */
const FINDINGS: Record<string, string> = {
  SF1: "Coherence falls with autonomy on every seed (ρ(A, C) = −1.00); innovation rises from A = 0 to about .4 and is flat above it, so its rank correlation over the 11 points rests on noise in the plateau (ρ(A, I) .64–.85). Diagnosis (base seed 2, 10 replicates a point): innovation .47 → .70 from A = 0 to .4, then .67–.71; diversity saturates at ≈ .43 (the provinces' local optima lie within about six features of the line, and the radius A·ψ·N′ reaches that at A ≈ .4), and the discovery rate falls back from .042 at A = .4 to .032–.036 above it, as fewer improvements need a pilot and the zone is exhausted sooner. 1.3.0 held on 16 seeds with innovation inflated by the adoption term; the same saturation was noted in the first prototype (MODEL §8). Reported, not tuned away.",
  SF2: 'The hypervolume rises from φ = 0 to φ = .5 on every seed (about .54 → .59) and line quality is higher at φ = .9 than at φ = 0 on every seed (about .56 → .61), but from φ = .5 to φ = .9 the hypervolume is flat (differences within ±.02, in either direction). With the adoption term gone from innovation the frontier now measures diversity and discovery, which stronger feedback does not raise further: the line moves toward the best evidence, provinces follow what does not cost them locally, and what that adds to coherence it does not add to innovation — the pattern of fast code learning in March (1991). The same flat step appeared in 1.3.0 (7 of 20).',
  SF3: 'Scale-ups fall (ρ ≈ −.97) and the share of missed windows rises (ρ = 1.00) with strictness on every seed; discoveries fall only weakly (ρ −.7 to −.9): a rejected pilot is often implemented anyway by fence-breaking (fence-breaks 40 → 77 from σ_A .3 to .9, H5), and most discoveries come from search inside the zone, which strictness does not touch.',
};
const cal = [
  header('Calibration: the patterns SF1–SF5'),
  'Each pattern is a bundled experiment (`scenarios/experiments/sf*.json`, seed fixed in the file before any result was seen). Its criterion, below, was written before the runs. Robustness: the same experiment on base seeds 1–20 (fixed in advance); a pattern counts as holding when it holds on at least 16 of 20. Metrics are means over the evaluation window (cycles 26–50). The model changes made for these patterns, and why, are in docs/ODD.md §8.\n',
  '| pattern | criterion | holds on |',
  '|---|---|---|',
  ...patterns.map(
    (p) =>
      `| ${p.id} ${p.title} | ${p.criterion} | **${p.held} of ${p.seeds}** seeds${p.held >= Math.ceil(0.8 * p.seeds) ? '' : ' — a finding: see below'} |`,
  ),
  '',
  '## Replicates, chosen by power',
  '',
  'Replicate counts are set by a power analysis stated before the runs, not by habit. A paired comparison with n replicates detects a standardised effect (mean difference / sd of the differences) of 0.5 at the 5% level with power ≈ Φ(0.5·√n − 1.96): .77 at n = 30, .97 at n = 60. SF4 needs two such comparisons to hold jointly (alignment and incidents): at 30 replicates its joint power was ≈ .69 in 1.3.0; it now runs 60 (≈ .96). The sweep patterns SF1 and SF3 judge Spearman correlations of 11 point means (each a mean of 30 replicates), SF2 hypervolumes of such means, SF5 a correlation over 4 delays plus a paired comparison at 30 replicates; they keep 30.',
  '',
  '## Changes made to the model, and why',
  '',
  'Model 2.0.0 redesigned the mechanisms so that every lever reaches the outcomes through what agents do (docs/ODD.md §8 gives each change with its before/after numbers; docs/sensitivity.md the effect of every lever). No mechanism or metric was tuned to a pattern or a seed; the criteria below are those of 1.3.0 except SF2, whose innovation metric no longer contains the adoption term (0 at φ = 0 by construction).',
  '',
  ...CALIBRATION_HISTORY,
  '',
  '## Findings: patterns that do not hold on 16 of 20 seeds',
  '',
  ...(patterns.some((p) => p.held < Math.ceil(0.8 * p.seeds))
    ? patterns
        .filter((p) => p.held < Math.ceil(0.8 * p.seeds))
        .map(
          (p) =>
            `- **${p.id}** (${p.title}): holds on ${p.held} of ${p.seeds} seeds. ${FINDINGS[p.id] ?? 'See the per-seed numbers below.'}`,
        )
    : ['None: every pattern holds on at least 16 of 20 seeds.']),
  '',
  ...patterns.flatMap((p) => [
    `## ${p.id}: ${p.title}`,
    '',
    p.criterion,
    '',
    p.figure,
    '',
    `Band: 95% t-CI of the mean over replicates, base seed ${seeds[0]}.`,
    '',
    p.detail,
    '',
  ]),
].join('\n');
const hyp = [
  header('Hypotheses H1–H10'),
  'Each hypothesis is a bundled experiment (`scenarios/experiments/h*.json`) with the statistic that answers it and a verdict decided by the rule stated with it (written before running): **supported**, **not supported**, or **inconclusive** (the CI spans zero). Paired statistics compare the same replicate across points (common random numbers); the unpaired CI is shown beside the paired one where it applies.\n',
  'Replicates: 60 per point (H1–H10), chosen by power before the runs: a paired comparison or a per-replicate interaction with 60 replicates detects a standardised effect of 0.5 (mean / sd of the per-replicate statistic) at the 5% level with power ≈ Φ(0.5·√60 − 1.96) ≈ .97 (1.3.0 used 30–40: ≈ .77–.87). H1 and H6 were re-specified for 2.0.0 (their rules say how and why).\n',
  '| hypothesis | verdict | statistic |',
  '|---|---|---|',
  ...hyps.map((h) => `| ${h.id} | **${h.verdict}** | ${h.statistic} |`),
  '',
  ...hyps.flatMap((h) => [
    `## ${h.id}`,
    '',
    `**Question.** ${h.question}`,
    '',
    `**Design.** ${h.design}.`,
    '',
    `**Rule.** ${h.rule}`,
    '',
    `**Statistic.** ${h.statistic}`,
    '',
    `**Verdict: ${h.verdict}.**`,
    '',
    h.figure,
    '',
  ]),
].join('\n');
if (only === null) {
  writeFileSync(`${root}docs/calibration.md`, cal);
  writeFileSync(`${root}docs/hypotheses.md`, hyp);
  writeFileSync(`${root}docs/sensitivity.md`, sensitivity);
} else {
  for (const p of patterns) console.log(`${p.id}\n${p.detail}`);
  for (const h of hyps) console.log(`${h.id}: ${h.verdict}; ${h.statistic}`);
}
console.log(`reproduce: wrote docs/calibration.md, docs/hypotheses.md and docs/sensitivity.md in ${took.toFixed(1)} s`);
