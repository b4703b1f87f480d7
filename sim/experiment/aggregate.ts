// Running summaries of a sweep's results, in constant memory per point: results arrive in
// (point, replicate) order, so only the current point's Welford accumulators are open at a time;
// a finished point leaves one summary object, kept in `points` or handed to `onPoint` (a sweep
// of a million points spills them to a file instead of holding them).
import type { Params } from '../engine/model.ts';
import type { RunResult } from './runner.ts';
import { RunningSummary } from './stats/index.ts';

/** A metric over the ok replicates of a point: sample sd (n − 1) and the 95% Student-t interval (null when n < 2). */
export interface MetricSummary {
  mean: number;
  sd: number | null;
  n: number;
  ciLow: number | null;
  ciHigh: number | null;
}

/** Per-cycle bands of one metric: cycle t (from 1) at index t − 1. */
export interface Band {
  mean: number[];
  ciLow: (number | null)[];
  ciHigh: (number | null)[];
  n: number[];
}

export interface PointSummary {
  point: number;
  params: Params;
  runs: number;
  ok: number;
  failed: number;
  /** Per kept metric, over the ok runs; null when no run of the point is ok. */
  metrics: Record<string, MetricSummary | null>;
  /** With series: per-cycle bands over the ok runs. */
  bands?: Record<string, Band>;
}

export function metricSummary(s: RunningSummary): MetricSummary {
  const x = s.summary(0.95);
  return { mean: x.mean, sd: x.sd, n: x.n, ciLow: x.ciLow, ciHigh: x.ciHigh };
}

export interface AggregatorOptions {
  /** Keep every closed point in `points` (default true). */
  keep?: boolean;
  /** Receives each point as it closes, in order. */
  onPoint?(p: PointSummary): void;
}

/** Folds results, in (point, replicate) order, into one summary per point. */
export class PointAggregator {
  private current: {
    point: number;
    params: Params;
    runs: number;
    ok: number;
    failed: number;
    finals: RunningSummary[];
    bands: RunningSummary[][] | null;
  } | null = null;
  readonly points: PointSummary[] = [];
  runs = 0;
  ok = 0;
  failed = 0;

  constructor(
    private readonly metrics: readonly string[],
    private readonly series: readonly string[] | null,
    private readonly options: AggregatorOptions = {},
  ) {}

  add(r: RunResult): void {
    if (this.current && this.current.point !== r.point) this.close();
    if (!this.current) {
      this.current = {
        point: r.point,
        params: r.params,
        runs: 0,
        ok: 0,
        failed: 0,
        finals: this.metrics.map(() => new RunningSummary()),
        bands: this.series ? this.series.map(() => []) : null,
      };
    }
    const c = this.current;
    c.runs++;
    this.runs++;
    if (r.status !== 'ok') {
      c.failed++;
      this.failed++;
      return;
    }
    c.ok++;
    this.ok++;
    this.metrics.forEach((m, k) => c.finals[k]!.push(r.final[m]!));
    if (c.bands && this.series) {
      this.series.forEach((m, k) => {
        const xs = r.series?.[m] ?? [];
        const cyc = c.bands![k]!;
        for (let t = 0; t < xs.length; t++) (cyc[t] ??= new RunningSummary()).push(xs[t]!);
      });
    }
  }

  /** Close the open point (call once after the last result). */
  close(): void {
    const c = this.current;
    if (!c) return;
    this.current = null;
    const metrics: Record<string, MetricSummary | null> = {};
    this.metrics.forEach((m, k) => {
      metrics[m] = c.ok > 0 ? metricSummary(c.finals[k]!) : null;
    });
    const out: PointSummary = { point: c.point, params: c.params, runs: c.runs, ok: c.ok, failed: c.failed, metrics };
    if (c.bands && this.series) {
      const bands: Record<string, Band> = {};
      this.series.forEach((m, k) => {
        const band: Band = { mean: [], ciLow: [], ciHigh: [], n: [] };
        for (const s of c.bands![k]!) {
          const x = s.summary(0.95);
          band.mean.push(x.mean);
          band.ciLow.push(x.ciLow);
          band.ciHigh.push(x.ciHigh);
          band.n.push(x.n);
        }
        bands[m] = band;
      });
      out.bands = bands;
    }
    if (this.options.keep !== false) this.points.push(out);
    this.options.onPoint?.(out);
  }
}
