// The summary of one sample as documents print it (docs/formats.md §3, §8): the Student-t summary
// without its standard error, half-width and level.
import { summarize } from './stats/index.ts';

export interface SummaryRow {
  mean: number;
  /** Sample sd (n − 1); null below two values. */
  sd: number | null;
  n: number;
  /** The 95% Student-t interval of the mean; null below two values. */
  ciLow: number | null;
  ciHigh: number | null;
}

export function summaryRow(xs: readonly number[]): SummaryRow {
  const s = summarize(xs);
  return { mean: s.mean, sd: s.sd, n: s.n, ciLow: s.ciLow, ciHigh: s.ciHigh };
}
