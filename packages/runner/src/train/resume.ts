// What a run carries from one epoch to the next, taken as an epoch ends and put back when it is resumed: the model's
// weights (batch-norm statistics included), the optimizer's state, the schedule's and the callbacks'. Shuffling,
// augmentation and the dropout draws need nothing here: each epoch's derive from (seed, epoch) alone.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { readOptimizerState, restoreOptimizerState, type LearningRateSchedule } from '@tfyaml/model-compiler';
import { RunError } from '../errors.ts';
import type { ResumeFacts, ResumeTensors } from '../results/resume-state.ts';
import type { EpochCallback } from './callbacks.ts';

export interface TrainingParts {
  model: tfl.LayersModel;
  optimizer: tf.Optimizer;
  schedule: LearningRateSchedule;
  callbacks: readonly EpochCallback[];
}

/** Copies of every tensor the next epoch depends on; the caller disposes them with `disposeSnapshot`. */
export function snapshotTraining({ model, optimizer, schedule, callbacks }: TrainingParts): {
  tensors: ResumeTensors;
  schedule: ResumeFacts['schedule'];
} {
  const resumable = callbacks.flatMap((c) => (c.resumable ? [c.resumable] : []));
  return {
    tensors: {
      model: model.getWeights().map((w) => tf.clone(w)),
      optimizer: readOptimizerState(optimizer),
      callbacks: Object.fromEntries(resumable.map((r) => [r.key, r.save()])),
    },
    schedule: schedule.state?.() ?? null,
  };
}

export function disposeSnapshot(tensors: ResumeTensors): void {
  tf.dispose([
    ...tensors.model,
    ...Object.values(tensors.optimizer.slots)
      .flat()
      .map((s) => s.tensor),
    ...Object.values(tensors.callbacks).flatMap((c) => c.tensors),
  ]);
}

/**
 * Puts a saved state into a freshly compiled run. The state must fit it (the same weights, optimizer, schedule and
 * callbacks): spec.yaml is checked unchanged before this, so a misfit means the state itself was edited.
 */
export function restoreTraining(parts: TrainingParts, facts: ResumeFacts, tensors: ResumeTensors): void {
  const { model, optimizer, schedule, callbacks } = parts;
  const weights = model.getWeights();
  const fits =
    tensors.model.length === weights.length &&
    weights.every(
      (w, i) => tf.util.arraysEqual(w.shape, tensors.model[i]!.shape) && w.dtype === tensors.model[i]!.dtype,
    );
  if (!fits)
    throw misfit(
      `its ${tensors.model.length} weight tensors are not the model's ${weights.length} (shapes and types in order)`,
    );
  // Written to the variables themselves: model.setWeights would apply kernel constraints again, which moves the bits.
  model.weights.forEach((w, i) => (w.read() as tf.Variable).assign(tensors.model[i]!));
  try {
    restoreOptimizerState(optimizer, tensors.optimizer);
  } catch (error) {
    throw misfit((error as Error).message.replace(/^restoreOptimizerState: /, ''), error);
  }
  if ((facts.schedule === null) !== (schedule.restore === undefined))
    throw misfit('its schedule state does not fit training.schedule');
  if (facts.schedule !== null) restoreOrRefuse(() => schedule.restore!(facts.schedule!));
  const resumable = callbacks.flatMap((c) => (c.resumable ? [c.resumable] : []));
  const keys = resumable.map((r) => r.key).sort();
  if (JSON.stringify(keys) !== JSON.stringify(Object.keys(tensors.callbacks).sort())) {
    throw misfit(`it holds callbacks [${Object.keys(tensors.callbacks).join(', ')}], the run has [${keys.join(', ')}]`);
  }
  for (const callback of resumable) restoreOrRefuse(() => callback.restore(tensors.callbacks[callback.key]!));
}

function restoreOrRefuse(restore: () => void): void {
  try {
    restore();
  } catch (error) {
    throw misfit((error as Error).message, error);
  }
}

function misfit(what: string, cause?: unknown): RunError {
  return new RunError(
    `the resume state does not fit this run: ${what}`,
    "the run's resume/ folder was damaged or edited, so it cannot be continued exactly; train the experiment again",
    { cause },
  );
}
