import { el } from '../../dom.ts';
import { debriefPanels } from './debrief.ts';
import { roomPanels, seatsPanel } from './room.ts';
import { joinPanel, sessionHead, stateOrWait } from './session.ts';
import type { LiveUi } from './ui.ts';

export function renderScreen(ui: LiveUi): void {
  const { c } = ui;
  const route = c.route as { page: 'screen'; code: string };
  const s = stateOrWait(ui, 'screen', route.code);
  if (!s) return;
  ui.root.append(...sessionHead(ui), ...ui.messages());
  if (s.status === 'lobby') {
    ui.root.append(el('div', { class: 'live-grid' }, [joinPanel(ui, route.code), seatsPanel(ui, s, false)]));
  } else if (s.status === 'ended') {
    ui.root.append(...debriefPanels(ui, false));
  } else ui.root.append(roomPanels(ui, s));
}
