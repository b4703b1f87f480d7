import { runExercise } from './runner.ts';
import type { Exercise, ExerciseRun } from './types.ts';

/** Replicates of the model's own policy the debrief compares with (issue 6: 0–99 of the exercise's seed). */
export const MODEL_REPLICATES = 100;

/** What the debrief needs of one of the model's runs: small enough to send from a worker in bulk. */
export interface ModelRunSummary {
  replicate: number;
  status: 'ok' | 'failed';
  final: Record<string, number>;
  provinceFinal: Record<string, number> | null;
  /** Per cycle, for the coherence–innovation plane. */
  coherence: number[];
  innovation: number[];
}

/**
 * Replicate r of the exercise played by the model's own policy: the exercise's scenario with its
 * scripted events, no participant lever changes, every decision the model's. Replicate 0 is the
 * participant's paired twin: the same seeds on every stream (common random numbers).
 */
export function runModelPolicy(exercise: Exercise, replicate: number): ExerciseRun {
  return runExercise(exercise, exercise.scenario, replicate, {});
}

export function summariseRun(run: ExerciseRun): ModelRunSummary {
  return {
    replicate: run.record.replicate,
    status: run.record.status,
    final: { ...run.record.final },
    provinceFinal: run.province ? { ...run.province.final } : null,
    coherence: [...(run.record.series.coherence ?? [])],
    innovation: [...(run.record.series.innovation ?? [])],
  };
}

/** Replicates from … from + count − 1 of the model's policy (a worker runs them in parts). */
export function modelRuns(exercise: Exercise, from: number, count: number): ModelRunSummary[] {
  const out: ModelRunSummary[] = [];
  for (let r = from; r < from + count; r++) out.push(summariseRun(runModelPolicy(exercise, r)));
  return out;
}
