// `tfyaml run <file>`: spec → backend → data → model → training → results/<name>/<run id>/.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { BatchSource, loadDataset, pixelNormalization, splitValidation, type Dataset, type ImageSplit } from '@tfyaml/data';
import { compileModel, summarizeModel, type CompiledModel } from '@tfyaml/model-compiler';
import { formatIssue, formatResolvedSpec, loadSpec, type LoadedSpec, type Spec } from '@tfyaml/spec-schema';
import { selectBackend, type BackendChoice } from '../backend/select.ts';
import { createProgress, type Progress } from '../progress.ts';
import { locateErrors } from './locate-errors.ts';
import { MetricsCsv, type EpochRow } from '../results/metrics-csv.ts';
import { saveModel } from '../results/model-io.ts';
import { createRunDir } from '../results/run-dir.ts';
import { bestEpoch, writeSummary, type RunStatus, type RunSummary } from '../results/summary.ts';
import { seedGlobalRandom } from '../seed.ts';
import { evaluate } from '../train/evaluate.ts';
import { train } from '../train/loop.ts';
import { labelEncoding } from '../train/tensors.ts';
import { TFYAML_VERSION } from '../version.ts';

export interface RunOptions {
  file: string;
  overrides?: string[];
  backend?: string;
  /** The results root; the run goes to `<out>/<name>/<run id>/`. */
  out?: string;
  progress?: Progress;
  /** Stops the run after the current batch when aborted (Ctrl-C). */
  signal?: AbortSignal;
}

export interface RunOutcome { dir: string; status: RunStatus; summary: RunSummary }

/** How many validation samples go through the model at once: memory, not statistics, decides. */
const EVAL_BATCH = 500;

export async function runExperiment(options: RunOptions): Promise<RunOutcome> {
  const startedAt = new Date();
  const progress = options.progress ?? createProgress();
  // --backend is an override like any other, so it is validated and recorded with the spec.
  const overrides = [...(options.overrides ?? []), ...(options.backend ? [`backend=${options.backend}`] : [])];
  const loaded = loadSpec(options.file, { overrides });
  for (const warning of loaded.warnings) progress.note(`⚠ ${formatIssue(warning)}`);
  const { spec } = loaded;

  const backend = await selectBackend(spec.backend);
  progress.note(`Backend: ${backend.name} (${backend.package} ${backend.version})${backend.skipped.length ? `; skipped ${backend.skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}` : ''}`);
  const dataset = await locateErrors(loaded, () => loadDataset(spec.data, { seed: spec.seed, onDownload: (p) => progress.download(p) }));
  progress.note(`Data: ${dataset.name} from ${dataset.source}: ${dataset.train.count} train, ${dataset.test.count} test, shape [${dataset.inputShape.join(', ')}], ${dataset.numClasses} classes`);
  // Seeded only now, so the draws of backend and data set-up do not shift the weights: the same seed gives the
  // same initial model on every backend.
  seedGlobalRandom(spec.seed);
  const compiled = await locateErrors(loaded, () => compileModel(spec, { inputShape: dataset.inputShape, numClasses: dataset.numClasses }));

  const dir = createRunDir(options.out ?? 'results', spec.name, startedAt);
  progress.note(`Run folder: ${dir}`);
  writeFileSync(join(dir, 'spec.yaml'), formatResolvedSpec(loaded));
  const base = { startedAt, loaded, backend, dataset, compiled, dir };
  try {
    return await trainAndSave(base, progress, options.signal);
  } catch (error) {
    const summary = summarize(base, 'failed', [], undefined);
    summary.error = error instanceof Error ? error.message : String(error);
    writeSummary(dir, summary);
    throw error;
  }
}

interface RunBase { startedAt: Date; loaded: LoadedSpec; backend: BackendChoice; dataset: Dataset; compiled: CompiledModel; dir: string }

