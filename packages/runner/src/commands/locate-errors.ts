import { DataError } from '@tfyaml/data';
import { ModelError } from '@tfyaml/model-compiler';
import { SpecError, type LoadedSpec } from '@tfyaml/spec-schema';

/** Data and model errors found after the spec was read still point at the spec line that caused them. */
export async function locateErrors<T>(loaded: LoadedSpec, step: () => Promise<T> | T): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof ModelError) {
      throw new SpecError([{ path: error.path, ...loaded.locate(error.path), message: error.message, ...(error.hint ? { hint: error.hint } : {}) }], { cause: error });
    }
    if (error instanceof DataError) {
      const path = loaded.spec.data.path === undefined ? 'data.dataset' : 'data.path';
      throw new SpecError([{ path, ...loaded.locate(path), message: error.message }], { cause: error });
    }
    throw error;
  }
}
