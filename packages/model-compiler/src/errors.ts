/** A model the spec describes but tfjs cannot build. `path` is the spec path to blame, for file:line:column. */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  constructor(readonly path: string, message: string, readonly hint?: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
