import type { MorrisDesign } from './morrisDesign.ts';
import { checkFinite } from './validate.ts';

export interface MorrisIndices {
  /** μ_i: mean elementary effect (effects of opposite sign cancel). */
  mu: number[];
  /** μ*_i: mean absolute elementary effect, the ranking measure (Campolongo, Cariboni & Saltelli 2007). */
  muStar: number[];
  /** σ_i: sd (n − 1) of the elementary effects: non-linearity or interaction with other factors. */
  sigma: number[];
  /** effects[i][t]: the elementary effect of factor i in trajectory t. */
  effects: number[][];
}

/**
 * Elementary effects of a `morrisDesign`'s outputs y (y[m] = f(points[m]), same order).
 *
 * When factor i moves between points x and x' = x ± Δe_i of a trajectory,
 *   EE_i = (f(x') − f(x)) / (±Δ),
 * i.e. always the forward difference quotient in the direction of increasing x_i. Over the r
 * trajectories: μ_i = mean EE_i, μ*_i = mean |EE_i|, σ_i = sd(EE_i). For f linear in x_i,
 * EE_i is its coefficient exactly and σ_i = 0; σ_i > 0 marks curvature or interaction.
 * Effects are per unit of the [0, 1]-scaled factor: multiply by 1/(hi − lo) for natural units.
 */
export function morrisIndices(design: MorrisDesign, y: readonly number[]): MorrisIndices {
  const { k, trajectories: r, delta, order, sign } = design;
  if (y.length !== r * (k + 1)) {
    throw new RangeError(`morrisIndices requires r·(k+1) = ${r * (k + 1)} outputs, got ${y.length}`);
  }
  checkFinite('morrisIndices', y, 'outputs');
  const effects = Array.from({ length: k }, () => new Array<number>(r));
  for (let t = 0; t < r; t++) {
    const row0 = t * (k + 1);
    for (let s = 0; s < k; s++) {
      const f = (order[t] as number[])[s] as number;
      const dy = (y[row0 + s + 1] as number) - (y[row0 + s] as number);
      (effects[f] as number[])[t] = dy / (((sign[t] as number[])[s] as number) * delta);
    }
  }
  const mu: number[] = [];
  const muStar: number[] = [];
  const sigma: number[] = [];
  for (const ee of effects) {
    const m = ee.reduce((s, v) => s + v, 0) / r;
    mu.push(m);
    muStar.push(ee.reduce((s, v) => s + Math.abs(v), 0) / r);
    sigma.push(Math.sqrt(ee.reduce((s, v) => s + (v - m) ** 2, 0) / (r - 1)));
  }
  return { mu, muStar, sigma, effects };
}
