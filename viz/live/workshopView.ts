// The live workshop (the "Workshop" tab): a facilitator runs an exercise with a room, each participant
// on their own device, through `concerto serve`. Four pages, each in the address bar so a reload lands
// on it again: home (create or join), the facilitator's console, the participant's seat and the
// projector. The server holds the session and runs the model; this page only shows its state (pushed
// over a WebSocket) and sends decisions and the facilitator's actions. Every name a person typed is
// put on the page as text (textContent), never as HTML.
// This file is the view's shell: the socket and session state are viz/live/controller.ts, each page a
// small module under viz/live/pages/.
import { el } from '../dom.ts';
import type { ViewHandle } from '../views/view.ts';
import { LiveController, type LiveDeps } from './controller.ts';
import { renderHome, renderNoServer } from './pages/home.ts';
import { renderHost } from './pages/host.ts';
import { renderJoin } from './pages/join.ts';
import { renderPlay, updateCounts } from './pages/play.ts';
import { renderScreen } from './pages/screen.ts';
import type { LiveUi } from './pages/ui.ts';
import { liveHash, parseLiveHash } from './route.ts';

export type { LiveDeps } from './controller.ts';

export interface LiveViewHandle extends ViewHandle {
  /** Go to a `#live…` place. */
  open(hash: string): void;
  /** The fragment of the page shown. */
  hash(): string;
}

/** The exercise's stylesheet (decision cards, debrief), which the live pages reuse; a file <link> passes the CSP. */
function ensureExerciseStylesheet(): void {
  if (document.querySelector('link[data-exercise-css]')) return;
  const href = new URL('../exercise/exercise.css', import.meta.url).href;
  document.head.append(el('link', { rel: 'stylesheet', href, 'data-exercise-css': '' }));
}

class WorkshopView implements LiveViewHandle {
  readonly root: HTMLElement;
  private c: LiveController;
  private ui: LiveUi;
  private ticker: ReturnType<typeof setInterval>;
  private unsubscribe: () => void;
  private live: HTMLElement;

  constructor(
    container: HTMLElement,
    private deps: LiveDeps,
  ) {
    ensureExerciseStylesheet();
    this.root = el('section', { class: 'view live', 'data-view': 'live', 'aria-labelledby': 'live-h' });
    this.live = el('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'data-role': 'announce' });
    this.root.append(this.live);
    container.appendChild(this.root);
    this.c = new LiveController(deps, {
      render: (force) => this.render(force),
      connection: () => {
        const node = this.root.querySelector('[data-role="connection"]');
        if (node) node.textContent = this.c.ctx.t(this.c.connected ? 'live.connected' : 'live.reconnecting');
      },
      announce: (text) => {
        this.live.textContent = text;
      },
    });
    this.ui = {
      c: this.c,
      i18n: deps.i18n,
      root: this.root,
      heading: (text, tag = 'h1') =>
        el(tag, { id: tag === 'h1' ? 'live-h' : undefined, tabindex: -1, text, 'data-focus': 'live-heading' }),
      button: (text, control, onClick, cls = '') => {
        const b = el('button', { type: 'button', class: cls, 'data-control': control, 'data-focus': control, text });
        b.addEventListener('click', onClick);
        return b;
      },
      messages: () => {
        const out = [
          el('p', { class: 'issues live-error', role: 'alert', 'data-role': 'live-error', text: this.c.error }),
          el('p', { class: 'notice', role: 'status', 'data-role': 'live-notice', text: this.c.notice }),
        ];
        this.c.notice = '';
        return out;
      },
      render: (force) => this.render(force),
      announce: (text) => {
        this.live.textContent = text;
      },
    };
    this.unsubscribe = deps.i18n.onChange(() => this.render(true));
    this.ticker = setInterval(() => this.tick(), 250);
  }

  hash(): string {
    return liveHash(this.c.route);
  }

  open(hash: string): void {
    this.c.open(parseLiveHash(hash));
  }

  relabel(): void {
    this.render(true);
  }

  whenIdle(): Promise<void> {
    return this.c.whenIdle();
  }

  private tick(): void {
    const node = this.root.querySelector('[data-role="live-timer"]');
    if (node && this.c.state?.status === 'running') node.textContent = this.c.timerText();
  }

  /** Redraw the page; a participant's page only when what it shows changed (unless `force`). */
  private render(force: boolean): void {
    const c = this.c;
    const drawnKey = () => {
      const s = c.state!;
      return JSON.stringify([s.status, s.round, s.seat?.submitted, s.seat?.items.map((i) => i.key), s.you]);
    };
    if (c.route.page === 'play' && c.state && !force && drawnKey() === c.drawnKey) {
      updateCounts(this.ui);
      return;
    }
    const active = document.activeElement as HTMLElement | null;
    const focus = c.focusKey ?? (active && this.root.contains(active) ? (active.dataset.focus ?? null) : null);
    c.focusKey = null;
    for (const child of Array.from(this.root.children)) if (child !== this.live) child.remove();
    this.root.dataset.page = c.route.page;
    this.root.dataset.status = c.state?.status ?? '';
    this.root.lang = this.deps.i18n.lang;
    this.root.classList.toggle('live-screen', c.route.page === 'screen');
    if (c.served === null) {
      this.root.append(el('p', { class: 'status', role: 'status', text: c.ctx.t('live.checking') }));
    } else if (!c.served) {
      renderNoServer(this.ui);
    } else {
      switch (c.route.page) {
        case 'home':
          renderHome(this.ui);
          break;
        case 'join':
          renderJoin(this.ui, c.route.code);
          break;
        case 'host':
          renderHost(this.ui);
          break;
        case 'play':
          renderPlay(this.ui);
          break;
        case 'screen':
          renderScreen(this.ui);
          break;
      }
    }
    if (c.route.page === 'play' && c.state) c.drawnKey = drawnKey();
    if (focus) this.root.querySelector<HTMLElement>(`[data-focus="${CSS.escape(focus)}"]`)?.focus();
  }

  dispose(): void {
    this.c.dispose();
    clearInterval(this.ticker);
    this.unsubscribe();
    this.root.remove();
  }
}

/** Mount the live workshop's view in `container` (the app's main element). */
export function mountLiveView(container: HTMLElement, deps: LiveDeps): LiveViewHandle {
  return new WorkshopView(container, deps);
}
