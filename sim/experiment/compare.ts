// Paired comparison of two scenarios under common random numbers (docs/formats.md §11): replicate
// r of A and of B share every stream's seed, so their difference carries less noise than two
// independent samples; the unpaired (Welch) interval is reported beside it to show the gain.
// With 2–4 scenarios (the app's Compare view), the first is compared with each of the others.
import { canonicalJson } from '../engine/canonical.ts';
import { hashHex } from '../engine/hash.ts';
import type { AnyModel, Params, Scenario } from '../engine/model.ts';
import { SEED_SCHEME } from '../engine/rng.ts';
import { runScenario, type RunRecord } from '../engine/run.ts';
import { withDerived, type DerivedSet } from './derived.ts';
import { finalKeys } from './experiment.ts';
import { pairedComparison } from './stats/index.ts';

export interface CompareOptions {
  seed: number;
  replicates: number;
  cycles: number;
  /** Final values to compare (default: every final value of the model). */
  metrics?: string[];
  /**
   * Per scenario (in the order given), the parameters changed from the scenario as its name gives it
   * (`--set`, a Compare column's levers); written into the manifest so the document names them.
   */
  changed?: Params[];
  /**
   * Derived metrics (`--derived name=expr`, the Compare view's expressions): computed from each ok
   * run's final values and compared like them, after the model's final values.
   */
  derived?: DerivedSet;
}

/** One side of a comparison: the scenario's name, hash, every resolved parameter and what was changed. */
export interface ComparedScenario {
  name: string;
  scenarioHash: string;
  params: Params;
  changed: Params;
}

export interface MetricComparison {
  /** Pairs where both runs are ok. */
  n: number;
  meanA: number;
  meanB: number;
  /** mean(B) − mean(A). */
  difference: number;
  /** Paired t interval of the mean difference (sd of the differences, n − 1). */
  paired: { ciLow: number; ciHigh: number; halfWidth: number; sd: number };
  /** Welch interval treating A and B as independent samples. */
  unpaired: { ciLow: number; ciHigh: number; halfWidth: number; df: number };
  /** Pearson correlation of the pairs (null when a side is constant). */
  correlation: number | null;
  /** unpaired.halfWidth / paired.halfWidth (null when the paired half-width is 0). */
  widthRatio: number | null;
}

/** What the manifest of one comparison and of a set of comparisons share. */
export interface CompareManifestCommon {
  kind: 'concerto-compare';
  model: string;
  modelVersion: string;
  seed: number;
  seedScheme: string;
  replicates: number;
  cycles: number;
  level: number;
  /** The derived metrics' expressions by name; present only when there are some. */
  derived?: Record<string, string>;
}

export interface Comparison {
  manifest: CompareManifestCommon & { a: ComparedScenario; b: ComparedScenario };
  /** Per metric; null where fewer than two pairs are ok or a value is missing. */
  metrics: Record<string, MetricComparison | null>;
  /** Runs that failed, by side and replicate. */
  failed: { side: 'a' | 'b'; replicate: number; error: string }[];
}

/**
 * Several scenarios against the first (docs/formats.md §11, the `comparisons` form): A against B,
 * A against C, …, each a two-scenario document, all on the same seed, replicates and cycles.
 */
export interface ComparisonSet {
  manifest: CompareManifestCommon & {
    /** A first, then the scenarios compared with it. */
    scenarios: ComparedScenario[];
  };
  /** comparisons[j] is A (scenarios[0]) against scenarios[j + 1]. */
  comparisons: Comparison[];
}

const LEVEL = 0.95;

/** The manifest's record of the derived metrics: `{ derived: { name: expression } }`, or nothing. */
function derivedField(d: DerivedSet | undefined): { derived?: Record<string, string> } {
  return d && d.metrics.length > 0 ? { derived: Object.fromEntries(d.metrics.map((m) => [m.name, m.expression])) } : {};
}

function sideOf(s: Scenario, changed: Params | undefined): ComparedScenario {
  return {
    name: s.name,
    scenarioHash: hashHex(canonicalJson(s)),
    params: { ...s.params },
    changed: { ...(changed ?? {}) },
  };
}

/** The parameters of `s` whose values differ from `base` (the scenario before levers were set). */
export function changedParams(base: Scenario, s: Scenario): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(s.params)) if (base.params[k] !== v) out[k] = v;
  return out;
}

/** Replicates 0 … R−1 of one scenario, on the base seed. */
function replicateRuns(model: AnyModel, s: Scenario, options: CompareOptions): RunRecord[] {
  const out: RunRecord[] = [];
  for (let r = 0; r < options.replicates; r++)
    out.push(runScenario(model, s, { seed: options.seed, replicate: r, cycles: options.cycles }));
  return out;
}

/**
 * Compare runs already made: run i of `ra` with run i of `rb` (replicate r of A with replicate r of
 * B, as `runScenario` made them on `options.seed`). `metrics` defaults to every final value of the
 * model; the result is what `compareScenarios` gives when it makes the same runs itself.
 */
