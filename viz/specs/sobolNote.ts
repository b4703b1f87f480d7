import type { SobolMetric } from '../../sim/experiment/analysis.ts';
import { SOBOL_MAX_WIDTH } from '../../sim/experiment/stats/sobolIndices.ts';

export interface SobolNoteInput {
  /** The sweep's base sample size N. */
  N: number;
  /** Bootstrap resamples (0: no intervals). */
  bootstrap: number;
  metric: SobolMetric;
  /** Each parameter's label, in the analysis' parameter order. */
  labels: readonly string[];
  t: (key: string, vars?: Record<string, string | number>) => string;
  num: (v: number, digits?: number) => string;
}

/**
 * What a reader must know before reading the Sobol bars, in words: which indices N is too small
 * to estimate (their interval is wider than SOBOL_MAX_WIDTH of the 0–1 scale) and the N that would
 * do, that values outside 0–1 were clipped, or that without bootstrap nothing can be judged.
 */
export function sobolNotes(input: SobolNoteInput): string[] {
  const { metric, labels, t, num } = input;
  if (input.bootstrap === 0) return [t('experiment.sobolNoBootstrap')];
  const notes: string[] = [];
  const wide: string[] = [];
  metric.S.forEach((e, i) => {
    if (e.estimable === false) wide.push(`${labels[i]} (S)`);
  });
  metric.ST.forEach((e, i) => {
    if (e.estimable === false) wide.push(`${labels[i]} (ST)`);
  });
  if (wide.length > 0)
    notes.push(
      t('experiment.sobolTooSmall', {
        N: input.N,
        indices: wide.join(', '),
        width: num(SOBOL_MAX_WIDTH, 2),
        suggested: metric.suggestedN ?? input.N * 2,
      }),
    );
  if ([...metric.S, ...metric.ST].some((e) => e.clipped)) notes.push(t('experiment.sobolClipped'));
  return notes;
}
