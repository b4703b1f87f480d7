import type { I18n } from '../../i18n/index.ts';
import type { ExerciseController } from '../controller.ts';

/**
 * One page of the Exercise view, built once for a page, language and session (see pageKey) and then
 * brought up to date in place by update(), so what the person is on (focus, an open disclosure, typed
 * text) stays as it is.
 */
export interface PageView {
  /** The page's nodes when built (its regions replace some of them later). */
  readonly nodes: HTMLElement[];
  /** The page's h1: where the keyboard goes when the page moves on. */
  readonly heading: HTMLElement;
  /** The round's commit button (play page only). */
  readonly commit?: HTMLElement;
  update(): void;
  /** Only the round's timer changed. */
  tick?(): void;
}

export interface PageDeps {
  c: ExerciseController;
  i18n: I18n;
}

/** Which page is built: a new key builds it anew (another page, language, session or round). */
export function pageKey(c: ExerciseController, lang: string): string {
  switch (c.page) {
    case 'play':
      return `play|${lang}|${c.sessionNo}|${c.current?.round ?? 0}`;
    case 'debrief':
      return `debrief|${lang}|${c.sessionNo}`;
    case 'briefing':
      return `briefing|${lang}|${c.exercise?.hash ?? ''}`;
    default:
      return `${c.page}|${lang}`;
  }
}
