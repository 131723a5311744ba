import { UserError, type UserErrorDetails } from '@tfyaml/spec-schema';

export interface DataErrorDetails extends Omit<UserErrorDetails, 'file'> {
  /** The files involved, the first one at fault. */
  files?: readonly string[];
}

/**
 * A problem the user can fix (missing or broken dataset files, failed download, bad option). The message says what
 * happened, where, and how to fix it; `specPath` names the spec field at fault (`data.split.test`), so the CLI can
 * point at its line; `files` lists the paths involved.
 */
export class DataError extends UserError {
  override readonly name = 'DataError';
  readonly files: readonly string[];

  constructor(message: string, { files = [], ...details }: DataErrorDetails = {}) {
    super(message, { ...details, file: files[0] });
    this.files = files;
  }
}
