// The run output document of docs/formats.md §3 — manifest, runs, summary — and its tidy CSV, built
// in one place for `concerto run`, the app's live session and batches, and the app's exports, so
// that the CLI and the app write the same bytes for the same runs.
import { csvFormatRows } from 'd3-dsv';
import { canonicalJson } from '../engine/canonical.ts';
import { hashHex } from '../engine/hash.ts';
import type { AnyModel, ParamValue, Scenario } from '../engine/model.ts';
import { SEED_SCHEME } from '../engine/rng.ts';
import type { RunRecord } from '../engine/run.ts';
import { summaryRow, type SummaryRow } from './summaryRow.ts';

export type { SummaryRow };

export interface RunManifest {
  concerto: string;
  model: string;
  modelVersion: string;
  scenario: string;
  scenarioHash: string;
  seed: number;
  seedScheme: string;
  replicates: number;
  cycles: number;
  params: Record<string, ParamValue>;
  finalRule: string;
}

/** A run output document (docs/formats.md §3): manifest, runs, summary. */
export interface RunOutput {
  manifest: RunManifest;
  runs: RunRecord[];
  summary: Record<string, SummaryRow>;
}

/** What names the runs beyond the model and scenario: who ran them and on what seed, replicates and cycles. */
export interface RunSettings {
  /** Concerto's version (package.json). */
  concerto: string;
  seed: number;
  replicates: number;
  cycles: number;
}

/** Content hash of a resolved scenario (its canonical JSON). */
export function scenarioHash(scenario: Scenario): string {
  return hashHex(canonicalJson(scenario));
}

export function runManifest(model: AnyModel, scenario: Scenario, settings: RunSettings): RunManifest {
  return {
    concerto: settings.concerto,
    model: model.id,
    modelVersion: model.version,
    scenario: scenario.name,
    scenarioHash: scenarioHash(scenario),
    seed: settings.seed,
    seedScheme: SEED_SCHEME,
    replicates: settings.replicates,
    cycles: settings.cycles,
    params: { ...scenario.params },
    finalRule: model.finalRule,
  };
}

/** Summary over the ok runs' final values (those of the first ok run): mean, sd (n − 1), n and the 95% t interval. */
export function runSummary(runs: readonly RunRecord[]): Record<string, SummaryRow> {
  const ok = runs.filter((r) => r.status === 'ok');
  const out: Record<string, SummaryRow> = {};
  if (ok.length === 0) return out;
  for (const key of Object.keys(ok[0]!.final)) out[key] = summaryRow(ok.map((r) => r.final[key]!));
  return out;
}

export function runOutput(model: AnyModel, scenario: Scenario, runs: RunRecord[], settings: RunSettings): RunOutput {
  return { manifest: runManifest(model, scenario, settings), runs, summary: runSummary(runs) };
}

/** The document on one line, as `concerto run --format json` writes it. */
export function runOutputJson(doc: { manifest: unknown; runs: unknown; summary: unknown }): string {
  return `${JSON.stringify({ manifest: doc.manifest, runs: doc.runs, summary: doc.summary })}\n`;
}

export interface SeriesRun {
  replicate: number;
  seed: number;
  series: Record<string, readonly number[]>;
}

/**
 * Tidy CSV: one row per replicate and cycle, columns `replicate,seed,cycle,<metric>…` in the order
 * given (the model's), numbers as JSON writes them (d3-dsv writes String(v), the same for finite
 * numbers, and quotes nothing here); a failed run's rows stop at its last observed cycle.
 */
export function runsToCsv(runs: readonly SeriesRun[], metrics: readonly string[]): string {
  const rows: (string | number | undefined)[][] = [['replicate', 'seed', 'cycle', ...metrics]];
  for (const run of runs) {
    const len = run.series[metrics[0]!]?.length ?? 0;
    for (let i = 0; i < len; i++)
      rows.push([run.replicate, run.seed, i + 1, ...metrics.map((m) => run.series[m]?.[i])]);
  }
  return `${csvFormatRows(rows as string[][])}\n`;
}
