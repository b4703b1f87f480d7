// Where scenarios and experiments come from on the command line: a bundled name or a file.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Scenario } from '../sim/engine/model.ts';
import { bundledContext } from '../sim/engine/context.ts';
import { parseScenario } from '../sim/engine/scenario.ts';
import { resolveExperiment, type Experiment, type ScenarioLoader } from '../sim/experiment/experiment.ts';
import { BUNDLED_SCENARIOS, bundledScenario } from '../sim/scenarios.ts';
import { UsageError } from './args.ts';
import { bundledExperimentNames, EXPERIMENTS_DIR, parseJson, readText } from './io.ts';

/** A bundled scenario's raw JSON, or a file's; the engine validates it. */
export function readScenarioArg(arg: string): unknown {
  const bundled = bundledScenario(arg);
  if (bundled !== undefined) return bundled;
  if (!existsSync(arg)) throw new UsageError(`${arg}: not a bundled scenario and not a readable file (bundled: ${Object.keys(BUNDLED_SCENARIOS).join(', ')})`);
  return parseJson(readText(arg, 'scenario file'), arg);
}

export function loadScenarioArg(arg: string): Scenario {
  return parseScenario(readScenarioArg(arg), bundledContext);
}

/** Scenario references in an experiment: a bundled name, else a path relative to the experiment file. */
export function scenarioLoader(baseDir: string): ScenarioLoader {
  return (ref) => {
    const bundled = bundledScenario(ref);
    if (bundled !== undefined) return bundled;
    const path = resolve(baseDir, ref);
    if (!existsSync(path)) return undefined;
    try {
      return JSON.parse(readText(path, 'scenario file'));
    } catch (e) {
      throw new Error(`${ref}: ${(e as Error).message}`, { cause: e });
    }
  };
}

/** An experiment file path, or the name of one in scenarios/experiments/. */
export function experimentPath(arg: string): string {
  if (existsSync(arg)) return arg;
  const bundled = join(EXPERIMENTS_DIR, `${arg}.json`);
  if (/^[A-Za-z0-9._-]+$/.test(arg) && existsSync(bundled)) return bundled;
  throw new UsageError(`${arg}: not a readable experiment file and not a bundled experiment (bundled: ${bundledExperimentNames().join(', ')})`);
}

export function readExperimentArg(arg: string): { raw: unknown; dir: string } {
  const path = experimentPath(arg);
  return { raw: parseJson(readText(path, 'experiment file'), path), dir: dirname(path) };
}

/** Read, validate and resolve an experiment (throws ScenarioError naming every problem). */
export function loadExperimentArg(arg: string): Experiment {
  const { raw, dir } = readExperimentArg(arg);
  return resolveExperiment(raw, scenarioLoader(dir));
}
