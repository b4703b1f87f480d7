import { readFileSync, writeFileSync } from 'node:fs';
import { canonicalJson } from '../sim/engine/canonical.ts';
import { bundledContext } from '../sim/engine/context.ts';
import { formatIssue, ScenarioError, type Issue } from '../sim/engine/errors.ts';
import { hashHex } from '../sim/engine/hash.ts';
import type { Model, Scenario } from '../sim/engine/model.ts';
import { parseAssignment } from '../sim/engine/params.ts';
import { SEED_SCHEME } from '../sim/engine/rng.ts';
import { runScenario, type RunRecord } from '../sim/engine/run.ts';
import { parseScenario } from '../sim/engine/scenario.ts';
import { summarize } from '../sim/experiment/stats/index.ts';
import { getModel, MODELS } from '../sim/models.ts';
import { BUNDLED_SCENARIOS, bundledScenario } from '../sim/scenarios.ts';
import pkg from '../package.json' with { type: 'json' };

/** Bad input or usage: exit 2 with one line per problem. */
export class UsageError extends Error {}

const USAGE = `usage: concerto <command> …
  run <scenario file | bundled name> [--seed N] [--reps R] [--cycles T] [--set name=value …] [--detail provinces] [--format json|csv] [--out FILE]
  validate <file>
  params [--model M] [--format json]
  list`;

interface Flags { positional: string[]; options: Map<string, string[]> }

function parseFlags(args: string[], known: Record<string, 'value' | 'flag'>): Flags {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (!a.startsWith('--')) { positional.push(a); continue; }
    const [name, inline] = a.includes('=') && !a.startsWith('--set=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const kind = known[name];
    if (!kind) throw new UsageError(`unknown option ${name}`);
    let value = inline;
    if (kind === 'value' && value === undefined) {
      value = args[++k];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
    }
    options.set(name, [...(options.get(name) ?? []), value ?? 'true']);
  }
  return { positional, options };
}

function wholeNumber(flags: Flags, name: string, fallback: number, min: number, max: number): number {
  const raw = flags.options.get(name)?.at(-1);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) throw new UsageError(`${name}: must be a whole number in [${min}, ${max}] (got ${raw})`);
  return v;
}

/** A bundled name or a file path; the file's JSON is parsed here and validated by the engine. */
export function readScenarioArg(arg: string): unknown {
  if (bundledScenario(arg) !== undefined) return bundledScenario(arg);
  let text: string;
  try {
    text = readFileSync(arg, 'utf8');
  } catch {
    throw new UsageError(`${arg}: not a bundled scenario and not a readable file (bundled: ${Object.keys(BUNDLED_SCENARIOS).join(', ')})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${arg}: not valid JSON (${(e as Error).message})`);
  }
}

function applySets(scenario: Scenario, model: Model<unknown, unknown>, sets: string[]): Scenario {
  const issues: Issue[] = [];
  const params = { ...scenario.params };
  for (const s of sets) {
    const kv = parseAssignment(model.params, s, issues);
    if (kv) params[kv[0]] = kv[1];
  }
  if (issues.length) throw new ScenarioError(issues);
  // Re-validate the whole scenario so cross-field rules see the new values.
  const issues2: Issue[] = [];
  model.validate(scenario.data, scenario.events, params, issues2);
  if (issues2.length) throw new ScenarioError(issues2);
  return { ...scenario, params };
}

function numberText(v: number): string {
  return JSON.stringify(v);
}