async function trainAndSave(base: RunBase, progress: Progress, signal: AbortSignal | undefined): Promise<RunOutcome> {
  const { loaded: { spec }, dataset, compiled, dir } = base;
  const { train: trainSplit, validation } = validationSplit(spec, dataset);
  const normalization = pixelNormalization(spec.data.normalize, trainSplit, dataset.inputShape[2]);
  const source = (split: ImageSplit, batchSize: number, shuffle: boolean) =>
    new BatchSource(split, dataset.inputShape, { batchSize, shuffle, seed: spec.seed, normalization });
  const labels = labelEncoding(spec.training.loss, dataset.numClasses);
  const csv = new MetricsCsv(join(dir, 'metrics.csv'), spec.training.metrics.filter((m) => m !== 'accuracy'));

  const { status, rows } = await train({
    model: compiled.model, optimizer: compiled.optimizer, metricNames: spec.training.metrics, epochs: spec.training.epochs,
    train: source(trainSplit, spec.training.batchSize, spec.training.shuffle), validation: source(validation, EVAL_BATCH, false),
    shape: dataset.inputShape, labels, progress, onEpoch: (row) => csv.append(row), shouldStop: () => signal?.aborted ?? false,
  });

  // Validation on the test split already measured the final model on it; otherwise measure it now.
  let test: Record<string, number> | undefined;
  if (status === 'completed') {
    const last = rows.at(-1)!;
    test = spec.training.validation === 'test'
      ? { loss: last['val_loss']!, ...Object.fromEntries(spec.training.metrics.map((m) => [m, last[`val_${m}`]!])) }
      : await evaluateTest(spec, dataset, source(dataset.test, EVAL_BATCH, false), labels, compiled);
  }
  await saveModel(compiled.model, join(dir, 'model'));
  const summary = summarize(base, status, rows, test);
  writeSummary(dir, summary);
  progress.note(`${status === 'completed' ? 'Done' : `Stopped (${status})`}: ${dir}${test ? ` | test ${Object.entries(test).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(' ')}` : ''}`);
  return { dir, status, summary };
}

async function evaluateTest(spec: Spec, dataset: Dataset, testSource: BatchSource, labels: ReturnType<typeof labelEncoding>, compiled: CompiledModel) {
  const result = await evaluate(compiled.model, testSource, dataset.inputShape, labels, spec.training.metrics);
  return { loss: result.loss, ...result.metrics };
}

function validationSplit(spec: Spec, dataset: Dataset): { train: ImageSplit; validation: ImageSplit } {
  const fraction = spec.training.validation;
  return fraction === 'test' ? { train: dataset.train, validation: dataset.test } : splitValidation(dataset.train, fraction, spec.seed);
}

function summarize(base: RunBase, status: RunStatus, rows: EpochRow[], test: Record<string, number> | undefined): RunSummary {
  const { loaded, backend, dataset, compiled, startedAt } = base;
  const finishedAt = new Date();
  const model = summarizeModel(compiled.model);
  return {
    status, name: loaded.spec.name, spec: loaded.file, overrides: loaded.overrides, seed: loaded.spec.seed,
    startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(),
    durationSeconds: (finishedAt.getTime() - startedAt.getTime()) / 1000,
    epochsCompleted: rows.length,
    ...(rows.length ? { final: rows.at(-1)! } : {}),
    ...(bestEpoch(rows) ? { best: bestEpoch(rows)! } : {}),
    ...(test ? { test } : {}),
    backend: { name: backend.name, requested: backend.requested, skipped: backend.skipped },
    versions: { tfyaml: TFYAML_VERSION, 'tfjs-core': tf.version_core, 'tfjs-layers': tfl.version_layers, [backend.package]: backend.version, node: process.version },
    data: { dataset: dataset.name, source: dataset.source, train: dataset.train.count, test: dataset.test.count, validation: loaded.spec.training.validation, classNames: dataset.classNames },
    model: { totalParams: model.totalParams, trainableParams: model.trainableParams, layers: model.layers },
  };
}
