import type { I18n } from '../../i18n/index.ts';
import type { LiveController } from '../controller.ts';
import { NEWS } from '../../exercise/pages/situation.ts';

/** What a live page draws with: the controller's state and actions, and the view's drawing helpers. */
export interface LiveUi {
  c: LiveController;
  i18n: I18n;
  /** The view's root: a page appends its nodes here (the view clears it first). */
  root: HTMLElement;
  heading(text: string, tag?: 'h1' | 'h2'): HTMLElement;
  button(text: string, control: string, onClick: () => void, cls?: string): HTMLButtonElement;
  /** The error and the one-off notice (taken: shown once). */
  messages(): HTMLElement[];
  render(force: boolean): void;
  announce(text: string): void;
}

/** Events worth telling the room after a round: the solo exercise's news. */
export { NEWS };
export const NEWS_LIMIT = 12;
