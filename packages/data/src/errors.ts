/**
 * A problem the user can fix (missing or broken dataset files, failed download, bad option).
 * The message says what happened, where, and how to fix it; `files` lists the paths involved.
 */
export class DataError extends Error {
  override readonly name = 'DataError';
  readonly files: readonly string[];

  constructor(message: string, options: { files?: readonly string[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.files = options.files ?? [];
  }
}
