// What a sweep file claims, checked against its rows: the point summaries are recomputed from the
// rows with the same accumulators, in the same order, as the sweep that wrote them, so an honest
// file gives back the same numbers bit for bit and an edited mean, interval, count or band shows.
import { canonicalJson } from '../engine/canonical.ts';
import { PointAggregator, type PointSummary } from './aggregate.ts';
import type { Experiment } from './experiment.ts';
import type { Row } from './rows.ts';
import type { RunResult } from './runner.ts';

/**
 * The point summaries of rows in (point, replicate[, cycle]) order. Per-run rows carry the final
 * values, so every field is recomputed. Per-cycle rows (`--series`) carry only the series: the
 * bands and counts are recomputed, and `metrics` (final values, not in the rows) is left out.
 */
export function summariesFromRows(exp: Experiment, rows: Iterable<Row>, series: boolean): PointSummary[] {
  const agg = new PointAggregator(series ? [] : exp.metrics, series ? exp.seriesMetrics : null);
  let run: RunResult | null = null;
  const flush = () => {
    if (run) agg.add(run);
    run = null;
  };
  for (const row of rows) {
    const point = row.point;
    const replicate = row.replicate;
    if (typeof point !== 'number' || !Number.isInteger(point) || point < 0 || point >= exp.design.size)
      throw new Error(`a row has point ${String(point)}, not a point of the design`);
    if (run && (run.point !== point || run.replicate !== replicate)) flush();
    if (!run) {
      run = {
        point,
        replicate: replicate as number,
        seed: row.seed as number,
        status: row.status === 'ok' ? 'ok' : 'failed',
        cycles: 0,
        params: exp.design.point(point),
        final: {},
        ...(series ? { series: {} } : {}),
      };
    }
    const r: RunResult = run;
    if (!series) {
      for (const m of exp.metrics) {
        const v = row[m];
        if (typeof v === 'number' && Number.isFinite(v)) r.final[m] = v;
        else if (r.status === 'ok')
          throw new Error(`the row of point ${point}, replicate ${String(replicate)} is ok but has no finite ${m}`);
      }
    } else if (row.cycle !== undefined) {
      for (const m of exp.seriesMetrics) {
        const v = row[m];
        if (typeof v === 'number' && Number.isFinite(v)) (r.series![m] ??= []).push(v);
        else if (r.status === 'ok')
          throw new Error(
            `the row of point ${point}, replicate ${String(replicate)}, cycle ${String(row.cycle)} is ok but has no finite ${m}`,
          );
      }
    }
  }
  flush();
  agg.close();
  return agg.points;
}

/** The first field where a recorded point summary and the recomputed one part, or null. */
export function summaryDifference(
  recorded: readonly PointSummary[],
  computed: readonly PointSummary[],
  series: boolean,
): string | null {
  if (!Array.isArray(recorded)) return 'summary.points: is not a list';
  const n = Math.max(recorded.length, computed.length);
  for (let i = 0; i < n; i++) {
    const a = recorded[i] as PointSummary | undefined;
    const b = computed[i];
    if (!a || !b) return `summary.points[${i}]: ${a ? 'has no rows' : `missing (the rows have point ${b!.point})`}`;
    const where = `summary.points[${i}]`;
    for (const key of ['point', 'params', 'runs', 'ok', 'failed'] as const) {
      if (canonicalJson(a[key]) !== canonicalJson(b[key]))
        return `${where}.${key}: recorded ${canonicalJson(a[key]) ?? 'nothing'}, the rows give ${canonicalJson(b[key])}`;
    }
    if (!series) {
      const keys = new Set([...Object.keys(a.metrics ?? {}), ...Object.keys(b.metrics)]);
      for (const m of keys) {
        const x = a.metrics?.[m];
        const y = b.metrics[m];
        if (canonicalJson(x) === canonicalJson(y)) continue;
        const field = x && y ? (['mean', 'sd', 'n', 'ciLow', 'ciHigh'] as const).find((f) => x[f] !== y[f]) : undefined;
        return field
          ? `${where}.metrics.${m}.${field}: recorded ${String(x![field])}, the rows give ${String(y![field])}`
          : `${where}.metrics.${m}: recorded ${canonicalJson(x) ?? 'nothing'}, the rows give ${canonicalJson(y) ?? 'nothing'}`;
      }
    } else if (canonicalJson(a.bands ?? null) !== canonicalJson(b.bands ?? null)) {
      const keys = new Set([...Object.keys(a.bands ?? {}), ...Object.keys(b.bands ?? {})]);
      const m = [...keys].find((k) => canonicalJson(a.bands?.[k]) !== canonicalJson(b.bands?.[k]));
      return `${where}.bands${m !== undefined ? `.${m}` : ''}: differs from the bands of the rows`;
    }
  }
  return null;
}

const show = (v: unknown): string =>
  v === undefined ? 'nothing' : typeof v === 'number' ? String(v) : (canonicalJson(v) ?? String(v)).slice(0, 60);

/**
 * The first place where two JSON values differ, as `path: recorded …, rerun …`, or null. Numbers
 * are equal within `tol` relative (0: bit for bit); keys holding `undefined` count as absent, as
 * in a file. Iterative, so a deeply nested tampered value cannot overflow the stack.
 */
export function firstDifference(recorded: unknown, rerun: unknown, path: string, tol = 0): string | null {
  const stack: [unknown, unknown, string][] = [[recorded, rerun, path]];
  while (stack.length > 0) {
    const [a, b, p] = stack.pop()!;
    if (typeof a === 'number' && typeof b === 'number') {
      if (a === b || (tol > 0 && Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b)))) continue;
      return `${p}: recorded ${show(a)}, rerun ${show(b)}`;
    }
    const arrays = Array.isArray(a) && Array.isArray(b);
    const objects =
      !arrays &&
      a !== null &&
      b !== null &&
      typeof a === 'object' &&
      typeof b === 'object' &&
      !Array.isArray(a) &&
      !Array.isArray(b);
    if (arrays) {
      const x = a as unknown[];
      const y = b as unknown[];
      if (x.length !== y.length) return `${p}: recorded ${x.length} entries, rerun ${y.length}`;
      for (let i = x.length - 1; i >= 0; i--) stack.push([x[i], y[i], `${p}[${i}]`]);
      continue;
    }
    if (objects) {
      const x = a as Record<string, unknown>;
      const y = b as Record<string, unknown>;
      const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])]
        .filter((k) => x[k] !== undefined || y[k] !== undefined)
        .sort()
        .reverse();
      for (const k of keys)
        stack.push([
          Object.prototype.hasOwnProperty.call(x, k) ? x[k] : undefined,
          Object.prototype.hasOwnProperty.call(y, k) ? y[k] : undefined,
          `${p}.${k}`,
        ]);
      continue;
    }
    if (a !== b) return `${p}: recorded ${show(a)}, rerun ${show(b)}`;
  }
  return null;
}
