// Results in the formats of docs/formats.md §3, from the one run-output module the CLI uses too.
export { runOutputJson, runsToCsv, type SeriesRun } from '../../sim/experiment/runOutput.ts';
