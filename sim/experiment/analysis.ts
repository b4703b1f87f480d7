// Statistics over a sweep's points (docs/formats.md §8, "summary"): the Pareto front of two
// metrics with its hypervolume, Sobol indices with bootstrap intervals (sobol designs), Morris
// μ*, σ (morris designs), and a PRIM box for a criterion. Pure, usable by the app on summaries
// it holds; every estimate is of the points' mean final values over their ok replicates.
import { Stream, streamSeed } from '../engine/rng.ts';
import type { PointSummary } from './aggregate.ts';
import { BOOTSTRAP_STREAM, type Design } from './design.ts';
import { viewOfSummaries, type PointsView } from './pointMeans.ts';
import type { AnalysisSpec, Criterion } from './experiment.ts';
import { hypervolumeColumns, paretoFrontColumns } from './paretoColumns.ts';
import { morrisIndices, prim, sobolIndices, splitSaltelliOutputs } from './stats/index.ts';

export interface ParetoAnalysis {
  x: string;
  y: string;
  /** Point numbers on the front, in increasing x. */
  front: number[];
  /** Area dominated by the front above the reference point. */
  hypervolume: number;
  reference: { x: number; y: number };
}

export interface IndexEstimateOut {
  estimate: number;
  ciLow: number | null;
  ciHigh: number | null;
  /** Sobol only: the estimate or an interval end was clipped to [0, 1]. */
  clipped?: boolean;
  /** Sobol only: false when the interval is too wide at this N to estimate the index; null without bootstrap. */
  estimable?: boolean | null;
}

export interface SobolMetric {
  variance: number;
  S: IndexEstimateOut[];
  ST: IndexEstimateOut[];
  /** The power of two N at which every interval would be narrow enough; null without bootstrap. */
  suggestedN: number | null;
}

export interface SobolAnalysis {
  parameters: string[];
  N: number;
  bootstrap: number;
  /** Per metric: first-order S and total ST per parameter (in `parameters` order), or why not. */
  metrics: Record<string, SobolMetric | { error: string }>;
}

export interface MorrisAnalysis {
  parameters: string[];
  trajectories: number;
  levels: number;
  /** Per metric: μ, μ* and σ per parameter, per unit of the [0, 1]-scaled range. */
  metrics: Record<string, { mu: number[]; muStar: number[]; sigma: number[] } | { error: string }>;
}

export interface PrimAnalysis {
  criterion: Criterion;
  /** Points meeting the criterion / points with a mean. */
  positives: number;
  points: number;
  limits?: { name: string; low: number; high: number; restricted: boolean }[];
  coverage?: number;
  density?: number;
  support?: number;
  error?: string;
}

export interface Analysis {
  pareto: ParetoAnalysis | null;
  sobol: SobolAnalysis | null;
  morris: MorrisAnalysis | null;
  prim: PrimAnalysis | null;
}

/** Means of a metric over every point in order, or null if some point has none. */
function column(points: PointsView, m: string): number[] | null {
  const out: number[] = new Array<number>(points.length);
  for (let i = 0; i < points.length; i++) {
    const v = points.mean(m, i);
    if (v === null) return null;
    out[i] = v;
  }
  return out;
}

const why = (e: unknown) => ({ error: e instanceof Error ? e.message : String(e) });

/** Does a point's means meet every bound of the criterion? */
export function meetsCriterion(p: PointSummary, c: Criterion): boolean | null {
  return meetsAt(viewOfSummaries([p]), 0, c);
}

function meetsAt(points: PointsView, i: number, c: Criterion): boolean | null {
  for (const [m, b] of Object.entries(c)) {
    const v = points.mean(m, i);
    if (v === null) return null;
    if (b.min !== undefined && v < b.min) return false;
    if (b.max !== undefined && v > b.max) return false;
  }
  return true;
}

/**
 * One analysis per metric over the column of point means: a metric some point lacks, or whose analysis
 * throws, gets its reason instead of a result, and the other metrics go on.
 */
function perMetric<R>(
  points: PointsView,
  metrics: readonly string[],
  analyse: (y: number[]) => R,
): Record<string, R | { error: string }> {
  const res: Record<string, R | { error: string }> = {};
  for (const m of metrics) {
    const y = column(points, m);
    if (!y) {
      res[m] = { error: 'some point has no ok run' };
      continue;
    }
    try {
      res[m] = analyse(y);
    } catch (e) {
      res[m] = why(e);
    }
  }
  return res;
}

