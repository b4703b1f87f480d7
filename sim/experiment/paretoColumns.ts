// The Pareto front and its hypervolume over two Float64Array columns, for analyses of a million
// points: the same numbers as `paretoFront` and `hypervolume2d` (stats), which take an object per
// point, without making those objects (≈ 40 bytes each, and a sort over them).
import { checkFinite } from './stats/validate.ts';

/**
 * Indices of the points not dominated in (x, y), both maximised, in increasing x (ties by index):
 * exactly `paretoFront(points)`. Points are sorted by x descending, then y descending, then index;
 * in each group of equal x the points at the group's highest y are on the front when that y beats
 * every y of a strictly larger x.
 */
export function paretoFrontColumns(xs: Float64Array, ys: Float64Array): number[] {
  checkFinite('paretoFront', xs, 'x');
  checkFinite('paretoFront', ys, 'y');
  const order = descendingOrder(xs, ys);
  const front: number[] = [];
  let bestYRight = Number.NEGATIVE_INFINITY;
  let g = 0;
  while (g < order.length) {
    const x = xs[order[g]!]!;
    const top = ys[order[g]!]!;
    let end = g;
    while (end < order.length && xs[order[end]!] === x) {
      const idx = order[end]!;
      if (ys[idx] === top && top > bestYRight) front.push(idx);
      end++;
    }
    bestYRight = Math.max(bestYRight, top);
    g = end;
  }
  return front.sort((i, j) => xs[i]! - xs[j]! || i - j);
}

/**
 * Area dominated by the points above the reference (x > rx and y > ry): exactly
 * `hypervolume2d(points, ref)`. Sweeping x downwards, each point higher than every one before
 * adds the strip (x − rx)·(y − yHigh); points equal in (x, y) add nothing after the first, so the
 * order among ties does not change the sum.
 */
export function hypervolumeColumns(xs: Float64Array, ys: Float64Array, ref: { x: number; y: number }): number {
  checkFinite('hypervolume2d', xs, 'x');
  checkFinite('hypervolume2d', ys, 'y');
  const order = descendingOrder(xs, ys);
  let area = 0;
  let yHigh = ref.y;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const x = xs[i]!;
    const y = ys[i]!;
    if (!(x > ref.x && y > ref.y)) continue;
    if (y > yHigh) {
      area += (x - ref.x) * (y - yHigh);
      yHigh = y;
    }
  }
  return area;
}

/** Indices sorted by x descending, then y descending, then index ascending. */
function descendingOrder(xs: Float64Array, ys: Float64Array): Uint32Array {
  const order = new Uint32Array(xs.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((i, j) => xs[j]! - xs[i]! || ys[j]! - ys[i]! || i - j);
}
