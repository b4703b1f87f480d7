// Experimental designs: each yields its parameter points in a fixed, documented order
// (docs/formats.md, "Experiment files"). Points hold only the varied parameters; the rest come
// from the scenario and the experiment's `set`. Chance (LHS, Morris) comes from the design stream,
// never from a run's streams.
import type { ParamSpec, ParamValue, Params } from '../engine/model.ts';
import { Stream, streamSeed } from '../engine/rng.ts';
import { latinHypercubeColumns } from './lhsColumns.ts';
import { morrisDesign, saltelliDesign, type MorrisDesign } from './stats/index.ts';

export const DESIGN_TYPES = ['factorial', 'points', 'lhs', 'sobol', 'morris'] as const;
export type DesignType = (typeof DESIGN_TYPES)[number];

/** Name of the stream that draws a design's randomness (LHS permutations, Morris trajectories). */
export const DESIGN_STREAM = 'experiment.design';
/** Name of the stream that draws the analysis' bootstrap resamples. */
export const BOOTSTRAP_STREAM = 'experiment.bootstrap';

/** A numeric range of a parameter, both ends inclusive. */
export interface Range {
  min: number;
  max: number;
}

/** A validated design as written in an experiment file. */
export type DesignSpec =
  | { type: 'factorial'; parameters: Record<string, ParamValue[]> }
  | { type: 'points'; points: Params[] }
  | { type: 'lhs'; samples: number; parameters: Record<string, Range> }
  | { type: 'sobol'; samples: number; skip: number; parameters: Record<string, Range> }
  | { type: 'morris'; trajectories: number; levels: number; parameters: Record<string, Range> };

/** A design's points, generated in their fixed order. */
export interface Design {
  type: DesignType;
  /** The varied parameters, in the order the file names them: the design columns of every row. */
  parameters: string[];
  /** Number of points. */
  size: number;
  /** Point i's values of the varied parameters (0 ≤ i < size). */
  point(i: number): Params;
  /** Sobol designs: Saltelli's N and k (the points are A, B, AB₁ … AB_k, N each). */
  saltelli?: { N: number; k: number };
  /** Morris designs: the trajectories (their order and signs give the elementary effects). */
  morris?: MorrisDesign;
}

/**
 * A coordinate u in [0, 1] to a parameter value: real parameters linearly, min + u·(max − min);
 * integer parameters to one of the max − min + 1 whole numbers, each taking an equal share of [0, 1)
 * (u = 1, a Morris grid end, gives max).
 */
export function fromUnit(spec: ParamSpec, range: Range, u: number): number {
  if (spec.kind === 'integer') {
    const span = range.max - range.min;
    return range.min + Math.min(span, Math.floor(u * (span + 1)));
  }
  return range.min + u * (range.max - range.min);
}

/** The design's random stream: seeded by the scheme from (seed, replicate 0, "experiment.design"). */
export function designStream(seed: number): Stream {
  return new Stream(DESIGN_STREAM, streamSeed(seed, 0, DESIGN_STREAM));
}

/**
 * Build the points of a validated design.
 *
 * - factorial: every combination, the first parameter varying slowest (nested loops in the order
 *   written), so appending a value to the first parameter's list appends points at the end;
 * - points: the list as written (a parameter a point leaves out takes its value in `base`);
 * - lhs: `latinHypercube(samples, k)` drawn from the design stream, mapped to the ranges;
 * - sobol: Saltelli's N·(k+2) points (A, B, AB₁ … AB_k) from the Sobol sequence (no chance);
 * - morris: `morrisDesign(k, trajectories, levels)` from the design stream, trajectory by trajectory.
 */
export function buildDesign(spec: DesignSpec, registry: readonly ParamSpec[], seed: number, base: Params = {}): Design {
  const byName = new Map(registry.map((p) => [p.name, p]));
  if (spec.type === 'factorial') {
    const names = Object.keys(spec.parameters);
    const lists = names.map((n) => spec.parameters[n]!);
    const size = lists.reduce((s, l) => s * l.length, 1);
    return {
      type: 'factorial',
      parameters: names,
      size,
      point(i: number): Params {
        const out: Params = {};
        let rest = i;
        for (let j = names.length - 1; j >= 0; j--) {
          const list = lists[j]!;
          out[names[j]!] = list[rest % list.length]!;
          rest = Math.floor(rest / list.length);
        }
        // Key order as written, whatever the loop order above.
        const ordered: Params = {};
        for (const n of names) ordered[n] = out[n]!;
        return ordered;
      },
    };
  }
  if (spec.type === 'points') {
    const names: string[] = [];
    for (const p of spec.points) for (const n of Object.keys(p)) if (!names.includes(n)) names.push(n);
    return {
      type: 'points',
      parameters: names,
      size: spec.points.length,
      point: (i) => {
        // A parameter a point leaves out takes its value in `base` (the scenario with `set`).
        const out: Params = {};
        for (const n of names) {
          const v = spec.points[i]![n] ?? base[n];
          if (v !== undefined) out[n] = v;
        }
        return out;
      },
    };
  }
  const names = Object.keys(spec.parameters);
  const specs = names.map((n) => byName.get(n)!);
  const ranges = names.map((n) => spec.parameters[n]!);
  const toParams = (u: readonly number[]): Params => {
    const out: Params = {};
    names.forEach((n, j) => {
      out[n] = fromUnit(specs[j]!, ranges[j]!, u[j]!);
    });
    return out;
  };
  if (spec.type === 'lhs') {
    // Held as unit coordinates, column by column, and mapped to a point only when asked for:
    // 8 bytes per value, so a million-point design costs megabytes, not hundreds of them.
    const rng = designStream(seed);
    const n = spec.samples;
    const unit = latinHypercubeColumns(n, names.length, () => rng.next());
    return {
      type: 'lhs',
      parameters: names,
      size: n,
      point: (i) => {
        const out: Params = {};
        names.forEach((name, j) => {
          out[name] = fromUnit(specs[j]!, ranges[j]!, unit[j * n + i]!);
        });
        return out;
      },
    };
  }
  if (spec.type === 'sobol') {
    const d = saltelliDesign(spec.samples, names.length, { skip: spec.skip });
    const points = d.points.map(toParams);
    return {
      type: 'sobol',
      parameters: names,
      size: points.length,
      point: (i) => points[i]!,
      saltelli: { N: d.N, k: d.k },
    };
  }
  const rng = designStream(seed);
  const m = morrisDesign(names.length, spec.trajectories, spec.levels, () => rng.next());
  const points = m.points.map(toParams);
  return { type: 'morris', parameters: names, size: points.length, point: (i) => points[i]!, morris: m };
}

/** Number of points a design spec yields, without building it. */
export function designSize(spec: DesignSpec): number {
  switch (spec.type) {
    case 'factorial':
      return Object.values(spec.parameters).reduce((s, l) => s * l.length, 1);
    case 'points':
      return spec.points.length;
    case 'lhs':
      return spec.samples;
    case 'sobol':
      return spec.samples * (Object.keys(spec.parameters).length + 2);
    case 'morris':
      return spec.trajectories * (Object.keys(spec.parameters).length + 1);
  }
}
