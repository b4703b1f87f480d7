// March's Figures 2–5 (docs/validation.md): each claim with its verdict rule, fixed in the first
// version of the document, and the tables behind it.
import type { Experiment } from '../../sim/experiment/index.ts';
import { summarize } from '../../sim/experiment/stats/index.ts';
import { ci, col, diff, f3, pointOf, type Finals } from './common.ts';

export function figure2(exp: Experiment, f: Finals): string[] {
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

export function figure3(exp: Experiment, f: Finals): string[] {
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

export function figure4(exp: Experiment, f: Finals): string[] {
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

export function figure5(exp: Experiment, f: Finals): string[] {
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
