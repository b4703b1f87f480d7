import { checkPositiveInteger, checkRand } from './validate.ts';

export interface MorrisDesign {
  k: number;
  trajectories: number;
  /** p, the number of grid levels: each factor takes values 0, 1/(p−1), …, 1. */
  levels: number;
  /** Step Δ = p / (2(p − 1)), in units of the [0, 1] factor range. */
  delta: number;
  /** r·(k+1) points in [0, 1]^k: trajectory t is rows t(k+1) … t(k+1)+k. */
  points: number[][];
  /** order[t][s]: the factor that moves between points s and s+1 of trajectory t. */
  order: number[][];
  /** sign[t][s]: +1 if that factor moved up by Δ, −1 if down. */
  sign: number[][];
}

/**
 * Morris's elementary-effects design (M. D. Morris, "Factorial sampling plans for preliminary
 * computational experiments", Technometrics 33 (1991) 161–174): r random one-at-a-time trajectories
 * on the p-level grid {0, 1/(p−1), …, 1}^k, each of k+1 points in which every factor moves exactly
 * once, by ±Δ with Δ = p/(2(p−1)).
 *
 * With p even and Δ = (p/2)·1/(p−1), pairing level ℓ with ℓ + p/2 for ℓ = 0 … p/2−1 uses every
 * level equally often (Morris's choice). Trajectory t draws, in this order: for each factor its
 * base level ℓ_i = ⌊rand()·p/2⌋ (k draws); for each factor its direction, up if rand() < ½ (k draws);
 * the order of the moves by Fisher–Yates (k−1 draws). A factor moving up starts at ℓ_i/(p−1),
 * one moving down at (ℓ_i + p/2)/(p−1), so every point stays on the grid. This is the matrix
 * B* = (J x* + (Δ/2)[(2B − J)D* + J])P* of Morris (1991) written as a walk.
 *
 * Points are in [0, 1]^k; the caller maps them to factor ranges. Campolongo et al. (2007) pick the
 * r most spread-out of many trajectories; here trajectories are drawn independently.
 */
export function morrisDesign(k: number, trajectories: number, levels: number, rand: () => number): MorrisDesign {
  checkPositiveInteger('morrisDesign', 'k', k, 1);
  checkPositiveInteger('morrisDesign', 'trajectories', trajectories, 2);
  if (!(Number.isInteger(levels) && levels >= 2 && levels % 2 === 0)) {
    throw new RangeError(`morrisDesign requires an even number of levels ≥ 2, got ${levels}`);
  }
  checkRand('morrisDesign', rand);
  const p = levels;
  const half = p / 2;
  const points: number[][] = [];
  const order: number[][] = [];
  const sign: number[][] = [];
  for (let t = 0; t < trajectories; t++) {
    const base = Array.from({ length: k }, () => Math.floor(rand() * half));
    const dir = Array.from({ length: k }, () => (rand() < 0.5 ? 1 : -1));
    const perm = Array.from({ length: k }, (_, i) => i);
    for (let i = k - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [perm[i], perm[j]] = [perm[j] as number, perm[i] as number];
    }
    // Integer grid levels, moved by ±p/2; converted to [0, 1] only when a point is emitted.
    const level = base.map((l, i) => (dir[i] === 1 ? l : l + half));
    points.push(level.map((l) => l / (p - 1)));
    for (const f of perm) {
      level[f] = (level[f] as number) + (dir[f] as number) * half;
      points.push(level.map((l) => l / (p - 1)));
    }
    order.push(perm);
    sign.push(perm.map((f) => dir[f] as number));
  }
  return { k, trajectories, levels: p, delta: half / (p - 1), points, order, sign };
}
