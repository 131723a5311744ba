// Loss spec → what tfjs-layers' compile takes: the tfjs loss name, or our function for a loss on logits. What each
// loss needs comes from spec-schema's LOSSES table.
import * as tf from '@tensorflow/tfjs-core';
import { LOSSES, type LossSpec } from '@tfyaml/spec-schema';

export type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/** Label layout the loss reads: class indices [N, 1] or one-hot rows [N, classes]. */
export type LabelEncoding = { kind: 'index' } | { kind: 'onehot'; classes: number };

export function labelEncoding(loss: LossSpec, classes: number): LabelEncoding {
  const { labels, logits } = LOSSES[loss.type];
  // Our softmax-on-logits form is tfjs-core's softmaxCrossEntropy, which reads one-hot rows whatever the loss reads.
  const onehot = labels === 'onehot' || (loss.fromLogits && logits === 'softmax');
  return onehot ? { kind: 'onehot', classes } : { kind: 'index' };
}

/** tfjs-layers has no fromLogits; on logits we use tfjs-core's numerically stable crossentropies. */
export function lossFunction(loss: LossSpec): string | LossFn {
  if (!loss.fromLogits) return loss.type;
  switch (LOSSES[loss.type].logits) {
    case 'softmax':
      return (yTrue, yPred) => tf.losses.softmaxCrossEntropy(yTrue, yPred);
    case 'sigmoid':
      return (yTrue, yPred) => tf.losses.sigmoidCrossEntropy(yTrue, yPred);
    case null:
      throw new Error(`lossFunction: ${loss.type} has no logits form (loadSpec rejects this)`);
  }
}
