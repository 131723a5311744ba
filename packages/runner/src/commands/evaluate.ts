// `tfyaml evaluate <run-dir> [--data <path>]`: the saved model's loss and metrics on the run's test split (or on
// other labelled data), its confusion matrix and per-record predictions, printed and written to <run-dir>/evaluation/.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { BatchSource, loadDataset, readInputs, type Split } from '@tfyaml/data';
import { compileModel } from '@tfyaml/model-compiler';
import { NAMED_DATASETS, type DataSpec } from '@tfyaml/spec-schema';
import { RunError } from '../errors.ts';
import { writeConfusionCsv } from '../results/confusion-csv.ts';
import { writeMetricsJson } from '../results/metrics-json.ts';
import { argmaxRows, countNonFiniteRows, writePredictionsCsv } from '../results/predictions-csv.ts';
import { evaluate } from '../train/evaluate.ts';
import { nonFiniteOutputsError } from './non-finite-outputs.ts';
import { openRunFolder, predictProbabilities, type RunFolder } from './run-folder.ts';

export interface EvaluateOptions {
  /** Labelled data to evaluate on instead of the run's test split. */
  data?: string | undefined;
  backend?: string | undefined;
  /** Where the files go; default <run-dir>/evaluation. */
  out?: string | undefined;
  write?: (text: string) => void;
  warn?: (text: string) => void;
}

export interface EvaluationResult {
  loss: number;
  metrics: Record<string, number>;
  count: number;
  /** counts[true][predicted], classification only. */
  confusion?: number[][];
  out: string;
}

const BATCH = 500;

export async function evaluateRun(dir: string, options: EvaluateOptions = {}): Promise<EvaluationResult> {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const run = await openRunFolder(dir, options.backend);
  const { preprocessing: pre } = run;
  const { split, ids, source } = await evaluationData(
    run,
    options.data,
    options.warn ?? ((t) => process.stderr.write(`⚠ ${t}\n`)),
  );
  if (split.count === 0)
    throw new RunError(`${source} has no records to evaluate`, 'give data with at least one labelled record');
  const batches = new BatchSource(split, pre.inputShape, {
    batchSize: BATCH,
    shuffle: false,
    seed: pre.seed,
    normalization: pre.normalization,
  });

  const classification = pre.task === 'classification';
  const twin = compileModel(run.spec, {
    inputShape: pre.inputShape,
    numClasses: classification ? pre.classNames.length : 1,
  });
  copyWeights(run, twin.model);
  const outputs = await allOutputs(run, batches);
  // A loss or an accuracy over NaN scores would be a number that means nothing: refuse before computing any.
  const bad = countNonFiniteRows(outputs, classification ? pre.classNames.length : 1);
  if (bad > 0) throw nonFiniteOutputsError(dir, bad, split.count, 'no loss, metric or confusion matrix was computed');
  const evaluation = await evaluate(twin.model, batches, pre.inputShape, twin.labels, twin.metricNames);

  const out = resolve(options.out ?? join(dir, 'evaluation'));
  mkdirSync(out, { recursive: true });
  writePredictionsCsv(join(out, 'predictions.csv'), {
    ids,
    outputs,
    classNames: pre.classNames,
    task: pre.task,
    truth: split.labels,
  });
  const result: EvaluationResult = { loss: evaluation.loss, metrics: evaluation.metrics, count: evaluation.count, out };
  if (classification) {
    result.confusion = confusion(split.labels, argmaxRows(outputs, pre.classNames.length), pre.classNames.length);
    writeConfusionCsv(join(out, 'confusion.csv'), result.confusion, pre.classNames);
  }
  writeMetricsJson(out, { data: source, count: result.count, loss: result.loss, ...result.metrics });
  write(report(result, source, pre.classNames));
  return result;
}

