// concerto params [--model M] [--format json] [--lang en|vi]: a model's parameter registry and metrics.
import { finalKeys } from '../sim/experiment/experiment.ts';
import { getModel, MODELS } from '../sim/models.ts';
import { last, oneOf, parseFlags, UsageError } from './args.ts';

export async function paramsCommand(args: readonly string[]): Promise<number> {
  const flags = parseFlags(args, { '--model': 'value', '--format': 'value', '--lang': 'value' });
  if (flags.positional.length > 0)
    throw new UsageError(`params takes no arguments (got ${flags.positional.join(' ')})`);
  const id = last(flags, '--model') ?? 'governance';
  const model = getModel(id);
  if (!model) throw new UsageError(`--model: must be one of ${Object.keys(MODELS).join(', ')} (got ${id})`);
  const format = oneOf(flags, '--format', ['table', 'json'], 'table');
  // The table's descriptions in English or Vietnamese (the JSON always carries both).
  const lang = oneOf(flags, '--lang', ['en', 'vi'], 'en') as 'en' | 'vi';
  if (format === 'json') {
    process.stdout.write(
      `${JSON.stringify({ model: model.id, version: model.version, params: model.params, metrics: model.metrics, final: finalKeys(model), finalRule: model.finalRule }, null, 1)}\n`,
    );
    return 0;
  }
  const range = (p: (typeof model.params)[number]) =>
    p.kind === 'choice' ? p.choices!.join('|') : `[${p.min}, ${p.max}]`;
  const lines = model.params.map(
    (p) =>
      `${p.name.padEnd(24)} ${String(p.default).padEnd(8)} ${range(p).padEnd(26)} ${p.group.padEnd(11)} ${p.description[lang]}`,
  );
  process.stdout.write(
    `${'name'.padEnd(24)} ${'default'.padEnd(8)} ${'range'.padEnd(26)} ${'group'.padEnd(11)} description\n${lines.join('\n')}\n`,
  );
  // The metrics: what each output means and on which scale (the headline ends are 0–100 indices).
  const bounds = (m: (typeof model.metrics)[number]) => `[${m.min ?? '−∞'}, ${m.max ?? '∞'}]`;
  const metricLines = model.metrics.map(
    (m) =>
      `${m.name.padEnd(24)} ${m.kind.padEnd(8)} ${bounds(m).padEnd(26)} ${(m.group ?? '').padEnd(11)} ${m.description[lang]}`,
  );
  process.stdout.write(
    `\n${'metric'.padEnd(24)} ${'kind'.padEnd(8)} ${'range'.padEnd(26)} ${'group'.padEnd(11)} meaning\n${metricLines.join('\n')}\n`,
  );
  return 0;
}
