import { el } from '../../dom.ts';
import { metricLabel, paramName } from '../../exercise/text.ts';
import { eventLogLines } from '../../specs/eventLog.ts';
import { textTable } from '../../views/exerciseDebrief.ts';
import type { SessionState } from '../api.ts';
import { NEWS, NEWS_LIMIT, type LiveUi } from './ui.ts';

/** The values the situation box shows, as in solo play: the nation's, then the seat's province's. */
const SITUATION_KEYS = ['coherence', 'innovation', 'security', 'development', 'prestige'];
const PROVINCE_KEYS = ['security', 'development', 'prestige', 'trust', 'capacity', 'agreements'];

export function situationBox(ui: LiveUi, s: SessionState): HTMLElement {
  const { c } = ui;
  const ctx = c.ctx;
  const seat = s.seat;
  const box = el('section', { class: 'panel situation', 'aria-labelledby': 'live-sit-h' }, [
    el('h2', { id: 'live-sit-h', text: ctx.t('exercise.play.situation') }),
  ]);
  const sit = seat?.situation;
  if (!sit) {
    box.append(el('p', { text: ctx.t('exercise.play.noResults') }));
  } else {
    const rows: { cells: (string | { text: string; value: number })[]; attrs?: Record<string, string> }[] = [];
    for (const k of SITUATION_KEYS) {
      const v = sit.national?.[k];
      if (typeof v === 'number')
        rows.push({
          attrs: { 'data-metric': k },
          cells: [metricLabel(ctx, k, seat?.province ?? null), { text: ctx.num(v, 3), value: v }],
        });
    }
    for (const k of PROVINCE_KEYS) {
      const v = sit.province?.[k];
      if (typeof v === 'number')
        rows.push({
          attrs: { 'data-metric': `province.${k}` },
          cells: [metricLabel(ctx, `province.${k}`, seat?.province ?? null), { text: ctx.num(v, 3), value: v }],
        });
    }
    box.append(
      textTable(
        ctx.t('exercise.play.latest', { round: sit.round }),
        [ctx.t('exercise.debrief.metric'), ctx.t('exercise.play.value')],
        rows,
        'situation',
      ),
    );
  }
  const news = (seat?.news ?? []).filter((e) => NEWS.has(e.code));
  if (news.length > 0) {
    const lines = eventLogLines(news, {
      t: ctx.t,
      has: ctx.has,
      names: ctx.names,
      num: (v) => ctx.num(v, 3),
      param: (n) => paramName(ctx.lang, n),
    });
    box.append(
      el('h3', { text: ctx.t('live.play.news') }),
      el(
        'ul',
        { class: 'news', 'data-role': 'news' },
        lines.slice(0, NEWS_LIMIT).map((l) => el('li', { text: l.text })),
      ),
    );
  }
  return box;
}
