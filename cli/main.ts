// The `concerto` command line: one file per command; this file only dispatches and turns errors
// into one line each (exit 2), never a stack trace.
import { formatIssue, ScenarioError } from '../sim/engine/errors.ts';
import { UsageError } from './args.ts';
import { compareCommand } from './compare.ts';
import { listCommand } from './list.ts';
import { mergeCommand } from './merge.ts';
import { paramsCommand } from './params.ts';
import { rerunCommand } from './rerun.ts';
import { runCommand } from './run.ts';
import { sweepCommand } from './sweep.ts';
import { validateCommand } from './validate.ts';

export { UsageError };

export const USAGE = `usage: concerto <command> …
  run <scenario file | bundled name> [--seed N] [--reps R] [--cycles T] [--set name=value …] [--detail provinces] [--format json|csv] [--out FILE]
  validate <scenario or experiment file>
  params [--model M] [--format json]
  list
  sweep <experiment file | bundled name> [--workers N] [--shard i/N] [--series] [--out FILE.csv|.jsonl|.json] [--format csv|jsonl|json] [--manifest FILE]
  merge <shard outputs…> [--out FILE] [--format csv|jsonl|json]
  compare <scenario A> <scenario B> [--reps R] [--seed N] [--cycles T] [--set name=value …] [--metrics a,b] [--format table|json] [--out FILE]
  rerun <manifest> [--workers N]`;

export const COMMANDS: Record<string, (args: readonly string[]) => Promise<number>> = {
  run: runCommand,
  validate: validateCommand,
  params: paramsCommand,
  list: listCommand,
  sweep: (args) => sweepCommand(args),
  merge: mergeCommand,
  compare: compareCommand,
  rerun: (args) => rerunCommand(args),
};

/** Runs a command; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const fn = command ? COMMANDS[command] : undefined;
    if (!fn) {
      throw new UsageError(command
        ? `unknown command ${command} (commands: ${Object.keys(COMMANDS).join(', ')}; concerto --help shows their options)`
        : `usage: concerto <command> … (commands: ${Object.keys(COMMANDS).join(', ')}; concerto --help shows their options)`);
    }
    return await fn(args);
  } catch (e) {
    if (e instanceof ScenarioError) {
      for (const issue of e.issues) process.stderr.write(`${formatIssue(issue)}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`${command && COMMANDS[command] ? `${command}: ` : ''}${e.message}\n`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    if (err?.code === 'EPIPE') return 0;
    process.stderr.write(`concerto: ${err?.message ?? String(e)}\n`);
    return 2;
  }
}
