import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ClippedOptimizer, clipGradients, withGradientClipping } from './clip.ts';

await tf.setBackend('cpu');

const near = (actual: ArrayLike<number>, expected: number[], what = '') =>
  assert.ok(
    Array.from(actual).every((a, i) => Math.abs(a - expected[i]!) < 1e-6),
    `${what} ${Array.from(actual)} ≠ ${expected}`,
  );

/** Clips {a: [3, 0], b: [4]} (global norm 5) and returns the values, disposing everything. */
function clipped(options: { clipNorm?: number; clipValue?: number }): { a: number[]; b: number[] } {
  const grads = { a: tf.tensor1d([3, 0]), b: tf.tensor1d([4]) };
  const out = clipGradients(grads, options);
  const values = { a: Array.from(out.a!.dataSync()), b: Array.from(out.b!.dataSync()) };
  tf.dispose([grads.a, grads.b, out.a!, out.b!]);
  return values;
}

const clip = suite('clipGradients');

clip('clipValue clips each element to ±clipValue', () => {
  const g = tf.tensor1d([3, -0.5, -4]);
  const out = clipGradients([{ name: 'w', tensor: g }], { clipValue: 1 });
  near(out[0]!.tensor.dataSync(), [1, -0.5, -1]);
  tf.dispose([g, out[0]!.tensor]);
});

clip('clipNorm scales all gradients together to a global norm of clipNorm (Keras global_clipnorm)', () => {
  const { a, b } = clipped({ clipNorm: 1 });
  near(a, [0.6, 0], 'a');
  near(b, [0.8], 'b');
});

clip('clipNorm leaves gradients already inside the norm alone', () => {
  const { a, b } = clipped({ clipNorm: 10 });
  near([...a, ...b], [3, 0, 4]);
});

clip('both: values first (to [3, 0], [3]), then the global norm √18', () => {
  const { a, b } = clipped({ clipValue: 3, clipNorm: 1 });
  near([...a, ...b], [3 / Math.sqrt(18), 0, 3 / Math.sqrt(18)]);
});

clip('keeps names, order and missing gradients; leaks no tensors', () => {
  const g = tf.tensor1d([2]);
  const before = tf.memory().numTensors;
  const out = clipGradients(
    [
      { name: 'z', tensor: g },
      { name: 'y', tensor: null as unknown as tf.Tensor },
    ],
    { clipNorm: 1 },
  );
  assert.equal(
    out.map((n) => n.name),
    ['z', 'y'],
  );
  assert.is(out[1]!.tensor ?? undefined, undefined);
  near(out[0]!.tensor.dataSync(), [1]);
  tf.dispose(out[0]!.tensor);
  assert.is(tf.memory().numTensors, before);
  g.dispose();
});

clip.run();

const wrapper = suite('ClippedOptimizer');

/** A one-weight linear model y = w·x (w = 1), trained one batch toward y = -100 with SGD at rate 1. */
async function weightAfterOneBatch(optimizer: tf.Optimizer): Promise<number> {
  const model = tfl.sequential({
    layers: [tfl.layers.dense({ units: 1, inputShape: [1], useBias: false, kernelInitializer: 'ones' })],
  });
  model.compile({ optimizer, loss: 'meanSquaredError' });
  const [x, y] = [tf.ones([1, 1]), tf.fill([1, 1], -100)];
  await model.trainOnBatch(x, y);
  const w = (await model.getWeights()[0]!.data())[0]!;
  tf.dispose([x, y]);
  model.dispose();
  return w;
}

wrapper('trainOnBatch goes through it: the gradient 202 is clipped before SGD applies it', async () => {
  near([await weightAfterOneBatch(tf.train.sgd(1))], [1 - 202], 'unclipped');
  near([await weightAfterOneBatch(withGradientClipping(tf.train.sgd(1), { clipValue: 0.01 }))], [0.99], 'clipValue');
  near([await weightAfterOneBatch(withGradientClipping(tf.train.sgd(1), { clipNorm: 0.5 }))], [0.5], 'clipNorm');
});

wrapper('reports the inner optimizer, so saved models record the real one', () => {
  const inner = tf.train.adam(0.003);
  const outer = withGradientClipping(inner, { clipNorm: 1 });
  assert.is(outer.getClassName(), 'Adam');
  assert.equal(outer.getConfig(), inner.getConfig());
  outer.dispose();
});

wrapper('no clipping asked: withGradientClipping returns the optimizer itself; the class refuses', () => {
  const sgd = tf.train.sgd(0.1);
  assert.is(withGradientClipping(sgd, {}), sgd);
  assert.throws(() => new ClippedOptimizer(sgd, {}), /clipNorm or clipValue/);
  assert.throws(() => new ClippedOptimizer(sgd, { clipNorm: 0 }), /clipNorm must be > 0/);
  sgd.dispose();
});

wrapper.run();
