// The manifest of a sweep (docs/formats.md §10): everything needed to rerun it with no other
// file (the experiment and its scenario embedded), versions, content hashes, the seed scheme,
// and the checksum of the canonical results.
import { canonicalJson } from '../engine/canonical.ts';
import { ScenarioError } from '../engine/errors.ts';
import { hashHex } from '../engine/hash.ts';
import { isObject } from '../engine/isObject.ts';
import type { Params } from '../engine/model.ts';
import { SEED_SCHEME } from '../engine/rng.ts';
import type { PointSummary } from './aggregate.ts';
import { analyze, type Analysis } from './analysis.ts';
import type { CostLimits } from './cost.ts';
import { BOOTSTRAP_STREAM, DESIGN_STREAM, type Design, type DesignType } from './design.ts';
import { resolveExperiment, scenarioAsFile, type Experiment } from './experiment.ts';
import type { PointsView } from './pointMeans.ts';
import { columns, murmurUtf8Pair } from './rows.ts';

export const MANIFEST_KIND = 'concerto-sweep';
export const MANIFEST_FORMAT_VERSION = 1;

/**
 * Where the results were made: the Concerto version, the git commit (null when unknown, e.g. in a
 * browser) and the runtime (`node 20.20.2`, `browser`): rows are byte-identical within a runtime and
 * agree to 1e-9 relative across runtimes.
 */
export interface Provenance {
  concerto: string;
  git: string | null;
  runtime?: string | null;
}

export interface Shard {
  /** 1 … count. */
  index: number;
  count: number;
}

export interface ResultsRecord {
  runs: number;
  ok: number;
  failed: number;
  /** Rows written (runs, or run-cycles with series). */
  rows: number;
  /** Two MurmurHash3 chains over the canonical JSON of the rows, in order (rows.ts, `Checksum`). */
  checksum: string;
  /** False when the sweep was cancelled: the rows are the finished runs only. */
  complete: boolean;
}

export interface SweepManifest {
  kind: typeof MANIFEST_KIND;
  formatVersion: typeof MANIFEST_FORMAT_VERSION;
  concerto: string;
  git: string | null;
  runtime: string | null;
  model: string;
  modelVersion: string;
  name: string;
  /** The experiment file as given. */
  experiment: Record<string, unknown>;
  experimentHash: string;
  /** The resolved scenario, written as a scenario file (before the experiment's `set`). */
  scenario: Record<string, unknown>;
  scenarioHash: string;
  seed: number;
  seedScheme: string;
  streams: { design: string; bootstrap: string };
  replicates: number;
  cycles: number;
  /** Every parameter as the points start from it (scenario, then `set`). */
  params: Params;
  finalRule: string;
  /**
   * The design by reference: its type, parameters and size (its generator is the experiment's
   * `design`, drawn from the design stream) and a checksum of every point, never the points.
   */
  design: { type: DesignType; parameters: string[]; points: number; checksum: string };
  metrics: string[];
  series: boolean;
  columns: string[];
  shard: Shard | null;
  results: ResultsRecord;
}

export interface SweepSummary {
  runs: { total: number; ok: number; failed: number };
  /** One per point run, in point order. */
  points: PointSummary[];
  /** Statistics across points; null for a shard (they need every point). */
  analysis: Analysis | null;
}

const designChecksums = new WeakMap<Design, string>();

/**
 * A design's checksum, 16 hex digits: the results checksum's two MurmurHash3 chains (seeds 0 and
 * 1) over the canonical JSON of every point's varied parameters, in point order. It pins the
 * points a manifest's design generates without embedding them (a million points are tens of MB).
 */
export function designChecksum(design: Design): string {
  let hex = designChecksums.get(design);
  if (hex === undefined) {
    let h1 = 0;
    let h2 = 1;
    for (let i = 0; i < design.size; i++) [h1, h2] = murmurUtf8Pair(canonicalJson(design.point(i)), h1, h2);
    hex = h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
    designChecksums.set(design, hex);
  }
  return hex;
}

