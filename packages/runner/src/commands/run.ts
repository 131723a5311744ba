// `tfyaml run <file>`: spec → backend → data → model → training → results/<name>/<run id>/.
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  BatchSource,
  DataError,
  fitNormalization,
  loadDataset,
  splitValidation,
  type Dataset,
  type Split,
} from '@tfyaml/data';
import { checkMemory, compileModel, createSchedule, summarizeModel, type CompiledModel } from '@tfyaml/model-compiler';
import { formatIssue, formatResolvedSpec, loadSpec, LOSSES, type LoadedSpec, type Spec } from '@tfyaml/spec-schema';
import { describeTimings, pickFastestBackend } from '../backend/auto.ts';
import { selectBackend, type BackendChoice } from '../backend/select.ts';
import { createProgress, type Progress } from '../progress.ts';
import { locateErrors } from './locate-errors.ts';
import { refreshReport } from '../report/refresh.ts';
import { writeConfusionCsv } from '../results/confusion-csv.ts';
import { writePreprocessing } from '../results/preprocessing.ts';
import { MetricsCsv } from '../results/metrics-csv.ts';
import { writeFileAtomic } from '../results/atomic-write.ts';
import { saveModel } from '../results/model-io.ts';
import {
  removeResumeState,
  sha256,
  writeResumeState,
  type ResumeFacts,
  type ResumeTensors,
} from '../results/resume-state.ts';
import { claimRunDir, createRunDir } from '../results/run-dir.ts';
import { bestEpoch, writeSummary, type RunStatus, type RunSummary } from '../results/summary.ts';
import { seedEpochRandom, seedGlobalRandom } from '../seed.ts';
import type { EpochRow } from '../train/epoch-row.ts';
import { inferenceMsPerSample } from '../train/inference-timing.ts';
import { evaluate } from '../train/evaluate.ts';
import { train } from '../train/loop.ts';
import { Checkpoint, EarlyStopping, type EpochCallback } from '../train/callbacks.ts';
import { resolveWorkers } from '../train/parallel/workers.ts';
import { ParallelStep } from '../train/parallel/parallel-step.ts';
import { disposeSnapshot, restoreTraining, snapshotTraining, type TrainingParts } from '../train/resume.ts';
import { LocalStep, type StepRunner } from '../train/step.ts';
import { confusionMatrix, perClassAccuracy } from '../train/confusion.ts';
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
  /** Write the run into exactly this (new or empty) folder instead of `<out>/<name>/<run id>/` (sweep trials). */
  runDir?: string;
  /** More per-epoch callbacks, after the spec's own (a sweep's pruner). */
  callbacks?: EpochCallback[];
  /** Write report.html at the end (default true; a sweep writes one report for all its trials instead). */
  report?: boolean;
  /** Continue the run in this folder from its resume state (commands/resume.ts reads and checks it). */
  resume?: ResumeStart;
}

/** A run folder's resume state, read and checked, with the tensors to put back. */
export interface ResumeStart {
  dir: string;
  facts: ResumeFacts;
  tensors: ResumeTensors;
}

/** What a run takes besides the spec itself. */
export type RunSettings = Omit<RunOptions, 'file' | 'overrides' | 'backend'>;

export interface RunOutcome {
  dir: string;
  status: RunStatus;
  summary: RunSummary;
}

/** How many validation samples go through the model at once: memory, not statistics, decides. */
const EVAL_BATCH = 500;

export async function runExperiment(options: RunOptions): Promise<RunOutcome> {
  const startedAt = new Date();
  // --backend is an override like any other, so it is validated and recorded with the spec.
  const overrides = [...(options.overrides ?? []), ...(options.backend ? [`backend=${options.backend}`] : [])];
  return runLoadedExperiment(loadSpec(options.file, { overrides }), options, startedAt);
}

