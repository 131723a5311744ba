// How one training batch is computed: in this thread, or split across worker threads (data-parallel).
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Batch } from '@tfyaml/data';
import type { LabelEncoding } from '@tfyaml/model-compiler';
import { applyGradients, shardGradients } from './gradients.ts';
import { batchTensors } from './tensors.ts';

export interface StepRunner {
  /** Trains on one batch with one optimizer step; returns [loss, ...metrics] over the batch. */
  step(batch: Batch): Promise<number[]>;
  /** Brings the loop's model up to date with the trained weights (before validation, checkpoints, saving). */
  sync(): Promise<void>;
  dispose(): Promise<void>;
}

export class LocalStep implements StepRunner {
  constructor(
    private readonly model: tfl.LayersModel,
    private readonly optimizer: tf.Optimizer,
    private readonly shape: number[],
    private readonly labels: LabelEncoding,
  ) {}

  async step(batch: Batch): Promise<number[]> {
    const { x, y } = batchTensors(batch, this.shape, this.labels);
    const { grads, values } = await shardGradients(this.model, x, y);
    applyGradients(this.optimizer, this.model, grads);
    tf.dispose([x, y, ...grads]);
    return values;
  }

  async sync(): Promise<void> {}

  async dispose(): Promise<void> {}
}
