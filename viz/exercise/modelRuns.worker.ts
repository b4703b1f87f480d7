// A doorway: the model's own policy on an exercise's replicates (the debrief's comparison runs), so a
// hundred runs never stall the page. Exposes sim/ unchanged.
import * as Comlink from 'comlink';
import { modelRuns } from '../../sim/exercise/modelRuns.ts';
import { parseExercise } from '../../sim/exercise/parse.ts';

const api = {
  modelRuns: (raw: unknown, from: number, count: number) => modelRuns(parseExercise(raw), from, count),
};
export type ModelRunsApi = typeof api;

Comlink.expose(api, self);
