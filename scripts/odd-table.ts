// Writes the parameter table of every model into docs/ODD.md between its markers
// (`npx tsx scripts/odd-table.ts`); test/node/odd.test.ts fails when the two disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import { MODELS } from '../sim/models.ts';
import type { MetricSpec, ParamSpec } from '../sim/engine/model.ts';

export function paramTable(params: readonly ParamSpec[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const range = (p: ParamSpec) => (p.kind === 'choice' ? p.choices!.join(' \\| ') : `[${p.min}, ${p.max}]`);
  const rows = params.map(
    (p) =>
      `| \`${p.name}\` | ${p.symbol ?? ''} | ${p.group} | ${p.kind} | ${String(p.default)} | ${range(p)} | ${esc(p.unit)} | ${esc(p.description.en)}${p.structural ? ` *Structural: ${esc(p.structural)}.*` : ''} |`,
  );
  return [
    '| name | symbol | group | kind | default | range | unit | description |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** The metric table: name, kind, range and meaning in both languages (what the app's tooltips show). */
export function metricTable(metrics: readonly MetricSpec[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const range = (m: MetricSpec) => `[${m.min ?? '−∞'}, ${m.max ?? '∞'}]`;
  const rows = metrics.map(
    (m) => `| \`${m.name}\` | ${m.kind} | ${range(m)} | ${esc(m.description.en)} | ${esc(m.description.vi)} |`,
  );
  return ['| metric | kind | range | meaning | tiếng Việt |', '|---|---|---|---|---|', ...rows].join('\n');
}

function replaceBetween(text: string, marker: string, body: string): string {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < 0) return text;
  return `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`;
}

export function oddWithTables(text: string): string {
  let out = text;
  for (const [id, model] of Object.entries(MODELS)) {
    out = replaceBetween(out, `params:${id}`, paramTable(model.params));
    out = replaceBetween(out, `metrics:${id}`, metricTable(model.metrics));
  }
  return out;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const path = new URL('../docs/ODD.md', import.meta.url);
  writeFileSync(path, oddWithTables(readFileSync(path, 'utf8')));
}