/** A run of a spec the caller has loaded already (the CLI loads it once, to tell a run from a sweep). */
export async function runLoadedExperiment(
  loaded: LoadedSpec,
  options: RunSettings,
  startedAt = new Date(),
): Promise<RunOutcome> {
  const progress = options.progress ?? createProgress();
  for (const warning of loaded.warnings) progress.note(`⚠ ${formatIssue(warning)}`);
  const { spec } = loaded;

  let backend = await selectBackend(spec.backend, { threads: spec.training.threads });
  progress.note(
    `Backend: ${backend.name} (${backend.package} ${backend.version})${backend.skipped.length ? `; skipped ${backend.skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}` : ''}`,
  );
  const dataset = await locateErrors(loaded, async () =>
    checkTask(
      spec,
      await loadDataset(spec.data, {
        seed: spec.seed,
        onDownload: (p) => progress.download(p),
        onWarning: (message) => progress.note(`⚠ ${message}`),
      }),
    ),
  );
  progress.note(
    `Data: ${dataset.name} from ${dataset.source}: ${dataset.train.count} train, ${dataset.test.count} test, shape [${dataset.inputShape.join(', ')}], ${dataset.task === 'regression' ? 'regression' : `${dataset.numClasses} classes`}`,
  );
  const target = { inputShape: dataset.inputShape, numClasses: dataset.numClasses };
  // Refused from the spec alone, before any model is built (auto's timing builds some): a model too large for the
  // machine would allocate until it swaps.
  await locateErrors(loaded, () => checkMemory(spec, target));
  if (spec.backend === 'auto') {
    // Timed on throwaway copies of the model, before the seeding below, so the run's weights do not depend on it.
    const { inputShape } = target;
    const trial = { compile: () => compileModel(spec, target), inputShape, batchSize: spec.training.batchSize };
    backend = await locateErrors(loaded, () => pickFastestBackend(backend, trial, { threads: spec.training.threads }));
    progress.note(describeTimings(backend, spec.training.batchSize));
  }
  // Seeded only now, so the draws of backend and data set-up do not shift the weights: the same seed gives the
  // same initial model on every backend.
  seedGlobalRandom(spec.seed);
  const compiled = await locateErrors(loaded, () => compileModel(spec, target));

  const { resume } = options;
  const dir =
    resume?.dir ??
    (options.runDir ? claimRunDir(options.runDir) : createRunDir(options.out ?? 'results', spec.name, startedAt));
  progress.note(resume ? `Resuming ${dir} after epoch ${resume.facts.epoch}` : `Run folder: ${dir}`);
  // A resumed run keeps the spec.yaml it was started with: its hash is what the resume state was checked against.
  const specText = resume ? undefined : formatResolvedSpec(loaded);
  if (specText !== undefined) writeFileAtomic(join(dir, 'spec.yaml'), specText);
  // Parse, validate, backend, data and model: what a user waits for before the first batch.
  const startupSeconds = (Date.now() - startedAt.getTime()) / 1000;
  const specSha256 = resume?.facts.specSha256 ?? sha256(specText!);
  const base = {
    startedAt: resume ? new Date(resume.facts.run.startedAt) : startedAt,
    startupSeconds,
    loaded,
    backend,
    dataset,
    compiled,
    dir,
    specSha256,
  };
  try {
    return await trainAndSave(base, progress, options);
  } catch (error) {
    const summary = summarize(base, 'failed', [], undefined);
    summary.error = error instanceof Error ? error.message : String(error);
    writeSummary(dir, summary);
    throw error;
  }
}

interface RunBase {
  startedAt: Date;
  startupSeconds: number;
  loaded: LoadedSpec;
  backend: BackendChoice;
  dataset: Dataset;
  compiled: CompiledModel;
  dir: string;
  /** sha256 of the run's spec.yaml, recorded in its resume state. */
  specSha256: string;
}

