import { ScenarioError, type Issue } from '../engine/errors.ts';
import {
  buildDebrief,
  meets,
  metricKey,
  metricRows,
  participantSummary,
  type Debrief,
  type PlaneData,
} from './debrief.ts';
import { parseDecisionLog } from './decisionLog.ts';
import type { ModelRunSummary } from './modelRuns.ts';
import { embeddedExercise } from './parse.ts';
import { replayExercise, type Replay } from './replay.ts';
import { DecisionLogError } from './runner.ts';
import type { DecisionLog, Exercise, ExerciseRun } from './types.ts';
import { isObject } from '../engine/isObject.ts';

export const RESULT_KIND = 'concerto-exercise-result';

/**
 * A team's result file (workshops): the exercise and the decision log, which alone determine the run,
 * plus its checksum and the values a reader wants without replaying (final values, the plane path).
 * Nothing leaves the device unless the participant exports it.
 */
export interface ResultFile {
  formatVersion: 1;
  kind: typeof RESULT_KIND;
  team: string;
  exercise: Record<string, unknown>;
  exerciseHash: string;
  log: DecisionLog;
  rounds: number;
  status: 'ok' | 'failed';
  checksum: string;
  final: Record<string, number>;
  province: { id: string; final: Record<string, number> } | null;
  series: { coherence: number[]; innovation: number[] };
  objectives: {
    metric: string;
    scope: string;
    target: number;
    direction: string;
    value: number | null;
    met: boolean | null;
  }[];
  /** The debrief against the model's runs, when it was computed before export. */
  debrief?: Debrief;
}

export function resultFile(
  exercise: Exercise,
  run: ExerciseRun,
  log: DecisionLog,
  team: string,
  debrief?: Debrief,
): ResultFile {
  return {
    formatVersion: 1,
    kind: RESULT_KIND,
    team,
    exercise: exercise.raw,
    exerciseHash: exercise.hash,
    log,
    rounds: log.rounds.length,
    status: run.record.status,
    checksum: run.checksum,
    final: { ...run.record.final },
    province: run.province ? { id: run.province.id, final: { ...run.province.final } } : null,
    series: {
      coherence: [...(run.record.series.coherence ?? [])],
      innovation: [...(run.record.series.innovation ?? [])],
    },
    objectives: exercise.objectives.map((o) => {
      const v = o.scope === 'province' ? run.province?.final[o.metric] : run.record.final[o.metric];
      return {
        metric: o.metric,
        scope: o.scope,
        target: o.target,
        direction: o.direction,
        value: v ?? null,
        met: v === undefined ? null : meets(o, v),
      };
    }),
    ...(debrief ? { debrief } : {}),
  };
}

export interface VerifiedResult {
  team: string;
  exercise: Exercise;
  log: DecisionLog;
  run: Replay;
}

/**
 * Read a team's result file and check it by replaying its decision log: the replayed run's checksum
 * must equal the file's, so a facilitator sees each team's real run, recomputed on their own device.
 * `expected` (the workshop's exercise) must match the file's exercise. Throws ScenarioError.
 */
export function readResult(raw: unknown, expected?: Exercise): VerifiedResult {
  if (!isObject(raw)) throw new ScenarioError([{ path: '', value: raw, rule: 'a result file must be a JSON object' }]);
  const issues: Issue[] = [];
  if (raw.formatVersion !== 1) issues.push({ path: 'formatVersion', value: raw.formatVersion, rule: 'must be 1' });
  if (raw.kind !== RESULT_KIND) issues.push({ path: 'kind', value: raw.kind, rule: `must be "${RESULT_KIND}"` });
  if (typeof raw.team !== 'string' || raw.team.length > 80)
    issues.push({ path: 'team', value: raw.team, rule: 'must be a text of at most 80 characters' });
  if (typeof raw.checksum !== 'string')
    issues.push({ path: 'checksum', value: raw.checksum, rule: "must be the run's checksum (8 hex digits)" });
  const exercise = embeddedExercise(raw.exercise, issues);
  if (expected && exercise.hash !== expected.hash)
    issues.push({
      path: 'exercise',
      value: exercise.id,
      rule: `must be the workshop's exercise (${expected.id}, ${expected.hash})`,
    });
  let log: DecisionLog;
  try {
    log = parseDecisionLog(raw.log, exercise);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    throw new ScenarioError([...issues, ...err.issues]);
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  let run: Replay;
  try {
    run = replayExercise(exercise, log);
  } catch (err) {
    if (err instanceof DecisionLogError)
      throw new ScenarioError([
        { path: 'log', value: log.rounds.length, rule: `does not fit the exercise: ${err.message}` },
      ]);
    throw err;
  }
  if (run.checksum !== raw.checksum)
    throw new ScenarioError([
      { path: 'checksum', value: raw.checksum, rule: `does not match the replayed run (${run.checksum})` },
    ]);
  return { team: raw.team as string, exercise, log, run };
}

/** One run beside others (a team, or a branch of one participant's exercise). */
export interface ComparedRun {
  label: string;
  rounds: number;
  checksum: string;
  status: 'ok' | 'failed';
  /** By metric key: the value, its percentile among the model's runs, and the difference to the twin. */
  values: Record<string, { value: number; percentile: number | null; difference: number | null }>;
  objectivesMet: (boolean | null)[];
  path: { coherence: number[]; innovation: number[] };
}

export interface RunComparison {
  keys: string[];
  runs: ComparedRun[];
  /** The model's band and twin, as in a debrief (null without model runs). */
  plane: PlaneData | null;
  replicates: number;
}

/** The metrics a comparison shows: the exercise's objectives first, then the headline metrics. */
export function headlineKeys(exercise: Exercise): string[] {
  const keys = exercise.objectives.map((o) => metricKey(o.scope, o.metric));
  const more = ['coherence', 'innovation', 'value', 'scaleUps', 'pilotsApproved', 'incidents', 'missedWindowShare'];
  if (exercise.province) more.push('province.security', 'province.development', 'province.trust');
  for (const k of more) if (!keys.includes(k)) keys.push(k);
  return keys;
}

/**
 * Several runs of one exercise side by side with the model's band: teams in a workshop, or branches
 * ("what if I had approved it?") of one participant. Each run's values are placed among the same
 * model runs and differenced to the same twin.
 */
export function compareRuns(
  exercise: Exercise,
  runs: readonly { label: string; run: ExerciseRun; log: DecisionLog }[],
  models: readonly ModelRunSummary[],
): RunComparison {
  const keys = headlineKeys(exercise);
  const compared = runs.map(({ label, run, log }) => {
    const summary = participantSummary(run);
    const rows = run.record.status === 'ok' ? metricRows(exercise, summary, models) : [];
    const values: ComparedRun['values'] = {};
    for (const k of keys) {
      const row = rows.find((r) => r.key === k);
      if (row) values[k] = { value: row.participant, percentile: row.percentile, difference: row.difference };
    }
    const objectivesMet = exercise.objectives.map((o) => {
      const v = values[metricKey(o.scope, o.metric)];
      return v ? meets(o, v.value) : null;
    });
    return {
      label,
      rounds: log.rounds.length,
      checksum: run.checksum,
      status: run.record.status,
      values,
      objectivesMet,
      path: { coherence: summary.coherence, innovation: summary.innovation },
    };
  });
  const first = runs[0];
  const plane = first && models.length > 0 ? buildDebrief(exercise, first.run, first.log, [], models).plane : null;
  return { keys, runs: compared, plane, replicates: models.filter((m) => m.status === 'ok').length };
}
