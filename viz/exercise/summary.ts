// The debrief's opening summary in plain words: each objective met or not with its value and scale,
// where the run stands among the model's own runs and against the model's own policy on the same
// draws, and the choices that moved the outcome most. Pure: text from a debrief, its decision
// impacts and a text context; tested with exact strings.
import type { Debrief, MetricRow } from '../../sim/exercise/debrief.ts';
import type { DecisionImpact } from '../../sim/exercise/impact.ts';
import { PROVINCE_METRICS } from '../../sim/exercise/provinceMetrics.ts';
import type { Exercise } from '../../sim/exercise/types.ts';
import { GOVERNANCE_METRICS } from '../../sim/model/metrics.ts';
import { metricLabel, type TextContext } from './text.ts';

export interface DebriefSummary {
  /** One line per objective: "Coherence 0.71 (on 0–1), target at least 0.68: met". */
  objectives: string[];
  /** Where the run stands: the value, the model's own policy on the same draws, the model's runs. */
  standing: string[];
  /** The two or three choices that moved the ranked metric most, in words. */
  decisions: string[];
}

/** How many decisions the summary names. */
export const SUMMARY_DECISIONS = 3;

/** A national metric's scale ("0–1", "0–100") or a count; null when it has no fixed scale (province measures). */
function scaleOf(key: string): { text: 'range' | 'count' | null; min?: number; max?: number } {
  if (key.startsWith('province.'))
    return { text: PROVINCE_METRICS.find((m) => `province.${m.name}` === key)?.kind === 'count' ? 'count' : null };
  const spec = GOVERNANCE_METRICS.find((m) => m.name === key);
  if (!spec) return { text: null };
  if (spec.kind === 'count') return { text: 'count' };
  return spec.min !== undefined && spec.max !== undefined
    ? { text: 'range', min: spec.min, max: spec.max }
    : { text: null };
}

/** Decimals a value is said with: whole numbers for counts, one for 0–100 indices, two otherwise. */
function digitsOf(key: string): number {
  const s = scaleOf(key);
  if (s.text === 'count') return 0;
  if (s.text === 'range' && s.max !== undefined && s.max > 1) return 1;
  return 2;
}

function valueWithScale(ctx: TextContext, key: string, v: number): string {
  const s = scaleOf(key);
  const value = ctx.num(v, digitsOf(key));
  if (s.text === 'range')
    return ctx.t('exercise.summary.onScale', { value, min: ctx.num(s.min!, 0), max: ctx.num(s.max!, 0) });
  if (s.text === 'count') return ctx.t('exercise.summary.count', { value });
  return value;
}

/** "better than 7 in 10 of the model's runs", from the share of runs at or below (higher better) or at or above. */
function standingWords(ctx: TextContext, percentile: number, higherBetter: boolean): string {
  const better = higherBetter ? percentile : 100 - percentile;
  const n = Math.round(better / 10);
  if (n <= 0) return ctx.t('exercise.summary.betterNone');
  if (n >= 10) return ctx.t('exercise.summary.betterAll');
  return ctx.t('exercise.summary.betterThan', { n });
}

function decisionWhat(ctx: TextContext, i: DecisionImpact): string {
  const province = i.provinceId ? (ctx.names.province[i.provinceId] ?? i.provinceId) : '';
  const partner = i.partner ? (ctx.names.partner[i.partner] ?? i.partner) : '';
  const id = i.key.includes(':') ? i.key.slice(i.key.indexOf(':') + 1) : '';
  if (i.kind === 'allocate') {
    const [a, b, c] = i.value as number[];
    const [ma, mb, mc] = i.model ?? [];
    return ctx.t('exercise.summary.did.allocate', {
      round: i.round,
      agreements: a!,
      missions: b!,
      culture: c!,
      modelAgreements: ma ?? '—',
      modelMissions: mb ?? '—',
      modelCulture: mc ?? '—',
    });
  }
  if (i.kind === 'lever') {
    return ctx.t('exercise.summary.did.lever', {
      round: i.round,
      param: ctx.t(`exercise.lever.${i.key}`),
      value: ctx.num(i.value as number, 3),
    });
  }
  return ctx.t(`exercise.summary.did.${i.kind}.${i.value ? 'yes' : 'no'}`, { round: i.round, province, partner, id });
}

