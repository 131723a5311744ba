// `backend: auto` picks by measurement, not by a fixed order: which backend is fastest depends on the model (a
// kernel native lacks can make wasm win, a tiny model can make the pure-JS cpu backend win). Before the first epoch
// this times a training step of this very model on each backend that loads, on a synthetic batch of the run's shape,
// and trains on the fastest.
import * as tf from '@tensorflow/tfjs-core';
import type { Batch } from '@tfyaml/data';
import { createRng } from '@tfyaml/data';
import type { CompiledModel } from '@tfyaml/model-compiler';
import { LocalStep } from '../train/step.ts';
import { BACKEND_ORDER, selectBackend, type BackendChoice, type BackendOptions, type BackendTiming } from './select.ts';

export interface TimingTrial {
  /** Builds a fresh copy of the run's model and optimizer on the active backend (disposed after timing). */
  compile(): CompiledModel;
  inputShape: number[];
  batchSize: number;
}

/** Full-batch steps timed per backend after one warm-up step; the fastest of them counts (noise only slows). */
const TIMED_STEPS = 2;

/**
 * Times `trial` on `first` (what `selectBackend('auto')` loaded) and on every later backend in the order, leaves
 * the fastest active and returns it with every timing. One-process steps are timed: data-parallel workers are not
 * started for this.
 */
export async function pickFastestBackend(
  first: BackendChoice,
  trial: TimingTrial,
  options: BackendOptions = {},
): Promise<BackendChoice> {
  const timings: BackendTiming[] = [];
  const loaded: BackendChoice[] = [];
  const skipped = [...first.skipped];
  let best = Number.POSITIVE_INFINITY;
  for (const name of BACKEND_ORDER.slice(BACKEND_ORDER.indexOf(first.name))) {
    const choice = name === first.name ? first : await load(name, options);
    if (typeof choice === 'string') {
      skipped.push({ name, reason: choice });
      continue;
    }
    await tf.setBackend(name);
    loaded.push(choice);
    const timing = await timeSteps(trial, best);
    timings.push({ name, ...timing });
    if (timing.msPerStep !== undefined) best = Math.min(best, timing.msPerStep);
  }
  const fastest = timings.find((t) => t.msPerStep === best) ?? timings[0]!;
  const winner = loaded.find((c) => c.name === fastest.name)!;
  await tf.setBackend(winner.name);
  return { ...winner, requested: first.requested, skipped, timings };
}

/** A backend that does not load says why, as a string. */
async function load(name: BackendChoice['name'], options: BackendOptions): Promise<BackendChoice | string> {
  try {
    return await selectBackend(name, options);
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  }
}

/**
 * A full step costs at least what a one-sample step does, so a backend whose one-sample step is already slower than
 * the fastest full step so far cannot win: it is dismissed after two tiny steps (the pure-JS cpu backend on a CNN
 * would otherwise spend seconds here).
 */
async function timeSteps(trial: TimingTrial, best: number): Promise<Omit<BackendTiming, 'name'>> {
  const { model, optimizer, labels } = trial.compile();
  const stepper = new LocalStep(model, optimizer, trial.inputShape, labels);
  const timed = async (size: number) => {
    const batch = syntheticBatch(trial.inputShape, size);
    const started = performance.now();
    await stepper.step(batch);
    return performance.now() - started;
  };
  try {
    const first = await timed(1);
    if (hopelesslySlow(first, best)) return { dismissed: `its first one-sample step took ${first.toFixed(0)} ms` };
    const oneSample = await timed(1);
    if (oneSample > best) return { dismissed: `one sample took ${oneSample.toFixed(0)} ms` };
    await timed(trial.batchSize);
    const steps: number[] = [];
    for (let i = 0; i < TIMED_STEPS; i++) steps.push(await timed(trial.batchSize));
    return { msPerStep: Math.min(...steps) };
  } finally {
    model.dispose();
    optimizer.dispose();
  }
}

/**
 * A first step also pays one-off costs (kernel set-up, memory), so it says little about a fast backend; but one that
 * takes seconds for a single sample when another backend does a whole batch in a tenth of that will not win, and
 * its second tiny step would only add seconds to every run's start (the pure-JS cpu backend on a CNN).
 */
export function hopelesslySlow(firstStepMs: number, bestMs: number): boolean {
  return firstStepMs > Math.max(10 * bestMs, 500);
}

/** Inputs in [0, 1) (an embedding reads them as token 0) and class 0: only the shapes matter to the time. */
function syntheticBatch(inputShape: number[], size: number): Batch {
  const random = createRng(0);
  const x = Float32Array.from({ length: size * inputShape.reduce((a, b) => a * b, 1) }, () => random());
  return { x, y: new Int32Array(size), size };
}

/** One line for the log: every timing and the choice. */
export function describeTimings(choice: BackendChoice, batchSize: number): string {
  const parts = (choice.timings ?? []).map((t) =>
    t.msPerStep !== undefined ? `${t.name} ${t.msPerStep.toFixed(1)} ms` : `${t.name} dismissed (${t.dismissed})`,
  );
  return `Backend timing, one step of ${batchSize} of this model: ${parts.join(', ')} → ${choice.name}`;
}
