import type { ModelEvent } from '../engine/model.ts';
import { evaluationStart } from '../engine/run.ts';

/**
 * Values of the province played. A province leader moves national metrics only a little (one of
 * 34), so the debrief also measures the province itself: levels read from the model's per-unit
 * detail after each cycle, counts from the event log. `final` follows the engine's rule: a level's
 * mean over the last half of the cycles, a count's total.
 */
export interface ProvinceMetric {
  name: string;
  kind: 'level' | 'count';
  /** For counts: the event code counted when its `province` argument is the province played. */
  code?: string;
}

export const PROVINCE_METRICS: readonly ProvinceMetric[] = [
  { name: 'security', kind: 'level' },
  { name: 'development', kind: 'level' },
  { name: 'prestige', kind: 'level' },
  { name: 'utility', kind: 'level' },
  { name: 'trust', kind: 'level' },
  { name: 'capacity', kind: 'level' },
  { name: 'agreements', kind: 'level' },
  { name: 'pilotsProposed', kind: 'count', code: 'pilot.proposed' },
  { name: 'pilotsApproved', kind: 'count', code: 'pilot.approved' },
  { name: 'pilotsSucceeded', kind: 'count', code: 'pilot.succeeded' },
  { name: 'fenceBreaks', kind: 'count', code: 'fenceBreak' },
  { name: 'sanctions', kind: 'count', code: 'sanction' },
  { name: 'incidents', kind: 'count', code: 'incident' },
];

export const PROVINCE_METRIC_NAMES: readonly string[] = PROVINCE_METRICS.map((m) => m.name);

/** The per-unit detail of one province, as the governance model's `detail` gives it. */
type UnitDetail = Record<string, unknown> & { id: string };

/** One cycle's values of province `id`, in PROVINCE_METRICS order. */
export function observeProvince(
  detail: Record<string, unknown> | undefined,
  events: readonly ModelEvent[],
  id: string,
): number[] {
  const units = (detail?.provinces ?? []) as UnitDetail[];
  const unit = units.find((u) => u.id === id);
  if (!unit) throw new Error(`the model's detail has no province ${JSON.stringify(id)}`);
  return PROVINCE_METRICS.map((m) => {
    if (m.kind === 'count') return events.filter((e) => e.code === m.code && e.args.province === id).length;
    const v = unit[m.name];
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new Error(`province ${id}: ${m.name} is not a finite number`);
    return v;
  });
}

/** Final values by the engine's rule (levels: mean over cycles ⌊T/2⌋+1 … T; counts: total). */
export function provinceFinal(series: Record<string, number[]>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of PROVINCE_METRICS) {
    const s = series[m.name] ?? [];
    if (m.kind === 'count') out[m.name] = s.reduce((a, b) => a + b, 0);
    else {
      const from = evaluationStart(s.length);
      let t = 0;
      for (let i = from; i < s.length; i++) t += s[i]!;
      out[m.name] = s.length > from ? t / (s.length - from) : Number.NaN;
    }
  }
  return out;
}
