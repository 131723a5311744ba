// Errors → what the user sees. User errors print their issues and exit 1 without a stack; anything else is a bug.
import { DataError } from '@tfyaml/data';
import { ModelError } from '@tfyaml/model-compiler';
import { formatIssue, SpecError } from '@tfyaml/spec-schema';
import { RunError } from './errors.ts';

export const EXIT_USER_ERROR = 1;
export const EXIT_INTERNAL_ERROR = 70;

export function reportError(error: unknown, write: (text: string) => void = (t) => process.stderr.write(t)): number {
  if (error instanceof SpecError) {
    for (const issue of error.issues) write(`✖ ${formatIssue(issue)}\n`);
    const count = error.issues.length;
    write(`${count} problem${count === 1 ? '' : 's'} found; nothing was run.\n`);
    return EXIT_USER_ERROR;
  }
  if (error instanceof RunError || error instanceof DataError || error instanceof ModelError) {
    write(`✖ ${error.message}\n`);
    const hint = 'hint' in error ? error.hint : undefined;
    if (hint) write(`    hint: ${hint}\n`);
    return EXIT_USER_ERROR;
  }
  write(`✖ internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  write('This is a bug in tfyaml, not in your experiment. Please report it with the command you ran and this output.\n');
  return EXIT_INTERNAL_ERROR;
}
