import { UserError } from '@tfyaml/spec-schema';

/** A model the spec describes but tfjs cannot build. `specPath` is the spec path to blame, for file:line:column. */
export class ModelError extends UserError {
  override readonly name = 'ModelError';
  declare readonly specPath: string;
  constructor(specPath: string, message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, { specPath, hint, cause: options?.cause });
  }
}
