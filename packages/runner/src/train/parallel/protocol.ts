// Messages between the training thread and its worker threads (data-parallel steps).
import type { Spec } from '@tfyaml/spec-schema';
import type { ConcreteBackend } from '../../backend/select.ts';
import type { SharedGradientsInit } from './all-reduce.ts';

export interface WorkerInit {
  kind: 'init';
  spec: Spec;
  target: { inputShape: number[]; numClasses: number };
  backend: ConcreteBackend;
  /** Seeds this replica's random draws (dropout masks); differs per worker. */
  seed: number;
  rank: number;
  shared: SharedGradientsInit;
  /** The starting weights (trainable and not, in getWeights order), the same for every replica. */
  weights: Float32Array;
}

/** One shard of one batch; every worker gets one each step, possibly empty, since every replica applies the update. */
export interface ShardRequest {
  kind: 'shard';
  /** Numbered from 1 within the run. */
  step: number;
  x: Float32Array;
  /** Class indices, or regression targets. */
  y: Int32Array | Float32Array;
  size: number;
  /** Every worker's shard size this step, in rank order: the weights of the gradient mean. */
  sizes: number[];
  learningRate: number;
}

export type ToWorker = WorkerInit | ShardRequest | { kind: 'weights' } | { kind: 'close' };

export type FromWorker =
  | { kind: 'ready' }
  /** [loss, ...metrics] over the shard (empty for an empty shard), and how long its gradients took. */
  | { kind: 'stepped'; values: number[]; computeMs: number }
  | { kind: 'weights'; weights: Float32Array }
  | { kind: 'error'; message: string; stack?: string };
