// Results in the formats of docs/formats.md §3: the run output JSON and the tidy CSV.

export interface SeriesRun {
  replicate: number;
  seed: number;
  series: Record<string, readonly number[]>;
}

/** A number as JSON writes it (String(v) is the same for finite numbers). */
function cell(v: number | undefined): string {
  return v === undefined ? '' : JSON.stringify(v);
}

/**
 * Tidy CSV: one row per replicate and cycle, columns `replicate,seed,cycle,<metric>…` in the model's
 * metric order, numbers as JSON writes them; a failed run's rows stop at its last observed cycle.
 */
export function runsToCsv(runs: readonly SeriesRun[], metrics: readonly string[]): string {
  const lines = [['replicate', 'seed', 'cycle', ...metrics].join(',')];
  for (const run of runs) {
    const len = run.series[metrics[0]!]?.length ?? 0;
    for (let i = 0; i < len; i++) {
      lines.push(
        [String(run.replicate), String(run.seed), String(i + 1), ...metrics.map((m) => cell(run.series[m]?.[i]))].join(
          ',',
        ),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The run output document byte for byte as `concerto run --format json` writes it. */
export function runOutputJson(doc: { manifest: unknown; runs: unknown; summary: unknown }): string {
  return `${JSON.stringify({ manifest: doc.manifest, runs: doc.runs, summary: doc.summary })}\n`;
}
