// What the parts of the March (1991) validation share: running an experiment through the pool into
// finals[point][replicate][metric], finding a design point, and the number formats of the document.
import { createPlan, sweepTasks, type Experiment, type Pool, type RunResult } from '../../sim/experiment/index.ts';
import { pairedComparison, type Summary } from '../../sim/experiment/stats/index.ts';

/** finals[point][replicate][metric]. */
export type Finals = Record<string, number>[][];

/**
 * Every run of an experiment through the pool. With `firstCycle`, each run's final values also hold
 * `<metric>@1`, the metric's value at cycle 1 (from the series the plan then keeps).
 */
export async function run(pool: Pool, exp: Experiment, firstCycle = false): Promise<Finals> {
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

export const col = (f: Finals, p: number, m: string): number[] => f[p]!.map((r) => r[m]!);

/** The index of the design point whose varied parameters equal `cond`. */
export function pointOf(exp: Experiment, cond: Record<string, number | string>): number {
  for (let p = 0; p < exp.design.size; p++) {
    const pt = exp.design.point(p);
    if (Object.entries(cond).every(([k, v]) => pt[k] === v)) return p;
  }
  throw new Error(`${exp.name} has no point ${JSON.stringify(cond)}`);
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
