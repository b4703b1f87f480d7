// The participant's seat: the briefing, the round's decision cards and levers, and the submit. The view
// redraws it only when what it shows changed (see LiveController.drawnKey), so typing is never lost.
import { el } from '../../dom.ts';
import { paramName } from '../../exercise/text.ts';
import { decisionCard, leverForm } from '../../views/exerciseCards.ts';
import { debriefPanels } from './debrief.ts';
import { sessionHead, stateOrWait } from './session.ts';
import { situationBox } from './situation.ts';
import type { LiveUi } from './ui.ts';

export function renderPlay(ui: LiveUi): void {
  const { c } = ui;
  const route = c.route as { page: 'play'; code: string };
  const ctx = c.ctx;
  const s = stateOrWait(ui, 'play', route.code);
  if (!s) return;
  const seat = s.seat;
  const ex = c.exercise;
  ui.root.append(...sessionHead(ui));
  ui.root.append(
    el('p', {
      class: 'meta live-you',
      'data-role': 'you',
      text: ctx.t('live.play.you', {
        name: s.you.name ?? '—',
        seat: c.seatName(seat ?? c.seatById(s.you.seat)),
      }),
    }),
    ...ui.messages(),
  );
  if (s.status === 'ended') {
    ui.root.append(...debriefPanels(ui, false));
    return;
  }
  const briefing = seat?.briefing ?? ex?.briefing;
  const objectives = seat?.objectives ?? ex?.objectives ?? [];
  const briefingBox = el('details', { class: 'panel briefing', open: s.status === 'lobby', 'data-role': 'briefing' }, [
    el('summary', { text: ctx.t('exercise.briefing.heading') }),
    ...ctx
      .pick(briefing)
      .split(/\n+/)
      .filter((p) => p)
      .map((p) => el('p', { text: p })),
    el('h3', { text: ctx.t('exercise.objectives') }),
    objectives.length === 0
      ? el('p', { text: ctx.t('exercise.noObjectives') })
      : el(
          'ul',
          {},
          objectives.map((o) => el('li', { text: ctx.pick(o.text) })),
        ),
  ]);
  if (s.status === 'lobby') {
    ui.root.append(
      el('p', { class: 'panel live-wait', 'data-role': 'waiting-start', text: ctx.t('live.play.lobby') }),
      briefingBox,
    );
    return;
  }
  if (s.status === 'paused')
    ui.root.append(el('p', { class: 'panel live-wait', 'data-role': 'paused', text: ctx.t('live.play.paused') }));
  const count = el('p', {
    class: 'live-count',
    'data-role': 'room-count',
    text: ctx.t('live.submittedCount', {
      n: s.participants.filter((p) => p.submitted).length,
      total: s.participants.length,
    }),
  });
  if (seat?.submitted && !c.editing) {
    ui.root.append(
      el('div', { class: 'panel live-wait', 'data-role': 'submitted-wait' }, [
        el('p', { class: 'live-big', text: ctx.t('live.play.submitted', { round: s.round }) }),
        count,
        s.status === 'running'
          ? ui.button(ctx.t('live.play.change'), 'change', () => {
              c.editing = true;
              ui.render(true);
            })
          : null,
      ]),
      briefingBox,
    );
    return;
  }
  ui.root.append(count);
  const side = el('div', { class: 'play-side' }, [situationBox(ui, s), briefingBox]);
  const centre = el('div', { class: 'play-main' });
  const items = seat?.items ?? [];
  if (seat && seat.role === 'centre' && (seat.levers?.length ?? 0) > 0) {
    centre.append(
      leverForm(seat.levers!, seat.leversInForce ?? {}, c.draft.levers, ctx, (values) => {
        c.draft.levers = { ...values };
        const changed = Object.entries(values);
        c.notice =
          changed.length === 0
            ? ctx.t('exercise.levers.appliedNone')
            : ctx.t('exercise.levers.applied', {
                changes: changed
                  .map(([n, v]) =>
                    ctx.t('exercise.levers.change', { param: paramName(ctx.lang, n), value: ctx.num(v, 3) }),
                  )
                  .join(', '),
              });
        c.focusKey = 'levers-apply';
        ui.render(true);
        return null;
      }).root,
    );
  }
  const cards = el('div', { class: 'cards', 'data-role': 'cards' });
  for (const item of items)
    cards.append(
      decisionCard(item, c.draft.decisions[item.key], {
        ctx,
        events: seat?.news ?? [],
        lastAllocation: null,
        decide: (k, v) => {
          c.draft.decisions[k] = v;
          c.focusKey = Array.isArray(v) ? 'alloc-confirm' : `${k}:${v ? 'yes' : 'no'}`;
          ui.render(true);
        },
      }),
    );
  const open = items.filter((i) => c.draft.decisions[i.key] === undefined).length;
  // Several open requests at once (a window brings many): answer them all in one step, as in solo play.
  const openYesNo = items.filter(
    (i) => (i.kind === 'pilot' || i.kind === 'agreement') && c.draft.decisions[i.key] === undefined,
  );
  const decideAll = (value: boolean) => {
    for (const i of openYesNo) c.draft.decisions[i.key] = value;
    c.notice = ctx.t('exercise.play.allDecided', {
      n: openYesNo.length,
      verdict: ctx.t(value ? 'exercise.play.approved' : 'exercise.play.rejected'),
    });
    ui.announce(c.notice);
    c.focusKey = 'submit';
    ui.render(true);
  };
  const bulk =
    openYesNo.length >= 2
      ? el('div', { class: 'actions bulk-actions', 'data-role': 'bulk' }, [
          ui.button(ctx.t('exercise.play.approveAll'), 'approve-all', () => decideAll(true)),
          ui.button(ctx.t('exercise.play.rejectAll'), 'reject-all', () => decideAll(false)),
        ])
      : null;
  const submit = ui.button(ctx.t('live.play.submit'), 'submit', () => c.submit(), 'primary');
  submit.disabled = open > 0 || s.status !== 'running';
  centre.append(
    el('section', { class: 'decisions', 'aria-labelledby': 'live-dec-h' }, [
      el('h2', {
        id: 'live-dec-h',
        text: ctx.t(seat?.role === 'centre' ? 'exercise.play.decisionsCentre' : 'exercise.play.decisionsProvince'),
      }),
      bulk,
      items.length === 0 ? el('p', { text: ctx.t('live.play.nothing') }) : cards,
    ]),
    el('div', { class: 'actions play-actions' }, [
      submit,
      el('span', {
        class: 'open-count',
        role: 'status',
        'data-role': 'open-count',
        text: open > 0 ? ctx.t('exercise.play.open', { n: open }) : ctx.t('live.play.ready'),
      }),
    ]),
    el('p', { class: 'help', text: ctx.t('live.play.timeHelp') }),
  );
  ui.root.append(el('div', { class: 'play-grid' }, [centre, side]));
}

export function updateCounts(ui: LiveUi): void {
  const { c } = ui;
  const s = c.state;
  if (!s) return;
  const node = ui.root.querySelector('[data-role="room-count"]');
  if (node)
    node.textContent = c.ctx.t('live.submittedCount', {
      n: s.participants.filter((p) => p.submitted).length,
      total: s.participants.length,
    });
}
