/**
 * Which direction of a metric is better, in one place for every view that reads differences:
 * 'higher' (more is better), 'lower' (less is better) or 'neutral' (a count that is neither).
 * Coherence and innovation are 0–1 shares; security, development, prestige and value are 0–100
 * indices (docs/ODD.md §7); incidents, missed windows and fence breaks are harms; approvals and
 * scale-ups are counts whose worth depends on what was approved.
 */
export type Polarity = 'higher' | 'lower' | 'neutral';

export const METRIC_POLARITY: Readonly<Record<string, Polarity>> = {
  coherence: 'higher',
  innovation: 'higher',
  security: 'higher',
  development: 'higher',
  prestige: 'higher',
  value: 'higher',
  incidents: 'lower',
  missedWindowShare: 'lower',
  fenceBreaks: 'lower',
  pilotsApproved: 'neutral',
  scaleUps: 'neutral',
};

/** The polarity of a metric; metrics not in the table are neutral. */
export function polarityOf(metric: string): Polarity {
  return Object.prototype.hasOwnProperty.call(METRIC_POLARITY, metric) ? METRIC_POLARITY[metric]! : 'neutral';
}

/** 0–1 shares get 3 decimals, 0–100 indices 1; other metrics (counts, unknown) 2 significant places after the point. */
export function decimalsOf(metric: string): number {
  if (metric === 'coherence' || metric === 'innovation' || metric === 'missedWindowShare') return 3;
  if (metric === 'security' || metric === 'development' || metric === 'prestige' || metric === 'value') return 1;
  return 2;
}

/**
 * Whether a difference (other − reference) is an improvement: 'better', 'worse', or null when the
 * metric is neutral or the interval includes 0.
 */
export function verdictOf(metric: string, ciLow: number, ciHigh: number): 'better' | 'worse' | null {
  const p = polarityOf(metric);
  if (p === 'neutral' || (ciLow <= 0 && ciHigh >= 0)) return null;
  const up = ciLow > 0;
  return (p === 'higher') === up ? 'better' : 'worse';
}
