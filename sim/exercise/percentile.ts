/**
 * Where `value` stands among the model's runs: the share of runs at or below it, a tie counted as
 * half (the mid-rank rule), in percent:
 *
 *   percentile = 100 · ( #{x < value} + ½ · #{x = value} ) / n.
 *
 * Counting ties as half keeps a metric that often ties (a count such as scale-ups, 0 in many runs)
 * from reading as the 100th percentile when the participant merely matched most runs: equal to
 * every run gives 50. Equality is exact (common random numbers make exact ties common).
 */
export function percentileOf(value: number, sample: readonly number[]): number {
  if (sample.length === 0) throw new RangeError('percentileOf requires at least one model run');
  if (!Number.isFinite(value)) throw new RangeError(`percentileOf requires a finite value, got ${value}`);
  let below = 0;
  let ties = 0;
  for (const x of sample) {
    if (!Number.isFinite(x)) throw new RangeError(`percentileOf requires finite model values, got ${x}`);
    if (x < value) below++;
    else if (x === value) ties++;
  }
  return (100 * (below + 0.5 * ties)) / sample.length;
}