/** The manifest of a sweep of `exp`, with the results record. */
export function buildManifest(
  exp: Experiment,
  provenance: Provenance,
  options: { series: boolean; shard: Shard | null },
  results: ResultsRecord,
): SweepManifest {
  const layout = {
    parameters: exp.design.parameters,
    values: options.series ? exp.seriesMetrics : exp.metrics,
    series: options.series,
  };
  return {
    kind: MANIFEST_KIND,
    formatVersion: MANIFEST_FORMAT_VERSION,
    concerto: provenance.concerto,
    git: provenance.git,
    runtime: provenance.runtime ?? null,
    model: exp.model.id,
    modelVersion: exp.model.version,
    name: exp.name,
    experiment: exp.raw,
    experimentHash: hashHex(canonicalJson(exp.raw)),
    scenario: scenarioAsFile(exp.baseScenario),
    scenarioHash: hashHex(canonicalJson(exp.baseScenario)),
    seed: exp.seed,
    seedScheme: SEED_SCHEME,
    streams: { design: DESIGN_STREAM, bootstrap: BOOTSTRAP_STREAM },
    replicates: exp.replicates,
    cycles: exp.cycles,
    params: exp.scenario.params,
    finalRule: exp.model.finalRule,
    design: {
      type: exp.design.type,
      parameters: exp.design.parameters,
      points: exp.design.size,
      checksum: designChecksum(exp.design),
    },
    metrics: exp.metrics,
    series: options.series,
    columns: columns(layout),
    shard: options.shard,
    results,
  };
}

/** The summary of a sweep from its point summaries; the analysis only when every point ran. */
export function buildSummary(
  exp: Experiment,
  points: PointSummary[],
  shard: Shard | null,
  complete: boolean,
): SweepSummary {
  let ok = 0;
  let failed = 0;
  for (const p of points) {
    ok += p.ok;
    failed += p.failed;
  }
  return { runs: { total: ok + failed, ok, failed }, points, analysis: sweepAnalysis(exp, points, shard, complete) };
}

/**
 * The analysis of a sweep's points (summaries, or a view of their means such as `PointMeans`):
 * null for a shard, a cancelled sweep, or one that is missing points (they need every point).
 */
export function sweepAnalysis(
  exp: Experiment,
  points: readonly PointSummary[] | PointsView,
  shard: Shard | null,
  complete: boolean,
): Analysis | null {
  const whole = shard === null && complete && points.length === exp.design.size;
  return whole ? analyze(points, exp.design, exp.analysis, exp.metrics, exp.seed) : null;
}

/** Read a manifest out of a document: `{ manifest, … }` or a bare manifest. Throws ScenarioError. */
export function readManifest(doc: unknown): SweepManifest {
  const m = isObject(doc) && isObject(doc.manifest) ? doc.manifest : doc;
  if (!isObject(m) || m.kind !== MANIFEST_KIND)
    throw new ScenarioError([
      { path: 'manifest.kind', value: isObject(m) ? m.kind : m, rule: `must be "${MANIFEST_KIND}" (a sweep manifest)` },
    ]);
  if (m.formatVersion !== MANIFEST_FORMAT_VERSION)
    throw new ScenarioError([
      { path: 'manifest.formatVersion', value: m.formatVersion, rule: `must be ${MANIFEST_FORMAT_VERSION}` },
    ]);
  for (const key of ['experiment', 'scenario', 'results']) {
    if (!isObject(m[key]))
      throw new ScenarioError([{ path: `manifest.${key}`, value: m[key], rule: 'must be an object' }]);
  }
  return m as unknown as SweepManifest;
}

/** The experiment a manifest embeds, resolved with its embedded scenario (no file is read). */
export function experimentFromManifest(m: SweepManifest, limits?: CostLimits): Experiment {
  // The file as given stays the experiment's raw content, so a rebuilt manifest hashes alike.
  return {
    ...resolveExperiment({ ...m.experiment, scenario: m.scenario }, () => undefined, limits),
    raw: m.experiment,
  };
}