export function runCommand(args: string[]): { text: string; code: number } {
  const flags = parseFlags(args, { '--seed': 'value', '--reps': 'value', '--cycles': 'value', '--set': 'value', '--detail': 'value', '--format': 'value', '--out': 'value' });
  if (flags.positional.length !== 1) throw new UsageError('run needs exactly one scenario (a file or a bundled name)');
  const scenario0 = parseScenario(readScenarioArg(flags.positional[0]!), bundledContext);
  const model = getModel(scenario0.model)!;
  const scenario = applySets(scenario0, model, flags.options.get('--set') ?? []);
  const seed = wholeNumber(flags, '--seed', 1, 0, 2 ** 32 - 1);
  const reps = wholeNumber(flags, '--reps', 1, 1, 100000);
  const cycles = wholeNumber(flags, '--cycles', model.defaultCycles, 1, 100000);
  const detail = flags.options.get('--detail')?.at(-1);
  if (detail !== undefined && detail !== 'provinces') throw new UsageError(`--detail: must be provinces (got ${detail})`);
  const format = flags.options.get('--format')?.at(-1) ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new UsageError(`--format: must be json or csv (got ${format})`);
  const runs: RunRecord[] = [];
  for (let r = 0; r < reps; r++) runs.push(runScenario(model, scenario, { seed, replicate: r, cycles, detail: detail === 'provinces' }));
  const failed = runs.some((r) => r.status === 'failed');
  let text: string;
  if (format === 'csv') {
    const names = model.metrics.map((m) => m.name);
    const lines = [['replicate', 'seed', 'cycle', ...names].join(',')];
    for (const r of runs) {
      for (let t = 0; t < r.cycles; t++) lines.push([r.replicate, r.seed, t + 1, ...names.map((n) => numberText(r.series[n]![t]!))].join(','));
    }
    text = `${lines.join('\n')}\n`;
  } else {
    const ok = runs.filter((r) => r.status === 'ok');
    const summary: Record<string, unknown> = {};
    for (const key of ok.length ? Object.keys(ok[0]!.final) : []) {
      const s = summarize(ok.map((r) => r.final[key]!));
      summary[key] = { mean: s.mean, sd: s.sd, n: s.n, ciLow: s.ciLow, ciHigh: s.ciHigh };
    }
    const manifest = {
      concerto: pkg.version, model: model.id, modelVersion: model.version, scenario: scenario.name,
      scenarioHash: hashHex(canonicalJson(scenario)), seed, seedScheme: SEED_SCHEME, replicates: reps, cycles,
      params: scenario.params, finalRule: model.finalRule,
    };
    text = `${JSON.stringify({ manifest, runs, summary })}\n`;
  }
  return { text, code: failed ? 1 : 0 };
}

function validateCommand(args: string[]): { text: string; code: number } {
  const flags = parseFlags(args, {});
  if (flags.positional.length !== 1) throw new UsageError('validate needs exactly one file');
  parseScenario(readScenarioArg(flags.positional[0]!), bundledContext);
  return { text: `${flags.positional[0]}: valid\n`, code: 0 };
}

function paramsCommand(args: string[]): { text: string; code: number } {
  const flags = parseFlags(args, { '--model': 'value', '--format': 'value' });
  const id = flags.options.get('--model')?.at(-1) ?? 'governance';
  const model = getModel(id);
  if (!model) throw new UsageError(`--model: must be one of ${Object.keys(MODELS).join(', ')} (got ${id})`);
  const format = flags.options.get('--format')?.at(-1) ?? 'table';
  if (format === 'json') return { text: `${JSON.stringify({ model: model.id, version: model.version, params: model.params, metrics: model.metrics }, null, 1)}\n`, code: 0 };
  if (format !== 'table') throw new UsageError(`--format: must be json (got ${format})`);
  const lines = model.params.map((p) => `${p.name.padEnd(24)} ${String(p.default).padEnd(8)} ${(p.kind === 'choice' ? p.choices!.join('|') : `[${p.min}, ${p.max}]`).padEnd(26)} ${p.group.padEnd(11)} ${p.description.en}`);
  return { text: `${'name'.padEnd(24)} ${'default'.padEnd(8)} ${'range'.padEnd(26)} ${'group'.padEnd(11)} description\n${lines.join('\n')}\n`, code: 0 };
}

function listCommand(): { text: string; code: number } {
  const lines = ['models:'];
  for (const m of Object.values(MODELS)) lines.push(`  ${m.id.padEnd(22)} ${m.version.padEnd(8)} ${m.title.en}`);
  lines.push('scenarios:');
  for (const [name, raw] of Object.entries(BUNDLED_SCENARIOS)) {
    const d = (raw as { description?: string | { en: string } }).description;
    lines.push(`  ${name.padEnd(22)} ${typeof d === 'string' ? d : (d?.en ?? '')}`);
  }
  return { text: `${lines.join('\n')}\n`, code: 0 };
}

export const COMMANDS: Record<string, (args: string[]) => { text: string; code: number }> = {
  run: runCommand, validate: validateCommand, params: paramsCommand, list: listCommand,
};

/** Runs a command; returns the exit code. Errors become one line each on stderr, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    const fn = command ? COMMANDS[command] : undefined;
    if (!fn) throw new UsageError(command ? `unknown command ${command}\n${USAGE}` : USAGE);
    const { text, code } = fn(args);
    const out = (() => { const k = args.indexOf('--out'); return k >= 0 ? args[k + 1] : undefined; })();
    if (out) writeFileSync(out, text);
    else process.stdout.write(text);
    return code;
  } catch (e) {
    if (e instanceof ScenarioError) {
      for (const issue of e.issues) process.stderr.write(`${formatIssue(issue)}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    process.stderr.write(`concerto: ${(e as Error).message ?? String(e)}\n`);
    return 2;
  }
}
