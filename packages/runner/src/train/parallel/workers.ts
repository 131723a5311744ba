import { availableParallelism } from 'node:os';
import type { ConcreteBackend } from '../../backend/select.ts';

/**
 * tfjs-node and native already use every core inside each op (and their thread pools are per process, so worker
 * threads would only fight over the cores); wasm and cpu run one thread per backend, so add threads.
 */
export function resolveWorkers(workers: number | 'auto', backend: ConcreteBackend, cores = availableParallelism()): number {
  if (backend === 'tensorflow' || backend === 'native') return 1;
  return workers === 'auto' ? Math.max(1, cores) : workers;
}
