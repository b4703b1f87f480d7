// The runner: one (point, replicate) of an experiment to one record. Pure and synchronous; a
// worker (worker_threads in Node, a Web Worker in the browser) exposes `createRunnerApi(getModel)`
// unchanged, and the main thread can call the same functions directly.
import { canonicalJson } from '../engine/canonical.ts';
import { hashHex } from '../engine/hash.ts';
import type { Model, Params, Scenario } from '../engine/model.ts';
import { runScenario } from '../engine/run.ts';
import { keptFinalValues } from './derived.ts';
import type { Experiment } from './experiment.ts';

/** What every run of an experiment shares; sent to a worker once. */
export interface RunPlan {
  /** Content hash of the rest of the plan. */
  id: string;
  model: string;
  /** The scenario every point starts from (`set` applied). */
  scenario: Scenario;
  seed: number;
  cycles: number;
  /** Final values to keep, in order. */
  metrics: string[];
  /** Series to keep (per cycle), or null for none. */
  series: string[] | null;
}

/** One run: the point's varied parameters and the replicate. */
export interface RunTask {
  point: number;
  replicate: number;
  params: Params;
}

/** The record of one run, as a worker returns it. */
export interface RunResult {
  point: number;
  replicate: number;
  /** Base seed of the run (every stream's seed derives from it, the replicate and the stream's name). */
  seed: number;
  status: 'ok' | 'failed';
  error?: string;
  /** Cycles observed (fewer than planned when a model stops early or the run failed). */
  cycles: number;
  /** The point's varied parameters. */
  params: Params;
  /** Kept final values; empty for a failed run. */
  final: Record<string, number>;
  /** Kept per-cycle series, when the plan asks for them. */
  series?: Record<string, number[]>;
}

export type ModelLookup = (id: string) => Model<unknown, unknown> | undefined;

/** The plan of an experiment's runs (series kept when `series` is true). */
export function createPlan(exp: Experiment, series: boolean): RunPlan {
  const body = {
    model: exp.model.id,
    scenario: exp.scenario,
    seed: exp.seed,
    cycles: exp.cycles,
    // Derived metrics are computed where the results arrive (./derived.ts), not in the worker.
    metrics: keptFinalValues(exp),
    series: series ? exp.seriesMetrics : null,
  };
  return { id: hashHex(canonicalJson(body)), ...body };
}

/**
 * Run one task of a plan. The run's streams depend on (plan.seed, task.replicate, stream name)
 * only, never on the point, so a run's result does not depend on which other points exist or
 * where this one stands among them. Never throws for a failure inside the model: the result
 * says `failed` with its error.
 */
export function runTask(model: Model<unknown, unknown>, plan: RunPlan, task: RunTask): RunResult {
  const scenario: Scenario = { ...plan.scenario, params: { ...plan.scenario.params, ...task.params } };
  const record = runScenario(model, scenario, { seed: plan.seed, replicate: task.replicate, cycles: plan.cycles });
  const final: Record<string, number> = {};
  if (record.status === 'ok') for (const m of plan.metrics) final[m] = record.final[m]!;
  const out: RunResult = {
    point: task.point,
    replicate: task.replicate,
    seed: plan.seed,
    status: record.status,
    ...(record.error !== undefined ? { error: record.error } : {}),
    cycles: record.cycles,
    params: task.params,
    final,
  };
  if (plan.series) {
    const series: Record<string, number[]> = {};
    for (const m of plan.series) series[m] = record.series[m]!;
    out.series = series;
  }
  return out;
}

/** The API a worker exposes: load a plan once, then run batches of its tasks. */
export interface RunnerApi {
  load(plan: RunPlan): void;
  runBatch(planId: string, tasks: RunTask[]): RunResult[];
}

/** A runner holding loaded plans; `getModel` is the model registry (sim/models.ts's in production). */
export function createRunnerApi(getModel: ModelLookup): RunnerApi {
  const plans = new Map<string, { plan: RunPlan; model: Model<unknown, unknown> }>();
  return {
    load(plan: RunPlan): void {
      const model = getModel(plan.model);
      if (!model) throw new Error(`no model named ${JSON.stringify(plan.model)} in this runner`);
      plans.set(plan.id, { plan, model });
    },
    runBatch(planId: string, tasks: RunTask[]): RunResult[] {
      const p = plans.get(planId);
      if (!p) throw new Error(`plan ${planId} is not loaded in this runner`);
      return tasks.map((t) => runTask(p.model, p.plan, t));
    },
  };
}
