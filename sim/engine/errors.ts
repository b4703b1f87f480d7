/** One rejected field: where it is, what it held, and the rule it broke. */
export interface Issue {
  path: string;
  value: unknown;
  rule: string;
}

// C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional overrides and
// isolates: anything that would break a message over lines, move the cursor, retitle a terminal
// (ANSI escapes start with ESC) or reorder what a reader sees.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a file, fit for one line of a terminal: unprintable characters written as `\u001b`,
 * and at most `max` characters (a 1 MB key name is cut, with `…` where it was cut).
 */
export function printable(text: string, max = 200): string {
  // Escaping only lengthens, so the first `max` characters are all that can be shown.
  const s = text.slice(0, max).replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return s.length > max || text.length > max ? `${s.slice(0, Math.max(1, max - 1))}…` : s;
}

export function formatValue(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (value === undefined) return 'nothing';
  let s: string;
  try {
    // A value nested too deep for JSON.stringify is described, not walked.
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = Array.isArray(value) ? 'an array' : typeof value === 'object' && value !== null ? 'an object' : typeof value;
  }
  s = printable(s, 1000);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** `path: rule (got value)`, the one-line form the CLI prints for each problem. */
export function formatIssue(issue: Issue): string {
  return `${printable(issue.path || '(root)')}: ${printable(issue.rule, 400)} (got ${formatValue(issue.value)})`;
}

/** Bad input: every problem found, each named by its path and value. */
export class ScenarioError extends Error {
  readonly issues: Issue[];
  constructor(issues: Issue[]) {
    // The message is for logs and stack traces; the CLI prints `issues` itself, capped (a file can hold millions).
    super(
      issues.slice(0, 20).map(formatIssue).join('\n') + (issues.length > 20 ? `\nand ${issues.length - 20} more` : ''),
    );
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}

/** A number the model produced that is not finite: the run fails and is recorded as failed. */
export class NonFiniteError extends Error {
  constructor(what: string, value: number, cycle: number) {
    super(`non-finite value ${formatValue(value)} for ${what} at cycle ${cycle}`);
    this.name = 'NonFiniteError';
  }
}
