/**
 * What every user-fixable error in every tfyaml package says, so the CLI can print and place any of them: the message,
 * how to fix it, the spec field at fault (the CLI turns it into `file:line:column`) and the file at fault.
 */
export interface ErrorShape {
  message: string;
  hint?: string | undefined;
  /** Dot path with [i] indexes into the spec, e.g. `data.split.test`. */
  specPath?: string | undefined;
  file?: string | undefined;
}

export interface UserErrorDetails extends Omit<ErrorShape, 'message'> {
  cause?: unknown;
}

/**
 * A problem the user can fix; each package's error extends it (DataError, ModelError, RunError). The CLI prints it
 * without a stack and exits 1; anything else is a bug. It lives here, in the bottom package, so every package can.
 */
export class UserError extends Error implements ErrorShape {
  override readonly name: string = 'UserError';
  readonly hint: string | undefined;
  readonly specPath: string | undefined;
  readonly file: string | undefined;
  constructor(message: string, details: UserErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.hint = details.hint;
    this.specPath = details.specPath;
    this.file = details.file;
  }
}

/** One problem in a spec, located in its file (or in the `--set` override that introduced the value). */
export interface SpecIssue extends Pick<ErrorShape, 'message' | 'hint'> {
  /** Dot path with [i] indexes, e.g. `model.layers[2].filters`; empty for the whole document. */
  path: string;
  /** Where the problem is: the file and 1-based position, or a `--set` argument. */
  source: string;
  line?: number;
  column?: number;
}

/** A user-fixable problem with an experiment file. The CLI prints its issues, one per line, without a stack. */
export class SpecError extends UserError {
  override readonly name = 'SpecError';
  constructor(
    readonly issues: SpecIssue[],
    options?: { cause?: unknown },
  ) {
    super(issues.map(formatIssue).join('\n'), options);
  }
}

/** `file:line:column path: message (hint)` — the format editors and terminals turn into links. */
export function formatIssue(issue: SpecIssue): string {
  const where = issue.line === undefined ? issue.source : `${issue.source}:${issue.line}:${issue.column ?? 1}`;
  const path = issue.path ? ` ${issue.path}:` : '';
  const hint = issue.hint ? `\n    hint: ${issue.hint}` : '';
  return `${where}${path} ${issue.message}${hint}`;
}
