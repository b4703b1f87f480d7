// What every page of a session shares: its header, the page without a token, and the join panel.
import { el } from '../../dom.ts';
import { liveHash } from '../route.ts';
import type { SessionState } from '../api.ts';
import type { LiveUi } from './ui.ts';

/** The session header every member sees: exercise, round, status, timer, connection. */
export function sessionHead(ui: LiveUi): HTMLElement[] {
  const { c } = ui;
  const s = c.state!;
  const ctx = c.ctx;
  const ex = c.exercise;
  const roundText =
    s.status === 'lobby'
      ? ctx.t('live.status.lobby')
      : s.status === 'ended'
        ? ctx.t('live.status.ended')
        : ctx.t('live.round', { round: s.round, rounds: s.rounds });
  return [
    el('div', { class: 'live-head' }, [
      ui.heading(ex ? ctx.pick(ex.title) : ctx.t('live.heading')),
      el('p', {
        class: 'live-round',
        'data-role': 'live-round',
        'data-round': s.round,
        'data-rounds': s.rounds,
        text: roundText,
      }),
      el('p', {
        class: 'timer live-timer',
        role: 'timer',
        'aria-live': 'off',
        'data-role': 'live-timer',
        text: c.timerText(),
      }),
      el('p', {
        class: 'meta live-connection',
        'data-role': 'connection',
        text: ctx.t(c.connected ? 'live.connected' : 'live.reconnecting'),
      }),
    ]),
  ];
}

export function renderNoToken(ui: LiveUi, page: 'host' | 'play' | 'screen', code: string): void {
  const { c } = ui;
  const ctx = c.ctx;
  ui.root.append(
    ui.heading(ctx.t('live.heading')),
    ...ui.messages(),
    el('p', { class: 'panel', text: ctx.t(page === 'play' ? 'live.play.noToken' : 'live.host.noToken', { code }) }),
    page === 'play'
      ? ui.button(ctx.t('live.join.go'), 'to-join', () => c.go({ page: 'join', code }), 'primary')
      : ui.button(ctx.t('live.home.back'), 'to-home', () => c.go({ page: 'home' })),
  );
}

export function joinLink(code: string): string {
  return `${location.origin}${location.pathname}${liveHash({ page: 'join', code })}`;
}

/** The join code, QR code and link, large enough for the projector. */
export function joinPanel(ui: LiveUi, code: string): HTMLElement {
  const { c } = ui;
  const ctx = c.ctx;
  const link = joinLink(code);
  return el('section', { class: 'panel live-joininfo', 'aria-labelledby': 'live-ji-h' }, [
    el('h2', { id: 'live-ji-h', text: ctx.t('live.host.joinHeading') }),
    el('p', { class: 'live-code', 'data-role': 'join-code', text: code }),
    el('img', {
      class: 'live-qr',
      src: c.api.qrUrl(code),
      alt: ctx.t('live.host.qrAlt', { code }),
      width: 220,
      height: 220,
      'data-role': 'qr',
    }),
    el('p', {}, [el('a', { href: link, 'data-role': 'join-link', text: link })]),
  ]);
}

/**
 * The session state a seat's page draws, or null once the page has said why there is none: this device
 * holds no token for the code (how to join), or the state has not arrived yet. The projector uses the
 * facilitator's token.
 */
export function stateOrWait(ui: LiveUi, page: 'host' | 'play' | 'screen', code: string): SessionState | null {
  const { c } = ui;
  if (!c.tokens.get(page === 'play' ? 'play' : 'host', code)) {
    renderNoToken(ui, page, code);
    return null;
  }
  if (!c.state) {
    ui.root.append(
      ui.heading(c.ctx.t('live.heading')),
      ...ui.messages(),
      el('p', { class: 'status', text: c.ctx.t('live.loading') }),
    );
    return null;
  }
  return c.state;
}
