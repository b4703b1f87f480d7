import { el } from '../../dom.ts';
import { debriefPanels } from './debrief.ts';
import { roomPanels, seatsPanel } from './room.ts';
import { joinPanel, renderNoToken, sessionHead } from './session.ts';
import type { LiveUi } from './ui.ts';

export function renderScreen(ui: LiveUi): void {
  const { c } = ui;
  const route = c.route as { page: 'screen'; code: string };
  const ctx = c.ctx;
  if (!c.tokens.get('host', route.code)) return renderNoToken(ui, 'screen', route.code);
  const s = c.state;
  if (!s) {
    ui.root.append(
      ui.heading(ctx.t('live.heading')),
      ...ui.messages(),
      el('p', { class: 'status', text: ctx.t('live.loading') }),
    );
    return;
  }
  ui.root.append(...sessionHead(ui), ...ui.messages());
  if (s.status === 'lobby') {
    ui.root.append(el('div', { class: 'live-grid' }, [joinPanel(ui, route.code), seatsPanel(ui, s, false)]));
  } else if (s.status === 'ended') {
    ui.root.append(...debriefPanels(ui, false));
  } else ui.root.append(roomPanels(ui, s));
}
