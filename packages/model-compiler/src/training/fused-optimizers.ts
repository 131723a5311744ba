// tfjs's SGD, Momentum, Adam, RMSProp, Adagrad, Adadelta and Adamax, updating each weight with one fused kernel
// (fused-kernels.ts) when the current backend registers it, and running tfjs's own applyGradients otherwise; the
// kernel names and shapes say nothing of any backend package. The fused path keeps tfjs's state
// exactly where tfjs keeps it (the same slot lists, slot names and scalar variables, created as lazily), so
// getWeights/setWeights, saved models and optimizer-state.ts see no difference, and the kernels repeat tfjs's float32
// arithmetic, so a step is the same on either path.
import * as tf from '@tensorflow/tfjs-core';
import { FUSED_UPDATE_KERNELS } from './fused-kernels.ts';
import type { FusedUpdateKernel } from './fused-kernels.ts';

/** `applyGradients`' argument (tfjs does not export its NamedTensor types from the package root). */
type Gradients<O extends tf.Optimizer = tf.Optimizer> = Parameters<O['applyGradients']>[0];

interface Slot {
  originalName: string;
  variable: tf.Variable;
}

/** Whether the current backend has the fused kernel for `kind`. */
export function fusedUpdateAvailable(kind: keyof typeof FUSED_UPDATE_KERNELS): boolean {
  return tf.getKernel(FUSED_UPDATE_KERNELS[kind], tf.getBackend()) !== undefined;
}

/** [weight name, gradient or null], in the order the optimizer keys its slots by. */
function namedGradients(gradients: Gradients | Gradients<tf.AdamOptimizer>): [string, tf.Tensor | null][] {
  return Array.isArray(gradients)
    ? gradients.map((g) => [g.name, g.tensor ?? null])
    : Object.entries(gradients).map(([name, tensor]) => [name, tensor ?? null]);
}

function weight(name: string): tf.Variable {
  const variable = tf.engine().registeredVariables[name];
  if (variable === undefined) throw new Error(`fused optimizer: no variable named ${name} is registered`);
  return variable;
}

