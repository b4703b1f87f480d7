// March (1991) reproduced through Concerto's experiment engine: runs the bundled experiments
// scenarios/experiments/march1991-figure1 … figure5.json and bridge-governance-march.json through a
// pool and writes docs/validation.md (the 27-point comparison of Figure 1 for every reading, the
// qualitative claims of Figures 2–5, the governance model beside the reference model, the mapping).
//
// The fixed prose (the agreement rule, the readings, run length, the mapping, versions, section
// introductions) is Markdown in scripts/templates/validation/, filled by `{{name}}` (template.ts).
//
// Called by `npm run reproduce` (scripts/reproduce.ts, with its pool) and by
// `npx tsx bench/march-validation.ts` (the March part alone). The agreement rule and the claims'
// verdict rules below were written before the runs they judge; a claim that fails is reported with
// its numbers.
import { readFileSync, writeFileSync } from 'node:fs';
import {
  createPlan,
  resolveExperiment,
  sweepTasks,
  type Experiment,
  type Pool,
  type RunResult,
} from '../sim/experiment/index.ts';
import { pairedComparison, summarize, type Summary } from '../sim/experiment/stats/index.ts';
import { GOVERNANCE_VERSION } from '../sim/model/governance.ts';
import {
  MARCH_FIGURE1,
  MARCH_FIGURE1_READ_OFF,
  MARCH_FIGURE1_RUNS,
  type PublishedPoint,
} from '../sim/reference/march1991-figure1.ts';
import { march1991Model, MARCH_READINGS, type MarchReading } from '../sim/reference/march1991.ts';
import { readTemplate } from './template.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const DEFAULT_OUT = `${ROOT}docs/validation.md`;

/** The bundled experiments this document is generated from. */
export const MARCH_EXPERIMENTS = [
  'march1991-figure1',
  'march1991-figure2',
  'march1991-figure3',
  'march1991-figure4',
  'march1991-figure5',
  'bridge-governance-march',
] as const;

export interface ReproduceMarchOptions {
  /** Smoke run: at most 20 replicates a point (8 for the governance bridge); the document says so. */
  quick: boolean;
  /** Replicates a point for Figure 1, every reading (default: the file's). */
  figure1Replicates?: number;
  /** Replicates a point for Figures 2–5 (default: each file's). */
  figureReplicates?: number;
  /** Replicates a point for the governance bridge (default: the file's). */
  bridgeReplicates?: number;
  /** Where the document goes (default docs/validation.md). */
  out?: string;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
}

const Z_FAMILY = 3.1; // Šidák, 27 two-sided comparisons at 95 % family-wise
const Z_POINT = 1.96;
const QUICK_REPLICATES = 20;
const QUICK_BRIDGE_REPLICATES = 8;

// ---------------------------------------------------------------------------------------- running

/** A bundled experiment file as written (before resolution). */
export function readMarchExperiment(name: (typeof MARCH_EXPERIMENTS)[number]): Record<string, unknown> {
  return JSON.parse(readFileSync(`${ROOT}scenarios/experiments/${name}.json`, 'utf8')) as Record<string, unknown>;
}

/** finals[point][replicate][metric]. */
type Finals = Record<string, number>[][];

/**
 * Every run of an experiment through the pool. With `firstCycle`, each run's final values also hold
 * `<metric>@1`, the metric's value at cycle 1 (from the series the plan then keeps).
 */
async function run(pool: Pool, exp: Experiment, firstCycle = false): Promise<Finals> {
  const out: Finals = Array.from({ length: exp.design.size }, () => []);
  const failures: string[] = [];
  await pool.run(createPlan(exp, firstCycle), sweepTasks(exp), {
    onResult: (r: RunResult) => {
      if (r.status !== 'ok') failures.push(`point ${r.point} replicate ${r.replicate}: ${r.error}`);
      const final = { ...r.final };
      if (firstCycle) for (const [m, xs] of Object.entries(r.series ?? {})) if (xs.length > 0) final[`${m}@1`] = xs[0]!;
      out[r.point]![r.replicate] = final;
    },
  });
  if (failures.length > 0) throw new Error(`${exp.name}: ${failures.length} runs failed, first ${failures[0]}`);
  return out;
}

