import { quantileSorted } from '../experiment/stats/index.ts';
import { leversInForce } from './levers.ts';
import type { ModelRunSummary } from './modelRuns.ts';
import { percentileOf } from './percentile.ts';
import { PROVINCE_METRICS } from './provinceMetrics.ts';
import { MODEL } from './runner.ts';
import { buildTimeline, type TimelineEntry } from './timeline.ts';
import type { DecisionLog, DecisionRecord, Exercise, ExerciseRun, Objective, Scope } from './types.ts';

/** The spread of the model's runs: median and the central 80% (10th to 90th percentile, type-7 quantiles). */
export interface Spread {
  n: number;
  low: number;
  median: number;
  high: number;
}

export interface MetricRow {
  /** `coherence`, or `province.security` for the province played. */
  key: string;
  scope: Scope;
  metric: string;
  kind: 'level' | 'count';
  participant: number;
  twin: number | null;
  /** participant − twin (the paired difference under common random numbers). */
  difference: number | null;
  /** Share of the model's runs at or below the participant's value, ties counted half (percent). */
  percentile: number | null;
  model: Spread | null;
}

export interface ObjectiveResult {
  objective: Objective;
  key: string;
  value: number | null;
  met: boolean | null;
  twinValue: number | null;
  twinMet: boolean | null;
  /** Share of the model's runs that meet it (percent). */
  modelMet: number | null;
}

export interface PlaneData {
  participant: { coherence: number[]; innovation: number[] };
  twin: { coherence: number[]; innovation: number[] } | null;
  /** Per cycle, the model's runs' spread on each axis. */
  band: { coherence: Spread[]; innovation: Spread[] };
  /** Each model run's final (evaluation-window mean) position. */
  finals: [number, number][];
}

export interface Debrief {
  exercise: { id: string; hash: string; role: string; province: string | null; seed: number; rounds: number };
  status: 'ok' | 'failed';
  /** Rounds played (the debrief of a finished exercise has them all). */
  rounds: number;
  checksum: string;
  /** Model runs that finished (the band's n). */
  replicates: number;
  objectives: ObjectiveResult[];
  metrics: MetricRow[];
  timeline: TimelineEntry[];
  plane: PlaneData;
}

export function spreadOf(values: readonly number[]): Spread | null {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return {
    n: sorted.length,
    low: quantileSorted(sorted, 0.1),
    median: quantileSorted(sorted, 0.5),
    high: quantileSorted(sorted, 0.9),
  };
}

export const metricKey = (scope: Scope, metric: string): string =>
  scope === 'province' ? `province.${metric}` : metric;

export function meets(o: Objective, value: number): boolean {
  return o.direction === 'atLeast' ? value >= o.target : value <= o.target;
}

/** The value of a metric key in a run summary (national final or province final). */
function valueIn(
  final: Record<string, number>,
  provinceFinal: Record<string, number> | null,
  key: string,
): number | undefined {
  return key.startsWith('province.') ? provinceFinal?.[key.slice('province.'.length)] : final[key];
}

/** Run summary fields of the participant's run, in the model runs' shape. */
export function participantSummary(run: ExerciseRun): ModelRunSummary {
  return {
    replicate: 0,
    status: run.record.status,
    final: run.record.final,
    provinceFinal: run.province?.final ?? null,
    coherence: run.record.series.coherence ?? [],
    innovation: run.record.series.innovation ?? [],
  };
}

/** The model's runs that finished, and among them the paired twin (replicate 0, the participant's draws). */
function okAndTwin(models: readonly ModelRunSummary[]): { ok: ModelRunSummary[]; twin: ModelRunSummary | null } {
  const ok = models.filter((m) => m.status === 'ok');
  return { ok, twin: ok.find((m) => m.replicate === 0) ?? null };
}

