// Weights and gradients cross threads as flat Float32Arrays.
//
// Every step moves them without allocating: `dataSync` on wasm copies a tensor out of the wasm heap into a new
// ArrayBuffer, and a few such megabyte copies per step and worker kept V8's collector busy (GCs "for external memory
// pressure"; its background threads took ~17% of a core beside the two workers).
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type * as tfl from '@tensorflow/tfjs-layers';

const onWasm = () => tf.getBackend() === 'wasm';

/** The tensor's values, read in place where the backend allows it: use them before the next tensor op. */
function valuesOf(tensor: tf.Tensor): Float32Array {
  // wasm: a view of its heap (valid until the heap grows); cpu: dataSync returns the array it holds, uncopied.
  return (onWasm() ? (tf.backend() as BackendWasm).typedArrayFromHeap(tensor) : tensor.dataSync()) as Float32Array;
}

/** A tensor that owns a copy of `values`: wasm copies them into its heap; cpu would keep the very array. */
function tensorFrom(values: Float32Array, shape: number[]): tf.Tensor {
  return tf.tensor(onWasm() ? values : values.slice(), shape, 'float32');
}

/** Copies the tensors' values one after another into `target`, from `offset` on (it must have room for all). */
export function writeFlat(tensors: readonly tf.Tensor[], target: Float32Array, offset = 0): void {
  for (const tensor of tensors) {
    target.set(valuesOf(tensor), offset);
    offset += tensor.size;
  }
}

/** Cuts a flat array back into tensors of the given shapes. */
export function unflatten(flat: Float32Array, shapes: readonly number[][]): tf.Tensor[] {
  let offset = 0;
  return shapes.map((shape) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const tensor = tensorFrom(flat.subarray(offset, offset + size), shape);
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
  const tensors = unflatten(
    flat,
    model.weights.map((w) => w.shape as number[]),
  );
  model.setWeights(tensors);
  tf.dispose(tensors);
}

/** Sets each variable from its part of `flat` (in order); `flat` may change afterwards. */
export function assignFlat(variables: readonly tf.Variable[], flat: Float32Array): void {
  tf.tidy(() => {
    const parts = unflatten(
      flat,
      variables.map((v) => v.shape),
    );
    variables.forEach((variable, i) => variable.assign(parts[i]!));
  });
}
