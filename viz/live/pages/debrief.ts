import { el, uid } from '../../dom.ts';
import { metricLabel } from '../../exercise/text.ts';
import { debriefSections, textTable } from '../../views/exerciseDebrief.ts';
import { liveContext } from '../text.ts';
import type { LiveUi } from './ui.ts';

/** After the end: the room's national outcome against the model's own policy, then one seat's debrief. */
export function debriefPanels(ui: LiveUi, host: boolean): HTMLElement[] {
  const { c } = ui;
  const ctx = c.ctx;
  const out: HTMLElement[] = [ui.heading(ctx.t('live.debrief.heading'), 'h2')];
  out[0]!.removeAttribute('data-focus');
  const d = c.debrief;
  if (!d) {
    out.push(
      el('p', { class: 'status', role: 'status', 'data-role': 'debrief-wait', text: ctx.t('live.debrief.waiting') }),
    );
    return out;
  }
  const rows = d.room.metrics.map((m) => ({
    attrs: { 'data-metric': m.key },
    cells: [
      metricLabel(ctx, m.key, null),
      { text: ctx.num(m.participant, 3), value: m.participant },
      m.twin === null ? '—' : { text: ctx.num(m.twin, 3), value: m.twin },
      m.difference === null
        ? '—'
        : {
            text: `${m.difference > 0 ? '+' : m.difference < 0 ? '-' : ''}${ctx.num(Math.abs(m.difference), 4)}`,
            value: m.difference,
          },
      m.model ? `${ctx.num(m.model.low, 3)} – ${ctx.num(m.model.high, 3)}` : '—',
      m.model ? { text: ctx.num(m.model.median, 3), value: m.model.median } : '—',
    ],
  }));
  out.push(
    el('section', { class: 'panel live-room-outcome', 'aria-labelledby': 'live-room-h', 'data-role': 'room-outcome' }, [
      el('h2', { id: 'live-room-h', text: ctx.t('live.debrief.room') }),
      el('p', {
        class: 'help',
        text: ctx.t('live.debrief.roomHelp', { n: d.room.replicates ?? '—' }),
      }),
      d.checksum
        ? el('p', {
            class: 'meta',
            'data-role': 'room-checksum',
            'data-checksum': d.checksum,
            text: ctx.t('live.debrief.checksum', { checksum: d.checksum }),
          })
        : null,
      rows.length === 0
        ? el('p', { text: ctx.t('live.debrief.noRoom') })
        : textTable(
            ctx.t('live.debrief.roomCaption'),
            [
              ctx.t('exercise.debrief.metric'),
              ctx.t('live.debrief.roomValue'),
              ctx.t('live.debrief.modelPolicy'),
              ctx.t('live.debrief.difference'),
              ctx.t('live.debrief.range'),
              ctx.t('exercise.debrief.median'),
            ],
            rows,
            'room-metrics',
          ),
    ]),
  );
  if (host)
    out.push(
      el('div', { class: 'actions' }, [
        ui.button(ctx.t('live.debrief.export'), 'export-bottom', () => c.exportSession()),
      ]),
    );
  if (d.seats.length === 0) return out;
  const selId = uid('dseat');
  const sel = el('select', { id: selId, 'data-control': 'debrief-seat' });
  for (const sd of d.seats) {
    const name = c.seatName(c.seatById(sd.seat) ?? { id: sd.seat, role: sd.role, province: sd.province });
    sel.append(
      el('option', {
        value: sd.seat,
        selected: sd.seat === c.debriefSeat,
        text: sd.names.length > 0 ? `${name} — ${sd.names.join(', ')}` : name,
      }),
    );
  }
  sel.addEventListener('change', () => {
    c.debriefSeat = sel.value;
    c.focusKey = 'debrief-seat';
    ui.render(true);
  });
  sel.setAttribute('data-focus', 'debrief-seat');
  out.push(
    el('div', { class: 'panel field-row' }, [el('label', { for: selId, text: ctx.t('live.debrief.seat') }), sel]),
  );
  const sd = d.seats.find((x) => x.seat === c.debriefSeat) ?? d.seats[0]!;
  const seatEx = c.seatExercise(sd.exercise);
  if (!seatEx) {
    out.push(el('p', { class: 'issues', text: ctx.t('live.debrief.unreadable') }));
    return out;
  }
  const seatCtx = liveContext(ui.i18n.lang, seatEx);
  const body = el('div', { class: 'live-seat-debrief', 'data-role': 'seat-debrief', 'data-seat': sd.seat });
  body.append(
    ...debriefSections({
      exercise: seatEx,
      debrief: sd.debrief,
      team: sd.names.join(', '),
      ctx: seatCtx,
      i18n: ui.i18n,
      impacts: sd.impacts,
      impactMetric: sd.impactMetric,
    }),
  );
  // Without the server's ranking of the seat's choices the summary says nothing about them (rather than
  // "measuring…" for ever): the solo replay of the exported log ranks them.
  if (sd.impacts === null) {
    const list = body.querySelector('[data-role="summary-decisions"]');
    const help = list?.previousElementSibling;
    const heading = help?.previousElementSibling;
    if (heading?.tagName === 'H3') heading.remove();
    if (help?.tagName === 'P') help.remove();
    list?.remove();
  }
  out.push(body);
  return out;
}