const col = (f: Finals, p: number, m: string): number[] => f[p]!.map((r) => r[m]!);

/** The index of the design point whose varied parameters equal `cond`. */
function pointOf(exp: Experiment, cond: Record<string, number | string>): number {
  for (let p = 0; p < exp.design.size; p++) {
    const pt = exp.design.point(p);
    if (Object.entries(cond).every(([k, v]) => pt[k] === v)) return p;
  }
  throw new Error(`${exp.name} has no point ${JSON.stringify(cond)}`);
}

// ---------------------------------------------------------------------------------------- formatting

const f3 = (x: number) => x.toFixed(3);
const signed = (x: number, d = 3) => `${x >= 0 ? '+' : ''}${x.toFixed(d)}`;
/** mean [95 % Student-t interval of the mean]. */
const ci = (s: Summary) =>
  s.ciLow === null || s.ciHigh === null ? f3(s.mean) : `${f3(s.mean)} [${f3(s.ciLow)}, ${f3(s.ciHigh)}]`;
/** A paired difference b − a with its 95 % interval. */
function diff(a: number[], b: number[]): { d: number; lo: number; hi: number; text: string } {
  const c = pairedComparison(a, b);
  return {
    d: c.meanDifference,
    lo: c.paired.ciLow,
    hi: c.paired.ciHigh,
    text: `${signed(c.meanDifference)} [${signed(c.paired.ciLow)}, ${signed(c.paired.ciHigh)}]`,
  };
}
const direction = (x: { lo: number; hi: number }) => (x.lo > 0 ? 'up' : x.hi < 0 ? 'down' : 'no clear change');

// ---------------------------------------------------------------------------------------- Figure 1

/** Which measure each reading's source plots (part of the reading: see the rule). */
const OWN_MEASURE: Record<MarchReading, 'codeKnowledge' | 'codeAccuracy'> = {
  christensen2015: 'codeKnowledge',
  watts2014: 'codeAccuracy',
  text1991: 'codeAccuracy',
  'text1991-sequential': 'codeAccuracy',
};

interface PointResult extends PublishedPoint {
  own: Summary;
  other: Summary;
  periods: Summary;
  capped: number;
  passOwn: boolean;
  pointOwn: boolean;
  passOther: boolean;
}

/** The rule's bound: z·s·√(1/80 + 1/R) + read-off error. */
function tolerance(s: Summary, z: number): number {
  return z * (s.sd ?? 0) * Math.sqrt(1 / MARCH_FIGURE1_RUNS + 1 / s.n) + MARCH_FIGURE1_READ_OFF;
}

function figure1Results(exp: Experiment, f: Finals, reading: MarchReading): PointResult[] {
  const own = OWN_MEASURE[reading];
  const other = own === 'codeKnowledge' ? 'codeAccuracy' : 'codeKnowledge';
  const maxPeriods = exp.scenario.params.maxPeriods as number;
  return MARCH_FIGURE1.map((pt) => {
    const p = pointOf(exp, { p1: pt.p1, p2: pt.p2 });
    const so = summarize(col(f, p, own));
    const st = summarize(col(f, p, other));
    const per = col(f, p, 'periods');
    return {
      ...pt,
      own: so,
      other: st,
      periods: summarize(per),
      capped: per.filter((x) => x >= maxPeriods).length,
      passOwn: Math.abs(so.mean - pt.y) <= tolerance(so, Z_FAMILY),
      pointOwn: Math.abs(so.mean - pt.y) <= tolerance(so, Z_POINT),
      passOther: Math.abs(st.mean - pt.y) <= tolerance(st, Z_FAMILY),
    };
  });
}

