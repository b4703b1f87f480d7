// concerto validate <file>: a scenario, an experiment or an exercise file; exit 0, or 2 with one line per problem.
import { bundledContext } from '../sim/context.ts';
import { parseScenario } from '../sim/engine/scenario.ts';
import { experimentDerived, resolveExperiment } from '../sim/experiment/experiment.ts';
import { isExerciseFile, parseExercise } from '../sim/exercise/parse.ts';
import { costLimits, exactlyOne, parseFlags } from './args.ts';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseJson, readText } from './io.ts';
import { experimentPath, readScenarioArg, scenarioLoader, scenarioRoots } from './sources.ts';

/** An experiment file has a `design`; anything else is read as a scenario. */
export function isExperiment(raw: unknown): boolean {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'design' in raw;
}

export async function validateCommand(args: readonly string[]): Promise<number> {
  const flags = parseFlags(args, { '--allow-large': 'flag', '--scenario-root': 'value' });
  const arg = exactlyOne(flags, 'file (a scenario or an experiment)');
  let raw: unknown;
  let dir = '.';
  if (existsSync(arg)) {
    raw = parseJson(readText(arg), arg);
    dir = dirname(arg);
  } else {
    // A bundled scenario name, else a bundled experiment name.
    try {
      raw = readScenarioArg(arg);
    } catch {
      const path = experimentPath(arg);
      raw = parseJson(readText(path), path);
      dir = dirname(path);
    }
  }
  if (isExerciseFile(raw)) {
    const ex = parseExercise(raw);
    process.stdout.write(`${arg}: valid exercise (${ex.role}, ${ex.rounds} rounds)\n`);
    return 0;
  }
  if (isExperiment(raw)) {
    const exp = resolveExperiment(raw, scenarioLoader(dir, scenarioRoots(flags)), costLimits(flags));
    await experimentDerived(exp); // its expressions too (exit 2 naming each bad one)
    const runs = exp.design.size * exp.replicates;
    process.stdout.write(
      `${arg}: valid experiment (${exp.design.type}, ${exp.design.size} points × ${exp.replicates} replicates = ${runs} runs of ${exp.cycles} cycles)\n`,
    );
    return 0;
  }
  parseScenario(raw, bundledContext);
  process.stdout.write(`${arg}: valid\n`);
  return 0;
}
