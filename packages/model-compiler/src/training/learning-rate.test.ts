import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { learningRateOf } from '../optimizer.ts';
import { AdamWOptimizer } from './adamw.ts';
import { withGradientClipping } from './clip.ts';
import { setLearningRate } from './learning-rate.ts';

await tf.setBackend('cpu');

const OPTIMIZERS: Record<string, (lr: number) => tf.Optimizer> = {
  sgd: (lr) => tf.train.sgd(lr),
  momentum: (lr) => tf.train.momentum(lr, 0.9),
  adam: (lr) => tf.train.adam(lr),
  adamax: (lr) => tf.train.adamax(lr),
  rmsprop: (lr) => tf.train.rmsprop(lr),
  adagrad: (lr) => tf.train.adagrad(lr),
  adadelta: (lr) => tf.train.adadelta(lr),
  adamw: (lr) => new AdamWOptimizer(lr),
  'sgd, clipped': (lr) => withGradientClipping(tf.train.sgd(lr), { clipValue: 100 }),
};

/** How much one step with gradient `g` moves the scalar variable `v`. */
function step(optimizer: tf.Optimizer, v: tf.Variable, g: number): number {
  const before = v.dataSync()[0]!;
  tf.tidy(() => optimizer.applyGradients({ [v.name]: tf.scalar(g) }));
  return v.dataSync()[0]! - before;
}

/** Two twins take the same first step; then one is rescheduled to 3× and both take a second step. */
function secondStepRatio(make: (lr: number) => tf.Optimizer, change: (o: tf.Optimizer) => void): number {
  const [a, b] = [make(0.1), make(0.1)];
  const [va, vb] = [tf.variable(tf.scalar(1)), tf.variable(tf.scalar(1))];
  step(a, va, 0.5);
  step(b, vb, 0.5);
  change(b);
  const ratio = step(b, vb, 0.5) / step(a, va, 0.5);
  tf.dispose([va, vb]);
  a.dispose();
  b.dispose();
  return ratio;
}

const rate = suite('setLearningRate');

for (const [name, make] of Object.entries(OPTIMIZERS)) {
  rate(`${name}: the next step is 3× larger after tripling the rate`, () => {
    const ratio = secondStepRatio(make, (o) => setLearningRate(o, 0.3));
    assert.ok(Math.abs(ratio - 3) < 1e-4, `step ratio ${ratio}`);
  });
}

rate('learningRateOf reads the new rate, through the clipping wrapper too', () => {
  for (const make of Object.values(OPTIMIZERS)) {
    const optimizer = make(0.1);
    setLearningRate(optimizer, 0.025);
    assert.is(learningRateOf(optimizer), 0.025, optimizer.getClassName());
    optimizer.dispose();
  }
});

rate('why SGD needs its own setter: writing the field alone leaves its cached step size unchanged', () => {
  const ratio = secondStepRatio(OPTIMIZERS['sgd']!, (o) => {
    (o as unknown as { learningRate: number }).learningRate = 0.3;
  });
  assert.ok(Math.abs(ratio - 1) < 1e-6, `step ratio ${ratio}`);
});

rate('refuses rates a schedule should never produce', () => {
  const optimizer = tf.train.adam(0.1);
  assert.throws(() => setLearningRate(optimizer, Number.NaN), /not a usable learning rate/);
  assert.throws(() => setLearningRate(optimizer, -1), /not a usable learning rate/);
  assert.is(learningRateOf(optimizer), 0.1);
  optimizer.dispose();
});

rate.run();