// ---------------------------------------------------------------------------------------- the run

export async function reproduceMarch(pool: Pool, options: ReproduceMarchOptions): Promise<void> {
  const started = performance.now();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  const load = (
    name: (typeof MARCH_EXPERIMENTS)[number],
    replicates: number | undefined,
    quickCap: number,
    set?: Record<string, unknown>,
  ): Experiment => {
    const raw = readMarchExperiment(name);
    if (replicates !== undefined) raw.replicates = replicates;
    if (options.quick) raw.replicates = Math.min(quickCap, raw.replicates as number);
    if (set) raw.set = { ...(raw.set as Record<string, unknown> | undefined), ...set };
    return resolveExperiment(raw);
  };
  const defaultReading = march1991Model.params.find((p) => p.name === 'reading')!.default as MarchReading;

  // Figure 1, every reading: the file as written for the default, set.reading for the others.
  const fig1 = new Map<MarchReading, { exp: Experiment; finals: Finals; results: PointResult[] }>();
  for (const reading of MARCH_READINGS) {
    const exp = load(
      'march1991-figure1',
      options.figure1Replicates,
      QUICK_REPLICATES,
      reading === defaultReading ? undefined : { reading },
    );
    const finals = await run(pool, exp);
    const results = figure1Results(exp, finals, reading);
    fig1.set(reading, { exp, finals, results });
    log(`march1991-figure1 (${reading}): ${results.filter((p) => p.passOwn).length}/27 pass (${elapsed()})`);
  }
  const figExp = (name: (typeof MARCH_EXPERIMENTS)[number]) => load(name, options.figureReplicates, QUICK_REPLICATES);
  const e2 = figExp('march1991-figure2');
  const f2 = await run(pool, e2);
  const e3 = figExp('march1991-figure3');
  const f3s = await run(pool, e3);
  const e4 = figExp('march1991-figure4');
  const f4 = await run(pool, e4);
  const e5 = figExp('march1991-figure5');
  const f5 = await run(pool, e5);
  log(`march1991-figure2 … figure5 (${elapsed()})`);
  const eb = load('bridge-governance-march', options.bridgeReplicates, QUICK_BRIDGE_REPLICATES);
  const fb = await run(pool, eb, true);
  const took = (performance.now() - started) / 1000;
  log(`bridge-governance-march (${elapsed()})`);

  const d = fig1.get(defaultReading)!;
  const md: string[] = [
    readTemplate('validation/intro.md', {
      version: march1991Model.version,
      workers: `${pool.size} worker${pool.size === 1 ? '' : 's'}`,
      figure1Replicates: d.exp.replicates,
      figure1Seed: d.exp.seed,
      figure2Replicates: e2.replicates,
      figure3Replicates: e3.replicates,
      figure4Replicates: e4.replicates,
      figure5Replicates: e5.replicates,
      governanceVersion: GOVERNANCE_VERSION,
      bridgeReplicates: eb.replicates,
      quickNote: options.quick
        ? '**QUICK smoke run: few replicates; the verdicts below are not the document of record.** '
        : '',
      seconds: took.toFixed(0),
    }),
    '',
  ];
  md.push(readTemplate('validation/agreement-rule.md'), '');

  // Summary
  md.push('## Result', '');
  for (const reading of MARCH_READINGS) {
    const rs = fig1.get(reading)!.results;
    const pass = rs.filter((p) => p.passOwn).length;
    const point = rs.filter((p) => p.pointOwn).length;
    const other = rs.filter((p) => p.passOther).length;
    const worst = rs.reduce((w, p) => (Math.abs(p.own.mean - p.y) > Math.abs(w.own.mean - w.y) ? p : w));
    md.push(
      `- **${reading}**${reading === defaultReading ? ' (default)' : ''}: ${pass}/27 points pass the rule ` +
        `(${pass === 27 ? '**meets the criterion**' : 'does not meet the criterion'}); ${point}/27 within the pointwise 95 % band; ` +
        `largest gap ${f3(worst.own.mean - worst.y)} at p1 = ${worst.p1}, p2 = ${worst.p2}. ` +
        `Measure: ${OWN_MEASURE[reading]}; with ${OWN_MEASURE[reading] === 'codeKnowledge' ? 'codeAccuracy' : 'codeKnowledge'} instead: ${other}/27.`,
    );
  }
  md.push('');

  md.push(readTemplate('validation/figure1-intro.md', { replicates: d.exp.replicates }), '');
  for (const reading of MARCH_READINGS) {
    const rs = fig1.get(reading)!.results;
    md.push(`### ${reading}${reading === defaultReading ? ' (default)' : ''} — measure ${OWN_MEASURE[reading]}`, '');
    md.push(
      '| p2 | p1 | published | ours | sd | gap | tol | pass | periods | capped |',
      '|---:|---:|---:|---|---:|---:|---:|:---:|---:|---:|',
    );
    for (const p of rs) {
      md.push(
        `| ${p.p2} | ${p.p1} | ${f3(p.y)} | ${ci(p.own)} | ${f3(p.own.sd ?? 0)} | ${f3(p.own.mean - p.y)} | ${f3(tolerance(p.own, Z_FAMILY))} ` +
          `| ${p.passOwn ? 'pass' : '**fail**'} | ${p.periods.mean.toFixed(0)} | ${p.capped} |`,
      );
    }
    md.push('');
  }
  md.push(readTemplate('validation/readings.md'), '', readTemplate('validation/run-length.md'), '');

  md.push(readTemplate('validation/figures-intro.md'), '');
  md.push(...figure2(e2, f2), ...figure3(e3, f3s), ...figure4(e4, f4), ...figure5(e5, f5));
  md.push(...bridge(eb, fb, d.exp, d.finals));
  md.push(readTemplate('validation/mapping.md'), '', readTemplate('validation/versions.md'), '');

  const out = options.out ?? DEFAULT_OUT;
  writeFileSync(out, md.join('\n'));
  log(`reproduce-march: wrote ${out} in ${took.toFixed(1)} s`);
}

