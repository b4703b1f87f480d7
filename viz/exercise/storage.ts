import type { SavedExercise } from '../../sim/exercise/session.ts';
import type { DecisionLog } from '../../sim/exercise/types.ts';

/** The exercise in progress survives a reload here; nothing leaves the device unless exported. */
export const STORAGE_KEY = 'concerto.exercise.v1';

/** The app's storage (localStorage or null); `removeItem` is optional so the app's narrower type fits. */
export type StoredStorage = Pick<Storage, 'getItem' | 'setItem'> & Partial<Pick<Storage, 'removeItem'>>;

export interface StoredState {
  version: 1;
  /** The session being played or debriefed: exercise + log + draft (session.save()). */
  save: SavedExercise;
  page: 'play' | 'debrief';
  team: string;
  /** Points saved during play to come back to ("what if I had…"): the log up to a round. */
  bookmarks: { label: string; log: DecisionLog }[];
  /** Finished runs of this exercise (the main line and its branches), compared in the debrief. */
  finished: { label: string; log: DecisionLog }[];
}

export function loadStored(storage: StoredStorage | null): StoredState | null {
  try {
    const text = storage?.getItem(STORAGE_KEY);
    if (!text) return null;
    const v = JSON.parse(text) as Partial<StoredState>;
    if (v.version !== 1 || !v.save || (v.page !== 'play' && v.page !== 'debrief')) return null;
    return {
      version: 1,
      save: v.save,
      page: v.page,
      team: typeof v.team === 'string' ? v.team : '',
      bookmarks: Array.isArray(v.bookmarks) ? v.bookmarks : [],
      finished: Array.isArray(v.finished) ? v.finished : [],
    };
  } catch {
    return null;
  }
}

/** Store the state; false when storage refused it (private mode, full), so the view can say so. */
export function saveStored(storage: StoredStorage | null, state: StoredState): boolean {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(state));
    return storage !== null;
  } catch {
    return false;
  }
}

export function clearStored(storage: StoredStorage | null): void {
  try {
    // Without removeItem, an empty value reads back as nothing stored.
    if (storage?.removeItem) storage.removeItem(STORAGE_KEY);
    else storage?.setItem(STORAGE_KEY, '');
  } catch {
    // nothing stored, nothing to clear
  }
}
