import { checkFinite } from './validate.ts';

export interface PrimBox {
  /** Inclusive lower bound per dimension. */
  lower: number[];
  /** Inclusive upper bound per dimension. */
  upper: number[];
  /** Points inside the box. */
  n: number;
  /** Share of all points inside the box (the box's mass). */
  support: number;
  /** Share of all true cases that lie inside the box. */
  coverage: number;
  /** Share of the box's points that are true cases. */
  density: number;
  /** The peel that produced this box from the previous one; null for the starting box. */
  peeled: { dim: number; side: 'lower' | 'upper' } | null;
}

export interface PrimLimit {
  name: string;
  low: number;
  high: number;
  /** Whether the box narrows this dimension at all (either bound inside the data's range). */
  restricted: boolean;
}

export interface PrimResult {
  names: string[];
  /** The peeling trajectory, from the whole data range (step 0) to the last box peeled. */
  trajectory: PrimBox[];
  /** Index in `trajectory` of the chosen box. */
  chosen: number;
  box: PrimBox;
  /** The chosen box's bounds, by name, flagged where they restrict. */
  limits: PrimLimit[];
  minCoverage: number;
}

export interface PrimOptions {
  /** Share of the box's points removed by each peel (α). Default 0.05. */
  peelAlpha?: number;
  /** Peeling stops before the box would hold less than this share of all points (β₀). Default 0.05. */
  minSupport?: number;
  /** The chosen box is the densest with at least this coverage. Default 0.8. */
  minCoverage?: number;
  /** Names of the dimensions, for `limits`. Default x1, x2, …. */
  names?: readonly string[];
}

/**
 * Patient Rule Induction Method, peeling phase (J. H. Friedman & N. I. Fisher, "Bump hunting in
 * high-dimensional data", Statistics and Computing 9 (1999) 123–143), as used for scenario
 * discovery (Bryant & Lempert 2010): find a box of parameter space in which a condition y holds
 * far more often than overall.
 *
 * Start with the box spanning the data. At each step, for each dimension j and each side, the
 * candidate peel removes the m = max(1, ⌊α·n_box⌋) points with the lowest (highest) x_j, widened
 * to whole blocks of tied values: with x_(1) ≤ … ≤ x_(n) the box's sorted values, the new lower
 * bound is the smallest value above x_(m) (upper: the largest below x_(n+1−m)), bounds inclusive,
 * so every point tied with x_(m) goes too. Without a tie at the cut this is x_(m+1) and exactly m
 * points go; on a grid (a factorial design, where many points share each level) the whole
 * boundary level goes, at least m points: the smallest peel of at least m that does not split a
 * block of ties. A side whose values are all tied with x_(m) cannot be peeled. The peel giving
 * the highest density (mean of y) in the remaining box is taken; ties go to the larger remaining
 * box, then to the lower dimension, lower side first. Peeling stops when no peel keeps support
 * ≥ minSupport or when density reaches 1 (no peel can improve it). The pasting phase of the
 * paper is not applied.
 *
 * Choice on the trajectory (coverage falls and density mostly rises as the box shrinks): the box
 * with the highest density among those with coverage ≥ minCoverage, ties to the higher coverage
 * (the earlier box). Step 0 has coverage 1, so a choice always exists.
 *
 * X is one row per point (all rows of the same length d), y whether the condition holds there.
 */
