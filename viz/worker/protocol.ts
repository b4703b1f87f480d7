// The messages between the app and its session worker: what a view sends and what comes back.
// Plain data only (structured-clone safe); the functions are in ./catalog.ts, ./live.ts and ./batch.ts.
import type { Issue } from '../../sim/engine/errors.ts';
import type {
  MetricSpec,
  ModelEvent,
  ParamSpec,
  ParamValue,
  Scenario,
  Text,
  WorldSnapshot,
} from '../../sim/engine/model.ts';

export type { RunManifest, RunOutput, SummaryRow } from '../../sim/experiment/runOutput.ts';

export interface ModelInfo {
  id: string;
  version: string;
  title: Text;
  params: ParamSpec[];
  metrics: MetricSpec[];
  eventKinds: string[];
  defaultCycles: number;
  finalRule: string;
}

export interface ScenarioInfo {
  name: string;
  model: string;
  description?: string | Text;
}

export interface Catalog {
  models: Record<string, ModelInfo>;
  scenarios: ScenarioInfo[];
  seedScheme: string;
}

/** Where a scenario comes from: a bundled name, or the raw JSON of a file. */
export type Source = { bundled: string } | { raw: unknown };

export interface OpenRequest {
  source: Source;
  /** Parameter values overlaid on the scenario's (validated like a scenario file). */
  params?: Record<string, ParamValue>;
  seed: number;
  replicates: number;
  /** Cycles to run; the model's default when absent. */
  cycles?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export interface Opened {
  id: number;
  scenario: Scenario;
  /** The raw scenario the session was built from, with the overlaid params (share it, save it). */
  raw: Record<string, unknown>;
  scenarioHash: string;
  model: ModelInfo;
  cycles: number;
  /** Per-unit values before the first cycle (the governance model: provinces). */
  detail: Record<string, unknown> | null;
}

export interface StepResult {
  /** Cycle reached (number of steps taken). */
  cycle: number;
  /** One entry per cycle taken: per replicate the observed metric values, null once that replicate stopped. */
  rows: { cycle: number; values: (number[] | null)[] }[];
  /** Events logged by replicate 0 during these cycles. */
  events: ModelEvent[];
  /** Replicate 0's per-unit values after the last cycle. */
  detail: Record<string, unknown> | null;
  done: boolean;
  /** Failures, by replicate (a non-finite value ends that replicate, as in runScenario). */
  errors: (string | null)[];
}

export interface SessionSnapshot {
  id: number;
  cycle: number;
  worlds: (WorldSnapshot | null)[];
  stopped: boolean[];
  errors: (string | null)[];
  series: Record<string, number[]>[];
  raw: Record<string, unknown>;
}

export interface BatchRequest {
  source: Source;
  params?: Record<string, ParamValue>;
  seed: number;
  replicates: number;
  cycles?: number;
  /** First replicate index (to run a batch in parts). */
  from?: number;
}

export interface CompareRequest {
  /** 2–4 columns of one model; the first (A) is compared with each of the others. */
  columns: { source: Source; params?: Record<string, ParamValue> }[];
  seed: number;
  replicates: number;
  cycles: number;
  /** Derived metrics by name (docs/formats.md §7), compared after the model's final values. */
  derived?: Record<string, string>;
}
