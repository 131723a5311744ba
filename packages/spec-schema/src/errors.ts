/** One problem in a spec, located in its file (or in the `--set` override that introduced the value). */
export interface SpecIssue {
  /** Dot path with [i] indexes, e.g. `model.layers[2].filters`; empty for the whole document. */
  path: string;
  message: string;
  hint?: string;
  /** Where the problem is: the file and 1-based position, or a `--set` argument. */
  source: string;
  line?: number;
  column?: number;
}

/** A user-fixable problem with an experiment file. The CLI prints its issues, one per line, without a stack. */
export class SpecError extends Error {
  override readonly name = 'SpecError';
  constructor(readonly issues: SpecIssue[], options?: { cause?: unknown }) {
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
