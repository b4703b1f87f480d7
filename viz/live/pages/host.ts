import { el, uid } from '../../dom.ts';
import { liveHash } from '../route.ts';
import { debriefPanels } from './debrief.ts';
import { roomPanels, seatsPanel } from './room.ts';
import { joinPanel, sessionHead, stateOrWait } from './session.ts';
import type { LiveUi } from './ui.ts';

export function renderHost(ui: LiveUi): void {
  const { c } = ui;
  const route = c.route as { page: 'host'; code: string };
  const ctx = c.ctx;
  const s = stateOrWait(ui, 'host', route.code);
  if (!s) return;
  ui.root.append(...sessionHead(ui), ...ui.messages());
  const controls = el(
    'section',
    { class: 'panel live-controls', 'aria-labelledby': 'live-ctl-h', 'data-role': 'controls' },
    [el('h2', { id: 'live-ctl-h', text: ctx.t('live.host.controls') })],
  );
  const secId = uid('secs');
  const secs = el('input', {
    type: 'number',
    id: secId,
    min: 10,
    max: 3600,
    step: 10,
    value: c.seconds,
    'data-control': 'round-seconds',
  });
  secs.addEventListener('input', () => {
    const v = Number(secs.value);
    if (Number.isFinite(v) && v > 0) c.seconds = Math.round(v);
  });
  const secField = el('div', { class: 'field' }, [el('label', { for: secId, text: ctx.t('live.host.seconds') }), secs]);
  const row = el('div', { class: 'actions' });
  if (s.status === 'lobby') {
    row.append(
      ui.button(
        ctx.t('live.host.start'),
        'start',
        () => c.control({ action: 'start', round: 1, seconds: c.seconds }),
        'primary',
      ),
    );
    controls.append(secField, row);
  } else if (s.status === 'running' || s.status === 'paused') {
    row.append(
      s.status === 'running'
        ? ui.button(ctx.t('live.host.pause'), 'pause', () => c.control({ action: 'pause', round: s.round }))
        : ui.button(
            ctx.t('live.host.resume'),
            'resume',
            () => c.control({ action: 'resume', round: s.round }),
            'primary',
          ),
      ui.button(ctx.t('live.host.extend'), 'extend', () =>
        c.control({ action: 'extend', round: s.round, seconds: c.seconds }),
      ),
      ui.button(
        ctx.t(s.round >= s.rounds ? 'live.host.advanceLast' : 'live.host.advance'),
        'advance',
        () => c.control({ action: 'advance', round: s.round }),
        'primary',
      ),
      ui.button(ctx.t('live.host.end'), 'end', () => c.control({ action: 'end', round: s.round }), 'danger'),
    );
    controls.append(
      el('p', {
        class: 'live-count',
        'data-role': 'submitted-count',
        text: ctx.t('live.submittedCount', {
          n: s.participants.filter((p) => p.submitted).length,
          total: s.participants.length,
        }),
      }),
      secField,
      row,
      el('p', { class: 'help', text: ctx.t('live.host.advanceHelp') }),
    );
  } else {
    controls.append(
      el('div', { class: 'actions' }, [
        ui.button(ctx.t('live.debrief.export'), 'export', () => c.exportSession(), 'primary'),
      ]),
    );
  }
  controls.append(
    el('p', {}, [
      el('a', {
        href: liveHash({ page: 'screen', code: route.code }),
        target: '_blank',
        rel: 'noopener',
        'data-control': 'open-screen',
        text: ctx.t('live.host.openScreen'),
      }),
    ]),
  );
  ui.root.append(
    el('div', { class: 'live-grid' }, [controls, s.status === 'ended' ? null : joinPanel(ui, route.code)]),
  );
  if (s.status === 'lobby') ui.root.append(seatsPanel(ui, s, true));
  else if (s.status !== 'ended') ui.root.append(roomPanels(ui, s));
  if (s.status === 'ended') ui.root.append(...debriefPanels(ui, true));
}
