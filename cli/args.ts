// Command-line parsing shared by every command, on Node's util.parseArgs: one line per problem,
// never a stack trace.
import { parseArgs } from 'node:util';
import { ALLOW_LARGE, DEFAULT_LIMITS, LARGE_LIMITS, type CostLimits } from '../sim/experiment/cost.ts';

/** Bad input or usage: exit 2 with the message as one line. */
export class UsageError extends Error {}

export interface Flags {
  positional: string[];
  options: Map<string, string[]>;
}

export type FlagKinds = Record<string, 'value' | 'flag'>;

/**
 * `--name value`, `--name=value` and `--flag`; unknown options are errors. A value option may
 * repeat (e.g. `--set`); `last` reads the final one.
 *
 * util.parseArgs does the tokenising (`--name=value`, a value taken from the next argument even when
 * it starts with a dash, `--` ending the options); it runs non-strict so that every message is
 * Concerto's own, naming the option and the value. A single-dash argument (`-`, `-x`) stays a
 * positional argument, as before: Concerto has no short options.
 */
export function parseFlags(args: readonly string[], known: FlagKinds): Flags {
  const options: Record<string, { type: 'string' | 'boolean'; multiple: true }> = {};
  for (const [name, kind] of Object.entries(known))
    options[name.slice(2)] = { type: kind === 'value' ? 'string' : 'boolean', multiple: true };
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const positional: string[] = [];
  const values = new Map<string, string[]>();
  let lastShort = -1;
  for (const t of tokens) {
    if (t.kind === 'option-terminator') continue;
    if (t.kind === 'positional') {
      positional.push(t.value);
      continue;
    }
    if (!t.rawName.startsWith('--')) {
      // `-abc` comes as three tokens of one index: keep the argument once, as written.
      if (t.index !== lastShort) positional.push(args[t.index]!);
      lastShort = t.index;
      continue;
    }
    const name = t.rawName;
    const kind = Object.prototype.hasOwnProperty.call(known, name) ? known[name] : undefined;
    if (!kind) throw new UsageError(`unknown option ${name} (options here: ${Object.keys(known).join(' ') || 'none'})`);
    if (kind === 'flag' && t.value !== undefined) throw new UsageError(`${name} takes no value (got ${t.value})`);
    if (kind === 'value' && t.value === undefined) throw new UsageError(`${name} needs a value`);
    values.set(name, [...(values.get(name) ?? []), t.value ?? 'true']);
  }
  return { positional, options: values };
}

export function last(flags: Flags, name: string): string | undefined {
  return flags.options.get(name)?.at(-1);
}

export function has(flags: Flags, name: string): boolean {
  return flags.options.has(name);
}

export function wholeNumber(flags: Flags, name: string, fallback: number, min: number, max: number): number {
  const raw = last(flags, name);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(v) || v < min || v > max)
    throw new UsageError(`${name}: must be a whole number in [${min}, ${max}] (got ${raw})`);
  return v;
}

export function oneOf<T extends string>(flags: Flags, name: string, choices: readonly T[], fallback: T): T {
  const raw = last(flags, name);
  if (raw === undefined) return fallback;
  if (!(choices as readonly string[]).includes(raw))
    throw new UsageError(`${name}: must be ${choices.join(' or ')} (got ${raw})`);
  return raw as T;
}

/** The cost limits a command works under: the defaults, or the large ones with --allow-large (docs/formats.md §14). */
export function costLimits(flags: Flags): CostLimits {
  return has(flags, ALLOW_LARGE) ? LARGE_LIMITS : DEFAULT_LIMITS;
}

export function exactlyOne(flags: Flags, what: string): string {
  if (flags.positional.length !== 1) {
    throw new UsageError(
      flags.positional.length === 0 ? `needs ${what}` : `takes exactly one ${what} (got ${flags.positional.join(' ')})`,
    );
  }
  return flags.positional[0]!;
}
