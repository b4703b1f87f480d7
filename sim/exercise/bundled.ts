// Bundled exercises, by id. JSON modules are imported (not read from disk) so the browser app and
// the CLI see exactly the same files.
import borderShock from '../../scenarios/exercises/border-shock-lang-son.json' with { type: 'json' };
import coastalWindow from '../../scenarios/exercises/coastal-window-strict.json' with { type: 'json' };
import cityPilot from '../../scenarios/exercises/city-pilot-da-nang.json' with { type: 'json' };
import { parseExercise } from './parse.ts';
import type { Exercise } from './types.ts';

export const BUNDLED_EXERCISES: Record<string, unknown> = {
  'border-shock-lang-son': borderShock,
  'coastal-window-strict': coastalWindow,
  'city-pilot-da-nang': cityPilot,
};

export function bundledExercise(id: string): unknown {
  return Object.prototype.hasOwnProperty.call(BUNDLED_EXERCISES, id) ? BUNDLED_EXERCISES[id] : undefined;
}

/** A bundled exercise by id, validated and resolved. */
export function loadBundledExercise(id: string): Exercise {
  const raw = bundledExercise(id);
  if (raw === undefined) throw new Error(`no bundled exercise named ${JSON.stringify(id)}`);
  return parseExercise(raw);
}