// ---------------------------------------------------------------------------------------- Figures 2–5

function figure2(exp: Experiment, f: Finals): string[] {
  const fl = (exp.raw.design as { parameters: { fastLearners: number[] } }).parameters.fastLearners;
  const rows = fl.map((n) => ({
    n,
    code: summarize(col(f, pointOf(exp, { fastLearners: n }), 'codeKnowledge')),
    periods: summarize(col(f, pointOf(exp, { fastLearners: n }), 'periods')),
  }));
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  // Rule: the code's knowledge falls as fast learners are added (no mean above the previous one by more
  // than the previous one's half-width) and all slow beats all fast (paired interval above 0).
  const mono = rows.every(
    (r, i) => i === 0 || r.code.mean <= rows[i - 1]!.code.mean + (rows[i - 1]!.code.halfWidth ?? 0),
  );
  const slowMinusFast = diff(
    col(f, pointOf(exp, { fastLearners: last.n }), 'codeKnowledge'),
    col(f, pointOf(exp, { fastLearners: first.n }), 'codeKnowledge'),
  );
  const holds = mono && slowMinusFast.lo > 0;
  return [
    '### Mixed socialization rates: the code (Figure 2, `march1991-figure2.json`)',
    '',
    `n = 50 individuals, fastLearners of them socialized at p1Fast = .9, the rest at p1 = .1; p2 = .5; every run to its absorbing equilibrium; ${exp.replicates} runs a mix. ` +
      'Claim: slow learners help the code — its equilibrium knowledge falls as fast learners replace slow ones. ' +
      "Rule: no mix's mean exceeds the previous mix's by more than that one's half-width, and all slow minus all fast has a paired interval above 0.",
    '',
    '| fast learners | code knowledge at equilibrium | periods to equilibrium |',
    '|---:|---|---:|',
    ...rows.map((r) => `| ${r.n} | ${ci(r.code)} | ${r.periods.mean.toFixed(0)} |`),
    '',
    `Ours: all slow ${f3(first.code.mean)}, all fast ${f3(last.code.mean)}; all slow minus all fast ${slowMinusFast.text}; ` +
      `the code's knowledge ${mono ? 'falls (within noise, monotonically)' : 'does not fall monotonically'} as fast learners are added. Claim **${holds ? 'holds' : 'does not hold'}**.`,
    '',
  ];
}

