import { el, uid } from '../../dom.ts';
import { paramName } from '../../exercise/text.ts';
import { eventLogLines } from '../../specs/eventLog.ts';
import { planeFigure } from '../../views/exerciseDebrief.ts';
import type { SessionState } from '../api.ts';
import { NEWS, NEWS_LIMIT, type LiveUi } from './ui.ts';

/** Seats and the people in them; the facilitator may move a participant to another seat. */
export function seatsPanel(ui: LiveUi, s: SessionState, host: boolean): HTMLElement {
  const { c } = ui;
  const ctx = c.ctx;
  const section = el('section', { class: 'panel live-seats', 'aria-labelledby': 'live-seats-h' }, [
    el('h2', { id: 'live-seats-h', text: ctx.t('live.seats.heading', { n: s.participants.length }) }),
  ]);
  if (host && s.settings) {
    const pickId = uid('pick');
    const pick = el('input', {
      type: 'checkbox',
      id: pickId,
      checked: s.settings.pickSeats,
      'data-control': 'pick-seats',
    });
    const shareId = uid('share');
    const share = el('input', {
      type: 'checkbox',
      id: shareId,
      checked: s.settings.shareSeats,
      'data-control': 'share-seats',
    });
    const send = () => c.control({ action: 'settings', pickSeats: pick.checked, shareSeats: share.checked });
    pick.addEventListener('change', send);
    share.addEventListener('change', send);
    section.append(
      el('div', { class: 'field-row' }, [pick, el('label', { for: pickId, text: ctx.t('live.seats.pick') })]),
      el('div', { class: 'field-row' }, [share, el('label', { for: shareId, text: ctx.t('live.seats.share') })]),
    );
  }
  if (s.participants.length === 0) {
    section.append(el('p', { 'data-role': 'no-participants', text: ctx.t('live.seats.empty') }));
    return section;
  }
  const rows = el('tbody');
  for (const p of s.participants) {
    const cells: HTMLElement[] = [el('th', { scope: 'row', text: p.name })];
    if (host) {
      const sel = el('select', {
        'data-control': 'assign',
        'aria-label': ctx.t('live.seats.assignLabel', { name: p.name }),
      });
      for (const seat of s.seats)
        sel.append(el('option', { value: seat.id, selected: seat.id === p.seat, text: c.seatName(seat) }));
      sel.addEventListener('change', () =>
        c.control({
          action: 'assign',
          participant: p.id ?? p.name,
          seat: sel.value,
        }),
      );
      cells.push(el('td', {}, [sel]));
    } else cells.push(el('td', { text: c.seatName(c.seatById(p.seat)) }));
    rows.append(el('tr', { 'data-participant': p.name }, cells));
  }
  section.append(
    el('table', { 'data-role': 'participants' }, [
      el('thead', {}, [
        el('tr', {}, [
          el('th', { scope: 'col', text: ctx.t('live.seats.name') }),
          el('th', { scope: 'col', text: ctx.t('live.seats.seat') }),
        ]),
      ]),
      rows,
    ]),
  );
  return section;
}

/** Who has submitted (names only), the plane and the round's events: the facilitator's and the projector's. */
export function roomPanels(ui: LiveUi, s: SessionState): HTMLElement {
  const { c } = ui;
  const ctx = c.ctx;
  const wrap = el('div', { class: 'live-room' });
  const who = el('ul', { class: 'live-submitted', 'data-role': 'submitted' });
  for (const p of s.participants) {
    who.append(
      el('li', { 'data-submitted': String(p.submitted), 'data-participant': p.name }, [
        el('span', { class: 'live-mark', 'aria-hidden': 'true', text: p.submitted ? '✓' : '…' }),
        el('span', { text: ` ${p.name}` }),
        el('span', { class: 'meta', text: ` · ${c.seatName(c.seatById(p.seat))} · ` }),
        el('span', { text: ctx.t(p.submitted ? 'live.submitted' : 'live.waiting') }),
      ]),
    );
  }
  wrap.append(
    el('section', { class: 'panel', 'aria-labelledby': 'live-who-h' }, [
      el('h2', { id: 'live-who-h', text: ctx.t('live.whoHeading') }),
      el('p', {
        class: 'live-count',
        'data-role': 'submitted-count',
        text: ctx.t('live.submittedCount', {
          n: s.participants.filter((p) => p.submitted).length,
          total: s.participants.length,
        }),
      }),
      s.participants.length === 0 ? el('p', { text: ctx.t('live.seats.empty') }) : who,
    ]),
  );
  const plot = el(
    'section',
    { class: 'panel plot-panel live-plane', 'aria-labelledby': 'live-plane-h', 'data-role': 'live-plane' },
    [
      el('h2', { id: 'live-plane-h', text: ctx.t('live.planeHeading') }),
      el('p', { class: 'help', text: ctx.t('live.planeHelp') }),
    ],
  );
  // Seats on the same path (every seat shares the national one when the model has no province values)
  // are one line whose label names them all.
  const groups = new Map<string, { labels: string[]; coherence: number[]; innovation: number[] }>();
  for (const p of s.plane) {
    if (p.coherence.length === 0) continue;
    const label = p.label
      ? ctx.pick(p.label)
      : p.province
        ? (ctx.names.province[p.province] ?? p.province)
        : c.seatName(c.seatById(p.seat));
    const key = JSON.stringify([p.coherence, p.innovation]);
    const g = groups.get(key);
    if (g) g.labels.push(label);
    else groups.set(key, { labels: [label], coherence: p.coherence, innovation: p.innovation });
  }
  const runs = [...groups.values()].map((g) => ({
    label: g.labels.join(', '),
    coherence: g.coherence,
    innovation: g.innovation,
  }));
  if (runs.length === 0) plot.append(el('p', { text: ctx.t('live.planeEmpty') }));
  else
    planeFigure(
      plot,
      ui.i18n,
      ctx,
      {
        participant: { coherence: [], innovation: [] },
        twin: null,
        band: { coherence: [], innovation: [] },
        finals: [],
      },
      runs,
    );
  wrap.append(plot);
  const lines = eventLogLines(
    s.events.filter((e) => NEWS.has(e.code)),
    {
      t: ctx.t,
      has: ctx.has,
      names: ctx.names,
      num: (v) => ctx.num(v, 3),
      param: (n) => paramName(ctx.lang, n),
    },
  );
  wrap.append(
    el('section', { class: 'panel live-events', 'aria-labelledby': 'live-ev-h' }, [
      el('h2', { id: 'live-ev-h', text: ctx.t('live.eventsHeading') }),
      lines.length === 0
        ? el('p', { text: ctx.t('live.eventsNone') })
        : el(
            'ul',
            { class: 'news', 'data-role': 'live-events' },
            lines.slice(0, NEWS_LIMIT).map((l) => el('li', { text: l.text })),
          ),
    ]),
  );
  return wrap;
}
