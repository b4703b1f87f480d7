// concerto list: models, bundled scenarios and bundled experiments.
import { MODELS } from '../sim/models.ts';
import { BUNDLED_SCENARIOS } from '../sim/scenarios.ts';
import { parseFlags, UsageError } from './args.ts';
import { bundledExperimentNames, EXPERIMENTS_DIR } from './io.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function describe(raw: unknown): string {
  const d = (raw as { description?: string | { en: string } } | null)?.description;
  return typeof d === 'string' ? d : (d?.en ?? '');
}

export async function listCommand(args: readonly string[]): Promise<number> {
  const flags = parseFlags(args, {});
  if (flags.positional.length > 0) throw new UsageError(`list takes no arguments (got ${flags.positional.join(' ')})`);
  const lines = ['models:'];
  for (const m of Object.values(MODELS)) lines.push(`  ${m.id.padEnd(22)} ${m.version.padEnd(8)} ${m.title.en}`);
  lines.push('scenarios:');
  for (const [name, raw] of Object.entries(BUNDLED_SCENARIOS)) lines.push(`  ${name.padEnd(22)} ${describe(raw)}`);
  lines.push('experiments:');
  for (const name of bundledExperimentNames()) {
    let text: string;
    try {
      text = describe(JSON.parse(readFileSync(join(EXPERIMENTS_DIR, `${name}.json`), 'utf8')));
    } catch {
      text = '(not valid JSON)';
    }
    lines.push(`  ${name.padEnd(22)} ${text}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
