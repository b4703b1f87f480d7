// The session API the app's session worker exposes: the catalog (./catalog.ts), live sessions for
// Explore (./live.ts) and batches and comparisons (./batch.ts); the messages are in ./protocol.ts.
// It exposes sim/ unchanged.
import { compareColumns, compareMany, outputOf, runBatch, summarizeMany } from './batch.ts';
import { catalog, validate } from './catalog.ts';
import { close, open, reset, restore, results, setLever, snapshot, step } from './live.ts';

export * from './protocol.ts';
export { CONCERTO_VERSION, catalog, rawScenario, validate } from './catalog.ts';
export { scenarioHash } from '../../sim/experiment/runOutput.ts';
export { close, open, reset, restore, results, setLever, snapshot, step } from './live.ts';
export { compareColumns, compareMany, outputOf, runBatch, summarizeMany } from './batch.ts';

export const sessionApi = {
  catalog,
  validate,
  open,
  step,
  reset,
  close,
  snapshot,
  restore,
  setLever,
  results,
  runBatch,
  outputOf,
  summarizeMany,
  compareMany,
  compareColumns,
};
export type SessionApi = typeof sessionApi;
