/**
 * March (1991) validation: every reading of the model at the 27 points of Figure 1, then the
 * qualitative claims of Figures 2–5 with the default reading; writes docs/validation.md.
 *
 *   npx tsx bench/march-validation.ts [replicates = 1000] [figure-replicates = 400]
 *
 * Runs go through the engine (parseScenario → runScenario), seeded with base seed 1991 and
 * replicates 0 … R−1, so replicate r of every point and every reading shares its seeds (common
 * random numbers). Mixed socialization rates (Figures 2–3) are not a registry parameter: those runs
 * drive the model's own init/step with setSocializationRates.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Model, Scenario } from '../sim/engine/model.ts';
import { createStreams } from '../sim/engine/rng.ts';
import { runScenario } from '../sim/engine/run.ts';
import { parseScenario, type ParseContext } from '../sim/engine/scenario.ts';
import {
  initMarch, march1991Model, MARCH_READINGS, observeMarch, setSocializationRates, stepMarch, type MarchReading,
} from '../sim/reference/march1991.ts';
import base from '../scenarios/march1991.json' with { type: 'json' };

const ROOT = join(import.meta.dirname, '..');
const FIGURE1 = join(ROOT, '..', 'shared', 'validation', 'march1991-figure1.csv');
const OUT = join(ROOT, 'docs', 'validation.md');
const SEED = 1991;
const R = Number(process.argv[2] ?? 1000);
const RF = Number(process.argv[3] ?? 400);
const Z_FAMILY = 3.1; // Šidák, 27 two-sided comparisons at 95 % family-wise
const Z_POINT = 1.96;
const READ_OFF = 0.004;
const MARCH_RUNS = 80;

const ctx: ParseContext = {
  model: (id) => (id === 'march1991' ? (march1991Model as unknown as Model<unknown, unknown>) : undefined),
  bundled: (name) => (name === 'march1991' ? base : undefined),
};
const scenario = (params: Record<string, unknown>): Scenario =>
  parseScenario({ formatVersion: 1, name: 'validation', extends: 'march1991', params }, ctx);

// ---------------------------------------------------------------------------------------- statistics

interface Summary { n: number; mean: number; sd: number; half: number }

/**
 * Mean, sample sd (n − 1) and the half-width of the 95 % t interval of the mean; the t quantile
 * by the Cornish–Fisher expansion t ≈ z + (z³ + z)/4ν + (5z⁵ + 16z³ + 3z)/96ν² (error < 1e-3 for ν ≥ 10).
 */
function summarise(xs: ArrayLike<number>): Summary {
  const n = xs.length;
  if (n < 2) throw new Error(`summarise requires at least two values, got ${n}`);
  let t = 0;
  for (let i = 0; i < n; i++) t += xs[i]!;
  const mean = t / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i]! - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const z = 1.959964;
  const v = n - 1;
  const tq = z + (z ** 3 + z) / (4 * v) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * v * v);
  return { n, mean, sd, half: (tq * sd) / Math.sqrt(n) };
}

const f3 = (x: number) => x.toFixed(3);
const ci = (s: Summary) => `${f3(s.mean)} [${f3(s.mean - s.half)}, ${f3(s.mean + s.half)}]`;

// ---------------------------------------------------------------------------------------- Figure 1

interface Point { p1: number; p2: number; y: number }

