import { nice } from 'd3';

/**
 * The y domain of a chart: the metric's registry bounds when it has both, else the data's extent
 * (widened to include 0 for non-negative metrics) rounded outward to nice ticks.
 */
export function yDomain(
  values: Iterable<number>,
  bounds: { min?: number | undefined; max?: number | undefined } = {},
): [number, number] {
  if (bounds.min !== undefined && bounds.max !== undefined) return [bounds.min, bounds.max];
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) return [bounds.min ?? 0, bounds.max ?? 1];
  if (bounds.min !== undefined) lo = Math.min(lo, bounds.min);
  if (bounds.max !== undefined) hi = Math.max(hi, bounds.max);
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
    if (bounds.min !== undefined) lo = Math.max(lo, bounds.min);
  }
  const [a, b] = nice(lo, hi, 5);
  return [a, b];
}
