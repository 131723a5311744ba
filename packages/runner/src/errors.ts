import { UserError, type UserErrorDetails } from '@tfyaml/spec-schema';

/** A problem the user can fix outside the spec file itself (backend not installed, output folder not writable). */
export class RunError extends UserError {
  override readonly name = 'RunError';
  constructor(message: string, hint?: string, details: Omit<UserErrorDetails, 'hint'> = {}) {
    super(message, { ...details, hint });
  }
}

/** A command line tfyaml cannot read: unknown command or option, missing argument. `usage` is the command's help. */
export class UsageError extends UserError {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly usage: string,
    hint?: string,
  ) {
    super(message, { hint });
  }
}
