import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/context.ts';
import { runScenario } from '../../sim/engine/run.ts';
import { pairedComparison, spearman } from '../../sim/experiment/stats/index.ts';
import { governanceModel } from '../../sim/model/governance.ts';

// The patterns that hold on at least 16 of 20 base seeds in docs/calibration.md, as seeded tests with
// fewer replicates. Seed 1 is the bundled experiments' own seed, fixed before any result was seen.
// Tolerance: the bundled sweeps' 11 points with 15 replicates instead of 30 widen the standard error of
// each point mean by √2, so the Spearman thresholds are relaxed from .8 to .7.
const REPS = 15;
const GRID = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
function means(params: Record<string, unknown>[], metric: string, reps = REPS): number[] {
  return params.map((p) => {
    const sc = loadScenario({ formatVersion: 1, name: 'pattern', extends: 'vn34-2025', params: p });
    let sum = 0;
    for (let r = 0; r < reps; r++)
      sum += runScenario(governanceModel, sc, { seed: 1, replicate: r, cycles: 50 }).final[metric]!;
    return sum / reps;
  });
}

describe('calibrated patterns (reduced replicates, seed 1)', () => {
  it('SF1: innovation rises and coherence falls with autonomy (ρ ≥ .7, ρ ≤ −.7 over 11 points)', () => {
    const A = GRID;
    const pts = A.map((autonomy) => ({ autonomy }));
    expect(spearman(A, means(pts, 'innovation'))).toBeGreaterThanOrEqual(0.7);
    expect(spearman(A, means(pts, 'coherence'))).toBeLessThanOrEqual(-0.7);
  });
  it('SF3: scale-ups fall and missed windows rise with approval strictness (|ρ| ≥ .7 over 11 points)', () => {
    // Discoveries no longer fall with strictness in 2.0.0 (rejected pilots are implemented anyway by
    // fence-breaking, and most discoveries come from search inside the zone): docs/calibration.md.
    const S = GRID;
    const pts = S.map((approvalStrictness) => ({ approvalStrictness }));
    expect(spearman(S, means(pts, 'scaleUps'))).toBeLessThanOrEqual(-0.7);
    expect(spearman(S, means(pts, 'missedWindowShare'))).toBeGreaterThanOrEqual(0.7);
  });
  it('SF5: under continuous steering the oscillation of autonomy grows with the feedback delay (δ 4 − δ 0: paired CI above 0)', () => {
    const amp = (feedbackDelay: number) => {
      const sc = loadScenario({
        formatVersion: 1,
        name: 'sf5',
        extends: 'vn34-2025',
        params: { steering: 'continuous', feedbackDelay },
      });
      return Array.from(
        { length: 12 },
        (_, r) => runScenario(governanceModel, sc, { seed: 1, replicate: r, cycles: 50 }).final.autonomyOscillation!,
      );
    };
    const c = pairedComparison(amp(0), amp(4));
    expect(c.paired.ciLow!).toBeGreaterThan(0);
  });
});
