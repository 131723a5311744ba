import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { BatchSource } from '@tfyaml/data';

/** counts[true class][predicted class] over a whole split (prediction = highest score). */
export async function confusionMatrix(
  model: tfl.LayersModel,
  source: BatchSource,
  shape: number[],
  classes: number,
): Promise<number[][]> {
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (const batch of source.epoch(0)) {
    const predicted = tf.tidy(() =>
      tf.argMax(model.predict(tf.tensor(batch.x, [batch.size, ...shape])) as tf.Tensor, -1),
    );
    const values = await predicted.data();
    predicted.dispose();
    for (let i = 0; i < batch.size; i++) counts[batch.y[i]!]![values[i]!]! += 1;
  }
  return counts;
}

/** Recall per class: the share of each true class predicted correctly. */
export function perClassAccuracy(counts: number[][], classNames: readonly string[]): Record<string, number> {
  return Object.fromEntries(
    counts.map((row, c) => {
      const total = row.reduce((a, b) => a + b, 0);
      return [classNames[c] ?? String(c), total === 0 ? 0 : row[c]! / total];
    }),
  );
}
