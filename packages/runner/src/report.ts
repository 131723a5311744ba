// Errors → what the user sees. User errors print their issues and exit 1 without a stack; anything else is a bug.
// Imported by the CLI entry, so it must stay light: data and model errors are recognised by their `name` (each
// package's typed error sets it) rather than by importing packages that load TensorFlow.
import { formatIssue, SpecError } from '@tfyaml/spec-schema';

export const EXIT_USER_ERROR = 1;
export const EXIT_INTERNAL_ERROR = 70;
/** The shell's code for a run ended by Ctrl-C (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

/** Errors users can fix: RunError (runner), DataError (data), ModelError (model-compiler), NativeUnavailableError. */
const USER_ERRORS = new Set(['RunError', 'DataError', 'ModelError', 'NativeUnavailableError']);

export function reportError(error: unknown, write: (text: string) => void = (t) => process.stderr.write(t)): number {
  if (error instanceof SpecError) {
    for (const issue of error.issues) write(`✖ ${formatIssue(issue)}\n`);
    const count = error.issues.length;
    write(`${count} problem${count === 1 ? '' : 's'} found; nothing was run.\n`);
    return EXIT_USER_ERROR;
  }
  if (error instanceof Error && USER_ERRORS.has(error.name)) {
    write(`✖ ${error.message}\n`);
    const hint = (error as { hint?: unknown }).hint;
    if (typeof hint === 'string' && hint) write(`    hint: ${hint}\n`);
    return EXIT_USER_ERROR;
  }
  write(`✖ internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  write('This is a bug in tfyaml, not in your experiment. Please report it with the command you ran and this output.\n');
  return EXIT_INTERNAL_ERROR;
}
