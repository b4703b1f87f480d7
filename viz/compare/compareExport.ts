import { download } from '../export/image.ts';
import { runsToCsv } from '../export/results.ts';
import type { I18n } from '../i18n/index.ts';
import { columnName, type Column } from './columns.ts';
import type { Comparison } from './runComparison.ts';

/** docs/formats.md §11: A against each other column, each pair as `concerto compare` writes it. */
export function downloadComparisonJson(result: Comparison, seed: number): void {
  download(
    new Blob([`${JSON.stringify(result.comparison)}\n`], { type: 'application/json' }),
    `compare-seed${seed}.json`,
  );
}

/** One tidy CSV per column in docs/formats.md's run format, concatenated under a scenario column. */
export function downloadComparisonCsv(result: Comparison, columns: Column[], seed: number, i18n: I18n): void {
  const metrics = result.model.metrics.map((m) => m.name);
  // Rows are labelled with the scenario's name and its changed levers (quoted as CSV text).
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const parts = result.outputs.map((out, i) =>
    runsToCsv(out.runs, metrics)
      .trimEnd()
      .split('\n')
      .map((line, k) => (k === 0 ? `scenario,${line}` : `${quote(columnName(columns[i]!, i18n, true))},${line}`)),
  );
  const lines = [parts[0]![0]!, ...parts.flatMap((p) => p.slice(1))];
  download(new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' }), `compare-seed${seed}.csv`);
}
