import type { ExerciseSession, RoundOutcome } from '../../../sim/exercise/session.ts';
import { el } from '../../dom.ts';
import { eventLogLines } from '../../specs/eventLog.ts';
import { textTable } from '../../views/exerciseDebrief.ts';
import { metricLabel, paramName, type TextContext } from '../text.ts';

/** Events worth telling the participant after a round (the rest stay in the debrief's data); the live room tells the same. */
export const NEWS = new Set([
  'shock',
  'window.open',
  'window.missed',
  'directive',
  'goalShift',
  'scaleUp',
  'setParam',
  'pilot.approved',
  'pilot.rejected',
  'pilot.succeeded',
  'pilot.failed',
  'fenceBreak',
  'legitimized',
  'sanction',
  'incident',
  'agreement.signed',
  'track2.shock',
  'track2.window',
]);
const NEWS_LIMIT = 14;

/** The play page's side panel: the latest values of the headline metrics and last round's news. */
export function situationPanel(ctx: TextContext, s: ExerciseSession, lastOutcome: RoundOutcome | null): HTMLElement {
  const ex = s.exercise;
  const run = s.run();
  const situation = el('section', { class: 'panel situation', 'aria-labelledby': 'ex-sit-h' }, [
    el('h2', { id: 'ex-sit-h', text: ctx.t('exercise.play.situation') }),
  ]);
  if (run.record.cycles === 0) situation.append(el('p', { text: ctx.t('exercise.play.noResults') }));
  else {
    const last = (series: Record<string, number[]>, k: string) => series[k]?.[series[k].length - 1] ?? null;
    const keys = ['coherence', 'innovation', 'security', 'development', 'prestige'];
    const rows = keys.map((k) => ({
      attrs: { 'data-metric': k },
      cells: [
        metricLabel(ctx, k, ex.province),
        last(run.record.series, k) === null
          ? '—'
          : { text: ctx.num(last(run.record.series, k)!, 3), value: last(run.record.series, k)! },
      ],
    }));
    if (run.province) {
      for (const k of ['security', 'development', 'prestige', 'trust', 'capacity', 'agreements']) {
        const v = last(run.province.series, k);
        rows.push({
          attrs: { 'data-metric': `province.${k}` },
          cells: [metricLabel(ctx, `province.${k}`, ex.province), v === null ? '—' : { text: ctx.num(v, 3), value: v }],
        });
      }
    }
    situation.append(
      textTable(
        ctx.t('exercise.play.latest', { round: run.record.cycles }),
        [ctx.t('exercise.debrief.metric'), ctx.t('exercise.play.value')],
        rows,
        'situation',
      ),
    );
  }
  if (lastOutcome) {
    const relevant = lastOutcome.events.filter(
      (e) => NEWS.has(e.code) && (ex.role === 'centre' || !('province' in e.args) || e.args.province === ex.province),
    );
    const lines = eventLogLines(relevant, {
      t: ctx.t,
      has: ctx.has,
      names: ctx.names,
      num: (v) => ctx.num(v, 3),
      param: (n) => paramName(ctx.lang, n),
    });
    situation.append(el('h3', { text: ctx.t('exercise.play.news', { round: lastOutcome.round }) }));
    if (lines.length === 0) situation.append(el('p', { text: ctx.t('exercise.play.noNews') }));
    else {
      situation.append(
        el(
          'ul',
          { class: 'news', 'data-role': 'news' },
          lines.slice(0, NEWS_LIMIT).map((l) => el('li', { text: l.text })),
        ),
      );
      if (lines.length > NEWS_LIMIT)
        situation.append(
          el('p', { class: 'help', text: ctx.t('exercise.play.moreNews', { n: lines.length - NEWS_LIMIT }) }),
        );
    }
  }
  return situation;
}
