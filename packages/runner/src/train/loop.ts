// The training loop: our own, so shuffling is seeded, a step can run across worker threads, progress is ours, and
// every epoch's row is written before the next one starts.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { BatchSource } from '@tfyaml/data';
import { learningRateOf, setLearningRate, type LabelEncoding, type LearningRateSchedule } from '@tfyaml/model-compiler';
import type { EpochRow } from './epoch-row.ts';
import type { Progress } from '../progress.ts';
import type { EpochCallback } from './callbacks.ts';
import type { StepRunner } from './step.ts';
import { evaluate } from './evaluate.ts';
import { stepWithKernelNotice } from '../backend/uncovered.ts';

export interface TrainSetup {
  model: tfl.LayersModel;
  optimizer: tf.Optimizer;
  /** Computes each batch's step, here or across worker threads. */
  stepper: StepRunner;
  /** The rate for every step; reduce-on-plateau also hears each epoch's row. */
  schedule: LearningRateSchedule;
  metricNames: readonly string[];
  epochs: number;
  train: BatchSource;
  validation: BatchSource;
  shape: number[];
  labels: LabelEncoding;
  progress: Progress;
  /** Called with each finished epoch's row, before the next epoch starts. */
  onEpoch(row: EpochRow): void;
  callbacks: EpochCallback[];
  /** Polled after every batch; true stops the run after that batch (Ctrl-C). */
  shouldStop(): boolean;
  /** Called as each epoch starts, before its first batch: reseeds the draws of dropout and noise layers. */
  onEpochStart(epoch: number): void;
  /** Called once an epoch is wholly done (row written, callbacks heard) and training goes on: saves the resume state. */
  onEpochDone(epoch: number, rows: readonly EpochRow[]): Promise<void>;
  /** A resumed run: the epochs already done and their rows; training continues with the next epoch. */
  resumed?: { epoch: number; rows: EpochRow[] };
}

export type TrainStatus = 'completed' | 'interrupted' | 'diverged' | 'pruned';

export interface TrainResult {
  status: TrainStatus;
  rows: EpochRow[];
  /** Why a callback ended training before the last epoch. */
  stoppedEarly?: string;
  /** What each callback reports for summary.json. */
  callbackReports: Record<string, unknown>;
}

export async function train(setup: TrainSetup): Promise<TrainResult> {
  const { status, rows, stoppedEarly } = await trainEpochs(setup);
  const callbackReports: Record<string, unknown> = {};
  for (const callback of setup.callbacks) Object.assign(callbackReports, await callback.onTrainEnd());
  return { status, rows, ...(stoppedEarly ? { stoppedEarly } : {}), callbackReports };
}

async function trainEpochs(
  setup: TrainSetup,
): Promise<{ status: TrainStatus; rows: EpochRow[]; stoppedEarly?: string }> {
  const rows: EpochRow[] = [...(setup.resumed?.rows ?? [])];
  for (let epoch = (setup.resumed?.epoch ?? 0) + 1; epoch <= setup.epochs; epoch++) {
    setup.onEpochStart(epoch);
    const result = await trainEpoch(setup, epoch);
    await setup.stepper.sync();
    if (result.status !== 'completed') return { status: result.status, rows };
    const validation = await evaluate(setup.model, setup.validation, setup.shape, setup.labels, setup.metricNames);
    const row: EpochRow = {
      epoch,
      ...result.means,
      val_loss: validation.loss,
      learning_rate: learningRateOf(setup.optimizer),
      seconds: result.seconds,
      samples_per_second: result.samples / result.seconds,
    };
    for (const [name, value] of Object.entries(validation.metrics)) row[`val_${name}`] = value;
    rows.push(row);
    setup.schedule.onEpochEnd?.(row as Record<string, number>);
    setup.progress.epochEnd(epochLine(row, setup.epochs, setup.metricNames));
    setup.onEpoch(row);
    if (!Number.isFinite(validation.loss)) return { status: 'diverged', rows };
    for (const callback of setup.callbacks) {
      const stop = await callback.onEpochEnd(row);
      if (stop) {
        setup.progress.note(`Stopping after epoch ${epoch}: ${stop.reason}`);
        return { status: stop.status ?? 'completed', rows, stoppedEarly: stop.reason };
      }
    }
    if (epoch < setup.epochs) await setup.onEpochDone(epoch, rows);
  }
  return { status: 'completed', rows };
}

interface EpochResult {
  status: TrainStatus;
  means: Record<string, number>;
  samples: number;
  seconds: number;
}

async function trainEpoch(setup: TrainSetup, epoch: number): Promise<EpochResult> {
  const { metricNames, train: source, progress } = setup;
  const sums = new Float64Array(1 + metricNames.length);
  let samples = 0;
  let done = 0;
  const started = performance.now();
  progress.epochStart(epoch, setup.epochs, source.batchesPerEpoch);
  // The epoch index seeds the shuffle, so epoch k sees the same order in every run with the same seed.
  const batches = source.epoch(epoch);
  for (let next = batches.next(); !next.done;) {
    const batch = next.value;
    setLearningRate(setup.optimizer, setup.schedule.rateAt(epoch - 1, done));
    // The run's second step (the first pays one-off costs) is profiled once for kernels left on pure-JS code.
    const stepping =
      epoch === 1 && done === 1
        ? stepWithKernelNotice(
            () => setup.stepper.step(batch),
            (line) => progress.note(line),
          )
        : setup.stepper.step(batch);
    // Built while worker threads compute their shards of the current batch.
    next = batches.next();
    const values = await stepping;
    await yieldToEventLoop();
    values.forEach((v, i) => {
      sums[i]! += v * batch.size;
    });
    samples += batch.size;
    done += 1;
    const seconds = (performance.now() - started) / 1000;
    const accuracyIndex = metricNames.indexOf('accuracy');
    progress.batch(done, {
      loss: sums[0]! / samples,
      samplesPerSecond: samples / seconds,
      ...(accuracyIndex >= 0 ? { accuracy: sums[accuracyIndex + 1]! / samples } : {}),
    });
    if (!Number.isFinite(values[0]!)) return { status: 'diverged', means: {}, samples, seconds };
    if (setup.shouldStop()) {
      progress.stop();
      return { status: 'interrupted', means: {}, samples, seconds };
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const means: Record<string, number> = { loss: sums[0]! / samples };
  metricNames.forEach((name, i) => {
    means[name] = sums[i + 1]! / samples;
  });
  return { status: 'completed', means, samples, seconds };
}

function epochLine(row: EpochRow, epochs: number, metricNames: readonly string[]): string {
  const f = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(4));
  const metrics = metricNames.map((m) => `${m} ${f(row[m])} val_${m} ${f(row[`val_${m}`])}`).join(' ');
  return `Epoch ${row['epoch']}/${epochs}: loss ${f(row['loss'])} val_loss ${f(row['val_loss'])} ${metrics} | ${row['seconds']!.toFixed(1)} s, ${Math.round(row['samples_per_second']!)} samples/s`;
}

let lastYield = 0;

/**
 * A wasm or cpu step never leaves the JS thread, and awaiting its results only queues microtasks: without a real
 * turn of the event loop now and then, signal handlers (Ctrl-C) and timers would wait for the whole run.
 */
async function yieldToEventLoop(): Promise<void> {
  if (performance.now() - lastYield < 100) return;
  await new Promise((resolve) => setImmediate(resolve));
  lastYield = performance.now();
}
