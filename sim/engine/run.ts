import { NonFiniteError } from './errors.ts';
import type { AnyModel, InitOptions, Model, ModelEvent, Scenario } from './model.ts';
import { createStreams } from './rng.ts';

export interface RunOptions<D = unknown> {
  seed: number;
  replicate: number;
  /** Cycles to run; the model's default when absent. */
  cycles?: number;
  /** Keep per-unit values at the end of the run. */
  detail?: boolean;
  /** Keep the event log. */
  events?: boolean;
  decisions?: Partial<D>;
}

export interface RunRecord {
  replicate: number;
  /** Base seed; each stream's seed is derived from it (docs/formats.md, seed scheme). */
  seed: number;
  status: 'ok' | 'failed';
  error?: string;
  /** Cycles actually run (a model may stop early in an absorbing state). */
  cycles: number;
  series: Record<string, number[]>;
  final: Record<string, number>;
  events?: ModelEvent[];
  detail?: Record<string, unknown>;
}

/** First cycle index (0-based) of the evaluation window: the last half of the cycles. */
export function evaluationStart(cycles: number): number {
  return Math.floor(cycles / 2);
}

/**
 * Default `final` values: a level's mean over the evaluation window (the last half of
 * the cycles run), a count's total over the whole run.
 */
export function defaultFinal(model: AnyModel, series: Record<string, number[]>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of model.metrics) {
    const s = series[m.name]!;
    if (m.kind === 'count') {
      let t = 0;
      for (const v of s) t += v;
      out[m.name] = t;
    } else {
      const from = evaluationStart(s.length);
      let t = 0;
      for (let i = from; i < s.length; i++) t += s[i]!;
      out[m.name] = s.length > from ? t / (s.length - from) : Number.NaN;
    }
  }
  return out;
}

/** Append one observation to the series, failing the run on any non-finite value. */
export function recordObservation(
  model: AnyModel,
  series: Record<string, number[]>,
  values: number[],
  cycle: number,
): void {
  pushObservation(
    model,
    model.metrics.map((m) => series[m.name]!),
    values,
    cycle,
  );
}

/**
 * `recordObservation` on the series' arrays in metric order (`columns[k]` is `series[metrics[k].name]`):
 * a run appends to them every cycle, and looking each one up by name in a 40-key record cost more
 * than the append.
 */
function pushObservation(model: AnyModel, columns: number[][], values: number[], cycle: number): void {
  const metrics = model.metrics;
  if (values.length !== metrics.length)
    throw new Error(`model ${model.id} observed ${values.length} values for ${metrics.length} metrics`);
  for (let k = 0; k < metrics.length; k++) {
    const v = values[k]!;
    if (!Number.isFinite(v)) throw new NonFiniteError(metrics[k]!.name, v, cycle);
    columns[k]!.push(v);
  }
}

/**
 * Run one replicate of a scenario. Never throws for a failure inside the model: the
 * record says `failed` with its error, and keeps the cycles observed before it.
 */
export function runScenario<S, D>(model: Model<S, D>, scenario: Scenario, options: RunOptions<D>): RunRecord {
  const cycles = options.cycles ?? model.defaultCycles;
  const series: Record<string, number[]> = {};
  const columns: number[][] = [];
  for (const m of model.metrics) {
    const column: number[] = [];
    series[m.name] = column;
    columns.push(column);
  }
  const events: ModelEvent[] = [];
  let state: S | undefined;
  try {
    const streams = createStreams(model.streams, options.seed, options.replicate);
    const init: InitOptions<D> = {
      cycles,
      detail: options.detail ?? false,
      events: options.events ?? false,
      ...(options.decisions ? { decisions: options.decisions } : {}),
    };
    state = model.init(scenario, streams, init);
    for (let t = 1; t <= cycles; t++) {
      model.step(state);
      pushObservation(model, columns, model.observe(state), t);
      if (options.events && model.events) events.push(...model.events(state));
      if (model.done?.(state)) break;
    }
    const final = model.final ? model.final(series, cycles) : defaultFinal(model, series);
    for (const [k, v] of Object.entries(final))
      if (!Number.isFinite(v)) throw new NonFiniteError(`final.${k}`, v, cycles);
    return {
      replicate: options.replicate,
      seed: options.seed,
      status: 'ok',
      cycles: series[model.metrics[0]!.name]!.length,
      series,
      final,
      ...(options.events ? { events } : {}),
      ...(options.detail && model.detail ? { detail: model.detail(state) } : {}),
    };
  } catch (err) {
    return {
      replicate: options.replicate,
      seed: options.seed,
      status: 'failed',
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      cycles: series[model.metrics[0]!.name]!.length,
      series,
      final: {},
      ...(options.events ? { events } : {}),
    };
  }
}
