import { el, uid } from '../../dom.ts';
import type { LiveUi } from './ui.ts';

export function renderJoin(ui: LiveUi, code: string): void {
  const { c } = ui;
  const ctx = c.ctx;
  const held = c.tokens.get('play', code);
  const nameId = uid('name');
  const name = el('input', {
    type: 'text',
    id: nameId,
    maxlength: 40,
    autocomplete: 'nickname',
    value: c.joinName,
    'data-control': 'join-name',
  });
  name.addEventListener('input', () => {
    c.joinName = name.value;
  });
  let seatSelect: HTMLSelectElement | null = null;
  const fields: HTMLElement[] = [
    el('div', { class: 'field' }, [el('label', { for: nameId, text: ctx.t('live.join.name') }), name]),
  ];
  const pick = c.joinSeats;
  if (pick && pick.pickSeats && pick.seats.length > 0) {
    const sid = uid('seat');
    seatSelect = el('select', { id: sid, 'data-control': 'join-seat' }, [
      el('option', { value: '', text: ctx.t('live.join.anySeat') }),
      ...pick.seats.map((s) =>
        el('option', {
          value: s.id,
          disabled: s.taken === true,
          text: s.taken ? ctx.t('live.join.taken', { seat: c.seatName(s) }) : c.seatName(s),
        }),
      ),
    ]);
    fields.push(el('div', { class: 'field' }, [el('label', { for: sid, text: ctx.t('live.join.seat') }), seatSelect]));
  }
  const go = () => c.join(code, name.value, seatSelect?.value || null);
  name.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') go();
  });
  ui.root.append(
    ui.heading(ctx.t('live.join.heading', { code })),
    el('p', { class: 'help', text: ctx.t('live.join.help') }),
    ...ui.messages(),
    el('div', { class: 'panel live-join-form' }, [
      ...fields,
      el('div', { class: 'actions' }, [
        ui.button(ctx.t('live.join.go'), 'join', go, 'primary'),
        held ? ui.button(ctx.t('live.join.back'), 'rejoin', () => c.go({ page: 'play', code })) : null,
      ]),
    ]),
  );
}
