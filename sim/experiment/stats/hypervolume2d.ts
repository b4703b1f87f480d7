import type { Point2 } from './paretoFront.ts';

/**
 * The area dominated by a set of points (both coordinates maximised) and bounded below by the
 * reference point: the measure of ∪_p [ref.x, p.x] × [ref.y, p.y] (Zitzler & Thiele 1998's
 * S-metric, the 2-D hypervolume indicator). Points not strictly better than ref in both
 * coordinates add nothing; an empty set has area 0.
 *
 * Sweep in decreasing x, keeping the highest y so far: each point that raises it adds the
 * rectangle (p.x − ref.x)·(p.y − y_so_far). Dominated points never raise it, so no front is
 * needed first. Example: (1, 0.2), (0.5, 0.5), (0.2, 1), (0.3, 0.3) over (0, 0) give
 * 1·0.2 + 0.5·0.3 + 0.2·0.5 = 0.45.
 */
export function hypervolume2d(points: readonly Point2[], ref: Point2 = { x: 0, y: 0 }): number {
  if (!Number.isFinite(ref.x) || !Number.isFinite(ref.y)) {
    throw new RangeError(`hypervolume2d requires a finite reference point, got (${ref.x}, ${ref.y})`);
  }
  points.forEach((p, i) => {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) {
      throw new RangeError(`hypervolume2d requires finite coordinates, got (${p.x}, ${p.y}) at index ${i}`);
    }
  });
  const above = points.filter((p) => p.x > ref.x && p.y > ref.y).sort((a, b) => b.x - a.x || b.y - a.y);
  let area = 0;
  let yHigh = ref.y;
  for (const p of above) {
    if (p.y > yHigh) {
      area += (p.x - ref.x) * (p.y - yHigh);
      yHigh = p.y;
    }
  }
  return area;
}
