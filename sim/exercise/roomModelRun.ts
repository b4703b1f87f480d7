import type { Exercise } from './types.ts';
import { summariseRun, type ModelRunSummary } from './modelRuns.ts';
import { observeProvince, PROVINCE_METRICS, provinceFinal } from './provinceMetrics.ts';
import { errorText, finishRun, initWorld, MODEL, newProgress, stepObserved } from './runner.ts';

/**
 * Replicate r of the exercise played by the model's own policy (as runModelPolicy), observing several
 * provinces at once: the debrief of every seat of a room needs the same runs, each with its own
 * province's final values, and one run serves them all.
 */
export function roomModelRun(
  exercise: Exercise,
  replicate: number,
  provinces: readonly string[],
): { summary: ModelRunSummary; provinceFinal: Record<string, Record<string, number>> } {
  const progress = newProgress(exercise, replicate);
  const series: Record<string, Record<string, number[]>> = Object.fromEntries(
    provinces.map((p) => [p, Object.fromEntries(PROVINCE_METRICS.map((m) => [m.name, [] as number[]]))]),
  );
  try {
    const world = initWorld(exercise, exercise.scenario, replicate, {});
    for (let t = 1; t <= exercise.rounds; t++) {
      const events = stepObserved(world, progress, exercise.province);
      const detail = MODEL.detail!(world);
      for (const p of provinces) {
        const values = observeProvince(detail, events, p);
        PROVINCE_METRICS.forEach((m, k) => series[p]![m.name]!.push(values[k]!));
      }
    }
  } catch (err) {
    progress.error = errorText(err);
  }
  const run = finishRun(progress, exercise);
  const ok = run.record.status === 'ok';
  return {
    summary: summariseRun(run),
    provinceFinal: Object.fromEntries(provinces.map((p) => [p, ok ? provinceFinal(series[p]!) : {}])),
  };
}
