// Errors → what the user sees, and the exit codes. User errors print their issues and exit 1 without a stack;
// anything else is a bug. Imported by the CLI entry, so it stays light: UserError comes from spec-schema, which every
// package's errors extend, so no package that loads TensorFlow is imported to recognise theirs.
import { formatIssue, SpecError, UserError } from '@tfyaml/spec-schema';
import { UsageError } from './errors.ts';
import { asDiskError } from './results/disk-error.ts';

export const EXIT_USER_ERROR = 1;
export const EXIT_INTERNAL_ERROR = 70;
/** The shell's code for a run ended by Ctrl-C (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

export function reportError(error: unknown, write: (text: string) => void = (t) => process.stderr.write(t)): number {
  if (error instanceof SpecError) {
    for (const issue of error.issues) write(`✖ ${formatIssue(issue)}\n`);
    const count = error.issues.length;
    write(`${count} problem${count === 1 ? '' : 's'} found; nothing was run.\n`);
    return EXIT_USER_ERROR;
  }
  if (error instanceof UserError) {
    write(`✖ ${error.specPath ? `${error.specPath}: ` : ''}${error.message}\n`);
    if (error.hint) write(`    hint: ${error.hint}\n`);
    if (error.file && !error.message.includes(error.file)) write(`    file: ${error.file}\n`);
    if (error instanceof UsageError) write(`\n${error.usage}\n`);
    return EXIT_USER_ERROR;
  }
  // A write that hit a full or failing disk is the user's to fix, wherever it came from: one line, no stack.
  const disk = asDiskError(error);
  if (disk) return reportError(disk, write);
  write(`✖ internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  write(
    'This is a bug in tfyaml, not in your experiment. ' +
      'Please report it with the command you ran and this output.\n',
  );
  return EXIT_INTERNAL_ERROR;
}
