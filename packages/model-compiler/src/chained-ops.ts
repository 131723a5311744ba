// tfjs-layers calls chained ops (`t.flatten()` in recurrent layers' orthogonal initializer) that only the
// @tensorflow/tfjs bundle registers: tfjs-core's own registration module is ESM that Node cannot load. The bundle takes
// a few hundred ms to load, so it is required on demand, not on import: `tfyaml check` refuses a spec too large for the
// machine without it. It must load before a backend is chosen (the runner's selectBackend requires it first): loaded
// later, it re-registers tfjs's stock gradients over what is in place, and a data-parallel run's replicas disagreed.
import { createRequire } from 'node:module';

let registered = false;

export function registerChainedOps(): void {
  if (registered) return;
  createRequire(import.meta.url)('@tensorflow/tfjs');
  registered = true;
}