function figure3(exp: Experiment, f: Finals): string[] {
  const fl = (exp.raw.design as { parameters: { fastLearners: number[] } }).parameters.fastLearners;
  const n = exp.scenario.params.n as number;
  const rows = fl.map((k) => {
    const p = pointOf(exp, { fastLearners: k });
    const mixed = k > 0 && k < n;
    return {
      k,
      mixed,
      fast: k > 0 ? summarize(col(f, p, 'fastKnowledge')) : null,
      slow: k < n ? summarize(col(f, p, 'slowKnowledge')) : null,
      all: summarize(col(f, p, 'individualKnowledge')),
      gap: mixed ? diff(col(f, p, 'slowKnowledge'), col(f, p, 'fastKnowledge')) : null,
    };
  });
  // Rule: in every mix with both groups, fast minus slow (same runs) has a paired interval above 0.
  const mixes = rows.filter((r) => r.gap);
  const holds = mixes.every((r) => r.gap!.lo > 0);
  return [
    '### Mixed socialization rates: the individuals (Figure 3, `march1991-figure3.json`)',
    '',
    `The mixes of Figure 2, the individuals' knowledge by group after 20 periods (the scale of individualKnowledge: (right − wrong)/m); ${exp.replicates} runs a mix. ` +
      'Claim: within an organization, fast learners know more than slow ones, although it is the slow learners who help the code. ' +
      'Rule: in every mix with both groups, fast minus slow in the same runs has a paired interval above 0.',
    '',
    "| fast learners | fast learners' knowledge | slow learners' knowledge | fast − slow | everyone |",
    '|---:|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.k} | ${r.fast ? ci(r.fast) : '—'} | ${r.slow ? ci(r.slow) : '—'} | ${r.gap ? r.gap.text : '—'} | ${ci(r.all)} |`,
    ),
    '',
    `Ours: fast minus slow ranges from ${f3(Math.min(...mixes.map((r) => r.gap!.d)))} to ${f3(Math.max(...mixes.map((r) => r.gap!.d)))} over the ${mixes.length} mixes; ` +
      `everyone's mean knowledge at period 20 rises from ${f3(rows[0]!.all.mean)} (all slow) to ${f3(rows[rows.length - 1]!.all.mean)} (all fast). Claim **${holds ? 'holds' : 'does not hold'}**.`,
    '',
  ];
}

