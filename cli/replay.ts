// concerto replay <file>: replay an exercise result file (concerto-exercise-result) or a workshop log
// (concerto-workshop-log, from `concerto serve`) and check its checksum: exit 0 and the checksum when
// the replayed run reproduces it, 3 when it does not, 2 for a file that is not one of them.
import { ScenarioError } from '../sim/engine/errors.ts';
import { readResult, RESULT_KIND } from '../sim/exercise/results.ts';
import { readWorkshopLog, WORKSHOP_LOG_KIND } from '../sim/exercise/workshopLog.ts';
import { exactlyOne, parseFlags, UsageError } from './args.ts';
import { parseJson, readText } from './io.ts';

export async function replayCommand(args: readonly string[]): Promise<number> {
  const flags = parseFlags(args, {});
  const path = exactlyOne(flags, 'file (an exercise result or a workshop log)');
  const raw = parseJson(readText(path), path) as Record<string, unknown> | null;
  const kind = raw !== null && typeof raw === 'object' ? raw.kind : undefined;
  try {
    if (kind === WORKSHOP_LOG_KIND) {
      const { run, exercise, names } = readWorkshopLog(raw);
      const seats = Object.keys(names).filter((s) => (names[s] ?? []).length > 0);
      process.stdout.write(
        `${run.checksum} ${exercise.id}: ${run.record.cycles} rounds, ${seats.length} played seat(s) (${seats.join(', ')}), reproduced\n`,
      );
      return 0;
    }
    if (kind === RESULT_KIND) {
      const { run, exercise } = readResult(raw);
      process.stdout.write(`${run.checksum} ${exercise.id}: ${run.record.cycles} rounds, reproduced\n`);
      return 0;
    }
  } catch (err) {
    // A checksum that the replay does not reproduce is exit 3, like `rerun`; anything else is bad input.
    if (err instanceof ScenarioError && err.issues.length === 1 && err.issues[0]!.path === 'checksum') {
      process.stderr.write(`${err.message}\n`);
      return 3;
    }
    throw err;
  }
  throw new UsageError(
    `${path}: kind must be "${WORKSHOP_LOG_KIND}" or "${RESULT_KIND}" (got ${JSON.stringify(kind)})`,
  );
}
