// Writes the parameter table of every model into docs/ODD.md between its markers
// (`npx tsx scripts/odd-table.ts`); test/node/odd.test.ts fails when the two disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import { MODELS } from '../sim/models.ts';
import type { ParamSpec } from '../sim/engine/model.ts';

export function paramTable(params: readonly ParamSpec[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const range = (p: ParamSpec) => (p.kind === 'choice' ? p.choices!.join(' \\| ') : `[${p.min}, ${p.max}]`);
  const rows = params.map((p) =>
    `| \`${p.name}\` | ${p.symbol ?? ''} | ${p.group} | ${p.kind} | ${String(p.default)} | ${range(p)} | ${esc(p.unit)} | ${esc(p.description.en)}${p.structural ? ` *Structural: ${esc(p.structural)}.*` : ''} |`);
  return ['| name | symbol | group | kind | default | range | unit | description |', '|---|---|---|---|---|---|---|---|', ...rows].join('\n');
}

export function oddWithTables(text: string): string {
  let out = text;
  for (const [id, model] of Object.entries(MODELS)) {
    const start = `<!-- params:${id}:start -->`;
    const end = `<!-- params:${id}:end -->`;
    const a = out.indexOf(start);
    const b = out.indexOf(end);
    if (a < 0 || b < 0) continue;
    out = `${out.slice(0, a + start.length)}\n${paramTable(model.params)}\n${out.slice(b)}`;
  }
  return out;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const path = new URL('../docs/ODD.md', import.meta.url);
  writeFileSync(path, oddWithTables(readFileSync(path, 'utf8')));
}
