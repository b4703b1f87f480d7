import type { MetricSpec } from '../../sim/engine/model.ts';
import type { TableSpec } from './table.ts';

export interface ResultsInput {
  caption: string;
  metrics: readonly MetricSpec[];
  output: {
    runs: readonly { status: string; final: Record<string, number> }[];
    summary: Record<string, { mean: number; ciLow: number | null; ciHigh: number | null }>;
  } | null;
  labels: { metric: string; kind: string; run0: string; mean: string; ci: string; level: string; count: string };
  metricLabel: (name: string) => string;
}

/**
 * The results table: per metric (in the model's order, then any extra final value such as
 * missedWindowShare) replicate 0's final value, the mean over replicates and its 95% CI.
 */
export function resultsTableSpec(input: ResultsInput): { keys: string[]; table: TableSpec } {
  const run0 = input.output?.runs[0];
  const final0 = run0 && run0.status === 'ok' ? run0.final : {};
  const keys = input.metrics.map((m) => m.name);
  for (const k of Object.keys(final0)) if (!keys.includes(k)) keys.push(k);
  const kindOf = new Map(
    input.metrics.map((m) => [m.name, m.kind === 'count' ? input.labels.count : input.labels.level]),
  );
  const rows = keys.map((k) => {
    const s = input.output?.summary[k];
    return [
      input.metricLabel(k),
      kindOf.get(k) ?? '',
      final0[k] ?? null,
      s ? s.mean : null,
      s ? s.ciLow : null,
      s ? s.ciHigh : null,
    ];
  });
  return {
    keys,
    table: {
      caption: input.caption,
      columns: [
        input.labels.metric,
        input.labels.kind,
        input.labels.run0,
        input.labels.mean,
        `${input.labels.ci} ↓`,
        `${input.labels.ci} ↑`,
      ],
      rows,
    },
  };
}
