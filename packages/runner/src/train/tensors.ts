import * as tf from '@tensorflow/tfjs-core';
import type { Batch } from '@tfyaml/data';
import type { LabelEncoding } from '@tfyaml/model-compiler';

/** A batch as tensors: x [size, ...shape] and y as the model's loss expects it. */
export function batchTensors(batch: Batch, shape: number[], labels: LabelEncoding): { x: tf.Tensor; y: tf.Tensor } {
  const x = tf.tensor(batch.x, [batch.size, ...shape], 'float32');
  if (labels.kind === 'index') return { x, y: tf.tensor(batch.y, [batch.size, 1], 'float32') };
  return { x, y: tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(batch.y, 'int32'), labels.classes), 'float32')) };
}
