// The `concerto` command line: one file per command; this file only dispatches and turns errors
// into one line each (exit 2; 70 for an internal error), never a stack trace unless --debug asks.
import { formatIssue, printable, ScenarioError } from '../sim/engine/errors.ts';
import { UsageError } from './args.ts';

export { UsageError };

export const USAGE = `usage: concerto <command> …
  run <scenario file | bundled name> [--seed N] [--reps R] [--cycles T] [--set name=value …] [--detail provinces] [--format json|csv] [--out FILE] [--allow-large]
  validate <scenario or experiment file> [--allow-large] [--scenario-root DIR …]
  params [--model M] [--format json]
  list
  sweep <experiment file | bundled name> [--workers N] [--shard i/N] [--series] [--out FILE.csv|.jsonl|.json] [--format csv|jsonl|json] [--manifest FILE] [--allow-large] [--scenario-root DIR …]
  merge <shard outputs…> [--out FILE] [--format csv|jsonl|json] [--manifest FILE] [--allow-large]
  compare <scenario A> <scenario B> [--reps R] [--seed N] [--cycles T] [--set name=value …] [--metrics a,b] [--derived name=expr …] [--format table|json] [--out FILE]
  rerun <manifest> [--workers N] [--allow-large]
  replay <exercise result or workshop log>   (exit 0 when the checksum is reproduced, 3 when not)
  serve [--port N] [--host H] [--data DIR] [--app DIR] [--no-build] [--max-sessions N] [--max-participants N] [--joins-per-minute N] [--requests-per-minute N]
--debug (any command) prints the stack of an internal error (exit 70)`;

/**
 * Each command is imported when it is asked for, so one command does not load what another needs
 * (the workshop server and its native modules, the experiment engine, the statistics): `concerto run`
 * starts in a fraction of the time (issue 12; cli/bundle.mjs makes each import its own chunk).
 */
export const COMMANDS: Record<string, (args: readonly string[]) => Promise<number>> = {
  run: async (args) => (await import('./run.ts')).runCommand(args),
  validate: async (args) => (await import('./validate.ts')).validateCommand(args),
  params: async (args) => (await import('./params.ts')).paramsCommand(args),
  list: async (args) => (await import('./list.ts')).listCommand(args),
  sweep: async (args) => (await import('./sweep.ts')).sweepCommand(args),
  merge: async (args) => (await import('./merge.ts')).mergeCommand(args),
  compare: async (args) => (await import('./compare.ts')).compareCommand(args),
  rerun: async (args) => (await import('./rerun.ts')).rerunCommand(args),
  replay: async (args) => (await import('./replay.ts')).replayCommand(args),
  serve: async (args) => (await import('./serve.ts')).serveCommand(args),
};

/** Problems listed before "and N more": a file can hold millions, a terminal shows a screenful. */
export const MAX_LISTED_PROBLEMS = 20;

/** An error that is not about the input (a bug in Concerto): `internal software error` in sysexits.h. */
export const EXIT_INTERNAL = 70;

/**
 * Runs a command; returns the exit code. Every message is one line per problem, with control
 * characters escaped and long names cut; bad input is exit 2, and anything unexpected exit 70 (a
 * bug, not the user's input) with a short message, and its stack only with `--debug`.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const [command, ...args] = argv.filter((a) => a !== '--debug');
  const prefix = command && Object.prototype.hasOwnProperty.call(COMMANDS, command) ? `${command}: ` : '';
  try {
    if (command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const fn = command && Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!fn) {
      throw new UsageError(
        command
          ? `unknown command ${command} (commands: ${Object.keys(COMMANDS).join(', ')}; concerto --help shows their options)`
          : `usage: concerto <command> … (commands: ${Object.keys(COMMANDS).join(', ')}; concerto --help shows their options)`,
      );
    }
    return await fn(args);
  } catch (e) {
    if (e instanceof ScenarioError) {
      const shown = e.issues.slice(0, MAX_LISTED_PROBLEMS);
      for (const issue of shown) process.stderr.write(`${formatIssue(issue)}\n`);
      if (e.issues.length > shown.length) process.stderr.write(`and ${e.issues.length - shown.length} more problems\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`${printable(prefix + e.message, 2000)}\n`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    if (err?.code === 'EPIPE') return 0;
    // A system call that failed (a full disk, a file that vanished): the environment, not a bug.
    if (typeof err?.code === 'string' && typeof err.syscall === 'string') {
      process.stderr.write(`${printable(`concerto: ${err.message}`, 2000)}\n`);
      return 2;
    }
    process.stderr.write(
      `${printable(`concerto: internal error: ${err?.message ?? String(e)}`, 2000)}${debug ? '' : ' (this is a bug in Concerto; --debug shows where)'}\n`,
    );
    if (debug && err?.stack) process.stderr.write(`${err.stack}\n`);
    return EXIT_INTERNAL;
  }
}
