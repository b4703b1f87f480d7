// The Exercise view (training): choose an exercise, read the briefing, play round by round with
// decision cards (the model plays everyone else), then a debrief against the model's own policy.
// The session is sim/exercise's pure session on the main thread (a round is a few milliseconds); the
// model's hundred comparison runs go to a worker. The state survives a reload (localStorage).
// This file is the view's shell: the state and actions are viz/exercise/controller.ts, each page a small
// module under viz/exercise/pages/ that is built once and then updated in place.
import type { Debrief } from '../../sim/exercise/debrief.ts';
import type { ExerciseSession } from '../../sim/exercise/session.ts';
import { el } from '../dom.ts';
import { ExerciseController, type ExerciseDeps, type ExercisePage, type FocusTarget } from '../exercise/controller.ts';
import { briefingPage } from '../exercise/pages/briefing.ts';
import { choosePage } from '../exercise/pages/choose.ts';
import { debriefPage } from '../exercise/pages/debrief.ts';
import { pageKey, type PageDeps, type PageView } from '../exercise/pages/page.ts';
import { playPage } from '../exercise/pages/play.ts';
import { workshopPage } from '../exercise/pages/workshop.ts';
import type { ViewHandle } from './view.ts';

export type { Clock } from '../exercise/clock.ts';
export type { ExerciseDeps, ExercisePage } from '../exercise/controller.ts';

export interface ExerciseViewHandle extends ViewHandle {
  readonly page: ExercisePage;
  session(): ExerciseSession | null;
  /** The debrief shown, once the model's runs are in. */
  debrief(): Debrief | null;
}

const PAGES: Record<ExercisePage, (deps: PageDeps) => PageView> = {
  choose: choosePage,
  briefing: briefingPage,
  play: playPage,
  debrief: debriefPage,
  workshop: workshopPage,
};

function ensureStylesheet(): void {
  if (document.querySelector('link[data-exercise-css]')) return;
  // A <link> to a file (not an injected <style>) passes the app's CSP, which allows only 'self'.
  const href = new URL('../exercise/exercise.css', import.meta.url).href;
  document.head.append(el('link', { rel: 'stylesheet', href, 'data-exercise-css': '' }));
}

class ExerciseView implements ExerciseViewHandle {
  readonly root: HTMLElement;
  private c: ExerciseController;
  private shown: { key: string; view: PageView } | null = null;
  private unsubscribe: () => void;
  /** A live region that outlives the pages, so screen readers hear what a click changed. */
  private live: HTMLElement;

  constructor(
    container: HTMLElement,
    private deps: ExerciseDeps,
  ) {
    ensureStylesheet();
    this.root = el('section', { class: 'view exercise', 'data-view': 'exercise', 'aria-labelledby': 'exercise-h' });
    this.live = el('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'data-role': 'announce' });
    this.root.append(this.live);
    container.appendChild(this.root);
    this.c = new ExerciseController(
      deps,
      {
        changed: (focus) => this.render(focus),
        timer: () => this.shown?.view.tick?.(),
        announce: (text) => {
          this.live.textContent = text;
        },
      },
      () => this.root.hidden !== false || document.hidden,
    );
    this.unsubscribe = deps.i18n.onChange(() => this.render(null));
    window.addEventListener('beforeprint', this.beforePrint);
    window.addEventListener('afterprint', this.afterPrint);
    this.render(null);
  }

  get page(): ExercisePage {
    return this.c.page;
  }

  session(): ExerciseSession | null {
    return this.c.current;
  }

  debrief(): Debrief | null {
    return this.c.page === 'debrief' ? this.c.debrief() : null;
  }

  relabel(): void {
    this.render(null);
  }

  whenIdle(): Promise<void> {
    return this.c.whenIdle();
  }

  /** A printed debrief shows every metric: closed disclosures do not print, so they open for the print. */
  private opened: HTMLDetailsElement[] = [];
  private beforePrint = () => {
    this.opened = Array.from(this.root.querySelectorAll<HTMLDetailsElement>('details.more-metrics:not([open])'));
    for (const d of this.opened) d.open = true;
  };
  private afterPrint = () => {
    for (const d of this.opened) d.open = false;
    this.opened = [];
  };

  dispose(): void {
    this.c.dispose();
    window.removeEventListener('beforeprint', this.beforePrint);
    window.removeEventListener('afterprint', this.afterPrint);
    this.unsubscribe();
    this.root.remove();
  }

  /**
   * Bring the page up to date: a new page (or language, session, round) is built anew; otherwise the
   * page updates only its changed parts, and the keyboard stays where the person left it unless the
   * action moved on (`focus`).
   */
  private render(focus: FocusTarget | null): void {
    const key = pageKey(this.c, this.deps.i18n.lang);
    if (this.shown?.key !== key) {
      // Everything but the live region goes (a page's regions may have replaced the nodes it started with).
      for (const child of Array.from(this.root.children)) if (child !== this.live) child.remove();
      const view = PAGES[this.c.page]({ c: this.c, i18n: this.deps.i18n });
      this.root.append(...view.nodes);
      this.shown = { key, view };
    } else this.shown.view.update();
    this.root.dataset.page = this.c.page;
    this.root.lang = this.deps.i18n.lang;
    const view = this.shown.view;
    if (focus === 'commit') (view.commit ?? view.heading).focus();
    else if (focus === 'heading') view.heading.focus();
  }
}

/**
 * Mount the Exercise view in `container`. `deps.i18n` is the app's language state (the view follows
 * its changes); the rest is optional (storage for resuming, a model runner and clock for tests).
 */
export function mountExerciseView(container: HTMLElement, deps: ExerciseDeps): ExerciseViewHandle {
  return new ExerciseView(container, deps);
}
