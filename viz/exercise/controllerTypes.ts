import type { I18n } from '../i18n/index.ts';
import type { Clock } from './clock.ts';
import type { ModelRunner } from './modelRunsClient.ts';
import type { StoredStorage } from './storage.ts';

export type ExercisePage = 'choose' | 'briefing' | 'play' | 'debrief' | 'workshop';

export interface ExerciseDeps {
  i18n: I18n;
  storage?: StoredStorage | null;
  /** Runs the model's replicates for the debrief (default: a Web Worker). */
  modelRuns?: ModelRunner;
  clock?: Clock;
  /** Model runs the debrief compares with (default 100, replicates 0–99). */
  replicates?: number;
  /** Exercises offered, by id (default: the bundled ones). */
  exercises?: Record<string, unknown>;
}

/** Where the keyboard goes after an action that removes or replaces what it was on. */
export type FocusTarget = 'heading' | 'commit';

/** What the view is told: the state changed (and where focus should go), or only the timer or a progress figure. */
export interface ControllerEvents {
  changed(focus: FocusTarget | null): void;
  timer(): void;
  announce(text: string): void;
}