/** The run's own test split, re-made from its data spec and seed, or the labelled records of `data`. */
async function evaluationData(
  run: RunFolder,
  data: string | undefined,
  warn: (text: string) => void,
): Promise<{ split: Split; ids: string[]; source: string }> {
  const pre = run.preprocessing;
  if (data !== undefined) checkDataFlag(data, pre.data.dataset);
  const named = NAMED_DATASETS.includes(pre.data.dataset) || pre.data.dataset === 'synthetic';
  if (data !== undefined && !named) {
    const { split, ids } = await readInputs(resolve(data), { ...pre, table: run.table }, 'labelled', {
      onWarning: warn,
    });
    return { split, ids, source: resolve(data) };
  }
  const spec: DataSpec = data === undefined ? pre.data : { ...pre.data, path: resolve(data) };
  const dataset = await loadDataset(spec, {
    seed: pre.seed,
    onWarning: warn,
    ...(run.table ? { layout: run.table } : {}),
  });
  if (JSON.stringify(dataset.classNames) !== JSON.stringify(pre.classNames)) {
    throw new RunError(
      `the data has the classes ${dataset.classNames.join(', ')}, but the model was trained on ${pre.classNames.join(', ')}`,
      'evaluate on data with the same classes (the same class folders, the same label values)',
    );
  }
  const { test } = dataset;
  return {
    split: test,
    ids: test.ids ?? Array.from({ length: test.count }, (_, i) => String(i)),
    source: `${dataset.source} (test split)`,
  };
}

/** --data must exist, and a run on generated images has no data files to swap in (it would be silently ignored). */
function checkDataFlag(data: string, dataset: DataSpec['dataset']): void {
  if (dataset === 'synthetic') {
    throw new RunError(
      `--data ${data}: this run trained on generated images (dataset: synthetic), which have no data files`,
      "evaluate without --data, on the run's own test split",
    );
  }
  if (!existsSync(resolve(data))) {
    throw new RunError(
      `--data ${data} does not exist`,
      'give a csv file, a folder <class>/*.png, or the folder of a named dataset',
    );
  }
}

/** The compiled twin gets the saved weights; the shapes must agree one by one, or spec.yaml and model/ disagree. */
function copyWeights(run: RunFolder, twin: { getWeights(): tf.Tensor[]; setWeights(w: tf.Tensor[]): void }): void {
  const saved = run.model.getWeights();
  const fresh = twin.getWeights();
  const same =
    saved.length === fresh.length && saved.every((w, i) => JSON.stringify(w.shape) === JSON.stringify(fresh[i]!.shape));
  if (!same)
    throw new RunError(
      `the saved model in ${run.dir}/model does not match the layers of its spec.yaml`,
      'use a run folder as tfyaml run wrote it',
    );
  twin.setWeights(saved);
}

async function allOutputs(run: RunFolder, batches: BatchSource): Promise<Float32Array> {
  const parts: Float32Array[] = [];
  const fromLogits = run.spec.training.loss.fromLogits;
  for (const batch of batches.epoch(0)) {
    const x = tf.tensor(batch.x, [batch.size, ...run.preprocessing.inputShape]);
    parts.push(await predictProbabilities(run.model, x, fromLogits, run.preprocessing.classNames.length));
    x.dispose();
  }
  const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (all.set(p, at), at + p.length), 0);
  return all;
}

function confusion(truth: ArrayLike<number>, predicted: Int32Array, classes: number): number[][] {
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < predicted.length; i++) counts[truth[i]!]![predicted[i]!]! += 1;
  return counts;
}

/** Metrics, then the confusion matrix when it fits a terminal (it is always in confusion.csv). */
function report(result: EvaluationResult, source: string, classNames: readonly string[]): string {
  const lines = [`Evaluated ${result.count} records of ${source}`, `  loss ${result.loss.toFixed(4)}`];
  for (const [name, value] of Object.entries(result.metrics)) lines.push(`  ${name} ${value.toFixed(4)}`);
  if (result.confusion && classNames.length <= 20) {
    const width = Math.max(...classNames.map((n) => n.length), ...result.confusion.flat().map((v) => String(v).length));
    lines.push('Confusion matrix (rows: true class, columns: predicted):');
    lines.push(`  ${''.padEnd(width)} ${classNames.map((n) => n.padStart(width)).join(' ')}`);
    result.confusion.forEach((row, c) =>
      lines.push(`  ${classNames[c]!.padEnd(width)} ${row.map((v) => String(v).padStart(width)).join(' ')}`),
    );
  }
  lines.push(`Wrote metrics.json, predictions.csv${result.confusion ? ' and confusion.csv' : ''} to ${result.out}`);
  return `${lines.join('\n')}\n`;
}