function readFigure1(): Point[] {
  const rows = readFileSync(FIGURE1, 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const header = rows.shift();
  if (header?.trim() !== 'p1,p2,published_equilibrium_knowledge') throw new Error(`unexpected header in ${FIGURE1}: ${header}`);
  const points = rows.map((l) => {
    const [p1, p2, y] = l.split(',').map(Number);
    return { p1: p1!, p2: p2!, y: y! };
  });
  if (points.length !== 27) throw new Error(`Figure 1 requires 27 points, got ${points.length}`);
  return points;
}

/** Which measure each reading's source plots (part of the reading: see the rule). */
const OWN_MEASURE: Record<MarchReading, 'codeKnowledge' | 'codeAccuracy'> = {
  christensen2015: 'codeKnowledge',
  watts2014: 'codeAccuracy',
  'text1991': 'codeAccuracy',
  'text1991-sequential': 'codeAccuracy',
};

interface PointResult extends Point {
  own: Summary;
  other: Summary;
  periods: Summary;
  capped: number;
  passOwn: boolean;
  pointOwn: boolean;
  passOther: boolean;
}

function tolerance(s: Summary, z: number): number {
  return z * s.sd * Math.sqrt(1 / MARCH_RUNS + 1 / s.n) + READ_OFF;
}

function runFigure1(reading: MarchReading, points: Point[]): PointResult[] {
  const own = OWN_MEASURE[reading];
  const other = own === 'codeKnowledge' ? 'codeAccuracy' : 'codeKnowledge';
  return points.map((pt) => {
    const sc = scenario({ p1: pt.p1, p2: pt.p2, reading });
    const a = new Float64Array(R);
    const b = new Float64Array(R);
    const per = new Float64Array(R);
    let capped = 0;
    for (let r = 0; r < R; r++) {
      const rec = runScenario(march1991Model, sc, { seed: SEED, replicate: r });
      if (rec.status !== 'ok') throw new Error(`run failed at ${JSON.stringify(pt)} r=${r}: ${rec.error}`);
      a[r] = rec.final[own]!;
      b[r] = rec.final[other]!;
      per[r] = rec.final.periods!;
      if (rec.final.periods! >= (sc.params.maxPeriods as number)) capped++;
    }
    const so = summarise(a);
    const st = summarise(b);
    return {
      ...pt,
      own: so,
      other: st,
      periods: summarise(per),
      capped,
      passOwn: Math.abs(so.mean - pt.y) <= tolerance(so, Z_FAMILY),
      pointOwn: Math.abs(so.mean - pt.y) <= tolerance(so, Z_POINT),
      passOther: Math.abs(st.mean - pt.y) <= tolerance(st, Z_FAMILY),
    };
  });
}

// ---------------------------------------------------------------------------------------- Figures 2–5

/** Figures 2–3: f fast learners (p1 = .9) among n = 50, the rest slow (p1 = .1); p2 = .5; to equilibrium. */
function mixedSocialization(fastCounts: number[]) {
  const sc = scenario({ p1: 0.1, p2: 0.5 });
  return fastCounts.map((f) => {
    const code = new Float64Array(RF);
    const fast20 = new Float64Array(RF);
    const slow20 = new Float64Array(RF);
    let nf = 0;
    let ns = 0;
    for (let r = 0; r < RF; r++) {
      const s = initMarch(sc.params, createStreams(march1991Model.streams, SEED, r));
      setSocializationRates(s, Array.from({ length: s.n }, (_, i) => (i < f ? 0.9 : 0.1)));
      // Individual knowledge by group at period 20 (score scale, as individualKnowledge). A run absorbed
      // before period 20 keeps its state, so its end state is its state at period 20.
      const byGroup = () => {
        let kf = 0;
        let ks = 0;
        for (let i = 0; i < s.n; i++) {
          let k = 0;
          for (let d = 0; d < s.m; d++) k += s.beliefs[i * s.m + d]! * s.reality[d]!;
          if (i < f) kf += k / s.m;
          else ks += k / s.m;
        }
        if (f > 0) fast20[nf++] = kf / f;
        if (f < s.n) slow20[ns++] = ks / (s.n - f);
      };
      while (!march1991Model.done!(s)) {
        stepMarch(s);
        if (s.period === 20) byGroup();
      }
      if (s.period < 20) byGroup();
      code[r] = observeMarch(s)[0]!;
    }
    return {
      f,
      code: summarise(code),
      fast20: nf > 1 ? summarise(fast20.subarray(0, nf)) : null,
      slow20: ns > 1 ? summarise(slow20.subarray(0, ns)) : null,
    };
  });
}

/** Figure 4: code knowledge after T periods against turnover p3, for p1 ∈ {.1, .5, .9}; p2 = .5. */
function turnover(p1s: number[], p3s: number[], T: number) {
  return p1s.map((p1) => ({
    p1,
    cells: p3s.map((p3) => {
      const sc = scenario({ p1, p2: 0.5, p3, fixedPeriods: T });
      const xs = new Float64Array(RF);
      for (let r = 0; r < RF; r++) xs[r] = runScenario(march1991Model, sc, { seed: SEED, replicate: r }).final.codeKnowledge!;
      return { p3, code: summarise(xs) };
    }),
  }));
}

/** Figure 5: code knowledge over time under turbulence p4 = .02, without and with turnover; p1 = p2 = .5. */
function turbulence(p3s: number[], at: number[]) {
  const T = Math.max(...at);
  return p3s.map((p3) => {
    const sc = scenario({ p1: 0.5, p2: 0.5, p3, p4: 0.02, fixedPeriods: T });
    const cols = at.map(() => new Float64Array(RF));
    for (let r = 0; r < RF; r++) {
      const s = runScenario(march1991Model, sc, { seed: SEED, replicate: r }).series.codeKnowledge!;
      at.forEach((t, k) => (cols[k]![r] = s[t - 1]!));
    }
    return { p3, at: at.map((t, k) => ({ t, code: summarise(cols[k]!) })) };
  });
}

// ---------------------------------------------------------------------------------------- report

const RULE = readFileSync(OUT, 'utf8').match(/## Agreement rule[\s\S]*?(?=\n## |\n*$)/)?.[0];

function main(): void {
  const t0 = performance.now();
  const points = readFigure1();
  const results = new Map<MarchReading, PointResult[]>();
  for (const reading of MARCH_READINGS) {
    const t = performance.now();
    results.set(reading, runFigure1(reading, points));
    const rs = results.get(reading)!;
    console.log(`${reading}: ${rs.filter((p) => p.passOwn).length}/27 pass (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  }
  const tFig1 = performance.now() - t0;

  const t1 = performance.now();
  const fig2 = mixedSocialization([0, 5, 10, 20, 30, 40, 45, 50]);
  const fig4 = turnover([0.1, 0.5, 0.9], [0, 0.01, 0.02, 0.05, 0.1, 0.2], 200);
  const fig5 = turbulence([0, 0.1], [10, 20, 40, 80, 160]);
  const tFigs = performance.now() - t1;

  const md: string[] = [];
  md.push('# Validation: March (1991) reproduced through Concerto\'s engine', '');
  md.push(
    '<!-- Generated by `npx tsx bench/march-validation.ts` (do not edit by hand: edit the script). -->', '',
    `Reference: J. G. March, "Exploration and Exploitation in Organizational Learning", *Organization Science* 2(1):71–87 (1991), doi:10.1287/orsc.2.1.71. `
    + 'Model: `sim/reference/march1991.ts` (id `march1991`), bundled scenario `scenarios/march1991.json`. '
    + `Figure 1's published values: \`../shared/validation/march1991-figure1.csv\` (read off a scan of the figure; provenance in the file). `
    + `This run: ${R} replicates a point for Figure 1 and ${RF} for Figures 2–5, base seed ${SEED}, replicates 0 … R − 1 (common random numbers across points and readings).`, '',
  );
  if (!RULE) throw new Error('docs/validation.md lost its "## Agreement rule" section: restore it before regenerating');
  md.push(RULE.trim(), '');

  // Summary
  const def = march1991Model.params.find((p) => p.name === 'reading')!.default as MarchReading;
  md.push('## Result', '');
  for (const reading of MARCH_READINGS) {
    const rs = results.get(reading)!;
    const pass = rs.filter((p) => p.passOwn).length;
    const point = rs.filter((p) => p.pointOwn).length;
    const other = rs.filter((p) => p.passOther).length;
    const worst = rs.reduce((w, p) => (Math.abs(p.own.mean - p.y) > Math.abs(w.own.mean - w.y) ? p : w));
    md.push(
      `- **${reading}**${reading === def ? ' (default)' : ''}: ${pass}/27 points pass the rule `
      + `(${pass === 27 ? '**meets the criterion**' : 'does not meet the criterion'}); ${point}/27 within the pointwise 95 % band; `
      + `largest gap ${f3(worst.own.mean - worst.y)} at p1 = ${worst.p1}, p2 = ${worst.p2}. `
      + `Measure: ${OWN_MEASURE[reading]}; with ${OWN_MEASURE[reading] === 'codeKnowledge' ? 'codeAccuracy' : 'codeKnowledge'} instead: ${other}/27.`,
    );
  }
  md.push('');

  // Tables
  md.push('## Figure 1, point by point', '');
  md.push(
    'Ours: mean [95 % t interval of the mean] of the measure named, at the absorbing equilibrium. sd: run standard deviation. '
    + 'tol: the rule\'s bound 3.10·sd·√(1/80 + 1/R) + 0.004. periods: mean periods to equilibrium. '
    + 'No run hit the maxPeriods cap unless the last column says so.', '',
  );
  for (const reading of MARCH_READINGS) {
    const rs = results.get(reading)!;
    md.push(`### ${reading}${reading === def ? ' (default)' : ''} — measure ${OWN_MEASURE[reading]}`, '');
    md.push('| p2 | p1 | published | ours | sd | gap | tol | pass | periods | capped |', '|---:|---:|---:|---|---:|---:|---:|:---:|---:|---:|');
    for (const p of rs) {
      md.push(
        `| ${p.p2} | ${p.p1} | ${f3(p.y)} | ${ci(p.own)} | ${f3(p.own.sd)} | ${f3(p.own.mean - p.y)} | ${f3(tolerance(p.own, Z_FAMILY))} `
        + `| ${p.passOwn ? 'pass' : '**fail**'} | ${p.periods.mean.toFixed(0)} | ${p.capped} |`,
      );
    }
    md.push('');
  }

  md.push(READINGS_TEXT.trim(), '');
  md.push(RUN_LENGTH_TEXT.trim(), '');

  // Figures 2–5
  md.push(`## March's Figures 2–5: the qualitative claims (default reading, ${RF} runs a cell, mean [95 % t interval])`, '');
  md.push(
    '### Mixed socialization rates (Figures 2–3)', '',
    'n = 50 individuals, f of them fast (p1 = .9), the rest slow (p1 = .1); p2 = .5; runs to equilibrium. '
    + 'Claim: slow learners help the code — the code\'s equilibrium knowledge falls as fast learners replace slow ones. '
    + 'Beside it, for the individuals: their knowledge by group at period 20 (individualKnowledge\'s scale), where fast learners, '
    + 'who take up the code sooner, are ahead of slow ones in the same organization.', '',
    '| fast learners f | code knowledge at equilibrium | fast learners\' knowledge, period 20 | slow learners\' knowledge, period 20 |', '|---:|---|---|---|',
  );
  for (const row of fig2) md.push(`| ${row.f} | ${ci(row.code)} | ${row.fast20 ? ci(row.fast20) : '—'} | ${row.slow20 ? ci(row.slow20) : '—'} |`);
  const allSlow = fig2[0]!.code.mean;
  const allFast = fig2[fig2.length - 1]!.code.mean;
  const mono = fig2.every((r, i) => i === 0 || r.code.mean <= fig2[i - 1]!.code.mean + fig2[i - 1]!.code.half);
  const fastAhead = fig2.filter((r) => r.fast20 && r.slow20).every((r) => r.fast20!.mean > r.slow20!.mean);
  md.push('', `Ours: all slow ${f3(allSlow)} vs all fast ${f3(allFast)}; the code's knowledge ${mono ? 'falls (within noise, monotonically)' : 'does not fall monotonically'} as fast learners are added. `
    + `Fast learners ${fastAhead ? 'know more than slow ones at period 20 in every mix' : 'do not know more than slow ones at period 20 in every mix'}. `
    + `Claim ${allSlow > allFast && mono ? '**holds**' : '**does not hold**'}.`, '');

  md.push(
    '### Turnover and socialization (Figure 4)', '',
    'p2 = .5, p4 = 0; code knowledge after 200 periods (our horizon: with turnover nothing absorbs, and 200 periods is well past '
    + 'the 10–120 periods the closed system needs). Claim: moderate turnover raises the code\'s knowledge, the more so the faster '
    + 'socialization is; with slow socialization, high turnover hurts.', '',
    `| p1 \\ p3 | ${fig4[0]!.cells.map((c) => c.p3).join(' | ')} |`, `|---:|${fig4[0]!.cells.map(() => '---').join('|')}|`,
  );
  for (const row of fig4) md.push(`| ${row.p1} | ${row.cells.map((c) => ci(c.code)).join(' | ')} |`);
  /** Change in code knowledge from p3 = 0 to p3 = q at socialization rate p1, and whether it exceeds both intervals. */
  const delta = (p1: number, q: number) => {
    const row = fig4.find((r) => r.p1 === p1)!;
    const none = row.cells[0]!.code;
    const at = row.cells.find((c) => c.p3 === q)!.code;
    return { d: at.mean - none.mean, clear: Math.abs(at.mean - none.mean) > at.half + none.half };
  };
  const mod = [0.1, 0.5, 0.9].map((p1) => ({ p1, ...delta(p1, 0.02) }));
  const high = delta(0.1, 0.2);
  const moderateHelps = mod.every((x) => x.d > 0 && x.clear);
  const risesWithP1 = mod.every((x, i) => i === 0 || x.d > mod[i - 1]!.d);
  const highHurtsSlow = high.d < 0 && high.clear;
  md.push('', `Ours: moderate turnover (p3 = .02) changes code knowledge by ${mod.map((x) => `${x.d >= 0 ? '+' : ''}${f3(x.d)} at p1 = ${x.p1}`).join(', ')}; `
    + `high turnover (p3 = .2) at p1 = .1 changes it by ${high.d >= 0 ? '+' : ''}${f3(high.d)}. `
    + `Claim ${moderateHelps && risesWithP1 && highHurtsSlow ? '**holds**' : '**does not hold** in full'}`
    + `${moderateHelps ? '' : ' (moderate turnover does not clearly help at every p1)'}${risesWithP1 ? '' : ' (the gain does not rise with p1)'}${highHurtsSlow ? '' : ' (high turnover does not clearly hurt slow socialization)'}.`, '');

  md.push(
    '### Turbulence and turnover (Figure 5)', '',
    'p1 = p2 = .5, turbulence p4 = .02; code knowledge at the periods shown, without turnover and with p3 = .1. '
    + 'Claim: under turbulence the code\'s knowledge decays without turnover; turnover sustains it.', '',
    `| p3 \\ period | ${fig5[0]!.at.map((a) => a.t).join(' | ')} |`, `|---:|${fig5[0]!.at.map(() => '---').join('|')}|`,
  );
  for (const row of fig5) md.push(`| ${row.p3} | ${row.at.map((a) => ci(a.code)).join(' | ')} |`);
  const no = fig5[0]!.at;
  const yes = fig5[1]!.at;
  const peak = Math.max(...no.map((a) => a.code.mean));
  const decays = no[no.length - 1]!.code.mean < peak - 0.05;
  const helps = yes[yes.length - 1]!.code.mean > no[no.length - 1]!.code.mean;
  md.push('', `Ours: without turnover the code peaks at ${f3(peak)} and ends at ${f3(no[no.length - 1]!.code.mean)} (period ${no[no.length - 1]!.t}); `
    + `with p3 = .1 it ends at ${f3(yes[yes.length - 1]!.code.mean)}. Claim ${decays && helps ? '**holds**' : '**does not hold**'}.`, '');

  md.push(MAPPING_TEXT.trim(), '');
  writeFileSync(OUT, md.join('\n'));

  const total = (performance.now() - t0) / 1000;
  console.log(`Figure 1: ${(tFig1 / 1000).toFixed(1)} s; Figures 2–5: ${(tFigs / 1000).toFixed(1)} s; total ${total.toFixed(1)} s. Wrote ${OUT}`);
}

const READINGS_TEXT = `
## The readings and where they differ

March's text (pp. 74–75 and footnote 1) fixes reality (m dimensions, each ±1 with probability ½), the initial
beliefs (the code 0 everywhere; individuals 1, 0 or −1 with equal probability), socialization only where the
code is non-zero, and the code learning from "those individuals whose beliefs correspond with reality on more
dimensions than does the code" with probability 1 − (1 − p2)^k. It leaves open how a belief of 0 counts, how a
belief moves, how the majority is formed, the order of the two processes, and what Figure 1 plots. All four
readings share the paper's initial conditions, turnover (a leaver is replaced by a newcomer with fresh random
beliefs) and turbulence (a dimension of reality flips sign), and update individuals simultaneously (in every
reading an individual's update depends only on the code, so the order among individuals does not matter).

| | christensen2015 (default) | watts2014 | text1991 | text1991-sequential |
|---|---|---|---|---|
| source | M. Christensen (2015), note on March's original program, as recreated by M. Workiewicz (github.com/Mac13kW/March_1991_Original, 2019, revised 2023), who also cites Rodan (2005) | C. Watts and N. Gilbert (2014), *Simulating Innovation*, ch. 4: NetLogo model built from a BASIC version "mostly by March" supplied by S. Rodan (Rodan 2005 extends that program) | March (1991), pp. 74–75 and footnote 1, read literally | as text1991; the order used by many re-implementations |
| a belief of 0 | acts as a coin flip each period | counts 0 | counts as not right | as text1991 |
| superior group | action score Σ action·reality > code score Σ code·reality | belief score Σ belief·reality > code score | number of dimensions right > the code's | as text1991, after socialization |
| socialization | gradual: opposite → 0, 0 → the code's value | gradual | straight to the code's value | straight |
| code learning, per dimension | to the strict majority of superior actions, k = \\|#(+1) − #(−1)\\| | one step toward the majority (opposite → 0, 0 → majority), k = \\|Σ beliefs\\| of the superior group | to the dominant non-zero belief, k = #(superior who differ from the code) − #(who agree), k > 0 | as text1991 |
| order in a period | both from the start-of-period state | both from the start-of-period state | both from the start-of-period state ("at the same time") | socialization, then the superior group is recomputed and the code learns |
| knowledge plotted in Figure 1 | score (#right − #wrong)/m (Christensen: what the program printed) | proportion right (Watts: "closer in scale" to the figures than the score) | proportion right (the text) | proportion right |

Why the literal text fails: at the start the code is neutral and right on no dimension, so almost every
individual is "superior" by the count of dimensions right; the code then learns the unweighted majority of
everyone, which carries no information about reality. The score readings pick out individuals whose beliefs
are right on balance, and the code learns their majority. Watts and Gilbert report that their NetLogo version
agrees qualitatively but that "the scale is out" (e.g. Figure 1 at high p2); our runs of that reading show the
same, and at p2 = .1 knowledge even rises with p1.

Christensen's note itself was not available to us: the christensen2015 reading follows it as quoted and
implemented in Workiewicz's recreation (whose published 10 000-run means for Figure 1 are close to ours).
`;

const RUN_LENGTH_TEXT = `
## Run length and equilibrium

- The model sets its own horizon H = \`fixedPeriods\` when that is > 0, else \`maxPeriods\` (default 10 000). With
  \`fixedPeriods\` = 0 a run also stops after the first period that leaves the state absorbing. The engine's
  \`cycles\` is only an outer cap: the model's \`defaultCycles\` is the registry's largest horizon (100 000), so a
  run that does not pass \`cycles\`, or passes cycles ≥ H, follows the model's rule, and cycles < H truncates
  the run (its record's \`cycles\` says how many periods ran). \`final\` values are those of the last period.
- Absorbing (checked exactly after every period when p3 = p4 = 0): no draw of the next period can change
  anything — no individual with a positive socialization rate differs from a non-zero code value, and the
  code cannot learn (in christensen2015: no individual could outscore the code even with every coin flip
  right; in the other readings, whose superior groups are deterministic, no dimension meets the learning
  condition). "Every individual equals the code on every dimension" is sufficient but not necessary: where the
  code stayed 0, beliefs are never socialized and may still differ at the equilibrium. One case is conservative:
  in christensen2015, while an individual whose socialization rate is 0 differs from a non-zero code value, a
  state in which someone could outscore the code but not move it counts as open (the run goes on to
  maxPeriods). With turnover or turbulence nothing is absorbing.
`;

const MAPPING_TEXT = `
## How March's model maps onto Concerto's centre and provinces

| March (1991) | Concerto (docs/ODD.md) | how close |
|---|---|---|
| the organizational code | the centre's line L (and type lines L_τ), revised from what provinces report | close: both aggregate the beliefs of better-performing units; Concerto's centre learns from reported quality with delay δ and noise, March's code sees superiority directly |
| individuals | provinces (their configurations x_i) | provinces also search their own landscape; March's individuals only hold beliefs and explore through their initial diversity and turnover |
| superior group | provinces whose reported gain over the line exceeds θ_s (the candidate x* in the knowledge base) | Concerto picks the best entry, March the majority of all superior units |
| p1 socialization | a_adopt, provinces' adoption of the line | close |
| p2 code learning | φ, feedback strength (the share of differing bits the line moves) | close; Concerto adds the delay δ |
| p3 turnover | p_rot, rotation of provincial leaders | weak: rotation resets aspiration and trust, not the configuration |
| p4 turbulence | ε, environmental turbulence (table entries redrawn) | close in intent: reality moves under a learned code |

The governance model comes closest to March's when it runs with no approval gate, no Track 2 and a linear
landscape; an experiment that runs that setting beside this reference model belongs with the experiment engine.
`;

main();
