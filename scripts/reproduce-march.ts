// March (1991) reproduced through Concerto's experiment engine: runs the bundled experiments
// scenarios/experiments/march1991-figure1 … figure5.json and bridge-governance-march.json through a
// pool and writes docs/validation.md (the 27-point comparison of Figure 1 for every reading, the
// qualitative claims of Figures 2–5, the governance model beside the reference model, the mapping).
//
// The fixed prose (the agreement rule, the readings, run length, the mapping, versions, section
// introductions) is Markdown in scripts/templates/validation/, filled by `{{name}}` (template.ts).
//
// Figures 2–5 and the governance bridge are in scripts/reproduce-march/ (figures.ts, bridge.ts).
//
// Called by `npm run reproduce` (scripts/reproduce.ts, with its pool) and by
// `npx tsx bench/march-validation.ts` (the March part alone). The agreement rule and the claims'
// verdict rules below were written before the runs they judge; a claim that fails is reported with
// its numbers.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolveExperiment, type Experiment, type Pool } from '../sim/experiment/index.ts';
import { summarize, type Summary } from '../sim/experiment/stats/index.ts';
import { GOVERNANCE_VERSION } from '../sim/model/governance.ts';
import {
  MARCH_FIGURE1,
  MARCH_FIGURE1_READ_OFF,
  MARCH_FIGURE1_RUNS,
  type PublishedPoint,
} from '../sim/reference/march1991-figure1.ts';
import { march1991Model, MARCH_READINGS, type MarchReading } from '../sim/reference/march1991.ts';
import { bridge } from './reproduce-march/bridge.ts';
import { ci, col, f3, pointOf, run, type Finals } from './reproduce-march/common.ts';
import { figure2, figure3, figure4, figure5 } from './reproduce-march/figures.ts';
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
