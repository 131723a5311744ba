// Metric names → functions for tfjs-layers' compile. tfjs's own "accuracy" guesses sparse/categorical/binary from
// the loss *function identity*, which breaks with our logits losses, so we choose the variant ourselves.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { TOP_K_ACCURACY } from '@tfyaml/spec-schema';
import type { LabelEncoding } from './losses.ts';

export type MetricFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

export function metricFunction(name: string, labels: LabelEncoding, outputUnits: number): MetricFn {
  const topK = TOP_K_ACCURACY.exec(name);
  if (topK) return topKAccuracy(Number(topK[1]), labels);
  if (name === 'accuracy') {
    if (outputUnits === 1) return tfl.metrics.binaryAccuracy;
    return labels.kind === 'index' ? tfl.metrics.sparseCategoricalAccuracy : tfl.metrics.categoricalAccuracy;
  }
  const fn = (tfl.metrics as unknown as Record<string, MetricFn | undefined>)[name];
  if (!fn) throw new Error(`metricFunction: tfjs has no metric "${name}" (loadSpec should have rejected it)`);
  return fn;
}

/** Share of samples whose true class is among the k highest scores (Keras' top_k_categorical_accuracy). */
function topKAccuracy(k: number, labels: LabelEncoding): MetricFn {
  return (yTrue, yPred) =>
    tf.tidy(() => {
      const truth =
        labels.kind === 'index' ? tf.cast(tf.reshape(yTrue, [-1, 1]), 'int32') : tf.expandDims(tf.argMax(yTrue, -1), 1);
      const { indices } = tf.topk(yPred, Math.min(k, yPred.shape.at(-1)!));
      return tf.mean(tf.cast(tf.any(tf.equal(indices, truth), 1), 'float32'));
    });
}
