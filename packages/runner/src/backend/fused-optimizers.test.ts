// Here, not in either package: the runner is what depends on both (kernel packages import no workspace package).
// The fused optimizer updates against tfjs's own optimizers: @tfyaml/model-compiler's optimizers take the fused path
// on the native backend and tfjs's path on cpu (which has no fused kernels), from the same weights and gradients.
// They must agree bit for bit (the kernels repeat tfjs's float32 arithmetic), also across a learning-rate change,
// with gradient clipping, and after the state is saved and restored mid-run. The kernel names must be the ones
// model-compiler declares.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import {
  createOptimizer,
  FUSED_UPDATE_KERNELS,
  readOptimizerState,
  restoreOptimizerState,
  setLearningRate,
} from '@tfyaml/model-compiler';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { FUSED_UPDATES, kernelCalls, NATIVE_BACKEND } from '@tfyaml/native-kernels';
import { nativeOrSkip, randomTensor, rng } from '@tfyaml/native-kernels/testkit';

const native = nativeOrSkip('fused optimizer updates');

type OptimizerSpec = Parameters<typeof createOptimizer>[0];

const SHAPES = [[3, 4], [4], [2, 3, 3, 2], [1]];
const STEPS = 12;

/**
 * Every weight and slot value, and the tensors left undisposed, after `STEPS` steps (a learning-rate change at the
 * middle, a save/restore if asked).
 */
async function train(
  backend: string,
  spec: OptimizerSpec,
  restoreAt?: number,
): Promise<{ values: Float32Array[]; leaked: number }> {
  await tf.setBackend(backend);
  const tensorsBefore = tf.memory().numTensors;
  const r = rng(7);
  const weights = SHAPES.map((shape) => tf.tidy(() => tf.variable(tf.tensor(randomTensor(r, shape).values, shape))));
  let optimizer = createOptimizer(spec);
  for (let step = 0; step < STEPS; step++) {
    if (step === STEPS / 2) setLearningRate(optimizer, spec.learningRate! / 3);
    if (step === restoreAt) optimizer = restored(optimizer, spec);
    const gradients = Object.fromEntries(
      weights.map((w) => [w.name, tf.tensor(randomTensor(r, w.shape, -2, 2).values, w.shape)]),
    );
    optimizer.applyGradients(gradients);
    tf.dispose(Object.values(gradients));
  }
  const state = readOptimizerState(optimizer);
  const slots = Object.values(state.slots).flatMap((list) => list.map((s) => s.tensor));
  const values = [...weights, ...slots].map((t) => Float32Array.from(t.dataSync()));
  tf.dispose([...weights, ...slots]);
  optimizer.dispose();
  // tfjs's own Momentum.dispose leaves SGD's `c` behind: the fused path must leave exactly what tfjs's leaves.
  return { values, leaked: tf.memory().numTensors - tensorsBefore };
}

/** A fresh optimizer holding `optimizer`'s state, as `run --resume` builds it. */
function restored(optimizer: tf.Optimizer, spec: OptimizerSpec): tf.Optimizer {
  const state = readOptimizerState(optimizer);
  const fresh = createOptimizer(spec);
  if (spec.learningRate !== undefined)
    setLearningRate(fresh, (optimizer as unknown as { learningRate: number }).learningRate);
  restoreOptimizerState(fresh, state);
  tf.dispose(Object.values(state.slots).flatMap((list) => list.map((s) => s.tensor)));
  optimizer.dispose();
  return fresh;
}

const SPECS: Record<string, { spec: OptimizerSpec; kernel: string }> = {
  sgd: { spec: { type: 'sgd', learningRate: 0.1 }, kernel: FUSED_UPDATE_KERNELS.sgd },
  momentum: { spec: { type: 'momentum', learningRate: 0.05, momentum: 0.9 }, kernel: FUSED_UPDATE_KERNELS.momentum },
  'momentum, nesterov': {
    spec: { type: 'momentum', learningRate: 0.05, momentum: 0.8, useNesterov: true },
    kernel: FUSED_UPDATE_KERNELS.momentum,
  },
  adam: { spec: { type: 'adam', learningRate: 0.01 }, kernel: FUSED_UPDATE_KERNELS.adam },
  'adam, clipNorm': { spec: { type: 'adam', learningRate: 0.01, clipNorm: 1 }, kernel: FUSED_UPDATE_KERNELS.adam },
  adamw: { spec: { type: 'adamw', learningRate: 0.01, weightDecay: 0.05 }, kernel: FUSED_UPDATE_KERNELS.adam },
  rmsprop: { spec: { type: 'rmsprop', learningRate: 0.01 }, kernel: FUSED_UPDATE_KERNELS.rmsprop },
  adagrad: { spec: { type: 'adagrad', learningRate: 0.05 }, kernel: FUSED_UPDATE_KERNELS.adagrad },
  adadelta: { spec: { type: 'adadelta', learningRate: 1, rho: 0.9 }, kernel: FUSED_UPDATE_KERNELS.adadelta },
  'adamax, decay': {
    spec: { type: 'adamax', learningRate: 0.01, decay: 0.05 },
    kernel: FUSED_UPDATE_KERNELS.adamax,
  },
  'rmsprop, centered with momentum': {
    spec: { type: 'rmsprop', learningRate: 0.01, momentum: 0.5, centered: true, decay: 0.8 },
    kernel: FUSED_UPDATE_KERNELS.rmsprop,
  },
};

const names = suite('fused updates :: the kernel names');

names('are the ones model-compiler declares', () => {
  assert.equal(Object.keys(FUSED_UPDATES).sort(), Object.values(FUSED_UPDATE_KERNELS).sort());
});

names.run();

const parity = suite('fused updates :: bit for bit the steps of tfjs optimizers (cpu backend)');

for (const [name, { spec, kernel }] of Object.entries(SPECS)) {
  parity(name, async () => {
    if (!native) return;
    const expected = await train('cpu', spec);
    const before = kernelCalls.get(kernel)!.native;
    const fused = await train(NATIVE_BACKEND, spec);
    assert.is(kernelCalls.get(kernel)!.native - before, STEPS * SHAPES.length, `${name}: fused kernel calls`);
    assert.is(fused.values.length, expected.values.length);
    expected.values.forEach((values, k) =>
      assert.equal(Array.from(fused.values[k]!), Array.from(values), `${name}: tensor ${k}`),
    );
    assert.is(fused.leaked, expected.leaked, `${name}: tensors left undisposed`);
  });
}

parity('every optimizer resumed from saved state continues exactly', async () => {
  if (!native) return;
  for (const key of Object.keys(SPECS)) {
    const { spec } = SPECS[key]!;
    const straight = await train(NATIVE_BACKEND, spec);
    const resumed = await train(NATIVE_BACKEND, spec, 5);
    straight.values.forEach((values, k) =>
      assert.equal(Array.from(resumed.values[k]!), Array.from(values), `${key}: tensor ${k}`),
    );
  }
});

parity.run();