async function trainAndSave(base: RunBase, progress: Progress, options: RunSettings): Promise<RunOutcome> {
  const { signal, callbacks = [], resume } = options;
  const {
    loaded: { spec },
    dataset,
    compiled,
    dir,
  } = base;
  const { train: trainSplit, validation } = validationSplit(spec, dataset);
  const normalization = fitNormalization(spec.data, dataset, trainSplit);
  writePreprocessing(dir, {
    data: spec.data,
    seed: spec.seed,
    inputShape: dataset.inputShape,
    classNames: dataset.classNames,
    task: dataset.task,
    normalization,
  });
  const source = (split: Split, batchSize: number, shuffle: boolean, augment?: Spec['data']['augment']) =>
    new BatchSource(split, dataset.inputShape, { batchSize, shuffle, seed: spec.seed, normalization, augment });
  const { labels, metricNames } = compiled;
  const csv = new MetricsCsv(
    join(dir, 'metrics.csv'),
    metricNames.filter((m) => m !== 'accuracy'),
    resume?.facts.rows,
  );

  // Augmentation is for training batches only: validation and test measure the data as it is.
  const trainSource = source(trainSplit, spec.training.batchSize, spec.training.shuffle, spec.data.augment);
  const schedule = createSchedule(spec.training.schedule, {
    learningRate: spec.training.optimizer.learningRate!,
    epochs: spec.training.epochs,
    stepsPerEpoch: trainSource.batchesPerEpoch,
  });
  const allCallbacks = [...callbacksFor(spec, compiled, join(dir, 'model')), ...callbacks];
  const parts: TrainingParts = {
    model: compiled.model,
    optimizer: compiled.optimizer,
    schedule,
    callbacks: allCallbacks,
  };
  if (resume) restore(parts, resume);
  // Workers copy the model's weights as they start: after the restore.
  const stepper = await createStepper(base, spec, progress);
  if (resume && !(stepper instanceof LocalStep)) {
    progress.note(
      "Resumed with several workers: weights, schedule and callbacks go on, the optimizer's moments start afresh (exact resume needs training.workers: 1)",
    );
  }
  const result = await train({
    model: compiled.model,
    optimizer: compiled.optimizer,
    stepper,
    schedule,
    metricNames,
    epochs: spec.training.epochs,
    train: trainSource,
    validation: source(validation, EVAL_BATCH, false),
    shape: dataset.inputShape,
    labels,
    progress,
    onEpoch: (row) => csv.append(row),
    shouldStop: () => signal?.aborted ?? false,
    callbacks: allCallbacks,
    onEpochStart: (epoch) => seedEpochRandom(spec.seed, epoch),
    onEpochDone: stateSaver(base, parts, trainSource.batchesPerEpoch),
    ...(resume ? { resumed: { epoch: resume.facts.epoch, rows: resume.facts.rows } } : {}),
  });
  await stepper.dispose();
  const { status, rows } = result;
  // Only an interrupted run has epochs left to resume (a diverged or pruned one would end the same way again).
  if (status !== 'interrupted') removeResumeState(dir);

  // The final model is measured on the test split (callbacks may have restored an earlier epoch's weights).
  const testSource = source(dataset.test, EVAL_BATCH, false);
  let test: Record<string, number> | undefined;
  let classes: Record<string, number> | undefined;
  let inferenceMs: number | undefined;
  if (status === 'completed') {
    const evaluation = await evaluate(compiled.model, testSource, dataset.inputShape, labels, metricNames);
    test = { loss: evaluation.loss, ...evaluation.metrics };
    if (isClassification(spec, dataset)) {
      const counts = await confusionMatrix(compiled.model, testSource, dataset.inputShape, dataset.numClasses);
      writeConfusionCsv(join(dir, 'confusion.csv'), counts, dataset.classNames);
      classes = perClassAccuracy(counts, dataset.classNames);
    }
    inferenceMs = await inferenceMsPerSample(compiled.model, testSource, dataset.inputShape);
  }
  await saveModel(compiled.model, join(dir, 'model'));
  const summary = {
    ...summarize(base, status, rows, test),
    ...(classes ? { perClassAccuracy: classes } : {}),
    ...(inferenceMs === undefined ? {} : { inferenceMsPerSample: inferenceMs }),
    ...(result.stoppedEarly ? { stoppedEarly: result.stoppedEarly } : {}),
    ...result.callbackReports,
    ...(resume ? { resumedAfterEpoch: resume.facts.epoch } : {}),
  };
  writeSummary(dir, summary);
  if (options.report !== false) await refreshReport(dir, (warning) => progress.note(warning));
  progress.note(
    `${status === 'completed' ? 'Done' : `Stopped (${status})`}: ${dir}${
      test
        ? ` | test ${Object.entries(test)
            .map(([k, v]) => `${k} ${v.toFixed(4)}`)
            .join(' ')}`
        : ''
    }`,
  );
  return { dir, status, summary };
}

/** Saves the resume state as each epoch ends: the run so far, and every tensor the next epoch depends on. */
function stateSaver(base: RunBase, parts: TrainingParts, stepsPerEpoch: number) {
  const { dir, loaded, backend, startedAt, specSha256 } = base;
  const run = { file: loaded.file, overrides: loaded.overrides, startedAt: startedAt.toISOString() };
  return async (epoch: number, rows: readonly EpochRow[]): Promise<void> => {
    const snapshot = snapshotTraining(parts);
    try {
      const facts = {
        epoch,
        step: epoch * stepsPerEpoch,
        specSha256,
        backend: backend.name,
        run,
        rows: [...rows],
        schedule: snapshot.schedule,
      };
      await writeResumeState(dir, facts, snapshot.tensors);
    } finally {
      disposeSnapshot(snapshot.tensors);
    }
  };
}

