// `tfyaml predict <run-dir> <input>`: the saved model's predictions for a csv file, an image or a folder of images,
// prepared exactly as in training (the run's preprocessing.json), written to predictions.csv.
import { dirname, join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { BatchSource, readInputs } from '@tfyaml/data';
import { countNonFiniteRows, writePredictionsCsv } from '../results/predictions-csv.ts';
import { nonFiniteOutputsError } from './non-finite-outputs.ts';
import { openRunFolder, predictProbabilities } from './run-folder.ts';

export interface PredictOptions {
  backend?: string | undefined;
  /** The predictions file; default <run-dir>/predictions.csv. */
  out?: string | undefined;
  write?: (text: string) => void;
  warn?: (text: string) => void;
}

const BATCH = 500;

export async function predictRun(
  dir: string,
  input: string,
  options: PredictOptions = {},
): Promise<{ out: string; count: number }> {
  const run = await openRunFolder(dir, options.backend);
  const pre = run.preprocessing;
  const warn = options.warn ?? ((text: string) => process.stderr.write(`⚠ ${text}\n`));
  const { split, ids } = await readInputs(resolve(input), { ...pre, table: run.table }, 'unlabelled', {
    onWarning: warn,
  });
  const batches = new BatchSource(split, pre.inputShape, {
    batchSize: BATCH,
    shuffle: false,
    seed: pre.seed,
    normalization: pre.normalization,
  });
  const width = pre.task === 'classification' ? pre.classNames.length : 1;
  const outputs = new Float32Array(split.count * width);
  let at = 0;
  for (const batch of batches.epoch(0)) {
    const x = tf.tensor(batch.x, [batch.size, ...pre.inputShape]);
    const scores = await predictProbabilities(run.model, x, run.spec.training.loss.fromLogits, pre.classNames.length);
    x.dispose();
    outputs.set(scores, at);
    at += scores.length;
  }
  const out = resolve(options.out ?? join(dir, 'predictions.csv'));
  mkdirSync(dirname(out), { recursive: true });
  writePredictionsCsv(out, { ids, outputs, classNames: pre.classNames, task: pre.task });
  const bad = countNonFiniteRows(outputs, width);
  if (bad > 0) {
    const none = pre.task === 'classification' ? 'no predicted class' : 'a non-finite prediction';
    const rest = bad < split.count ? `, and the predictions of the other ${split.count - bad}` : '';
    throw nonFiniteOutputsError(dir, bad, split.count, `${out} has ${none} for them${rest}`);
  }
  (options.write ?? ((text: string) => process.stdout.write(text)))(
    `Wrote ${split.count} prediction${split.count === 1 ? '' : 's'} to ${out}\n`,
  );
  return { out, count: split.count };
}
