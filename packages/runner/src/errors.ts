/** A problem the user can fix that is not in the spec file itself (backend not installed, output folder not writable). */
export class RunError extends Error {
  override readonly name = 'RunError';
  constructor(message: string, readonly hint?: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