/** Puts the resume state into the freshly compiled run; the model's and optimizer's tensors were copied in. */
function restore(parts: TrainingParts, { facts, tensors }: ResumeStart): void {
  try {
    restoreTraining(parts, facts, tensors);
  } finally {
    tf.dispose([
      ...tensors.model,
      ...Object.values(tensors.optimizer.slots)
        .flat()
        .map((s) => s.tensor),
    ]);
  }
}

/** One thread, or a data-parallel step across `training.workers` threads. */
async function createStepper(
  { compiled, dataset, backend }: RunBase,
  spec: Spec,
  progress: Progress,
): Promise<StepRunner> {
  const workers = resolveWorkers(spec.training.workers, backend.name, compiled.model.countParams());
  if (workers === 1) return new LocalStep(compiled.model, compiled.optimizer, dataset.inputShape, compiled.labels);
  progress.note(`Workers: ${workers} threads share each batch`);
  return ParallelStep.start({
    model: compiled.model,
    optimizer: compiled.optimizer,
    spec,
    backend: backend.name,
    workers,
    target: { inputShape: dataset.inputShape, numClasses: dataset.numClasses },
  });
}

function callbacksFor(spec: Spec, compiled: CompiledModel, modelDir: string): EpochCallback[] {
  const { earlyStopping, checkpoint } = spec.training;
  return [
    ...(earlyStopping ? [new EarlyStopping(compiled.model, earlyStopping)] : []),
    ...(checkpoint ? [new Checkpoint(compiled.model, checkpoint, modelDir)] : []),
  ];
}

/** One score per class, the highest being the prediction: a confusion matrix means something. */
function isClassification(spec: Spec, dataset: Dataset): boolean {
  return LOSSES[spec.training.loss.type].output === 'classScores' && dataset.numClasses > 1;
}

/** data.split's validation records when it names some, else training.validation: the test split or a fraction of train. */
function validationSplit(spec: Spec, dataset: Dataset): { train: Split; validation: Split } {
  if (dataset.validation !== undefined) return { train: dataset.train, validation: dataset.validation };
  const fraction = spec.training.validation;
  return fraction === 'test'
    ? { train: dataset.train, validation: dataset.test }
    : splitValidation(dataset.train, fraction, spec.seed, { stratify: spec.data.split?.stratify ?? false });
}

/** A label read as a regression target cannot feed a loss that scores classes: say so before the model complains about units. */
function checkTask(spec: Spec, dataset: Dataset): Dataset {
  if (dataset.task === 'regression' && LOSSES[spec.training.loss.type].task === 'classification') {
    throw new DataError(
      `The label of ${dataset.source} reads as a regression target (numbers, not classes), but training.loss is ${spec.training.loss.type}. Set data.csv.task: classification, or use loss: meanSquaredError with a last dense layer of units: 1.`,
      { specPath: 'training.loss' },
    );
  }
  return dataset;
}

function summarize(
  base: RunBase,
  status: RunStatus,
  rows: EpochRow[],
  test: Record<string, number> | undefined,
): RunSummary {
  const { loaded, backend, dataset, compiled, startedAt, startupSeconds } = base;
  const finishedAt = new Date();
  const model = summarizeModel(compiled.model);
  return {
    status,
    name: loaded.spec.name,
    spec: loaded.file,
    overrides: loaded.overrides,
    seed: loaded.spec.seed,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationSeconds: (finishedAt.getTime() - startedAt.getTime()) / 1000,
    startupSeconds,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    epochsCompleted: rows.length,
    ...(rows.length ? { final: rows.at(-1)! } : {}),
    ...(bestEpoch(rows) ? { best: bestEpoch(rows)! } : {}),
    ...(test ? { test } : {}),
    backend: {
      name: backend.name,
      requested: backend.requested,
      skipped: backend.skipped,
      ...(backend.timings ? { timings: backend.timings } : {}),
    },
    versions: {
      tfyaml: TFYAML_VERSION,
      'tfjs-core': tf.version_core,
      'tfjs-layers': tfl.version_layers,
      [backend.package]: backend.version,
      node: process.version,
    },
    data: {
      dataset: dataset.name,
      source: dataset.source,
      train: dataset.train.count,
      test: dataset.test.count,
      validation: loaded.spec.training.validation,
      classNames: dataset.classNames,
    },
    model: { totalParams: model.totalParams, trainableParams: model.trainableParams, layers: model.layers },
  };
}
