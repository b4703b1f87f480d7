// Command-line parsing shared by every command: one line per problem, never a stack trace.
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
 */
export function parseFlags(args: readonly string[], known: FlagKinds): Flags {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (!a.startsWith('--') || a === '--') {
      if (a !== '--') positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    const kind = known[name];
    if (!kind) throw new UsageError(`unknown option ${name} (options here: ${Object.keys(known).join(' ') || 'none'})`);
    let value: string | undefined = eq > 0 ? a.slice(eq + 1) : undefined;
    if (kind === 'flag' && value !== undefined) throw new UsageError(`${name} takes no value (got ${value})`);
    if (kind === 'value' && value === undefined) {
      value = args[++k];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
    }
    options.set(name, [...(options.get(name) ?? []), value ?? 'true']);
  }
  return { positional, options };
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