/** The metrics whose point means `analyze` reads: what a sweep must keep per point for it. */
export function analysedMetrics(design: Design, spec: AnalysisSpec, metrics: readonly string[]): string[] {
  const out = new Set<string>();
  if (spec.pareto) for (const m of spec.pareto) out.add(m);
  if (design.saltelli || design.morris) for (const m of metrics) out.add(m);
  if (spec.criterion) for (const m of Object.keys(spec.criterion)) out.add(m);
  return [...out];
}

/**
 * Analyse the points of a complete sweep (every point of the design, in order): point summaries,
 * or any view of their means (`PointMeans` holds just `analysedMetrics`). The bootstrap stream is
 * seeded by the scheme from (seed, replicate 0, "experiment.bootstrap").
 */
export function analyze(
  summaries: readonly PointSummary[] | PointsView,
  design: Design,
  spec: AnalysisSpec,
  metrics: readonly string[],
  seed: number,
): Analysis {
  const points: PointsView = Array.isArray(summaries)
    ? viewOfSummaries(summaries as readonly PointSummary[])
    : (summaries as PointsView);
  const out: Analysis = { pareto: null, sobol: null, morris: null, prim: null };

  if (spec.pareto) {
    const [x, y] = spec.pareto;
    // Columns, not an object per point: a million-point sweep's front costs 20 bytes a point.
    let n = 0;
    for (let i = 0; i < points.length; i++) if (points.mean(x, i) !== null && points.mean(y, i) !== null) n++;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    const have = new Float64Array(n);
    for (let i = 0, k = 0; i < points.length; i++) {
      const a = points.mean(x, i);
      const b = points.mean(y, i);
      if (a === null || b === null) continue;
      xs[k] = a;
      ys[k] = b;
      have[k++] = points.point(i);
    }
    const reference = { x: 0, y: 0 };
    out.pareto = {
      x,
      y,
      front: paretoFrontColumns(xs, ys).map((j) => have[j]!),
      hypervolume: hypervolumeColumns(xs, ys, reference),
      reference,
    };
  }

  if (design.saltelli && points.length === design.size) {
    const { N, k } = design.saltelli;
    const rng = new Stream(BOOTSTRAP_STREAM, streamSeed(seed, 0, BOOTSTRAP_STREAM));
    const res: SobolAnalysis['metrics'] = perMetric(points, metrics, (y) => {
      const { yA, yB, yAB } = splitSaltelliOutputs(y, N, k);
      const s = sobolIndices(yA, yB, yAB, { bootstrap: spec.bootstrap, rand: () => rng.next() });
      const strip = (e: IndexEstimateOut): IndexEstimateOut => ({
        estimate: e.estimate,
        ciLow: e.ciLow,
        ciHigh: e.ciHigh,
        clipped: e.clipped ?? false,
        estimable: e.estimable ?? null,
      });
      return { variance: s.variance, S: s.S.map(strip), ST: s.ST.map(strip), suggestedN: s.suggestedN };
    });
    out.sobol = { parameters: design.parameters, N, bootstrap: spec.bootstrap, metrics: res };
  }

  if (design.morris && points.length === design.size) {
    const morris = design.morris;
    const res: MorrisAnalysis['metrics'] = perMetric(points, metrics, (y) => {
      const mi = morrisIndices(morris, y);
      return { mu: mi.mu, muStar: mi.muStar, sigma: mi.sigma };
    });
    out.morris = {
      parameters: design.parameters,
      trajectories: design.morris.trajectories,
      levels: design.morris.levels,
      metrics: res,
    };
  }

  if (spec.criterion) {
    const all = Array.from({ length: points.length }, (_, i) => i);
    const params = all.map((i) => points.params(i));
    const numeric = design.parameters.filter((n) => params.every((p) => typeof p[n] === 'number'));
    const usable = all.filter((i) => meetsAt(points, i, spec.criterion!) !== null);
    const y = usable.map((i) => meetsAt(points, i, spec.criterion!) === true);
    const positives = y.filter(Boolean).length;
    const base: PrimAnalysis = { criterion: spec.criterion, positives, points: usable.length };
    if (numeric.length === 0) out.prim = { ...base, error: 'no numeric design parameter to bound' };
    else if (positives === 0) out.prim = { ...base, error: 'no point meets the criterion' };
    else {
      try {
        const X = usable.map((i) => numeric.map((n) => params[i]![n] as number));
        const r = prim(X, y, { names: numeric });
        out.prim = {
          ...base,
          limits: r.limits,
          coverage: r.box.coverage,
          density: r.box.density,
          support: r.box.support,
        };
      } catch (e) {
        out.prim = { ...base, ...why(e) };
      }
    }
  }
  return out;
}