export function compareRuns(
  model: AnyModel,
  a: Scenario,
  b: Scenario,
  ra0: readonly RunRecord[],
  rb0: readonly RunRecord[],
  options: CompareOptions,
): Comparison {
  const d = options.derived;
  const ra = d ? ra0.map((r) => withDerived(r, d)) : ra0;
  const rb = d ? rb0.map((r) => withDerived(r, d)) : rb0;
  if (ra.length !== rb.length)
    throw new RangeError(`compareRuns requires as many runs of B as of A (${ra.length}), got ${rb.length}`);
  const failed: Comparison['failed'] = [];
  ra.forEach((r) => {
    if (r.status !== 'ok') failed.push({ side: 'a', replicate: r.replicate, error: r.error ?? '' });
  });
  rb.forEach((r) => {
    if (r.status !== 'ok') failed.push({ side: 'b', replicate: r.replicate, error: r.error ?? '' });
  });
  const both = ra.map((r, i) => [r, rb[i]!] as const).filter(([x, y]) => x.status === 'ok' && y.status === 'ok');
  const metrics: Record<string, MetricComparison | null> = {};
  for (const m of options.metrics ?? [...finalKeys(model), ...(d?.metrics.map((x) => x.name) ?? [])]) {
    const xs = both.map(([x]) => x.final[m]!);
    const ys = both.map(([, y]) => y.final[m]!);
    if (xs.length < 2 || xs.some((v) => v === undefined) || ys.some((v) => v === undefined)) {
      metrics[m] = null;
      continue;
    }
    const c = pairedComparison(xs, ys, LEVEL);
    metrics[m] = {
      n: c.n,
      meanA: c.meanA,
      meanB: c.meanB,
      difference: c.meanDifference,
      paired: { ciLow: c.paired.ciLow, ciHigh: c.paired.ciHigh, halfWidth: c.paired.halfWidth, sd: c.paired.sd },
      unpaired: { ciLow: c.welch.ciLow, ciHigh: c.welch.ciHigh, halfWidth: c.welch.halfWidth, df: c.welch.df },
      correlation: c.correlation,
      widthRatio: c.widthRatio,
    };
  }
  return {
    manifest: {
      ...manifestHead(model),
      a: sideOf(a, options.changed?.[0]),
      b: sideOf(b, options.changed?.[1]),
      ...manifestTail(options),
    },
    metrics,
    failed,
  };
}

/*
 * The fields every compare manifest shares, in two parts: the scenarios stand between them, and the key
 * order is part of the document (docs/formats.md §11 shows it; outputs are compared byte for byte).
 */
function manifestHead(model: AnyModel) {
  return { kind: 'concerto-compare' as const, model: model.id, modelVersion: model.version };
}

function manifestTail(options: CompareOptions) {
  return {
    seed: options.seed,
    seedScheme: SEED_SCHEME,
    replicates: options.replicates,
    cycles: options.cycles,
    level: LEVEL,
    ...derivedField(options.derived),
  };
}

/** Run A and B on replicates 0 … R−1 with the same base seed and compare every final value. */
export function compareScenarios(model: AnyModel, a: Scenario, b: Scenario, options: CompareOptions): Comparison {
  return compareRuns(model, a, b, replicateRuns(model, a, options), replicateRuns(model, b, options), options);
}

/**
 * The first of 2–4 scenarios against each of the others, from runs already made (`runs[k]` are
 * replicates 0 … R−1 of `scenarios[k]`): `comparisons[j]` is `compareRuns(model, A, scenarios[j + 1], …)`.
 */
export function compareRunSet(
  model: AnyModel,
  scenarios: readonly Scenario[],
  runs: readonly (readonly RunRecord[])[],
  options: CompareOptions,
): ComparisonSet {
  if (scenarios.length < 2 || scenarios.length > 4)
    throw new RangeError(`compareRunSet requires 2 to 4 scenarios, got ${scenarios.length}`);
  if (runs.length !== scenarios.length)
    throw new RangeError(
      `compareRunSet requires one list of runs per scenario (${scenarios.length}), got ${runs.length}`,
    );
  const [a, ...others] = scenarios as [Scenario, ...Scenario[]];
  const ra = runs[0]!;
  return {
    manifest: {
      ...manifestHead(model),
      scenarios: scenarios.map((s, k) => sideOf(s, options.changed?.[k])),
      ...manifestTail(options),
    },
    comparisons: others.map((b, j) =>
      compareRuns(
        model,
        a,
        b,
        ra,
        runs[j + 1]!,
        options.changed ? { ...options, changed: [options.changed[0] ?? {}, options.changed[j + 1] ?? {}] } : options,
      ),
    ),
  };
}

/** Run 2–4 scenarios on replicates 0 … R−1 of the same base seed and compare the first with each other. */
export function compareScenarioSet(
  model: AnyModel,
  scenarios: readonly Scenario[],
  options: CompareOptions,
): ComparisonSet {
  return compareRunSet(
    model,
    scenarios,
    scenarios.map((s) => replicateRuns(model, s, options)),
    options,
  );
}
