// Weights and gradients cross threads as flat Float32Arrays.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/** Copies the tensors' values one after another into `target` (which must have room for all of them). */
export function writeFlat(tensors: readonly tf.Tensor[], target: Float32Array): void {
  let offset = 0;
  for (const tensor of tensors) {
    target.set(tensor.dataSync() as Float32Array, offset);
    offset += tensor.size;
  }
}

/** Cuts a flat array back into tensors of the given shapes. */
export function unflatten(flat: Float32Array, shapes: readonly number[][]): tf.Tensor[] {
  let offset = 0;
  return shapes.map((shape) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const tensor = tf.tensor(flat.subarray(offset, offset + size), shape, 'float32');
    offset += size;
    return tensor;
  });
}

/** Every weight of the model (trainable and not, in getWeights order), in one array. */
export function flatWeights(model: tfl.LayersModel): Float32Array {
  const weights = model.getWeights();
  const flat = new Float32Array(weights.reduce((n, w) => n + w.size, 0));
  writeFlat(weights, flat);
  return flat;
}

export function setFlatWeights(model: tfl.LayersModel, flat: Float32Array): void {
  const tensors = unflatten(flat, model.weights.map((w) => w.shape as number[]));
  model.setWeights(tensors);
  tf.dispose(tensors);
}
