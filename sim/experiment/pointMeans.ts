// What the analysis of a sweep reads of its points: their numbers, the means of some metrics, and
// their parameters. Either a list of point summaries (the app, merge, rerun) or `PointMeans`, which
// keeps only the means the analysis needs, column by column in Float64Arrays, so a million-point
// sweep holds 8 bytes per point and analysed metric instead of a summary object per point.
import type { Params } from '../engine/model.ts';
import type { PointSummary } from './aggregate.ts';

export interface PointsView {
  /** Number of points. */
  readonly length: number;
  /** Point number of the i-th point (in point order). */
  point(i: number): number;
  /** Mean of metric `m` over the i-th point's ok runs; null when none is ok (or `m` is not kept). */
  mean(m: string, i: number): number | null;
  /** The i-th point's varied parameters. */
  params(i: number): Params;
}

/** A list of point summaries as a view. */
export function viewOfSummaries(points: readonly PointSummary[]): PointsView {
  return {
    length: points.length,
    point: (i) => points[i]!.point,
    mean: (m, i) => points[i]!.metrics[m]?.mean ?? null,
    params: (i) => points[i]!.params,
  };
}

/**
 * Means of chosen metrics per point, columnar: NaN stands for "no ok run" (a mean of finite values
 * is never NaN). Parameters are not stored: `paramsOf` regenerates them from the design.
 */
export class PointMeans implements PointsView {
  private points: Float64Array;
  private readonly columns: Map<string, Float64Array>;
  length = 0;

  constructor(
    private readonly metrics: readonly string[],
    private readonly paramsOf: (point: number) => Params,
    capacity = 1024,
  ) {
    const cap = Math.max(1, capacity);
    this.points = new Float64Array(cap);
    this.columns = new Map(metrics.map((m) => [m, new Float64Array(cap)]));
  }

  add(p: PointSummary): void {
    if (this.length === this.points.length) this.grow();
    const i = this.length++;
    this.points[i] = p.point;
    for (const m of this.metrics) this.columns.get(m)![i] = p.metrics[m]?.mean ?? Number.NaN;
  }

  private grow(): void {
    const cap = this.points.length * 2;
    const bigger = (a: Float64Array): Float64Array => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.points = bigger(this.points);
    for (const m of this.metrics) this.columns.set(m, bigger(this.columns.get(m)!));
  }

  point(i: number): number {
    return this.points[i]!;
  }

  mean(m: string, i: number): number | null {
    const col = this.columns.get(m);
    const v = col ? col[i]! : Number.NaN;
    return Number.isNaN(v) ? null : v;
  }

  params(i: number): Params {
    return this.paramsOf(this.points[i]!);
  }
}
