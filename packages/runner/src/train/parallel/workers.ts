import { availableParallelism } from 'node:os';
import type { ConcreteBackend } from '../../backend/select.ts';

/**
 * Above this many weights, what every step costs per weight outweighs what the second core gains: the weight
 * gradients' matrix products cost the same for half the batch, and the gradients are copied to shared memory,
 * averaged and read back each step (measured with `pnpm run bench` at batch 32: a 1.7 M-weight MLP trains 1.6×
 * slower on 2 wasm workers, even with the optimizer sharded; the 168 k-weight seed CNN faster).
 */
export const PARALLEL_WEIGHT_LIMIT = 1_000_000;

/**
 * tfjs-node and native already use every core inside each op (and their thread pools are per process, so worker
 * threads would only fight over the cores); wasm and cpu run one thread per backend, so `auto` adds threads when
 * the model is small enough for the per-step gradient exchange to pay off.
 */
export function resolveWorkers(
  workers: number | 'auto',
  backend: ConcreteBackend,
  weights = 0,
  cores = availableParallelism(),
): number {
  if (backend === 'tensorflow' || backend === 'native') return 1;
  if (workers !== 'auto') return workers;
  return weights > PARALLEL_WEIGHT_LIMIT ? 1 : Math.max(1, cores);
}
