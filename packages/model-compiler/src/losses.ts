// Loss spec → what tfjs-layers' compile takes: the tfjs loss name, or our function for crossentropy on logits.
import * as tf from '@tensorflow/tfjs-core';
import type { LossSpec } from '@tfyaml/spec-schema';

export type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/** Label layout the loss reads: class indices [N, 1] or one-hot rows [N, classes]. */
export type LabelEncoding = { kind: 'index' } | { kind: 'onehot'; classes: number };

export function labelEncoding(loss: LossSpec, classes: number): LabelEncoding {
  // tfjs only skips its target-shape check for its own sparse loss, so our logits version reads one-hot rows.
  const onehot = /^(categorical|kullback|poisson|cosine)/i.test(loss.type) || (loss.type === 'sparseCategoricalCrossentropy' && loss.fromLogits);
  return onehot ? { kind: 'onehot', classes } : { kind: 'index' };
}

/** tfjs-layers has no fromLogits; on logits we use tfjs-core's numerically stable crossentropies. */
export function lossFunction(loss: LossSpec): string | LossFn {
  if (!loss.fromLogits) return loss.type;
  switch (loss.type) {
    case 'sparseCategoricalCrossentropy': // labels arrive one-hot (see labelEncoding)
    case 'categoricalCrossentropy':
      return (yTrue, yPred) => tf.losses.softmaxCrossEntropy(yTrue, yPred);
    case 'binaryCrossentropy':
      return (yTrue, yPred) => tf.losses.sigmoidCrossEntropy(yTrue, yPred);
    default:
      throw new Error(`lossFunction: ${loss.type} has no logits form (loadSpec rejects this)`);
  }
}
