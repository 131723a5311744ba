// How fast the trained model predicts, for sweeps' inference_ms_per_sample: predict() on the run's backend over a few
// batches of the test split, after one warm-up call (kernel set-up and first allocations are not inference speed),
// each output read back so the time covers the work and not only its scheduling.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { BatchSource } from '@tfyaml/data';

const TIMED_BATCHES = 3;

/** Milliseconds per sample; undefined for an empty split. */
export async function inferenceMsPerSample(
  model: tfl.LayersModel,
  source: BatchSource,
  shape: number[],
): Promise<number | undefined> {
  const inputs: tf.Tensor[] = [];
  for (const batch of source.epoch(0)) {
    inputs.push(tf.tensor(batch.x, [batch.size, ...shape], 'float32'));
    if (inputs.length === TIMED_BATCHES) break;
  }
  if (inputs.length === 0) return undefined;
  const predict = async (x: tf.Tensor) => {
    const output = model.predict(x) as tf.Tensor | tf.Tensor[];
    const outputs = Array.isArray(output) ? output : [output];
    await Promise.all(outputs.map((o) => o.data()));
    tf.dispose(outputs);
  };
  try {
    await predict(inputs[0]!);
    let samples = 0;
    const started = performance.now();
    for (let i = 0; i < TIMED_BATCHES; i++) {
      const x = inputs[i % inputs.length]!;
      await predict(x);
      samples += x.shape[0]!;
    }
    return (performance.now() - started) / samples;
  } finally {
    tf.dispose(inputs);
  }
}