/** Slot i, created as zeros shaped like the weight on first use, as tfjs does. */
function slot(slots: Slot[], i: number, originalName: string, value: tf.Variable): tf.Variable {
  slots[i] ??= { originalName, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
  return slots[i].variable;
}

/** Runs one fused update and points the weight and its slots at its outputs. */
function update(
  kernel: FusedUpdateKernel,
  inputs: Record<string, tf.Tensor>,
  attrs: Record<string, number | boolean>,
  targets: tf.Variable[],
): void {
  tf.tidy(() => {
    const outputs = tf.engine().runKernel(kernel, inputs, attrs) as tf.Tensor[];
    targets.forEach((target, k) => target.assign(outputs[k]!));
  });
}

export class FusedSGDOptimizer extends tf.SGDOptimizer {
  override applyGradients(gradients: Gradients): void {
    if (!fusedUpdateAvailable('sgd')) return super.applyGradients(gradients);
    for (const [name, gradient] of namedGradients(gradients)) {
      if (gradient === null) continue;
      const value = weight(name);
      update(FUSED_UPDATE_KERNELS.sgd, { value, gradient, c: this.c }, {}, [value]);
    }
    this.incrementIterations();
  }
}

interface MomentumFields {
  c: tf.Scalar;
  m: tf.Scalar;
  useNesterov: boolean;
  accumulations: Slot[];
}

export class FusedMomentumOptimizer extends tf.MomentumOptimizer {
  override applyGradients(gradients: Gradients<tf.MomentumOptimizer>): void {
    if (!fusedUpdateAvailable('momentum')) return super.applyGradients(gradients);
    const self = this as unknown as MomentumFields;
    namedGradients(gradients).forEach(([name, gradient], i) => {
      const value = weight(name);
      const accumulation = slot(self.accumulations, i, `${name}/momentum`, value);
      if (gradient === null) return;
      const inputs = { value, gradient, accumulation, c: self.c, m: self.m };
      update(FUSED_UPDATE_KERNELS.momentum, inputs, { useNesterov: self.useNesterov }, [value, accumulation]);
    });
    this.incrementIterations();
  }
}

interface AdamFields {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: Slot[];
  accumulatedSecondMoment: Slot[];
}

export class FusedAdamOptimizer extends tf.AdamOptimizer {
  override applyGradients(gradients: Gradients<tf.AdamOptimizer>): void {
    if (!fusedUpdateAvailable('adam')) return super.applyGradients(gradients);
    const self = this as unknown as AdamFields;
    const attrs = { beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, learningRate: this.learningRate };
    namedGradients(gradients).forEach(([name, gradient], i) => {
      const value = weight(name);
      const m = slot(self.accumulatedFirstMoment, i, `${name}/m`, value);
      const v = slot(self.accumulatedSecondMoment, i, `${name}/v`, value);
      if (gradient === null) return;
      const inputs = { value, gradient, m, v, accBeta1: self.accBeta1, accBeta2: self.accBeta2 };
      update(FUSED_UPDATE_KERNELS.adam, inputs, { ...attrs, weightFactor: this.weightFactor(value) }, [value, m, v]);
    });
    tf.tidy(() => {
      self.accBeta1.assign(tf.mul(self.accBeta1, this.beta1));
      self.accBeta2.assign(tf.mul(self.accBeta2, this.beta2));
    });
    this.incrementIterations();
  }

  /** What the weight is multiplied by before the step: 1 here; AdamW's decoupled decay overrides it. */
  protected weightFactor(_value: tf.Variable): number {
    return 1;
  }
}

interface RMSPropFields {
  centered: boolean;
  accumulatedMeanSquares: Slot[];
  accumulatedMoments: Slot[];
  accumulatedMeanGrads: Slot[];
}

export class FusedRMSPropOptimizer extends tf.RMSPropOptimizer {
  override applyGradients(gradients: Gradients<tf.RMSPropOptimizer>): void {
    if (!fusedUpdateAvailable('rmsprop')) return super.applyGradients(gradients);
    const self = this as unknown as RMSPropFields;
    const { decay, momentum, epsilon, learningRate } = this;
    const attrs = { decay, momentum, epsilon, learningRate, centered: self.centered };
    namedGradients(gradients).forEach(([name, gradient], i) => {
      const value = weight(name);
      const meanSquare = slot(self.accumulatedMeanSquares, i, `${name}/rms`, value);
      const moment = slot(self.accumulatedMoments, i, `${name}/momentum`, value);
      const meanGrad = self.centered ? slot(self.accumulatedMeanGrads, i, `${name}/mg`, value) : undefined;
      if (gradient === null) return;
      const inputs = { value, gradient, meanSquare, moment, ...(meanGrad && { meanGrad }) };
      const targets = meanGrad ? [value, meanSquare, moment, meanGrad] : [value, meanSquare, moment];
      update(FUSED_UPDATE_KERNELS.rmsprop, inputs, attrs, targets);
    });
    this.incrementIterations();
  }
}

interface AdagradFields {
  initialAccumulatorValue: number;
  accumulatedGrads: Slot[];
}

export class FusedAdagradOptimizer extends tf.AdagradOptimizer {
  override applyGradients(gradients: Gradients<tf.AdagradOptimizer>): void {
    if (!fusedUpdateAvailable('adagrad')) return super.applyGradients(gradients);
    const self = this as unknown as AdagradFields;
    const attrs = { learningRate: this.learningRate, epsilon: tf.backend().epsilon() };
    namedGradients(gradients).forEach(([name, gradient], i) => {
      const value = weight(name);
      // tfjs starts the accumulator at initialAccumulatorValue, not zero.
      self.accumulatedGrads[i] ??= {
        originalName: `${name}/accumulator`,
        variable: tf.tidy(() => tf.fill(value.shape, self.initialAccumulatorValue).variable(false)),
      };
      const accumulator = self.accumulatedGrads[i].variable;
      if (gradient === null) return;
      update(FUSED_UPDATE_KERNELS.adagrad, { value, gradient, accumulator }, attrs, [value, accumulator]);
    });
    this.incrementIterations();
  }
}

interface AdadeltaFields {
  accumulatedGrads: Slot[];
  accumulatedUpdates: Slot[];
}

export class FusedAdadeltaOptimizer extends tf.AdadeltaOptimizer {
  override applyGradients(gradients: Gradients<tf.AdadeltaOptimizer>): void {
    if (!fusedUpdateAvailable('adadelta')) return super.applyGradients(gradients);
    const self = this as unknown as AdadeltaFields;
    const attrs = { rho: this.rho, epsilon: this.epsilon, learningRate: this.learningRate };
    namedGradients(gradients).forEach(([name, gradient], i) => {
      const value = weight(name);
      const accumulatedGrad = slot(self.accumulatedGrads, i, `${name}/accum_grad`, value);
      const accumulatedUpdate = slot(self.accumulatedUpdates, i, `${name}/accum_var`, value);
      if (gradient === null) return;
      const inputs = { value, gradient, accumulatedGrad, accumulatedUpdate };
      update(FUSED_UPDATE_KERNELS.adadelta, inputs, attrs, [value, accumulatedGrad, accumulatedUpdate]);
    });
    this.incrementIterations();
  }
}

interface AdamaxFields {
  iteration: tf.Variable;
  accBeta1: tf.Variable;
  accumulatedFirstMoment: Slot[];
  accumulatedWeightedInfNorm: Slot[];
}

export class FusedAdamaxOptimizer extends tf.AdamaxOptimizer {
  override applyGradients(gradients: Gradients<tf.AdamaxOptimizer>): void {
    if (!fusedUpdateAvailable('adamax')) return super.applyGradients(gradients);
    const self = this as unknown as AdamaxFields;
    const { beta1, beta2, epsilon, learningRate, decay } = this;
    const attrs = { beta1, beta2, epsilon, learningRate, decay };
    namedGradients(gradients).forEach(([name, gradient], i) => {
      const value = weight(name);
      const m = slot(self.accumulatedFirstMoment, i, `${name}/m`, value);
      const v = slot(self.accumulatedWeightedInfNorm, i, `${name}/v`, value);
      if (gradient === null) return;
      const inputs = { value, gradient, m, v, iteration: self.iteration, accBeta1: self.accBeta1 };
      update(FUSED_UPDATE_KERNELS.adamax, inputs, attrs, [value, m, v]);
    });
    tf.tidy(() => {
      self.iteration.assign(tf.add(self.iteration, 1));
      self.accBeta1.assign(tf.mul(self.accBeta1, beta1));
    });
    this.incrementIterations();
  }
}