function figure4(exp: Experiment, f: Finals): string[] {
  const p3s = (exp.raw.design as { parameters: { p3: number[] } }).parameters.p3;
  const p1s = [0.1, 0.5, 0.9];
  const code = (p1: number, T: number, p3: number) =>
    col(f, pointOf(exp, { p1, fixedPeriods: T, p3 }), 'codeKnowledge');
  const table = (T: number) => [
    `| p1 \\ p3 | ${p3s.join(' | ')} |`,
    `|---:|${p3s.map(() => '---').join('|')}|`,
    ...p1s.map((p1) => `| ${p1} | ${p3s.map((p3) => ci(summarize(code(p1, T, p3)))).join(' | ')} |`),
  ];
  // Rule (after 200 periods): moderate turnover (p3 = .02) raises code knowledge at every p1 (paired
  // interval above 0), the gain rises with p1, and high turnover (p3 = .2) at p1 = .1 lowers it (interval below 0).
  const mod = p1s.map((p1) => ({ p1, ...diff(code(p1, 200, 0), code(p1, 200, 0.02)) }));
  const high = diff(code(0.1, 200, 0), code(0.1, 200, 0.2));
  const moderateHelps = mod.every((x) => x.lo > 0);
  const risesWithP1 = mod.every((x, i) => i === 0 || x.d > mod[i - 1]!.d);
  const highHurtsSlow = high.hi < 0;
  const holds = moderateHelps && risesWithP1 && highHurtsSlow;
  const mod20 = p1s.map((p1) => ({ p1, ...diff(code(p1, 20, 0), code(p1, 20, 0.02)) }));
  const best20 = p1s.map((p1) =>
    p3s.reduce((b, p3) => (summarize(code(p1, 20, p3)).mean > summarize(code(p1, 20, b)).mean ? p3 : b), p3s[0]!),
  );
  return [
    '### Turnover and socialization (Figure 4, `march1991-figure4.json`)',
    '',
    `p2 = .5, p4 = 0; the code's knowledge after 200 periods and after 20 (the horizon of Watts and Gilbert's replication of this figure); ${exp.replicates} runs a cell. ` +
      'With turnover nothing absorbs; 200 periods is well past the 10–120 periods the closed system needs. ' +
      "Claim: moderate turnover raises the code's knowledge, the more so the faster socialization is; with slow socialization, high turnover hurts. " +
      'Rule (after 200 periods): p3 = .02 minus p3 = 0 has a paired interval above 0 at every p1, that gain rises with p1, and p3 = .2 minus p3 = 0 at p1 = .1 has an interval below 0.',
    '',
    'After 200 periods:',
    '',
    ...table(200),
    '',
    'After 20 periods:',
    '',
    ...table(20),
    '',
    `Ours (200 periods): moderate turnover changes code knowledge by ${mod.map((x) => `${x.text} at p1 = ${x.p1}`).join(', ')}; ` +
      `high turnover (p3 = .2) at p1 = .1 by ${high.text}. Claim **${holds ? 'holds' : 'does not hold'}**` +
      `${moderateHelps ? '' : ' (moderate turnover does not clearly help at every p1)'}${risesWithP1 ? '' : ' (the gain does not rise with p1)'}${highHurtsSlow ? '' : ' (high turnover does not clearly hurt slow socialization)'}. ` +
      `After 20 periods (not part of the verdict) moderate turnover changes it by ${mod20.map((x) => `${x.text} at p1 = ${x.p1}`).join(', ')}, ` +
      `and the best turnover in the grid is ${best20.map((b, i) => `${b} at p1 = ${p1s[i]}`).join(', ')}` +
      `${mod20[0]!.lo <= 0 && mod20[2]!.lo > 0 ? ': early on, moderate turnover helps where socialization is fast and not where it is slow' : ''}.`,
    '',
  ];
}

