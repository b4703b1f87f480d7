// `npm run reproduce`: regenerates docs/calibration.md (patterns SF1–SF5, each on 20 base seeds)
// and docs/hypotheses.md (H1–H10: statistic, 95% CI, verdict, chart) from the bundled experiment
// files, from scratch, and prints how long it took. The criteria and verdict rules below were
// written before the runs they judge; a pattern that does not hold is reported with its numbers.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createNodePool } from '../cli/pool-node.ts';
import { Stream } from '../sim/engine/rng.ts';
import { loadScenario } from '../sim/engine/context.ts';
import { runScenario } from '../sim/engine/run.ts';
import { createPlan, resolveExperiment, sweepTasks, type Experiment, type RunResult } from '../sim/experiment/index.ts';
import { hypervolume2d, pairedComparison, spearman, summarize, quantileSorted } from '../sim/experiment/stats/index.ts';
import { governanceModel, GOVERNANCE_VERSION } from '../sim/model/governance.ts';
import { lineChartSvg, type ChartSeries } from './svg-chart.ts';
import { reproduceMarch } from './reproduce-march.ts';

const started = performance.now();
const root = new URL('..', import.meta.url).pathname;
const SEEDS = Array.from({ length: 20 }, (_, k) => k + 1); // robustness seeds, fixed in advance
const quick = process.argv.includes('--quick'); // fewer seeds and replicates, for a smoke run
const seeds = quick ? SEEDS.slice(0, 2) : SEEDS;
const workersArg = process.argv.find((a) => a.startsWith('--workers='));
// `--only=SF4,H5` runs just those (for work on one pattern); the documents are then not written.
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',') ?? null;
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
  if (failures.length) throw new Error(`${exp.name} (seed ${seed}): ${failures.length} runs failed, first ${failures[0]}`);
  return out;
}

const col = (f: Finals, p: number, m: string) => f[p]!.map((r) => r[m]!);
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const fmt = (v: number | null | undefined, d = 3) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(d));
const ci = (lo: number | null, hi: number | null, d = 3) => `[${fmt(lo, d)}, ${fmt(hi, d)}]`;
function pointValue(exp: Experiment, p: number, name: string): number { return exp.design.point(p)[name] as number; }
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
  return { name, x: ps.map((p) => pointValue(exp, p, xName)), y: sums.map((s) => s.mean), lo: sums.map((s) => s.ciLow ?? s.mean), hi: sums.map((s) => s.ciHigh ?? s.mean) };
}
/** Bootstrap over replicates, resampling the same replicate indices at every point (keeps the pairing). */
function bootstrap(n: number, stat: (idx: number[]) => number, B = 1000, seed = 1): { lo: number; hi: number } {
  const rng = new Stream('reproduce.bootstrap', seed);
  const vals: number[] = [];
  for (let b = 0; b < B; b++) vals.push(stat(Array.from({ length: n }, () => rng.int(n))));
  vals.sort((a, b) => a - b);
  return { lo: quantileSorted(vals, 0.025), hi: quantileSorted(vals, 0.975) };
}
function verdict(lo: number, hi: number, direction: 1 | -1): string {
  if (direction * lo > 0 && direction * hi > 0) return 'supported';
  if (direction * lo < 0 && direction * hi < 0) return 'not supported';
  return 'inconclusive';
}

// ── Patterns ───────────────────────────────────────────────────────────────────────────────
interface PatternResult { id: string; title: string; criterion: string; held: number; seeds: number; detail: string; figure: string }
const patterns: PatternResult[] = [];

