import type { DecisionValue } from '../../sim/exercise/types.ts';
import type { I18n } from '../i18n/index.ts';
import type { LiveApi } from './api.ts';

export interface LiveDeps {
  i18n: I18n;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** Keep the address bar on the live page shown. */
  syncUrl: boolean;
  api?: LiveApi;
}

export type Draft = { round: number; decisions: Record<string, DecisionValue>; levers: Record<string, number> };

export interface LiveEvents {
  /** Draw again: always (`force`), or a participant's page only when what it shows changed. */
  render(force: boolean): void;
  /** Only the connection line changed. */
  connection(): void;
  announce(text: string): void;
}