/** Rows for every national final value, then the province's values when one is played or in focus. */
export function metricRows(
  exercise: Exercise,
  participant: ModelRunSummary,
  models: readonly ModelRunSummary[],
): MetricRow[] {
  const { ok, twin } = okAndTwin(models);
  const kinds = new Map<string, 'level' | 'count'>(MODEL.metrics.map((m) => [m.name, m.kind]));
  const keys: { scope: Scope; metric: string; kind: 'level' | 'count' }[] = Object.keys(participant.final).map(
    (metric) => ({ scope: 'national', metric, kind: kinds.get(metric) ?? 'level' }),
  );
  if (exercise.province && participant.provinceFinal)
    for (const m of PROVINCE_METRICS) keys.push({ scope: 'province', metric: m.name, kind: m.kind });
  return keys.map(({ scope, metric, kind }) => {
    const key = metricKey(scope, metric);
    const value = valueIn(participant.final, participant.provinceFinal, key)!;
    const sample = ok
      .map((m) => valueIn(m.final, m.provinceFinal, key))
      .filter((v): v is number => v !== undefined && Number.isFinite(v));
    const t = twin ? (valueIn(twin.final, twin.provinceFinal, key) ?? null) : null;
    return {
      key,
      scope,
      metric,
      kind,
      participant: value,
      twin: t,
      difference: t === null ? null : value - t,
      percentile: sample.length > 0 && Number.isFinite(value) ? percentileOf(value, sample) : null,
      model: spreadOf(sample),
    };
  });
}

function objectiveResults(
  exercise: Exercise,
  participant: ModelRunSummary,
  models: readonly ModelRunSummary[],
): ObjectiveResult[] {
  const { ok, twin } = okAndTwin(models);
  return exercise.objectives.map((objective) => {
    const key = metricKey(objective.scope, objective.metric);
    const value =
      participant.status === 'ok' ? (valueIn(participant.final, participant.provinceFinal, key) ?? null) : null;
    const twinValue = twin ? (valueIn(twin.final, twin.provinceFinal, key) ?? null) : null;
    const sample = ok.map((m) => valueIn(m.final, m.provinceFinal, key)).filter((v): v is number => v !== undefined);
    return {
      objective,
      key,
      value,
      met: value === null ? null : meets(objective, value),
      twinValue,
      twinMet: twinValue === null ? null : meets(objective, twinValue),
      modelMet: sample.length > 0 ? (100 * sample.filter((v) => meets(objective, v)).length) / sample.length : null,
    };
  });
}

function bandOf(models: readonly ModelRunSummary[], axis: 'coherence' | 'innovation', cycles: number): Spread[] {
  const out: Spread[] = [];
  for (let c = 0; c < cycles; c++) {
    const s = spreadOf(models.filter((m) => m.status === 'ok' && m[axis].length > c).map((m) => m[axis][c]!));
    if (!s) break;
    out.push(s);
  }
  return out;
}

/**
 * The debrief of a participant's run against the model's own policy on replicates 0 … R−1 of the
 * same seed: per metric the percentile among the model's runs and the difference to the paired twin
 * (replicate 0), the objectives, the timeline of decisions, and the coherence–innovation paths.
 */
export function buildDebrief(
  exercise: Exercise,
  run: ExerciseRun,
  log: DecisionLog,
  trail: readonly DecisionRecord[],
  models: readonly ModelRunSummary[],
): Debrief {
  const participant = participantSummary(run);
  const { ok, twin } = okAndTwin(models);
  return {
    exercise: {
      id: exercise.id,
      hash: exercise.hash,
      role: exercise.role,
      province: exercise.province,
      seed: exercise.seed,
      rounds: exercise.rounds,
    },
    status: run.record.status,
    rounds: log.rounds.length,
    checksum: run.checksum,
    replicates: ok.length,
    objectives: objectiveResults(exercise, participant, models),
    metrics: run.record.status === 'ok' ? metricRows(exercise, participant, models) : [],
    timeline: buildTimeline(exercise, log, trail, run.record.events ?? [], (round) =>
      leversInForce(exercise, log, round),
    ),
    plane: {
      participant: { coherence: [...participant.coherence], innovation: [...participant.innovation] },
      twin: twin ? { coherence: [...twin.coherence], innovation: [...twin.innovation] } : null,
      band: {
        coherence: bandOf(models, 'coherence', exercise.rounds),
        innovation: bandOf(models, 'innovation', exercise.rounds),
      },
      finals: ok
        .filter((m) => m.final.coherence !== undefined && m.final.innovation !== undefined)
        .map((m) => [m.final.coherence!, m.final.innovation!]),
    },
  };
}
