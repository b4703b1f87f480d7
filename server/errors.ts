import { formatIssue, type Issue } from '../sim/engine/errors.ts';

/** An API error: a status and every rejected field, each as `path: rule (got value)`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly issues: Issue[],
    readonly headers: Record<string, string> = {},
  ) {
    super(issues.length > 0 ? formatIssue(issues[0]!) : `HTTP ${status}`);
  }

  body(): { error: string; fields: string[] } {
    return { error: this.message, fields: this.issues.map(formatIssue) };
  }
}