/** One ranked choice in words: what was done, what the model's draw did, and its effect on the metric. */
export function impactText(ctx: TextContext, exercise: Exercise, i: DecisionImpact): string {
  const metric = metricLabel(ctx, i.metric, exercise.province);
  const digits = digitsOf(i.metric) + 1;
  const size = ctx.num(Math.abs(i.effect), digits);
  const what = decisionWhat(ctx, i);
  if (size === ctx.num(0, digits)) return ctx.t('exercise.summary.effect.none', { what, metric });
  // Whether the change helped, when the metric is one of the objectives.
  const goal = exercise.objectives.find(
    (o) => (o.scope === 'province' ? `province.${o.metric}` : o.metric) === i.metric,
  );
  const judge = goal
    ? ctx.t((goal.direction === 'atLeast') === i.effect > 0 ? 'exercise.summary.helped' : 'exercise.summary.hurt')
    : '';
  return ctx.t(i.effect > 0 ? 'exercise.summary.effect.up' : 'exercise.summary.effect.down', {
    what,
    metric,
    size,
    judge,
  });
}

/**
 * The plain-language summary of a debrief. `impacts` are the participant's choices ranked by their
 * effect (sim/exercise/impact.ts), or null while they are not measured yet.
 */
export function debriefSummary(
  exercise: Exercise,
  d: Debrief,
  impacts: readonly DecisionImpact[] | null,
  ctx: TextContext,
): DebriefSummary {
  const objectives = d.objectives.map((o) => {
    const metric = metricLabel(ctx, o.key, exercise.province);
    const target = ctx.num(o.objective.target, digitsOf(o.key));
    const verdict = ctx.t(
      o.met === null ? 'exercise.summary.unmeasured' : o.met ? 'exercise.summary.met' : 'exercise.summary.notMet',
    );
    const value = o.value === null ? ctx.t('exercise.summary.noValue') : valueWithScale(ctx, o.key, o.value);
    return ctx.t(`exercise.summary.objective.${o.objective.direction}`, { metric, value, target, verdict });
  });

  // The objectives' metrics (in their own direction), else coherence, innovation and national value.
  const wanted: { key: string; higherBetter: boolean }[] =
    d.objectives.length > 0
      ? d.objectives.map((o) => ({ key: o.key, higherBetter: o.objective.direction === 'atLeast' }))
      : ['coherence', 'innovation', 'value'].map((key) => ({ key, higherBetter: true }));
  const rows = new Map<string, MetricRow>(d.metrics.map((r) => [r.key, r]));
  const standing: string[] = [];
  const seen = new Set<string>();
  for (const w of wanted) {
    const r = rows.get(w.key);
    if (!r || seen.has(w.key)) continue;
    seen.add(w.key);
    const parts = {
      metric: metricLabel(ctx, w.key, exercise.province),
      value: valueWithScale(ctx, w.key, r.participant),
      twin: r.twin === null ? '—' : ctx.num(r.twin, digitsOf(w.key)),
      runs: r.percentile === null ? '' : standingWords(ctx, r.percentile, w.higherBetter),
    };
    const head = ctx.t(r.twin === null ? 'exercise.summary.standingNoTwin' : 'exercise.summary.standing', parts);
    standing.push(`${[head, parts.runs].filter((x) => x !== '').join('; ')}.`);
  }

  let decisions: string[];
  if (impacts === null) decisions = [ctx.t('exercise.summary.measuring')];
  else if (impacts.length === 0) decisions = [ctx.t('exercise.summary.noChoices')];
  else decisions = impacts.slice(0, SUMMARY_DECISIONS).map((i) => impactText(ctx, exercise, i));
  return { objectives, standing, decisions };
}
