// concerto compare <A> <B> …: paired comparison under common random numbers, as a table or JSON.
import { changedParams, compareScenarios, type Comparison } from '../sim/experiment/compare.ts';
import { ScenarioError, type Issue } from '../sim/engine/errors.ts';
import { compileDerived, parseDerived, type DerivedSet } from '../sim/experiment/derived.ts';
import { finalKeys } from '../sim/experiment/experiment.ts';
import { getModel } from '../sim/models.ts';
import { polarityOf } from '../viz/specs/polarity.ts';
import { last, oneOf, parseFlags, UsageError, wholeNumber } from './args.ts';
import { writeAll } from './io.ts';
import { applySets } from './run.ts';
import { loadScenarioArg } from './sources.ts';

/** Four significant digits, as JSON writes the rounded number. */
function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined) return '–';
  return String(Number(v.toPrecision(4)));
}

/** What the "better" column says of a metric's direction. */
const BETTER = { higher: 'higher', lower: 'lower', neutral: 'neither' } as const;

/** A side's name with its --set changes, as files and --set write them: "controlled-autonomy (monitoring=0.8)". */
function sideName(side: Comparison['manifest']['a']): string {
  const changed = Object.entries(side.changed);
  return changed.length > 0 ? `${side.name} (${changed.map(([k, v]) => `${k}=${String(v)}`).join(', ')})` : side.name;
}

export function comparisonTable(c: Comparison): string {
  const m = c.manifest;
  const [a, b] = [sideName(m.a), sideName(m.b)];
  // The columns name both scenarios, so a table pasted on its own still says which minus which;
  // "better" says which direction of each metric is an improvement (counts: neither).
  const head = `${b} against ${a}: ${m.replicates} paired replicates (common random numbers), seed ${m.seed}, ${m.cycles} cycles, 95% intervals of ${b} − ${a}\n`;
  const cols = ['metric', 'better', `mean ${a}`, `mean ${b}`, `${b} − ${a}`, 'paired CI', 'unpaired CI', 'width ratio'];
  const rows = Object.entries(c.metrics).map(([name, x]) =>
    x
      ? [
          name,
          BETTER[polarityOf(name)],
          fmt(x.meanA),
          fmt(x.meanB),
          fmt(x.difference),
          `[${fmt(x.paired.ciLow)}, ${fmt(x.paired.ciHigh)}]`,
          `[${fmt(x.unpaired.ciLow)}, ${fmt(x.unpaired.ciHigh)}]`,
          fmt(x.widthRatio),
        ]
      : [name, BETTER[polarityOf(name)], '–', '–', '–', '–', '–', '–'],
  );
  const widths = cols.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const line = (r: string[]) =>
    r
      .map((cell, j) => (j === 0 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!)))
      .join('  ')
      .trimEnd();
  const failed =
    c.failed.length > 0
      ? `failed runs: ${c.failed.map((f) => `${f.side.toUpperCase()} replicate ${f.replicate} (${f.error})`).join('; ')}\n`
      : '';
  return `${head}${line(cols)}\n${rows.map(line).join('\n')}\n${failed}`;
}

/**
 * `--derived name=expression`, repeatable: named expressions over the final values (docs/formats.md
 * §7), compiled before any run; a bad name or expression is exit 2 naming it, its position and why.
 */
async function derivedFlags(
  values: readonly string[],
  finals: readonly string[],
  params: readonly string[],
): Promise<DerivedSet | null> {
  if (values.length === 0) return null;
  const raw: Record<string, string> = {};
  const issues: Issue[] = [];
  for (const v of values) {
    const eq = v.indexOf('=');
    const name = eq < 0 ? '' : v.slice(0, eq).trim();
    if (eq <= 0) issues.push({ path: '--derived', value: v, rule: 'must be name=expression' });
    else if (Object.prototype.hasOwnProperty.call(raw, name))
      issues.push({ path: `derived.${name}`, value: v, rule: 'is given twice' });
    else raw[name] = v.slice(eq + 1);
  }
  const defs = parseDerived(raw, 'derived', [...finals, ...params], issues);
  if (issues.length > 0) throw new ScenarioError(issues);
  return compileDerived(defs, finals);
}

export async function compareCommand(args: readonly string[]): Promise<number> {
  const flags = parseFlags(args, {
    '--reps': 'value',
    '--seed': 'value',
    '--cycles': 'value',
    '--set': 'value',
    '--metrics': 'value',
    '--derived': 'value',
    '--format': 'value',
    '--out': 'value',
  });
  if (flags.positional.length !== 2)
    throw new UsageError(`compare needs two scenarios, A and B (got ${flags.positional.length})`);
  const reps = wholeNumber(flags, '--reps', 30, 2, 100000);
  const seed = wholeNumber(flags, '--seed', 1, 0, 2 ** 32 - 1);
  const format = oneOf(flags, '--format', ['table', 'json'], 'table');
  const [a0, b0] = flags.positional.map(loadScenarioArg) as [
    ReturnType<typeof loadScenarioArg>,
    ReturnType<typeof loadScenarioArg>,
  ];
  if (a0.model !== b0.model)
    throw new UsageError(`compare needs two scenarios of one model (A is ${a0.model}, B is ${b0.model})`);
  const model = getModel(a0.model)!;
  const sets = flags.options.get('--set') ?? [];
  const a = applySets(a0, model, sets);
  const b = applySets(b0, model, sets);
  const cycles = wholeNumber(flags, '--cycles', model.defaultCycles, 1, 100000);
  const finals = finalKeys(model);
  const derived = await derivedFlags(
    flags.options.get('--derived') ?? [],
    finals,
    model.params.map((p) => p.name),
  );
  const keys = [...finals, ...(derived?.metrics.map((d) => d.name) ?? [])];
  const metricsArg = last(flags, '--metrics');
  const metrics = metricsArg === undefined ? keys : metricsArg.split(',').map((s) => s.trim());
  for (const m of metrics)
    if (!keys.includes(m))
      throw new UsageError(`--metrics: ${m} is not a final value of the ${model.id} model nor a --derived metric`);
  const c = compareScenarios(model, a, b, {
    seed,
    replicates: reps,
    cycles,
    metrics,
    changed: [changedParams(a0, a), changedParams(b0, b)],
    ...(derived ? { derived } : {}),
  });
  await writeAll(last(flags, '--out'), format === 'json' ? `${JSON.stringify(c)}\n` : comparisonTable(c));
  return c.failed.length > 0 ? 1 : 0;
}
