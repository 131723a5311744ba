import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { BatchSource } from '@tfyaml/data';
import type { LabelEncoding } from '@tfyaml/model-compiler';
import { batchTensors } from './tensors.ts';

export interface Evaluation {
  loss: number;
  metrics: Record<string, number>;
  count: number;
}

/** Loss and metrics over a whole split, as sample-weighted means (Keras' `evaluate`). */
export async function evaluate(
  model: tfl.LayersModel,
  source: BatchSource,
  shape: number[],
  labels: LabelEncoding,
  metricNames: readonly string[],
): Promise<Evaluation> {
  const sums = new Float64Array(1 + metricNames.length);
  let count = 0;
  for (const batch of source.epoch(0)) {
    const { x, y } = batchTensors(batch, shape, labels);
    const results = model.evaluate(x, y, { batchSize: batch.size });
    const scalars = Array.isArray(results) ? results : [results];
    const values = await Promise.all(scalars.map((s) => s.data()));
    values.forEach((v, i) => {
      sums[i]! += v[0]! * batch.size;
    });
    tf.dispose([x, y, ...scalars]);
    count += batch.size;
  }
  const metrics = Object.fromEntries(metricNames.map((name, i) => [name, sums[i + 1]! / count]));
  return { loss: sums[0]! / count, metrics, count };
}
