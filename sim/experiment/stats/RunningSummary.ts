import { summaryFromMoments, type Summary } from './summarize.ts';
import { checkLevel } from './validate.ts';

/** The whole state of a `RunningSummary`: three numbers, so many can live in one Float64Array. */
export type RunningState = readonly [n: number, mean: number, m2: number];

/**
 * Streaming mean and variance in constant memory, for outputs of more runs than one would keep.
 *
 * Welford's update (B. P. Welford, Technometrics 4 (1962) 419–420), for the k-th value x:
 *   δ = x − mean,  mean ← mean + δ/k,  M2 ← M2 + δ·(x − mean_new),
 * where M2 = Σ(x − mean)² and the sample variance is M2/(n − 1). Unlike Σx² − (Σx)²/n it does not
 * cancel catastrophically when the mean is large relative to the spread.
 *
 * Two partial summaries (e.g. from two workers) combine exactly by Chan, Golub & LeVeque
 * ("Updating formulae and a pairwise algorithm for computing sample variances", 1979):
 *   n = n_a + n_b,  δ = mean_b − mean_a,  mean = mean_a + δ·n_b/n,  M2 = M2_a + M2_b + δ²·n_a·n_b/n.
 *
 * `summary()` gives the same numbers as `summarize` on the same values (to rounding, ~1e-12).
 */
export class RunningSummary {
  private count = 0;
  private mu = 0;
  private m2 = 0;

  /** Number of values pushed (or merged). */
  get n(): number {
    return this.count;
  }

  /** Mean of the values so far; NaN before the first. */
  get mean(): number {
    return this.count === 0 ? Number.NaN : this.mu;
  }

  /** Sample variance (divisor n − 1); null below two values. */
  get variance(): number | null {
    return this.count < 2 ? null : this.m2 / (this.count - 1);
  }

  push(x: number): this {
    if (!Number.isFinite(x)) throw new RangeError(`RunningSummary.push requires a finite value, got ${x}`);
    this.count += 1;
    const delta = x - this.mu;
    this.mu += delta / this.count;
    this.m2 += delta * (x - this.mu);
    return this;
  }

  /** Absorbs another summary's values, as if they had been pushed here. */
  merge(other: RunningSummary): this {
    if (other.count === 0) return this;
    if (this.count === 0) {
      this.count = other.count;
      this.mu = other.mu;
      this.m2 = other.m2;
      return this;
    }
    const n = this.count + other.count;
    const delta = other.mu - this.mu;
    this.mu += (delta * other.count) / n;
    this.m2 += other.m2 + (delta * delta * this.count * other.count) / n;
    this.count = n;
    return this;
  }

  /** Mean, sd and Student-t interval, as `summarize` reports them. */
  summary(level = 0.95): Summary {
    checkLevel('RunningSummary.summary', level);
    if (this.count === 0) throw new RangeError('RunningSummary.summary requires at least one value');
    return summaryFromMoments(this.count, this.mu, this.variance, level);
  }

  state(): RunningState {
    return [this.count, this.mu, this.m2];
  }

  static fromState(state: RunningState): RunningSummary {
    const [n, m, m2] = state;
    if (!(Number.isInteger(n) && n >= 0) || !Number.isFinite(m) || !(m2 >= 0)) {
      throw new RangeError(
        `RunningSummary.fromState requires [n ≥ 0 integer, finite mean, M2 ≥ 0], got [${n}, ${m}, ${m2}]`,
      );
    }
    const s = new RunningSummary();
    s.count = n;
    s.mu = n === 0 ? 0 : m;
    s.m2 = n === 0 ? 0 : m2;
    return s;
  }
}
