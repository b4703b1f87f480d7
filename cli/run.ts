// concerto run <scenario> …: replicates of one scenario, as JSON (manifest, runs, summary) or tidy CSV.
import { ScenarioError, type Issue } from '../sim/engine/errors.ts';
import type { AnyModel, Scenario } from '../sim/engine/model.ts';
import { parseAssignment } from '../sim/engine/params.ts';
import { runScenario, type RunRecord } from '../sim/engine/run.ts';
import { runOutput, runOutputJson, runsToCsv } from '../sim/experiment/runOutput.ts';
import { getModel } from '../sim/models.ts';
import { exactlyOne, has, last, oneOf, parseFlags, UsageError, wholeNumber } from './args.ts';
import { CONCERTO_VERSION, writeAll } from './io.ts';
import { loadScenarioArg } from './sources.ts';

/** `--set name=value` assignments over a scenario's parameters, then the model's cross-field rules. */
export function applySets(scenario: Scenario, model: AnyModel, sets: readonly string[]): Scenario {
  if (sets.length === 0) return scenario;
  const issues: Issue[] = [];
  const params = { ...scenario.params };
  for (const s of sets) {
    const kv = parseAssignment(model.params, s, issues);
    if (kv) params[kv[0]] = kv[1];
  }
  if (issues.length) throw new ScenarioError(issues);
  model.validate(scenario.data, scenario.events, params, issues);
  if (issues.length)
    throw new ScenarioError(issues.map((i) => ({ ...i, path: i.path.replace(/^params\./, '--set ') })));
  return { ...scenario, params };
}

/** Series values `run` holds for its one document (replicates × cycles × metrics): about 20 bytes each as JSON. */
export const RUN_VALUES = 10_000_000;
export const RUN_VALUES_LARGE = 20_000_000;

export function runText(args: readonly string[]): { text: string; code: number; out: string | undefined } {
  const flags = parseFlags(args, {
    '--seed': 'value',
    '--reps': 'value',
    '--cycles': 'value',
    '--set': 'value',
    '--detail': 'value',
    '--format': 'value',
    '--out': 'value',
    '--allow-large': 'flag',
  });
  const source = exactlyOne(flags, 'scenario (a file or a bundled name)');
  const seed = wholeNumber(flags, '--seed', 1, 0, 2 ** 32 - 1);
  const reps = wholeNumber(flags, '--reps', 1, 1, 100000);
  const detail = oneOf(flags, '--detail', ['provinces', 'none'], 'none') === 'provinces';
  const format = oneOf(flags, '--format', ['json', 'csv'], 'json');
  const scenario0 = loadScenarioArg(source);
  const model = getModel(scenario0.model)!;
  const scenario = applySets(scenario0, model, flags.options.get('--set') ?? []);
  const cycles = wholeNumber(flags, '--cycles', model.defaultCycles, 1, 100000);
  // `run` keeps every series of every replicate for one document: bound it before running anything.
  const limit = has(flags, '--allow-large') ? RUN_VALUES_LARGE : RUN_VALUES;
  const values = reps * cycles * model.metrics.length;
  if (values > limit) {
    throw new UsageError(
      `--reps ${reps} × --cycles ${cycles} × ${model.metrics.length} metrics = ${values} series values, more than the limit of ${limit}${limit < RUN_VALUES_LARGE ? ` (--allow-large raises it to ${RUN_VALUES_LARGE}; a sweep streams its rows instead)` : ' (a sweep streams its rows instead)'}`,
    );
  }
  if (detail && !model.detail) throw new UsageError(`--detail: the ${model.id} model has no per-unit detail`);
  const runs: RunRecord[] = [];
  for (let r = 0; r < reps; r++) runs.push(runScenario(model, scenario, { seed, replicate: r, cycles, detail }));
  const failed = runs.some((r) => r.status === 'failed');
  const text =
    format === 'csv'
      ? runsToCsv(
          runs,
          model.metrics.map((m) => m.name),
        )
      : runOutputJson(runOutput(model, scenario, runs, { concerto: CONCERTO_VERSION, seed, replicates: reps, cycles }));
  return { text, code: failed ? 1 : 0, out: last(flags, '--out') };
}

export async function runCommand(args: readonly string[]): Promise<number> {
  const { text, code, out } = runText(args);
  await writeAll(out, text);
  return code;
}
