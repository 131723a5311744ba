// tfjs-layers calls chained ops (`t.flatten()` in recurrent layers' orthogonal initializer) that only the
// @tensorflow/tfjs bundle registers: tfjs-core's own registration module is ESM that Node cannot load. The bundle takes
// a few hundred ms to load, so it is required when a model is first built or loaded, not on import: `tfyaml check`
// refuses a spec too large for the machine before it would be needed.
import { createRequire } from 'node:module';

let registered = false;

export function registerChainedOps(): void {
  if (registered) return;
  createRequire(import.meta.url)('@tensorflow/tfjs');
  registered = true;
}
