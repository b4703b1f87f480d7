// What the parts of the March (1991) validation share: running an experiment through the pool into
// finals[point][replicate][metric] (scripts/finals.ts), finding a design point, and the number formats
// of the document.
import type { Experiment, Pool } from '../../sim/experiment/index.ts';
import { pairedComparison, type Summary } from '../../sim/experiment/stats/index.ts';
import { pointsWhere, runFinals, type Finals } from '../finals.ts';

export { col, type Finals } from '../finals.ts';

/** Every run of an experiment through the pool (finals.ts); `firstCycle` adds `<metric>@1`. */
export const run = (pool: Pool, exp: Experiment, firstCycle = false): Promise<Finals> =>
  runFinals(pool, exp, { firstCycle });

/** The index of the design point whose varied parameters equal `cond`. */
export function pointOf(exp: Experiment, cond: Record<string, number | string>): number {
  const p = pointsWhere(exp, cond)[0];
  if (p === undefined) throw new Error(`${exp.name} has no point ${JSON.stringify(cond)}`);
  return p;
}

export const f3 = (x: number) => x.toFixed(3);
export const signed = (x: number, d = 3) => `${x >= 0 ? '+' : ''}${x.toFixed(d)}`;
/** mean [95 % Student-t interval of the mean]. */
export const ci = (s: Summary) =>
  s.ciLow === null || s.ciHigh === null ? f3(s.mean) : `${f3(s.mean)} [${f3(s.ciLow)}, ${f3(s.ciHigh)}]`;
/** A paired difference b − a with its 95 % interval. */
export function diff(a: number[], b: number[]): { d: number; lo: number; hi: number; text: string } {
  const c = pairedComparison(a, b);
  return {
    d: c.meanDifference,
    lo: c.paired.ciLow,
    hi: c.paired.ciHigh,
    text: `${signed(c.meanDifference)} [${signed(c.paired.ciLow)}, ${signed(c.paired.ciHigh)}]`,
  };
}
export const direction = (x: { lo: number; hi: number }) => (x.lo > 0 ? 'up' : x.hi < 0 ? 'down' : 'no clear change');
