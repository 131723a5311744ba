// Changing a tfjs optimizer's learning rate mid-training. tfjs has no public setter (only SGD's), so this writes
// the protected `learningRate` field. That is safe because every tfjs 4.22 optimizer reads `this.learningRate`
// afresh inside each `applyGradients` (adam, adamax, rmsprop, adagrad, adadelta; checked in their dist sources),
// except SGD and Momentum, which cache `-learningRate` in a kept scalar tensor `c` at construction: for those the
// field alone changes nothing, and their public `setLearningRate` rebuilds `c`.
import type * as tf from '@tensorflow/tfjs-core';

/** What an optimizer must offer to be scheduled: a `setLearningRate` that refreshes any cache, or a plain field. */
interface RateHolder {
  learningRate?: unknown;
  setLearningRate?: (rate: number) => void;
}

/** Sets the rate the optimizer's next `applyGradients` uses. A no-op when the rate is unchanged (SGD reallocates). */
export function setLearningRate(optimizer: tf.Optimizer, rate: number): void {
  if (!Number.isFinite(rate) || rate < 0)
    throw new RangeError(`setLearningRate: ${rate} is not a usable learning rate (schedule bug)`);
  const holder = optimizer as unknown as RateHolder;
  if (typeof holder.learningRate !== 'number') {
    throw new TypeError(
      `setLearningRate: ${optimizer.getClassName()} keeps no numeric learningRate, so it cannot be scheduled`,
    );
  }
  if (holder.learningRate === rate) return;
  // Not `instanceof SGDOptimizer`: tfjs defines Optimizer[Symbol.hasInstance] as a duck-type check that every
  // subclass inherits, so any optimizer passes `instanceof SGDOptimizer`.
  if (typeof holder.setLearningRate === 'function') holder.setLearningRate(rate);
  else holder.learningRate = rate;
}
