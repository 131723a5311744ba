// Gradient clipping for any tfjs optimizer. tfjs-layers' trainOnBatch calls `optimizer.minimize(loss, true, vars)`
// (tfjs-layers 4.22 dist/engine/training.js, makeTrainFunction), and the base `minimize` computes the gradients and
// hands them to `this.applyGradients`: so a wrapper that clips in `applyGradients` and delegates sees every training
// step, and the model never knows. The wrapper reports the inner optimizer's class name, config and weights, so a
// saved model records the real optimizer (clipping is a training setting the spec keeps, not model state).
import * as tf from '@tensorflow/tfjs-core';
import type { ClipSpec } from '@tfyaml/spec-schema';
import { setLearningRate } from './learning-rate.ts';

/** `Optimizer.applyGradients`'s argument (tfjs does not export its NamedTensor type from the package root). */
type Gradients = Parameters<tf.Optimizer['applyGradients']>[0];
type NamedTensor = Extract<Gradients, unknown[]>[number];

/** The optimizer itself when no clipping is asked for, else a `ClippedOptimizer` around it. */
export function withGradientClipping(optimizer: tf.Optimizer, clip: ClipSpec): tf.Optimizer {
  return clip.clipNorm === undefined && clip.clipValue === undefined
    ? optimizer
    : new ClippedOptimizer(optimizer, clip);
}

export class ClippedOptimizer extends tf.Optimizer {
  constructor(
    readonly inner: tf.Optimizer,
    readonly clip: ClipSpec,
  ) {
    super();
    // With nothing to clip, `applyGradients` would dispose the caller's own gradients: use withGradientClipping.
    if (clip.clipNorm === undefined && clip.clipValue === undefined)
      throw new RangeError('ClippedOptimizer: give clipNorm or clipValue');
    for (const [key, value] of Object.entries(clip)) {
      if (value !== undefined && !(value > 0))
        throw new RangeError(`ClippedOptimizer: ${key} must be > 0, received ${String(value)}`);
    }
  }

  override applyGradients(variableGradients: Gradients): void {
    const clipped = clipGradients(variableGradients, this.clip);
    try {
      this.inner.applyGradients(clipped);
    } finally {
      tf.dispose(Array.isArray(clipped) ? clipped.map((g) => g.tensor) : Object.values(clipped));
    }
  }

  /** What `learningRateOf` reads. */
  get learningRate(): unknown {
    return (this.inner as unknown as { learningRate?: unknown }).learningRate;
  }

  /** What `setLearningRate` calls, so SGD's cached rate is refreshed through the wrapper too. */
  setLearningRate(rate: number): void {
    setLearningRate(this.inner, rate);
  }

  override get iterations(): number {
    return this.inner.iterations;
  }
  override getClassName(): string {
    return this.inner.getClassName();
  }
  override getConfig(): tf.serialization.ConfigDict {
    return this.inner.getConfig();
  }
  override getWeights(): Promise<NamedTensor[]> {
    return this.inner.getWeights();
  }
  override setWeights(weights: NamedTensor[]): Promise<void> {
    return this.inner.setWeights(weights);
  }
  override dispose(): void {
    this.inner.dispose();
  }
}

/**
 * New gradient tensors, same names, same order (Adam and friends key their state by position): each clipped to
 * ±clipValue, then all scaled by clipNorm / max(globalNorm, clipNorm) as tf.clip_by_global_norm does. Value before
 * norm is Keras 2's order, and it keeps the norm bound exact. The caller disposes the result.
 */
export function clipGradients<G extends Gradients>(gradients: G, clip: ClipSpec): G {
  const named: [string, tf.Tensor | undefined][] = Array.isArray(gradients)
    ? gradients.map((g) => [g.name, g.tensor ?? undefined])
    : Object.entries(gradients).map(([name, tensor]) => [name, tensor ?? undefined]);
  const clipped = tf.tidy(() =>
    clipTensors(
      named.map(([, tensor]) => tensor),
      clip,
    ),
  );
  if (Array.isArray(gradients)) return named.map(([name], i) => ({ name, tensor: clipped[i] })) as G;
  return Object.fromEntries(named.map(([name], i) => [name, clipped[i]])) as G;
}

function clipTensors(tensors: (tf.Tensor | undefined)[], { clipNorm, clipValue }: ClipSpec): (tf.Tensor | undefined)[] {
  let out = tensors.map((t) => (t && clipValue !== undefined ? tf.clipByValue(t, -clipValue, clipValue) : t));
  const present = out.filter((t): t is tf.Tensor => t !== undefined);
  if (clipNorm !== undefined && present.length > 0) {
    const norm = tf.sqrt(tf.addN(present.map((t) => tf.sum(tf.square(t)))));
    const scale = tf.div(clipNorm, tf.maximum(norm, clipNorm));
    out = out.map((t) => t && tf.mul(t, scale));
  }
  return out;
}
