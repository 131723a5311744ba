import { SpecError, UserError, type LoadedSpec } from '@tfyaml/spec-schema';

/**
 * Errors found after the spec was read (data, model) that name the spec field at fault (`specPath`) still point at
 * the line that set it; those without one are reported as they are.
 */
export async function locateErrors<T>(loaded: LoadedSpec, step: () => Promise<T> | T): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof UserError && !(error instanceof SpecError) && error.specPath !== undefined) {
      const { specPath: path, message, hint } = error;
      throw new SpecError([{ path, ...loaded.locate(path), message, ...(hint ? { hint } : {}) }], { cause: error });
    }
    throw error;
  }
}
