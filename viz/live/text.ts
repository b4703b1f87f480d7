// The live workshop's messages: its own locale files (live.en.json, live.vi.json) first, then the
// exercise's and the app's (through the exercise's text context), so the live pages never edit the
// shared files and every word the solo exercise uses reads the same here.
import { parseExercise } from '../../sim/exercise/parse.ts';
import type { Exercise } from '../../sim/exercise/types.ts';
import liveEn from '../i18n/live.en.json' with { type: 'json' };
import liveVi from '../i18n/live.vi.json' with { type: 'json' };
import { format, type Dict, type Lang } from '../i18n/index.ts';
import { textContext, type TextContext } from '../exercise/text.ts';

export const LIVE_DICTS: Record<Lang, Dict> = { en: liveEn, vi: liveVi };

/** A text context for the session's exercise (or none yet) with the live messages layered on top. */
export function liveContext(lang: Lang, exercise: Exercise | null): TextContext {
  const base = textContext(lang, exercise?.scenario.data ?? {});
  const own = (key: string) => LIVE_DICTS[lang][key] ?? LIVE_DICTS.en[key];
  return {
    ...base,
    t: (key, vars) => {
      const msg = own(key);
      return msg !== undefined ? format(msg, vars) : base.t(key, vars);
    },
    has: (key) => own(key) !== undefined || base.has(key),
  };
}

/** The exercise of a session from the raw file the server sends, parsed once per distinct file. */
export class ExerciseCache {
  private last: { raw: unknown; json: string; exercise: Exercise | null } | null = null;

  get(raw: unknown): Exercise | null {
    if (raw === null || raw === undefined) return null;
    if (this.last && this.last.raw === raw) return this.last.exercise;
    const json = JSON.stringify(raw);
    if (this.last && this.last.json === json) {
      this.last.raw = raw;
      return this.last.exercise;
    }
    let exercise: Exercise | null = null;
    try {
      exercise = parseExercise(raw);
    } catch (err) {
      console.warn('the session’s exercise could not be read:', err);
    }
    this.last = { raw, json, exercise };
    return exercise;
  }
}

/** "4:05" from milliseconds (rounded up to the second, never below zero). */
export function clockText(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
