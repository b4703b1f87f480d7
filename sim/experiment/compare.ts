// Paired comparison of two scenarios under common random numbers (docs/formats.md §9): replicate
// r of A and of B share every stream's seed, so their difference carries less noise than two
// independent samples; the unpaired (Welch) interval is reported beside it to show the gain.
import { canonicalJson } from '../engine/canonical.ts';
import { hashHex } from '../engine/hash.ts';
import type { Model, Scenario } from '../engine/model.ts';
import { SEED_SCHEME } from '../engine/rng.ts';
import { runScenario, type RunRecord } from '../engine/run.ts';
import { finalKeys } from './experiment.ts';
import { pairedComparison } from './stats/index.ts';

export interface CompareOptions {
  seed: number;
  replicates: number;
  cycles: number;
  /** Final values to compare (default: every final value of the model). */
  metrics?: string[];
}

export interface MetricComparison {
  /** Pairs where both runs are ok. */
  n: number;
  meanA: number;
  meanB: number;
  /** mean(B) − mean(A). */
  difference: number;
  /** Paired t interval of the mean difference (sd of the differences, n − 1). */
  paired: { ciLow: number; ciHigh: number; halfWidth: number; sd: number };
  /** Welch interval treating A and B as independent samples. */
  unpaired: { ciLow: number; ciHigh: number; halfWidth: number; df: number };
  /** Pearson correlation of the pairs (null when a side is constant). */
  correlation: number | null;
  /** unpaired.halfWidth / paired.halfWidth (null when the paired half-width is 0). */
  widthRatio: number | null;
}

export interface Comparison {
  manifest: {
    kind: 'concerto-compare'; model: string; modelVersion: string;
    a: { name: string; scenarioHash: string }; b: { name: string; scenarioHash: string };
    seed: number; seedScheme: string; replicates: number; cycles: number; level: number;
  };
  /** Per metric; null where fewer than two pairs are ok or a value is missing. */
  metrics: Record<string, MetricComparison | null>;
  /** Runs that failed, by side and replicate. */
  failed: { side: 'a' | 'b'; replicate: number; error: string }[];
}

/** Run A and B on replicates 0 … R−1 with the same base seed and compare every final value. */
export function compareScenarios(model: Model<unknown, unknown>, a: Scenario, b: Scenario, options: CompareOptions): Comparison {
  const runs = (s: Scenario): RunRecord[] => {
    const out: RunRecord[] = [];
    for (let r = 0; r < options.replicates; r++) out.push(runScenario(model, s, { seed: options.seed, replicate: r, cycles: options.cycles }));
    return out;
  };
  const ra = runs(a);
  const rb = runs(b);
  const failed: Comparison['failed'] = [];
  ra.forEach((r) => { if (r.status !== 'ok') failed.push({ side: 'a', replicate: r.replicate, error: r.error ?? '' }); });
  rb.forEach((r) => { if (r.status !== 'ok') failed.push({ side: 'b', replicate: r.replicate, error: r.error ?? '' }); });
  const both = ra.map((r, i) => [r, rb[i]!] as const).filter(([x, y]) => x.status === 'ok' && y.status === 'ok');
  const metrics: Record<string, MetricComparison | null> = {};
  for (const m of options.metrics ?? finalKeys(model)) {
    const xs = both.map(([x]) => x.final[m]!);
    const ys = both.map(([, y]) => y.final[m]!);
    if (xs.length < 2 || xs.some((v) => v === undefined) || ys.some((v) => v === undefined)) { metrics[m] = null; continue; }
    const c = pairedComparison(xs, ys, 0.95);
    metrics[m] = {
      n: c.n, meanA: c.meanA, meanB: c.meanB, difference: c.meanDifference,
      paired: { ciLow: c.paired.ciLow, ciHigh: c.paired.ciHigh, halfWidth: c.paired.halfWidth, sd: c.paired.sd },
      unpaired: { ciLow: c.welch.ciLow, ciHigh: c.welch.ciHigh, halfWidth: c.welch.halfWidth, df: c.welch.df },
      correlation: c.correlation, widthRatio: c.widthRatio,
    };
  }
  return {
    manifest: {
      kind: 'concerto-compare', model: model.id, modelVersion: model.version,
      a: { name: a.name, scenarioHash: hashHex(canonicalJson(a)) }, b: { name: b.name, scenarioHash: hashHex(canonicalJson(b)) },
      seed: options.seed, seedScheme: SEED_SCHEME, replicates: options.replicates, cycles: options.cycles, level: 0.95,
    },
    metrics, failed,
  };
}
