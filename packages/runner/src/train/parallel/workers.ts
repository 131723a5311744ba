import { availableParallelism } from 'node:os';
import type { ConcreteBackend } from '../../backend/select.ts';

/** tfjs-node already uses every core inside each op; wasm and cpu run one thread per backend, so add threads. */
export function resolveWorkers(workers: number | 'auto', backend: ConcreteBackend, cores = availableParallelism()): number {
  if (workers !== 'auto') return workers;
  return backend === 'tensorflow' ? 1 : Math.max(1, cores);
}
