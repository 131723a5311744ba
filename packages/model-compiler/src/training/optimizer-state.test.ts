import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AdamWOptimizer } from './adamw.ts';
import { withGradientClipping } from './clip.ts';
import { readOptimizerState, restoreOptimizerState } from './optimizer-state.ts';

await tf.setBackend('cpu');

const OPTIMIZERS: Record<string, () => tf.Optimizer> = {
  sgd: () => tf.train.sgd(0.1),
  momentum: () => tf.train.momentum(0.1, 0.9, true),
  adam: () => tf.train.adam(0.01),
  adamax: () => tf.train.adamax(0.01),
  rmsprop: () => tf.train.rmsprop(0.01, 0.9, 0.5, undefined, true),
  adagrad: () => tf.train.adagrad(0.1),
  adadelta: () => tf.train.adadelta(1),
  adamw: () => new AdamWOptimizer(0.01),
  'adam, clipped': () => withGradientClipping(tf.train.adam(0.01), { clipNorm: 0.5 }),
};

/** Gradient of step k for a [2, 3] kernel and a [3] bias: varied, so each slot differs per element. */
const gradient = (k: number, shape: number[]) =>
  tf.tidy(() => tf.reshape(tf.sin(tf.add(tf.range(0, tf.util.sizeFromShape(shape)), k * 1.7)), shape));

function stepAll(optimizer: tf.Optimizer, variables: tf.Variable[], from: number, to: number): void {
  for (let k = from; k < to; k++) {
    const grads = variables.map((v) => ({ name: v.name, tensor: gradient(k, v.shape) }));
    optimizer.applyGradients(grads);
    tf.dispose(grads.map((g) => g.tensor));
  }
}

const bits = (variables: tf.Variable[]) =>
  variables.map((v) => Array.from(new Uint32Array(new Float32Array(v.dataSync()).buffer)));
const fresh = () => [tf.variable(tf.ones([2, 3])), tf.variable(tf.fill([3], 0.5))];

const state = suite('readOptimizerState / restoreOptimizerState');

for (const [name, make] of Object.entries(OPTIMIZERS)) {
  state(
    `${name}: 3 steps, restored into a fresh optimizer, 3 more steps equal 6 uninterrupted steps bit for bit`,
    () => {
      const straight = fresh();
      const reference = make();
      stepAll(reference, straight, 0, 6);

      const first = fresh();
      const before = make();
      stepAll(before, first, 0, 3);
      const saved = readOptimizerState(before);
      const second = first.map((v) => tf.variable(v.clone()));
      const after = make();
      restoreOptimizerState(after, saved);
      tf.dispose(
        Object.values(saved.slots)
          .flat()
          .map((s) => s.tensor),
      );
      before.dispose();
      stepAll(after, second, 3, 6);

      assert.equal(bits(second), bits(straight));
      assert.is(after.iterations, reference.iterations);
      tf.dispose([...straight, ...first, ...second]);
      reference.dispose();
      after.dispose();
    },
  );
}

state('adam keeps beta1^t as multiplied, not as pow() recomputes it (why tfjs setWeights is not used)', () => {
  const optimizer = tf.train.adam(0.01);
  const variables = fresh();
  stepAll(optimizer, variables, 0, 7);
  const saved = readOptimizerState(optimizer);
  assert.ok('accBeta1' in saved.scalars && 'accBeta2' in saved.scalars, Object.keys(saved.scalars).join());
  assert.equal(Object.keys(saved.slots).sort(), ['accumulatedFirstMoment', 'accumulatedSecondMoment']);
  assert.is(saved.slots['accumulatedFirstMoment']!.length, 2);
  tf.dispose(
    Object.values(saved.slots)
      .flat()
      .map((s) => s.tensor),
  );
  tf.dispose(variables);
  optimizer.dispose();
});

state('refuses a state of another optimizer class', () => {
  const adam = tf.train.adam(0.01);
  const saved = readOptimizerState(adam);
  assert.throws(() => restoreOptimizerState(tf.train.sgd(0.1), saved), /state is of Adam, the optimizer is SGD/);
  adam.dispose();
});

state.run();
