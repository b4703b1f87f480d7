import type { Streams, StreamsSnapshot } from './rng.ts';

export type Lang = 'en' | 'vi';
export type Text = { en: string; vi: string };
export type ParamValue = number | string;
export type Params = Record<string, ParamValue>;

/**
 * One entry of a model's parameter registry: the single source for validation,
 * CLI `--set`, UI controls and the ODD parameter table.
 */
export interface ParamSpec {
  /** camelCase; a contract used in files, URLs and `--set`. */
  name: string;
  /** real: any finite number in [min, max]; integer: a whole number in [min, max]; choice: one of `choices`. */
  kind: 'real' | 'integer' | 'choice';
  default: ParamValue;
  min?: number;
  max?: number;
  choices?: readonly string[];
  unit: string;
  group: string;
  /** Symbol used in docs/ODD.md, e.g. "A" or "σ_A". */
  symbol?: string;
  description: Text;
  /** A main lever: shown first in the app. */
  lever?: boolean;
  /**
   * Set when moving this parameter alone, at the other defaults, may leave every output
   * unchanged, and why (e.g. steering gains do nothing while steering is off).
   */
  structural?: string;
}

export interface MetricSpec {
  name: string;
  /** level: a per-cycle state (final = mean over the evaluation window); count: per-cycle events (final = total). */
  kind: 'level' | 'count';
  /** Bounds every value must respect (property-tested). */
  min?: number;
  max?: number;
  group: string;
  description: Text;
}

/** An event logged by a model: a code and its arguments; text is rendered from locale files. */
export interface ModelEvent {
  cycle: number;
  code: string;
  args: Record<string, string | number>;
}

/** Scenario events scheduled at a cycle (a contract in docs/formats.md). */
export interface ScenarioEvent {
  cycle: number;
  kind: string;
  [key: string]: unknown;
}

/** A validated scenario with every parameter resolved (registry defaults filled in). */
export interface Scenario {
  formatVersion: 1;
  name: string;
  model: string;
  description?: string | Text;
  params: Params;
  events: ScenarioEvent[];
  meta: Record<string, unknown>;
  /** Model-specific data (the governance model: provinces, partners), validated by the model. */
  data: Record<string, unknown>;
}

export interface InitOptions<D = unknown> {
  cycles: number;
  /** Replaceable decision functions (the model's own policy where absent). */
  decisions?: Partial<D>;
  /** Keep per-unit values for `detail` output. */
  detail?: boolean;
  /** Log model events (codes with arguments). */
  events?: boolean;
}

/**
 * The engine's model contract. `step` advances one cycle in place; `observe` returns the
 * cycle's metric values in the order of `metrics`. The engine checks every observed value
 * is finite and records `final` values by the metric's kind unless the model says otherwise.
 */
export interface Model<S = unknown, D = unknown> {
  readonly id: string;
  readonly version: string;
  readonly title: Text;
  readonly params: readonly ParamSpec[];
  readonly metrics: readonly MetricSpec[];
  readonly streams: readonly string[];
  /** Names of keys this model accepts at the top level of a scenario file besides the common ones. */
  readonly dataKeys: readonly string[];
  /** Event kinds this model accepts in a scenario's `events`. */
  readonly eventKinds: readonly string[];
  /** What `final` means for this model (shown in docs and manifests). */
  readonly finalRule: string;
  /** Default number of cycles when a run does not say. */
  readonly defaultCycles: number;

  /** Validate model-specific data and events; push every problem found. */
  validate(
    data: Record<string, unknown>,
    events: readonly ScenarioEvent[],
    params: Params,
    issues: import('./errors.ts').Issue[],
  ): void;
  init(scenario: Scenario, streams: Streams, options: InitOptions<D>): S;
  step(state: S): void;
  observe(state: S): number[];
  /** The model stops early (an absorbing state) when this is true. */
  done?(state: S): boolean;
  /** Final values from the observed series (metric name → value). */
  final?(series: Record<string, number[]>, cycles: number): Record<string, number>;
  /** Events logged during the last step. */
  events?(state: S): ModelEvent[];
  /** Per-unit values of key metrics for `--detail provinces`. */
  detail?(state: S): Record<string, unknown>;
  /** The whole world, every stream's state included, as structured-cloneable data. */
  snapshot(state: S): WorldSnapshot;
  restore(snapshot: WorldSnapshot, options?: Pick<InitOptions<D>, 'decisions'>): S;
  /** Current cycle (number of steps taken). */
  cycle(state: S): number;
}

/**
 * A model whose state and data types are opaque to its holder (the registry, the runners, the
 * views): every Model<S, D> is one, and what its functions return is only ever passed back to it.
 * (Model<S, D> is invariant in S and D, so Model<unknown, unknown> would need a cast at each use.)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- S and D stay opaque to every holder of an AnyModel
export type AnyModel = Model<any, any>;

export interface WorldSnapshot {
  model: string;
  version: string;
  streams: StreamsSnapshot;
  state: unknown;
}
