// Where scenarios and experiments come from on the command line: a bundled name or a file.
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Scenario } from '../sim/engine/model.ts';
import { bundledContext } from '../sim/context.ts';
import { parseScenario } from '../sim/engine/scenario.ts';
import type { CostLimits } from '../sim/experiment/cost.ts';
import { resolveExperiment, type Experiment, type ScenarioLoader } from '../sim/experiment/experiment.ts';
import { BUNDLED_SCENARIOS, bundledScenario } from '../sim/scenarios.ts';
import { UsageError, type Flags } from './args.ts';
import { canonicalPath } from './files.ts';
import { bundledExperimentNames, EXPERIMENTS_DIR, parseJson, readText } from './io.ts';

/** A bundled scenario's raw JSON, or a file's; the engine validates it. */
export function readScenarioArg(arg: string): unknown {
  const bundled = bundledScenario(arg);
  if (bundled !== undefined) return bundled;
  if (!existsSync(arg))
    throw new UsageError(
      `${arg}: not a bundled scenario and not a readable file (bundled: ${Object.keys(BUNDLED_SCENARIOS).join(', ')})`,
    );
  return parseJson(readText(arg, 'scenario file'), arg);
}

export function loadScenarioArg(arg: string): Scenario {
  return parseScenario(readScenarioArg(arg), bundledContext);
}

/**
 * Scenario references in an experiment: a bundled name, else a path inside the experiment file's
 * folder (docs/formats.md, "Confinement"). An experiment file may come from someone else, so its
 * `scenario` must not make the CLI read anything else: a path that leaves the folder (`../x`,
 * `/etc/passwd`, `/dev/zero`, or a symbolic link pointing out) is refused before anything is
 * opened, and what is read must be a regular file under the size cap. Messages name the path
 * given, never what a file holds. `allowedRoots` (the CLI's --scenario-root) are folders the user
 * explicitly allows besides the experiment's own.
 */
export function scenarioLoader(baseDir: string, allowedRoots: readonly string[] = []): ScenarioLoader {
  return (ref) => {
    const bundled = bundledScenario(ref);
    if (bundled !== undefined) return bundled;
    const root = canonicalPath(baseDir);
    const roots = [root, ...allowedRoots.map(canonicalPath)];
    const outside = `must be a bundled scenario name (${Object.keys(BUNDLED_SCENARIOS).join(', ')}) or a path inside the experiment file's folder${allowedRoots.length > 0 ? ' or a --scenario-root' : ''}`;
    // Lexically first: nothing outside the allowed folders is even looked at.
    const path = resolve(root, ref);
    if (!roots.some((r) => isInside(r, path))) throw new Error(outside);
    if (!existsSync(path)) return undefined;
    // Then the real path: a symbolic link inside the folder may point anywhere.
    if (!roots.some((r) => isInside(r, canonicalPath(path))))
      throw new Error(`${outside} (it is a symbolic link that leads out of it)`);
    try {
      return parseJson(readText(path, 'scenario file'), ref);
    } catch (e) {
      throw new Error((e as Error).message, { cause: e });
    }
  };
}

/** `path` is `root` or below it (both absolute and canonical). */
function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** An experiment file path, or the name of one in scenarios/experiments/. */
export function experimentPath(arg: string): string {
  if (existsSync(arg)) return arg;
  const bundled = join(EXPERIMENTS_DIR, `${arg}.json`);
  if (/^[A-Za-z0-9._-]+$/.test(arg) && existsSync(bundled)) return bundled;
  throw new UsageError(
    `${arg}: not a readable experiment file and not a bundled experiment (bundled: ${bundledExperimentNames().join(', ')})`,
  );
}

export function readExperimentArg(arg: string): { raw: unknown; dir: string } {
  const path = experimentPath(arg);
  return { raw: parseJson(readText(path, 'experiment file'), path), dir: dirname(path) };
}

/** Read, validate and resolve an experiment (throws ScenarioError naming every problem). */
export function loadExperimentArg(arg: string, limits?: CostLimits, allowedRoots: readonly string[] = []): Experiment {
  const { raw, dir } = readExperimentArg(arg);
  return resolveExperiment(raw, scenarioLoader(dir, allowedRoots), limits);
}

/** The folders given with --scenario-root, each an existing folder. */
export function scenarioRoots(flags: Flags): string[] {
  const roots = flags.options.get('--scenario-root') ?? [];
  for (const r of roots) {
    let ok: boolean;
    try {
      ok = statSync(r).isDirectory();
    } catch {
      ok = false;
    }
    if (!ok) throw new UsageError(`--scenario-root: must be an existing folder (got ${r})`);
  }
  return roots;
}
