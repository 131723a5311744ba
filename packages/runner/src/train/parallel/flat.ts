// Weights and gradients travel between threads as one flat Float32Array each.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

export async function flatten(tensors: readonly tf.Tensor[]): Promise<Float32Array> {
  const parts = await Promise.all(tensors.map((t) => t.data() as Promise<Float32Array>));
  const flat = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    flat.set(part, offset);
    offset += part.length;
  }
  return flat;
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

export function weightShapes(model: tfl.LayersModel): number[][] {
  return model.weights.map((w) => w.shape as number[]);
}

export function setFlatWeights(model: tfl.LayersModel, flat: Float32Array): void {
  const tensors = unflatten(flat, weightShapes(model));
  model.setWeights(tensors);
  tf.dispose(tensors);
}

export async function flatWeights(model: tfl.LayersModel): Promise<Float32Array> {
  return flatten(model.getWeights());
}
