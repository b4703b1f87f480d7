/** One rejected field: where it is, what it held, and the rule it broke. */
export interface Issue {
  path: string;
  value: unknown;
  rule: string;
}

export function formatValue(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (value === undefined) return 'nothing';
  try {
    const s = JSON.stringify(value);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return String(value);
  }
}

/** `path: rule (got value)`, the one-line form the CLI prints for each problem. */
export function formatIssue(issue: Issue): string {
  return `${issue.path || '(root)'}: ${issue.rule} (got ${formatValue(issue.value)})`;
}

/** Bad input: every problem found, each named by its path and value. */
export class ScenarioError extends Error {
  readonly issues: Issue[];
  constructor(issues: Issue[]) {
    super(issues.map(formatIssue).join('\n'));
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
