import { availableParallelism } from 'node:os';
import type { ConcreteBackend } from '../../backend/select.ts';

/**
 * Above this many weights, sending weights and gradients between threads every step costs more than the second
 * core gains (measured: a 1.7 M-weight MLP trains 1.8× slower on 2 wasm threads; the 168 k-weight seed CNN 1.5× faster).
 */
export const PARALLEL_WEIGHT_LIMIT = 1_000_000;

/**
 * tfjs-node and native already use every core inside each op (and their thread pools are per process, so worker
 * threads would only fight over the cores); wasm and cpu run one thread per backend, so `auto` adds threads when
 * the model is small enough for the per-step weight exchange to pay off.
 */
export function resolveWorkers(workers: number | 'auto', backend: ConcreteBackend, weights = 0, cores = availableParallelism()): number {
  if (backend === 'tensorflow' || backend === 'native') return 1;
  if (workers !== 'auto') return workers;
  return weights > PARALLEL_WEIGHT_LIMIT ? 1 : Math.max(1, cores);
}