function figure5(exp: Experiment, f: Finals): string[] {
  const Ts = (exp.raw.design as { parameters: { fixedPeriods: number[] } }).parameters.fixedPeriods;
  const code = (p3: number, T: number) => col(f, pointOf(exp, { p3, fixedPeriods: T }), 'codeKnowledge');
  const rows = [0, 0.1].map((p3) => ({ p3, at: Ts.map((T) => ({ T, s: summarize(code(p3, T)) })) }));
  const no = rows[0]!.at;
  const peak = no.reduce((b, a) => (a.s.mean > b.s.mean ? a : b));
  const end = Ts[Ts.length - 1]!;
  const decay = diff(code(0, peak.T), code(0, end));
  const helps = diff(code(0, end), code(0.1, end));
  // Rule: without turnover the code's knowledge ends more than .05 below its peak (and the paired
  // interval of end minus peak is below 0); with p3 = .1 it ends higher than without (interval above 0).
  const holds = decay.d < -0.05 && decay.hi < 0 && helps.lo > 0;
  return [
    '### Turbulence and turnover (Figure 5, `march1991-figure5.json`)',
    '',
    `p1 = p2 = .5, turbulence p4 = .02; the code's knowledge after the periods shown, without turnover and with p3 = .1; ${exp.replicates} runs a cell ` +
      '(replicate r at every horizon is one run observed at that period). ' +
      "Claim: under turbulence the code's knowledge decays without turnover; turnover sustains it. " +
      'Rule: without turnover the last value is more than .05 below the peak, with a paired interval of the change below 0; at the last period, p3 = .1 minus p3 = 0 has an interval above 0.',
    '',
    `| p3 \\ period | ${Ts.join(' | ')} |`,
    `|---:|${Ts.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.p3} | ${r.at.map((a) => ci(a.s)).join(' | ')} |`),
    '',
    `Ours: without turnover the code peaks at ${f3(peak.s.mean)} (period ${peak.T}) and ends at ${f3(no[no.length - 1]!.s.mean)} (period ${end}; change ${decay.text}); ` +
      `with p3 = .1 it ends at ${f3(rows[1]!.at[Ts.length - 1]!.s.mean)} (with minus without ${helps.text}). Claim **${holds ? 'holds' : 'does not hold'}**.`,
    '',
  ];
}

// ---------------------------------------------------------------------------------------- the bridge

