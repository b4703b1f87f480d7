// Running a bundled experiment for a generated document: every run through the pool, its final
// values kept as finals[point][replicate][metric], and the helpers that pick points and columns.
// Shared by the calibration and hypotheses (scripts/reproduce/) and the March validation
// (scripts/reproduce-march/).
import { createPlan, sweepTasks, type Experiment, type Pool, type RunResult } from '../sim/experiment/index.ts';

/** finals[point][replicate][metric]. */
export type Finals = Record<string, number>[][];

/**
 * Every run of an experiment through the pool, with base seed `seed` (default the file's). With
 * `firstCycle`, each run's final values also hold `<metric>@1`, the metric's value at cycle 1 (from
 * the series the plan then keeps). Any failed run is an error naming the first.
 */
export async function runFinals(
  pool: Pool,
  exp: Experiment,
  { seed = exp.seed, firstCycle = false }: { seed?: number; firstCycle?: boolean } = {},
): Promise<Finals> {
  const e: Experiment = seed === exp.seed ? exp : { ...exp, seed };
  const out: Finals = Array.from({ length: e.design.size }, () => []);
  const failures: string[] = [];
  await pool.run(createPlan(e, firstCycle), sweepTasks(e), {
    onResult: (r: RunResult) => {
      if (r.status !== 'ok') failures.push(`point ${r.point} replicate ${r.replicate}: ${r.error}`);
      const final = firstCycle ? { ...r.final } : r.final;
      if (firstCycle) for (const [m, xs] of Object.entries(r.series ?? {})) if (xs.length > 0) final[`${m}@1`] = xs[0]!;
      out[r.point]![r.replicate] = final;
    },
  });
  if (failures.length > 0)
    throw new Error(`${exp.name} (seed ${seed}): ${failures.length} runs failed, first ${failures[0]}`);
  return out;
}

/** One metric's final values at point p, by replicate. */
export const col = (f: Finals, p: number, m: string): number[] => f[p]!.map((r) => r[m]!);

/** The indices of the design points whose varied parameters equal `cond`. */
export function pointsWhere(exp: Experiment, cond: Record<string, number | string>): number[] {
  const out: number[] = [];
  for (let p = 0; p < exp.design.size; p++) {
    const pt = exp.design.point(p);
    if (Object.entries(cond).every(([k, v]) => pt[k] === v)) out.push(p);
  }
  return out;
}
