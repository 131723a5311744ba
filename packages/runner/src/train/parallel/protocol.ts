// Messages between the training thread and its worker threads (data-parallel steps).
import type { Spec } from '@tfyaml/spec-schema';
import type { ConcreteBackend } from '../../backend/select.ts';

export interface WorkerInit {
  kind: 'init';
  spec: Spec;
  target: { inputShape: number[]; numClasses: number };
  backend: ConcreteBackend;
  /** Seeds this replica's random draws (dropout masks); differs per worker. */
  seed: number;
}

/** One shard of one batch, with the weights (trainable and not, in getWeights order) to compute it with. */
export interface ShardRequest {
  kind: 'shard';
  weights: Float32Array;
  x: Float32Array;
  /** Class indices, or regression targets. */
  y: Int32Array | Float32Array;
  size: number;
}

export type ToWorker = WorkerInit | ShardRequest | { kind: 'close' };

export type FromWorker =
  | { kind: 'ready' }
  /** Gradients flattened in trainableWeights order, and [loss, ...metrics] over the shard. */
  | { kind: 'gradients'; grads: Float32Array; values: number[] }
  | { kind: 'error'; message: string; stack?: string };