function bridge(exp: Experiment, f: Finals, fig1: Experiment, f1: Finals): string[] {
  const params = (exp.raw.design as { parameters: { feedbackStrength: number[]; adoptionRate: number[] } }).parameters;
  const phis = params.feedbackStrength;
  const adopts = params.adoptionRate;
  const gov = (phi: number, a: number, m: string) =>
    col(f, pointOf(exp, { feedbackStrength: phi, adoptionRate: a }), m);
  const march = (p2: number, p1: number) => col(f1, pointOf(fig1, { p2, p1 }), 'codeKnowledge');
  const set = Object.entries(exp.set)
    .map(([k, v]) => `${k} = ${v}`)
    .join(', ');
  const lines = [
    '## The governance model in a March-like setting (`bridge-governance-march.json`)',
    '',
    `The governance model (${GOVERNANCE_VERSION}) on vn34-2025, ${exp.cycles} cycles, ${exp.replicates} replicates a point, base seed ${exp.seed}, with ${set}: ` +
      "no approval gate, no Track 2, a linear landscape that does not move, one national line and no learning between provinces, so that, as in March's closed " +
      'system, provinces learn only from the line and the line only from the provinces. adoptionRate plays p1 (socialization) and feedbackStrength plays p2 (code learning); ' +
      "lineQuality (the line's quality on the national and type components, a level averaged over cycles 26–50) plays the code's knowledge. " +
      "Beside each point: the reference model's codeKnowledge at p1 = adoptionRate, p2 = feedbackStrength (Figure 1, default reading). " +
      'The scales differ (lineQuality is a landscape fitness, codeKnowledge a share of dimensions right on balance): compare directions, not levels.',
    '',
    'The column "since cycle 1" is the paired change of lineQuality from cycle 1 to the mean over cycles 26–50: how much the line learned ' +
      "(March's code starts at 0 and ends at the codeKnowledge shown).",
    '',
    '| feedbackStrength (p2) | adoptionRate (p1) | lineQuality | since cycle 1 | coherence | alignment | diversity | March: codeKnowledge |',
    '|---:|---:|---|---|---|---|---|---|',
  ];
  const learned: number[] = [];
  for (const phi of phis) {
    for (const a of adopts) {
      const since = diff(gov(phi, a, 'lineQuality@1'), gov(phi, a, 'lineQuality'));
      learned.push(since.d);
      lines.push(
        `| ${phi} | ${a} | ${ci(summarize(gov(phi, a, 'lineQuality')))} | ${since.text} | ${ci(summarize(gov(phi, a, 'coherence')))} | ${ci(summarize(gov(phi, a, 'alignment')))} ` +
          `| ${ci(summarize(gov(phi, a, 'diversity')))} | ${ci(summarize(march(phi, a)))} |`,
      );
    }
  }
  const start = summarize(phis.flatMap((phi) => adopts.flatMap((a) => gov(phi, a, 'lineQuality@1'))));
  const lo = adopts[0]!;
  const hi = adopts[adopts.length - 1]!;
  const phiLo = phis[0]!;
  const phiHi = phis[phis.length - 1]!;
  lines.push(
    '',
    `Effects, paired over replicates: Δ [95 % interval] from the lowest to the highest value of one lever at a fixed value of the other.`,
    '',
    '| change | at | March: Δ codeKnowledge | governance: Δ lineQuality | governance: Δ coherence | same direction? |',
    '|---|---|---|---|---|---|',
  );
  let agree = 0;
  let opposite = 0;
  let rowsN = 0;
  const verdict = (m: { lo: number; hi: number }, g: { lo: number; hi: number }) => {
    rowsN++;
    const dm = direction(m);
    const dg = direction(g);
    if (dm !== 'no clear change' && dm === dg) {
      agree++;
      return 'yes';
    }
    if (dm !== 'no clear change' && dg !== 'no clear change') {
      opposite++;
      return '**opposite**';
    }
    return `unclear (March ${dm}, governance ${dg})`;
  };
  for (const phi of phis) {
    const m = diff(march(phi, lo), march(phi, hi));
    const g = diff(gov(phi, lo, 'lineQuality'), gov(phi, hi, 'lineQuality'));
    const c = diff(gov(phi, lo, 'coherence'), gov(phi, hi, 'coherence'));
    lines.push(
      `| socialization ${lo} → ${hi} | p2 = φ = ${phi} | ${m.text} | ${g.text} | ${c.text} | ${verdict(m, g)} |`,
    );
  }
  for (const a of adopts) {
    const m = diff(march(phiLo, a), march(phiHi, a));
    const g = diff(gov(phiLo, a, 'lineQuality'), gov(phiHi, a, 'lineQuality'));
    const c = diff(gov(phiLo, a, 'coherence'), gov(phiHi, a, 'coherence'));
    lines.push(
      `| code learning ${phiLo} → ${phiHi} | p1 = a = ${a} | ${m.text} | ${g.text} | ${c.text} | ${verdict(m, g)} |`,
    );
  }
  const cohUp = phis.map((phi) => direction(diff(gov(phi, lo, 'coherence'), gov(phi, hi, 'coherence'))));
  const divUp = phis.map((phi) => direction(diff(gov(phi, lo, 'diversity'), gov(phi, hi, 'diversity'))));
  lines.push(
    '',
    `Ours: the line's quality at cycle 1 averages ${f3(start.mean)} over all runs; by cycles 26–50 it has changed by ${f3(Math.min(...learned))} to ${f3(Math.max(...learned))} ` +
      `(mean over points), where March's code gains ${f3(Math.min(...adopts.flatMap((a) => phis.map((phi) => summarize(march(phi, a)).mean))))} to ` +
      `${f3(Math.max(...adopts.flatMap((a) => phis.map((phi) => summarize(march(phi, a)).mean))))} from nothing. ` +
      `Of ${rowsN} comparisons, the line's quality moves with March's code in ${agree}, against it in ${opposite}, and in the rest at least one side shows no clear change. ` +
      `Faster adoption (${lo} → ${hi}) moves coherence ${cohUp.map((x, i) => `${x} at φ = ${phis[i]}`).join(', ')} and the provinces' diversity ${divUp.map((x, i) => `${x} at φ = ${phis[i]}`).join(', ')} ` +
      '(in March, faster socialization always removes diversity sooner). Differences between the two models are expected where their mechanisms differ (next section): ' +
      "the governance centre scales up one best-evidenced programme by a share φ of the differing features, March's code follows the majority of every superior " +
      'individual, and provinces keep searching their own landscape.',
    '',
  );
  return lines;
}
