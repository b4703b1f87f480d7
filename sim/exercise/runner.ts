import { resultChecksum } from '../engine/canonical.ts';
import { NonFiniteError } from '../engine/errors.ts';
import type { ModelEvent, Scenario } from '../engine/model.ts';
import { createStreams } from '../engine/rng.ts';
import { defaultFinal, recordObservation, type RunRecord } from '../engine/run.ts';
import type { GovernanceDecisions } from '../model/decisions.ts';
import { governanceModel } from '../model/governance.ts';
import type { World } from '../model/world.ts';
import { observeProvince, PROVINCE_METRICS, provinceFinal } from './provinceMetrics.ts';
import type { Exercise, ExerciseRun } from './types.ts';

export const MODEL = governanceModel;

/**
 * A decision log that does not fit its exercise (a logged decision never came up, or an item came up
 * with none logged). Unlike a failure inside the model, it is the input's fault, so it is thrown,
 * never recorded as a failed run.
 */
export class DecisionLogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecisionLogError';
  }
}

/** What a run has observed so far: runScenario's series and events, plus the province played. */
export interface RunProgress {
  replicate: number;
  seed: number;
  series: Record<string, number[]>;
  events: ModelEvent[];
  province: Record<string, number[]> | null;
  error: string | null;
}

export function newProgress(exercise: Exercise, replicate: number): RunProgress {
  return {
    replicate,
    seed: exercise.seed,
    series: Object.fromEntries(MODEL.metrics.map((m) => [m.name, [] as number[]])),
    events: [],
    province: exercise.province ? Object.fromEntries(PROVINCE_METRICS.map((m) => [m.name, [] as number[]])) : null,
    error: null,
  };
}

/** A world at cycle 0: the same streams and init options as runScenario with `{ events: true }`. */
export function initWorld(
  exercise: Exercise,
  scenario: Scenario,
  replicate: number,
  decisions: Partial<GovernanceDecisions>,
): World {
  const streams = createStreams(MODEL.streams, exercise.seed, replicate);
  return MODEL.init(scenario, streams, { cycles: exercise.rounds, detail: false, events: true, decisions });
}

/** One cycle, observed exactly as runScenario observes it (a non-finite value throws NonFiniteError). */
export function stepObserved(world: World, progress: RunProgress, provinceId: string | null): ModelEvent[] {
  MODEL.step(world);
  const t = progress.series[MODEL.metrics[0]!.name]!.length + 1;
  recordObservation(MODEL, progress.series, MODEL.observe(world), t);
  const events = MODEL.events!(world);
  progress.events.push(...events);
  if (progress.province && provinceId) {
    const values = observeProvince(MODEL.detail!(world), events, provinceId);
    PROVINCE_METRICS.forEach((m, k) => {
      if (!Number.isFinite(values[k]!)) throw new NonFiniteError(`province.${m.name}`, values[k]!, t);
      progress.province![m.name]!.push(values[k]!);
    });
  }
  return events;
}

/** The run record of what has been observed, in runScenario's shape (with its event log). */
export function finishRun(progress: RunProgress, exercise: Exercise): ExerciseRun {
  const cycles = progress.series[MODEL.metrics[0]!.name]!.length;
  let record: RunRecord;
  if (progress.error !== null) {
    record = {
      replicate: progress.replicate,
      seed: progress.seed,
      status: 'failed',
      error: progress.error,
      cycles,
      series: progress.series,
      final: {},
      events: progress.events,
    };
  } else {
    const final =
      cycles === 0 ? {} : MODEL.final ? MODEL.final(progress.series, cycles) : defaultFinal(MODEL, progress.series);
    record = {
      replicate: progress.replicate,
      seed: progress.seed,
      status: 'ok',
      cycles,
      series: progress.series,
      final,
      events: progress.events,
    };
  }
  const province =
    progress.province && exercise.province
      ? {
          id: exercise.province,
          series: progress.province,
          final: progress.error === null && cycles > 0 ? provinceFinal(progress.province) : {},
        }
      : null;
  return { record, province, checksum: resultChecksum(record) };
}

/** The error text runScenario records for a failure inside the model. */
export function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/**
 * Run `cycles` cycles of one replicate with the given decision functions, like runScenario (a model
 * failure ends the run and is recorded); a DecisionLogError is thrown to the caller.
 */
export function runExercise(
  exercise: Exercise,
  scenario: Scenario,
  replicate: number,
  decisions: Partial<GovernanceDecisions>,
  cycles = exercise.rounds,
): ExerciseRun {
  const progress = newProgress(exercise, replicate);
  try {
    const world = initWorld(exercise, scenario, replicate, decisions);
    for (let t = 1; t <= cycles; t++) stepObserved(world, progress, exercise.province);
  } catch (err) {
    if (err instanceof DecisionLogError) throw err;
    progress.error = errorText(err);
  }
  return finishRun(progress, exercise);
}