async function pattern(id: string, title: string, file: string, criterion: string,
  judge: (exp: Experiment, f: Finals) => { holds: boolean; numbers: string }, figure: (exp: Experiment, f: Finals) => string): Promise<void> {
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
  patterns.push({ id, title, criterion, held, seeds: seeds.length, detail: ['| base seed | pattern | numbers |', '|---|---|---|', ...lines].join('\n'), figure: figure(exp, first!) });
  console.error(`${id}: holds on ${held} of ${seeds.length} seeds (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

const sweepMeans = (exp: Experiment, f: Finals, xName: string, m: string, ps = Array.from({ length: exp.design.size }, (_, p) => p)) =>
  ({ x: ps.map((p) => pointValue(exp, p, xName)), y: ps.map((p) => mean(col(f, p, m))) });

await pattern('SF1', 'Autonomy trade-off', 'sf1-autonomy', 'Spearman ρ(A, mean innovation) > .8 and ρ(A, mean coherence) < −.8 over the 11 autonomy points (30 replicates each).',
  (exp, f) => {
    const I = sweepMeans(exp, f, 'autonomy', 'innovation'); const Cc = sweepMeans(exp, f, 'autonomy', 'coherence');
    const rI = spearman(I.x, I.y), rC = spearman(Cc.x, Cc.y);
    return { holds: rI > 0.8 && rC < -0.8, numbers: `ρ(A, I) = ${fmt(rI, 2)}, ρ(A, C) = ${fmt(rC, 2)}; I ${fmt(I.y[0])} → ${fmt(I.y.at(-1))}, C ${fmt(Cc.y[0])} → ${fmt(Cc.y.at(-1))}` };
  },
  (exp, f) => chart('sf1.svg', { title: 'SF1: coherence and innovation against autonomy', xLabel: 'autonomy A', yLabel: 'mean over cycles 26–50', series: [band(exp, f, [...Array(exp.design.size).keys()], 'autonomy', 'coherence'), band(exp, f, [...Array(exp.design.size).keys()], 'autonomy', 'innovation')] }));

await pattern('SF2', 'Feedback shifts the frontier', 'sf2-feedback-frontier', 'The hypervolume (from (0, 0)) of the (mean C, mean I) points of the autonomy sweep rises with φ ∈ {0, .5, .9}, and mean line quality over the sweep is higher at φ = .9 than at φ = 0.',
  (exp, f) => {
    const hv = [0, 0.5, 0.9].map((phi) => hypervolume2d(pointsWhere(exp, { feedbackStrength: phi }).map((p) => ({ x: mean(col(f, p, 'coherence')), y: mean(col(f, p, 'innovation')) }))));
    const lq = [0, 0.9].map((phi) => mean(pointsWhere(exp, { feedbackStrength: phi }).map((p) => mean(col(f, p, 'lineQuality')))));
    return { holds: hv[0]! < hv[1]! && hv[1]! < hv[2]! && lq[1]! > lq[0]!, numbers: `hypervolume ${hv.map((v) => fmt(v)).join(' / ')}; line quality ${fmt(lq[0])} → ${fmt(lq[1])}` };
  },
  (exp, f) => chart('sf2.svg', { title: 'SF2: coherence–innovation frontier by feedback strength', xLabel: 'coherence', yLabel: 'innovation', series: [0, 0.5, 0.9].map((phi) => {
    const ps = pointsWhere(exp, { feedbackStrength: phi });
    const pts = ps.map((p) => ({ x: mean(col(f, p, 'coherence')), y: mean(col(f, p, 'innovation')) })).sort((a, b) => a.x - b.x);
    return { name: `φ = ${phi}`, x: pts.map((q) => q.x), y: pts.map((q) => q.y) };
  }) }));

await pattern('SF3', 'Strict approval suppresses innovation', 'sf3-strict-approval', 'Over the 11 strictness points: Spearman ρ(σ_A, discoveries) ≤ −.8, ρ(σ_A, scale-ups) ≤ −.8 and ρ(σ_A, share of missed windows) ≥ .8.',
  (exp, f) => {
    const r = ['discoveries', 'scaleUps', 'missedWindowShare'].map((m) => { const s = sweepMeans(exp, f, 'approvalStrictness', m); return spearman(s.x, s.y); });
    return { holds: r[0]! <= -0.8 && r[1]! <= -0.8 && r[2]! >= 0.8, numbers: `ρ discoveries ${fmt(r[0], 2)}, scale-ups ${fmt(r[1], 2)}, missed windows ${fmt(r[2], 2)}` };
  },
  (exp, f) => chart('sf3.svg', { title: 'SF3: discoveries and scale-ups against strictness', xLabel: 'approval strictness σ_A', yLabel: 'count per run', series: [band(exp, f, [...Array(exp.design.size).keys()], 'approvalStrictness', 'discoveries'), band(exp, f, [...Array(exp.design.size).keys()], 'approvalStrictness', 'scaleUps')] }));

await pattern('SF4', 'Loose monitoring brings incoherence', 'sf4-loose-monitoring', 'Paired over replicates: alignment at μ = .05 minus alignment at μ = .3 has a 95% CI below 0, and incidents at μ = .05 minus at μ = .3 a CI above 0.',
  (exp, f) => {
    const lo = pointsWhere(exp, { monitoring: 0.05 })[0]!, mid = pointsWhere(exp, { monitoring: 0.3 })[0]!;
    const a = pairedComparison(col(f, mid, 'alignment'), col(f, lo, 'alignment'));
    const i = pairedComparison(col(f, mid, 'incidents'), col(f, lo, 'incidents'));
    return { holds: a.paired.ciHigh! < 0 && i.paired.ciLow! > 0, numbers: `Δ alignment ${fmt(a.meanDifference)} ${ci(a.paired.ciLow, a.paired.ciHigh)}; Δ incidents ${fmt(i.meanDifference, 2)} ${ci(i.paired.ciLow, i.paired.ciHigh, 2)}` };
  },
  (exp, f) => chart('sf4.svg', { title: 'SF4: alignment against monitoring', xLabel: 'monitoring μ', yLabel: 'alignment', series: [band(exp, f, [...Array(exp.design.size).keys()], 'monitoring', 'alignment')] }));

await pattern('SF5', 'Delay brings oscillation', 'sf5-delay-oscillation', 'Under continuous steering, Spearman ρ(δ, mean oscillation of the steered autonomy) ≥ .8 over δ ∈ {0, 1, 2, 4}, and the paired difference δ = 4 minus δ = 0 has a 95% CI above 0.',
  (exp, f) => {
    const s = sweepMeans(exp, f, 'feedbackDelay', 'autonomyOscillation');
    const r = spearman(s.x, s.y);
    const d = pairedComparison(col(f, 0, 'autonomyOscillation'), col(f, exp.design.size - 1, 'autonomyOscillation'));
    return { holds: r >= 0.8 && d.paired.ciLow! > 0, numbers: `ρ = ${fmt(r, 2)}; amplitude ${s.y.map((v) => fmt(v, 4)).join(' / ')}; Δ(4 − 0) ${fmt(d.meanDifference, 4)} ${ci(d.paired.ciLow, d.paired.ciHigh, 4)}` };
  },
  (exp, f) => chart('sf5.svg', { title: 'SF5: oscillation of steered autonomy against delay', xLabel: 'feedback delay δ', yLabel: 'sd of detrended A', series: [band(exp, f, [...Array(exp.design.size).keys()], 'feedbackDelay', 'autonomyOscillation')] }));

// ── Hypotheses ─────────────────────────────────────────────────────────────────────────────
interface HypothesisResult { id: string; question: string; design: string; rule: string; statistic: string; verdict: string; figure: string }
const hyps: HypothesisResult[] = [];
const describeDesign = (exp: Experiment) => `\`scenarios/experiments/${exp.name}.json\`: ${exp.design.type} design, ${exp.design.size} points × ${exp.replicates} replicates, ${exp.cycles} cycles, base seed ${exp.seed}${Object.keys(exp.set).length ? `, fixed ${JSON.stringify(exp.set)}` : ''}`;
const question = (exp: Experiment) => (typeof exp.description === 'string' ? exp.description : exp.description?.en ?? '');

async function paired(id: string, file: string, metric: string, direction: 1 | -1, rule: string): Promise<void> {
  if (!wanted(id)) return;
  const exp = load(file);
  const f = await run(exp);
  const c = pairedComparison(col(f, 0, metric), col(f, 1, metric));
  const v = verdict(c.paired.ciLow!, c.paired.ciHigh!, direction);
  const names = [0, 1].map((p) => JSON.stringify(exp.design.point(p)));
  hyps.push({ id, question: question(exp), design: describeDesign(exp), rule,
    statistic: `${metric}: ${names[1]} − ${names[0]} = ${fmt(c.meanDifference, 4)}, paired 95% CI ${ci(c.paired.ciLow, c.paired.ciHigh, 4)} (unpaired Welch CI ${ci(c.welch.ciLow, c.welch.ciHigh, 4)}); means ${fmt(c.meanA, 4)} and ${fmt(c.meanB, 4)}`,
    verdict: v, figure: chart(`${id.toLowerCase()}.svg`, { title: `${id}: ${metric} by replicate`, xLabel: 'replicate', yLabel: metric, series: [0, 1].map((p) => ({ name: names[p]!.slice(0, 28), x: col(f, p, metric).map((_, r) => r), y: col(f, p, metric) })) }) });
}

async function interaction(id: string, file: string, metric: string, a: string, b: string, rule: string, direction: 1 | -1 = 1): Promise<void> {
  if (!wanted(id)) return;
  const exp = load(file);
  const f = await run(exp);
  const av = [...new Set([...Array(exp.design.size).keys()].map((p) => pointValue(exp, p, a)))].sort((x, y) => x - y);
  const bv = [...new Set([...Array(exp.design.size).keys()].map((p) => pointValue(exp, p, b)))].sort((x, y) => x - y);
  const cell = (i: number, j: number) => col(f, pointsWhere(exp, { [a]: av[i]!, [b]: bv[j]! })[0]!, metric);
  // Interaction per replicate (common random numbers): (y₁₁ − y₁₀) − (y₀₁ − y₀₀).
  const per = cell(1, 1).map((v, r) => v - cell(1, 0)[r]! - (cell(0, 1)[r]! - cell(0, 0)[r]!));
  const s = summarize(per);
  hyps.push({ id, question: question(exp), design: describeDesign(exp), rule,
    statistic: `interaction of ${a} × ${b} on ${metric}: ${fmt(s.mean, 4)}, 95% CI ${ci(s.ciLow, s.ciHigh, 4)} (cell means ${[[0, 0], [0, 1], [1, 0], [1, 1]].map(([i, j]) => `${a}=${av[i!]}, ${b}=${bv[j!]}: ${fmt(mean(cell(i!, j!)), 4)}`).join('; ')})`,
    verdict: verdict(s.ciLow!, s.ciHigh!, direction),
    figure: chart(`${id.toLowerCase()}.svg`, { title: `${id}: ${metric}`, xLabel: b, yLabel: metric, series: [0, 1].map((i) => ({ name: `${a} = ${av[i]}`, x: bv, y: [0, 1].map((j) => mean(cell(i, j))) })) }) });
}

if (wanted('H1')) { // H1: hump and shift of the optimum.
  const exp = load('h1-autonomy-turbulence');
  const f = await run(exp);
  const n = exp.replicates;
  const curve = (eps: number, idx: number[]) => pointsWhere(exp, { turbulence: eps }).map((p) => ({ a: pointValue(exp, p, 'autonomy'), v: mean(idx.map((r) => f[p]![r]!.value!)) }));
  const argmax = (c: { a: number; v: number }[]) => c.reduce((b, q) => (q.v > b.v ? q : b)).a;
  const all = [...Array(n).keys()];
  // Hump: the best interior autonomy beats both ends (bootstrap CI of min(V*−V(0), V*−V(1)) at ε = .01).
  const hump = (idx: number[]) => { const c = curve(0.01, idx); const best = Math.max(...c.map((q) => q.v)); return Math.min(best - c[0]!.v, best - c.at(-1)!.v); };
  const shift = (idx: number[]) => argmax(curve(0.1, idx)) - argmax(curve(0.01, idx));
  const bh = bootstrap(n, hump), bs = bootstrap(n, shift, 1000, 2);
  const v = verdict(bh.lo, bh.hi, 1) === 'supported' && verdict(bs.lo, bs.hi, 1) === 'supported' ? 'supported'
    : verdict(bh.lo, bh.hi, 1) === 'not supported' || verdict(bs.lo, bs.hi, 1) === 'not supported' ? 'not supported' : 'inconclusive';
  hyps.push({ id: 'H1', question: question(exp), design: describeDesign(exp),
    rule: 'Supported if both bootstrap 95% CIs (1000 resamples of replicates, pairing kept) lie above 0: the hump statistic min(V* − V(A=0), V* − V(A=1)) at ε = .01, and the shift of the best autonomy argmax V(ε = .1) − argmax V(ε = .01). Not supported if either CI lies below 0; otherwise inconclusive.',
    statistic: `hump ${fmt(hump(all), 4)} ${ci(bh.lo, bh.hi, 4)}; best A at ε = .01: ${argmax(curve(0.01, all))}, at ε = .1: ${argmax(curve(0.1, all))}; shift ${fmt(shift(all), 2)} ${ci(bs.lo, bs.hi, 2)}`,
    verdict: v, figure: chart('h1.svg', { title: 'H1: national value against autonomy', xLabel: 'autonomy A', yLabel: 'value V', series: [0.01, 0.1].map((eps) => band(exp, f, pointsWhere(exp, { turbulence: eps }), 'autonomy', 'value', `ε = ${eps}`)) }) });
}
await paired('H2', 'h2-feedback-value', 'value', 1, 'Supported if the paired 95% CI of V(φ .9, δ 0) − V(φ .1, δ 4) lies above 0; not supported if below; otherwise inconclusive.');
await interaction('H3', 'h3-complements', 'value', 'feedbackStrength', 'track2Intensity', 'Supported if the paired 95% CI of the interaction (V₁₁ − V₁₀) − (V₀₁ − V₀₀) lies above 0; not supported if below; otherwise inconclusive.');
await interaction('H4', 'h4-coherence-prestige', 'prestige', 'autonomy', 'resources', 'Provincial activity (resources 1 → 1.5) should add more prestige when coherent (autonomy .2) than when not (autonomy .9): supported if the 95% CI of the interaction (P at A .9, R 1.5 − A .9, R 1) − (A .2, R 1.5 − A .2, R 1) lies below 0; not supported if above; otherwise inconclusive.', -1);
await paired('H5', 'h5-strictness-backfire', 'fenceBreaks', 1, 'At μ = .05, supported if the paired 95% CI of fence-breaks(σ_A .9) − fence-breaks(σ_A .3) lies above 0; not supported if below; otherwise inconclusive. (Discoveries and scale-ups are reported in the data but do not decide the verdict.)');
if (wanted('H6')) { // H6: equivalence.
  const exp = load('h6-track2-substitute');
  const f = await run(exp);
  const c = pairedComparison(col(f, 0, 'incidents'), col(f, 1, 'incidents'));
  const margin = 0.2 * c.meanA;
  const lo = c.paired.ciLow!, hi = c.paired.ciHigh!;
  const v = lo >= -margin && hi <= margin ? 'supported' : hi < -margin || lo > margin ? 'not supported' : 'inconclusive';
  hyps.push({ id: 'H6', question: question(exp), design: describeDesign(exp),
    rule: 'An equivalence test: supported if the paired 95% CI of incidents(σ_A .3, τ .8) − incidents(σ_A .7, τ 0) lies within ±20% of the mean of the latter; not supported if it lies entirely outside that margin; otherwise inconclusive.',
    statistic: `incidents: ${fmt(c.meanB, 2)} − ${fmt(c.meanA, 2)} = ${fmt(c.meanDifference, 2)}, paired 95% CI ${ci(lo, hi, 2)}, margin ±${fmt(margin, 2)}`,
    verdict: v, figure: chart('h6.svg', { title: 'H6: incidents by replicate', xLabel: 'replicate', yLabel: 'incidents', series: [0, 1].map((p) => ({ name: JSON.stringify(exp.design.point(p)).slice(0, 28), x: col(f, p, 'incidents').map((_, r) => r), y: col(f, p, 'incidents') })) }) });
}
await paired('H7', 'h7-type-lines', 'value', 1, 'Supported if the paired 95% CI of V(byType) − V(national) lies above 0; not supported if below; otherwise inconclusive.');
await paired('H8', 'h8-steering-oscillation', 'autonomyOscillation', 1, 'Under continuous steering, supported if the paired 95% CI of the oscillation of A at δ = 4 minus at δ = 0 lies above 0; not supported if below; otherwise inconclusive.');
await interaction('H9', 'h9-capacity-autonomy', 'value', 'capacityBudget', 'autonomy', 'Supported if the paired 95% CI of the interaction (V at R_c .6, A .7 − R_c .6, A .2) − (R_c 0, A .7 − R_c 0, A .2) lies above 0; not supported if below; otherwise inconclusive.');
if (wanted('H10')) { // H10: which type's evidence wins scale-ups under one national line (events of each run).
  const exp = load('h10-city-pilots');
  const sc = loadScenario({ formatVersion: 1, name: 'h10', extends: 'vn34-2025', params: { ...exp.set, ...exp.design.point(0) } });
  const provinces = sc.data.provinces as { id: string; flags: string[] }[];
  const city = new Set(provinces.filter((p) => p.flags.includes('M')).map((p) => p.id));
  const citySharePerRun: number[] = [];
  for (let r = 0; r < exp.replicates; r++) {
    const run1 = runScenario(governanceModel, sc, { seed: exp.seed, replicate: r, cycles: exp.cycles, events: true });
    const ups = (run1.events ?? []).filter((e) => e.code === 'scaleUp' && e.args.province !== '');
    citySharePerRun.push(ups.length ? ups.filter((e) => city.has(String(e.args.province))).length / ups.length : Number.NaN);
  }
  const shares = citySharePerRun.filter((v) => Number.isFinite(v));
  const base = city.size / provinces.length;
  const s = summarize(shares.map((v) => v - base));
  hyps.push({ id: 'H10', question: question(exp), design: `${describeDesign(exp)}; scale-up events of each run, tagged with the province whose evidence won`,
    rule: 'Diffusion: supported if the 95% CI of (share of scale-ups won by city evidence − the cities\' share of units, 6/34) lies above 0; not supported if below; otherwise inconclusive. The second half (city pilots fit border and interior units worst) is not measured by this experiment and is not part of the verdict.',
    statistic: `city share of scale-ups − ${fmt(base)} = ${fmt(s.mean)}, 95% CI ${ci(s.ciLow, s.ciHigh)} over ${shares.length} runs with a province-won scale-up`,
    verdict: verdict(s.ciLow!, s.ciHigh!, 1), figure: chart('h10.svg', { title: 'H10: share of scale-ups won by city evidence', xLabel: 'replicate', yLabel: 'city share', series: [{ name: 'city share', x: shares.map((_, r) => r), y: shares }, { name: 'share of units', x: shares.map((_, r) => r), y: shares.map(() => base) }] }) });
}
await reproduceMarch(pool, { quick }); // March (1991) and the bridge: docs/validation.md
await pool.close();

// ── Documents ──────────────────────────────────────────────────────────────────────────────
const took = (performance.now() - started) / 1000;
const header = (title: string) => `# ${title}\n\nGenerated by \`npm run reproduce\` (governance model ${GOVERNANCE_VERSION}${quick ? ', QUICK smoke run: 2 seeds, ≤ 8 replicates' : ''}); do not edit by hand. It took ${took.toFixed(0)} s on this machine.\n`;
const cal = [header('Calibration: the patterns SF1–SF5'),
  'Each pattern is a bundled experiment (`scenarios/experiments/sf*.json`, seed fixed in the file before any result was seen). Its criterion, below, was written before the runs. Robustness: the same experiment on base seeds 1–20 (fixed in advance); a pattern counts as holding when it holds on at least 16 of 20. Metrics are means over the evaluation window (cycles 26–50). The model changes made for these patterns, and why, are in docs/ODD.md §8.\n',
  '| pattern | criterion | holds on |', '|---|---|---|',
  ...patterns.map((p) => `| ${p.id} ${p.title} | ${p.criterion} | **${p.held} of ${p.seeds}** seeds${p.held >= Math.ceil(0.8 * p.seeds) ? '' : ' — a finding: see below'} |`), '',
  '## Changes made to the model for these patterns, and why', '',
  'Each change is in docs/ODD.md §8 and its changes log, with a model-version bump and a new golden checksum. The "before" numbers are from runs of the same experiments on the earlier version (base seeds 1–20 unless said).', '',
  '- **1.1.0: only evaluated evidence is scaled up; local search proposes pilots beyond the radius.** Before, routine reports from provinces drove nearly every scale-up, so approval strictness could not touch scale-ups, and pilots were rare (about 3 proposals a run at the defaults, so the approval levers barely acted). Experimentation under hierarchy (Heilmann 2008) scales up what has been tried and checked: a pilot, a Track 2 test, a legitimised departure or an inspection. After: about 70 pilot proposals a run; scale-ups fall with strictness.',
  '- **1.3.0: more local context, ω = (.3, .3, .4) instead of (.4, .35, .25).** With a local weight of .25 the provinces\' best programmes lay within about five features of the line, so autonomy above about .4 changed nothing: SF1 held on 12 of 20 seeds (innovation flat at the top), SF3 on 10 of 20, SF2 on 0 of 20. After: SF1 16, SF3 20, SF2 7 of 20.',
  '- **1.3.0: incident propensity ι₀ = 2 instead of 1.** Unauthorised departures caused about one incident in 30 province-cycles, and the rise of incidents under loose monitoring was inside the noise on most seeds: SF4 held on 8 of 20. After: 11 of 20 (the alignment half of SF4 holds on nearly every seed; the incidents half is the one that fails, its paired CI spanning 0 with 30 replicates).',
  '- Tried and not kept: none of the metrics was changed for these patterns.', '',
  '## Findings: patterns that do not hold on 16 of 20 seeds', '',
  '- **SF2** (feedback shifts the frontier): the hypervolume rises from φ = 0 to φ = .5 on every seed (about .35 → .59) and line quality is higher at φ = .9 than at φ = 0 on every seed, but from φ = .5 to φ = .9 the hypervolume is flat (differences within ±.01, in either direction). A line that jumps 90% of the way to the best-evidenced programme, followed by provinces with probability .8, homogenises them, so what stronger feedback adds to coherence it takes from diversity — the pattern of fast learning with fast socialisation in March (1991) and of efficient networks in Lazer & Friedman (2007). Reported, not tuned away.',
  '- **SF4** (loose monitoring brings incoherence): alignment is lower at μ = .05 than at μ = .3 on nearly every seed (paired CI below 0); incidents are higher on every seed shown, but their paired CI spans 0 on about half the seeds with 30 replicates.', '',
  ...patterns.flatMap((p) => [`## ${p.id}: ${p.title}`, '', p.criterion, '', p.figure, '', `Band: 95% t-CI of the mean over replicates, base seed ${seeds[0]}.`, '', p.detail, '']),
].join('\n');
const hyp = [header('Hypotheses H1–H10'),
  'Each hypothesis is a bundled experiment (`scenarios/experiments/h*.json`) with the statistic that answers it and a verdict decided by the rule stated with it (written before running): **supported**, **not supported**, or **inconclusive** (the CI spans zero). Paired statistics compare the same replicate across points (common random numbers); the unpaired CI is shown beside the paired one where it applies.\n',
  '| hypothesis | verdict | statistic |', '|---|---|---|', ...hyps.map((h) => `| ${h.id} | **${h.verdict}** | ${h.statistic} |`), '',
  ...hyps.flatMap((h) => [`## ${h.id}`, '', `**Question.** ${h.question}`, '', `**Design.** ${h.design}.`, '', `**Rule.** ${h.rule}`, '', `**Statistic.** ${h.statistic}`, '', `**Verdict: ${h.verdict}.**`, '', h.figure, '']),
].join('\n');
if (only === null) {
  writeFileSync(`${root}docs/calibration.md`, cal);
  writeFileSync(`${root}docs/hypotheses.md`, hyp);
} else {
  for (const p of patterns) console.log(`${p.id}\n${p.detail}`);
  for (const h of hyps) console.log(`${h.id}: ${h.verdict}; ${h.statistic}`);
}
console.log(`reproduce: wrote docs/calibration.md and docs/hypotheses.md in ${took.toFixed(1)} s`);