export function prim(X: readonly (readonly number[])[], y: readonly boolean[], options: PrimOptions = {}): PrimResult {
  const alpha = options.peelAlpha ?? 0.05;
  const minSupport = options.minSupport ?? 0.05;
  const minCoverage = options.minCoverage ?? 0.8;
  const N = X.length;
  if (N === 0) throw new RangeError('prim requires at least one point');
  if (y.length !== N) throw new RangeError(`prim requires y of the same length as X (${N}), got ${y.length}`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`prim requires peelAlpha in (0, 1), got ${alpha}`);
  if (!(minSupport >= 0 && minSupport < 1))
    throw new RangeError(`prim requires minSupport in [0, 1), got ${minSupport}`);
  if (!(minCoverage >= 0 && minCoverage <= 1))
    throw new RangeError(`prim requires minCoverage in [0, 1], got ${minCoverage}`);
  const d = (X[0] as readonly number[]).length;
  if (d === 0) throw new RangeError('prim requires at least one dimension');
  X.forEach((row, i) => {
    if (row.length !== d)
      throw new RangeError(`prim requires every row of X to have ${d} values, got ${row.length} in row ${i}`);
    checkFinite('prim', row, `X[${i}]`);
  });
  const names = options.names ? [...options.names] : Array.from({ length: d }, (_, j) => `x${j + 1}`);
  if (names.length !== d) throw new RangeError(`prim requires ${d} names, got ${names.length}`);
  let totalPositive = 0;
  for (const v of y) if (v) totalPositive++;
  if (totalPositive === 0) throw new RangeError('prim requires at least one true case in y');

  const dataLow = new Array<number>(d).fill(Number.POSITIVE_INFINITY);
  const dataHigh = new Array<number>(d).fill(Number.NEGATIVE_INFINITY);
  for (const row of X) {
    for (let j = 0; j < d; j++) {
      dataLow[j] = Math.min(dataLow[j] as number, row[j] as number);
      dataHigh[j] = Math.max(dataHigh[j] as number, row[j] as number);
    }
  }

  const makeBox = (lower: number[], upper: number[], inside: number[], peeled: PrimBox['peeled']): PrimBox => {
    let pos = 0;
    for (const i of inside) if (y[i]) pos++;
    return {
      lower,
      upper,
      n: inside.length,
      support: inside.length / N,
      coverage: pos / totalPositive,
      density: pos / inside.length,
      peeled,
    };
  };

  let inside = Array.from({ length: N }, (_, i) => i);
  let box = makeBox(dataLow.slice(), dataHigh.slice(), inside, null);
  const trajectory: PrimBox[] = [box];

  while (box.density < 1) {
    const m = Math.max(1, Math.floor(alpha * inside.length));
    let best: { dim: number; side: 'lower' | 'upper'; bound: number; kept: number; pos: number } | null = null;
    for (let j = 0; j < d; j++) {
      const values = inside.map((i) => (X[i] as readonly number[])[j] as number).sort((a, b) => a - b);
      const nb = values.length;
      const candidates: { side: 'lower' | 'upper'; bound: number }[] = [];
      // Lower side: drop the m smallest and every point tied with the m-th; the bound is the next
      // distinct value (values[m] when there is no tie at the cut).
      const lowCut = values[m - 1] as number;
      let k = m;
      while (k < nb && (values[k] as number) <= lowCut) k++;
      if (k < nb) candidates.push({ side: 'lower', bound: values[k] as number });
      // Upper side, mirrored.
      const highCut = values[nb - m] as number;
      k = nb - 1 - m;
      while (k >= 0 && (values[k] as number) >= highCut) k--;
      if (k >= 0) candidates.push({ side: 'upper', bound: values[k] as number });
      for (const c of candidates) {
        let kept = 0;
        let pos = 0;
        for (const i of inside) {
          const v = (X[i] as readonly number[])[j] as number;
          if (c.side === 'lower' ? v >= c.bound : v <= c.bound) {
            kept++;
            if (y[i]) pos++;
          }
        }
        if (kept / N < minSupport) continue;
        // Compare densities pos/kept exactly by cross-multiplication; ties to the larger box.
        if (!best || pos * best.kept > best.pos * kept || (pos * best.kept === best.pos * kept && kept > best.kept)) {
          best = { dim: j, side: c.side, bound: c.bound, kept, pos };
        }
      }
    }
    if (!best) break;
    const lower = box.lower.slice();
    const upper = box.upper.slice();
    if (best.side === 'lower') lower[best.dim] = best.bound;
    else upper[best.dim] = best.bound;
    const { dim, side, bound } = best;
    inside = inside.filter((i) => {
      const v = (X[i] as readonly number[])[dim] as number;
      return side === 'lower' ? v >= bound : v <= bound;
    });
    box = makeBox(lower, upper, inside, { dim, side });
    trajectory.push(box);
  }

  let chosen = 0;
  trajectory.forEach((b, s) => {
    const c = trajectory[chosen] as PrimBox;
    if (b.coverage >= minCoverage && (b.density > c.density || (b.density === c.density && b.coverage > c.coverage)))
      chosen = s;
  });
  const chosenBox = trajectory[chosen] as PrimBox;
  const limits = names.map((name, j) => {
    const low = chosenBox.lower[j] as number;
    const high = chosenBox.upper[j] as number;
    return { name, low, high, restricted: low > (dataLow[j] as number) || high < (dataHigh[j] as number) };
  });
  return { names, trajectory, chosen, box: chosenBox, limits, minCoverage };
}
