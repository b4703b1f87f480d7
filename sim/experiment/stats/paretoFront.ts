export interface Point2 {
  x: number;
  y: number;
}

/**
 * Indices of the non-dominated points when both x and y are to be maximised (e.g. coherence and
 * innovation): p dominates q when p.x ≥ q.x and p.y ≥ q.y with at least one strict.
 *
 * Ties: exact duplicates do not dominate each other, so every copy of a front point is returned;
 * a point that equals another in one coordinate and is worse in the other is dominated.
 * Returned in increasing x (hence decreasing y: the front read left to right), duplicates by index.
 *
 * Sweep in decreasing x (O(n log n)): q is dominated iff some point with larger x has y ≥ q.y,
 * or some point with the same x has larger y.
 */
export function paretoFront(points: readonly Point2[]): number[] {
  points.forEach((p, i) => {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) {
      throw new RangeError(`paretoFront requires finite coordinates, got (${p.x}, ${p.y}) at index ${i}`);
    }
  });
  const order = points
    .map((_, i) => i)
    .sort((i, j) => {
      const a = points[i] as Point2;
      const b = points[j] as Point2;
      return b.x - a.x || b.y - a.y || i - j;
    });
  const front: number[] = [];
  let bestYRight = Number.NEGATIVE_INFINITY; // highest y among points with strictly larger x
  let g = 0;
  while (g < order.length) {
    const x = (points[order[g] as number] as Point2).x;
    const top = (points[order[g] as number] as Point2).y; // highest y in this x group (sorted first)
    let end = g;
    while (end < order.length && (points[order[end] as number] as Point2).x === x) {
      const idx = order[end] as number;
      const y = (points[idx] as Point2).y;
      if (y === top && top > bestYRight) front.push(idx);
      end++;
    }
    bestYRight = Math.max(bestYRight, top);
    g = end;
  }
  // The sweep found them in decreasing x; report increasing x, duplicates by index.
  return front.sort((i, j) => (points[i] as Point2).x - (points[j] as Point2).x || i - j);
}
