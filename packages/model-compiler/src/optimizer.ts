// Optimizer spec → tfjs optimizer. Defaults follow Keras where tfjs leaves an argument required. Every one is
// tfjs's own, updating through the backend's fused kernels where it has them (fused-optimizers.ts).
import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerSpec } from '@tfyaml/spec-schema';
import { AdamWOptimizer } from './training/adamw.ts';
import { withGradientClipping } from './training/clip.ts';
import {
  FusedAdadeltaOptimizer,
  FusedAdagradOptimizer,
  FusedAdamaxOptimizer,
  FusedAdamOptimizer,
  FusedMomentumOptimizer,
  FusedRMSPropOptimizer,
  FusedSGDOptimizer,
} from './training/fused-optimizers.ts';

type Args = Record<string, unknown>;
const n = (args: Args, key: string): number | undefined => args[key] as number | undefined;
const b = (args: Args, key: string): boolean | undefined => args[key] as boolean | undefined;

const FACTORIES: Record<OptimizerSpec['type'], (lr: number, a: Args) => tf.Optimizer> = {
  sgd: (lr) => new FusedSGDOptimizer(lr),
  momentum: (lr, a) => new FusedMomentumOptimizer(lr, n(a, 'momentum') ?? 0.9, b(a, 'useNesterov') ?? false),
  adam: (lr, a) => new FusedAdamOptimizer(lr, n(a, 'beta1') ?? 0.9, n(a, 'beta2') ?? 0.999, n(a, 'epsilon')),
  adamax: (lr, a) =>
    new FusedAdamaxOptimizer(lr, n(a, 'beta1') ?? 0.9, n(a, 'beta2') ?? 0.999, n(a, 'epsilon'), n(a, 'decay')),
  rmsprop: (lr, a) =>
    new FusedRMSPropOptimizer(
      lr,
      n(a, 'decay') ?? 0.9,
      n(a, 'momentum') ?? 0,
      n(a, 'epsilon'),
      b(a, 'centered') ?? false,
    ),
  adagrad: (lr, a) => new FusedAdagradOptimizer(lr, n(a, 'initialAccumulatorValue') ?? 0.1),
  adadelta: (lr, a) => new FusedAdadeltaOptimizer(lr, n(a, 'rho') ?? 0.95, n(a, 'epsilon')),
  adamw: (lr, a) =>
    new AdamWOptimizer(lr, n(a, 'beta1') ?? 0.9, n(a, 'beta2') ?? 0.999, n(a, 'epsilon'), n(a, 'weightDecay') ?? 0.01),
};

export function createOptimizer(spec: OptimizerSpec): tf.Optimizer {
  const { type, learningRate, clipNorm, clipValue, ...args } = spec;
  if (learningRate === undefined) throw new Error('createOptimizer: learningRate must be filled by loadSpec');
  return withGradientClipping(FACTORIES[type](learningRate, args), { clipNorm, clipValue });
}

/** tfjs keeps the rate in a protected field on every optimizer (setLearningRate writes it). */
export function learningRateOf(optimizer: tf.Optimizer): number {
  const rate = (optimizer as unknown as { learningRate?: unknown }).learningRate;
  if (typeof rate !== 'number')
    throw new Error(`learningRateOf: ${optimizer.getClassName()} has no numeric learningRate`);
  return rate;
}
