import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { selectBackend } from '../backend/select.ts';
import { useLeanGradients } from './lean-gradients.ts';

const stock = {
  Mean: tf.getGradient('Mean')!,
  Sum: tf.getGradient('Sum')!,
  FusedBatchNorm: tf.getGradient('FusedBatchNorm')!,
  Conv2D: tf.getGradient('Conv2D')!,
};
const withStock = () => Object.values(stock).forEach((config) => tf.registerGradient(config));

/** Gradients of `f` with respect to each of `xs`, as arrays, under the gradients registered now. */
function gradients(f: (...xs: tf.Tensor[]) => tf.Tensor, xs: tf.Tensor[]): number[][] {
  return tf.tidy(() =>
    tf
      .grads(f)(xs)
      .map((g) => [...g.dataSync()]),
  );
}

function assertClose(actual: number[][], expected: number[][], tolerance = 1e-4): void {
  assert.is(actual.length, expected.length);
  actual.forEach((values, i) =>
    values.forEach((v, j) => {
      const e = expected[i]![j]!;
      assert.ok(Math.abs(v - e) <= tolerance * Math.max(1, Math.abs(e)), `input ${i}[${j}]: ${v} vs ${e}`);
    }),
  );
}

/** Both ways: tfjs's gradients, then the lean ones, for the same function and inputs. */
function compare(f: (...xs: tf.Tensor[]) => tf.Tensor, xs: tf.Tensor[]): { stock: number[][]; lean: number[][] } {
  withStock();
  const before = gradients(f, xs);
  useLeanGradients();
  assert.is.not(tf.getGradient('Mean'), stock.Mean);
  return { stock: before, lean: gradients(f, xs) };
}

const random = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed);

const lean = suite('useLeanGradients');

lean.before(async () => {
  await selectBackend('cpu');
});
lean.after(withStock);

lean('Mean and Sum over several axes, one, a negative one, all, and by default: the same gradients as tfjs', () => {
  const x = random([2, 3, 4, 5], 1);
  const weight = random([2, 3, 4, 5], 2);
  for (const reduce of [tf.mean, tf.sum]) {
    for (const axis of [[0, 1, 2], 1, -1, [0, 1, 2, 3], undefined]) {
      const loss = (t: tf.Tensor) => tf.sum(tf.mul(reduce(tf.mul(t, weight), axis), tf.mean(weight, axis)));
      const { stock: expected, lean: actual } = compare(loss, [x]);
      assertClose(actual, expected);
    }
  }
});

lean('FusedBatchNorm in training (moments of x, scale, offset): the same gradients for x, scale and offset', () => {
  for (const shape of [
    [4, 5, 3, 7],
    [6, 3],
    [3, 2, 2, 1],
  ]) {
    const channels = shape.at(-1)!;
    const x = tf.add(tf.mul(random(shape, 3), 2), 0.5);
    const weight = random(shape, 4);
    const loss = (t: tf.Tensor, scale: tf.Tensor, offset: tf.Tensor) => {
      const { mean, variance } = tf.moments(t, shape.map((_, i) => i).slice(0, -1));
      return tf.sum(tf.mul(tf.batchNorm(t, mean, variance, offset, scale, 1e-3), weight));
    };
    const { stock: expected, lean: actual } = compare(loss, [x, random([channels], 5), random([channels], 6)]);
    assertClose(actual, expected);
  }
});

lean(
  'Conv2D: 1×1 filters (valid, same) as matrix products, others as tfjs: the same gradients for x and filter',
  () => {
    const cases: [number[], number[], number, 'valid' | 'same'][] = [
      [[3, 5, 7, 4], [1, 1, 4, 6], 1, 'valid'],
      [[2, 4, 3, 5], [1, 1, 5, 3], 1, 'same'],
      [[2, 6, 6, 3], [1, 1, 3, 2], 2, 'valid'],
      [[2, 5, 5, 3], [3, 3, 3, 4], 1, 'same'],
    ];
    for (const [[xShape, filterShape, strides, pad], seed] of cases.map((c, i) => [c, 10 * i] as const)) {
      const weight = tf.tidy(() =>
        tf.conv2d(random(xShape, seed) as tf.Tensor4D, random(filterShape, seed + 1) as tf.Tensor4D, strides, pad),
      );
      const loss = (x: tf.Tensor, filter: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, strides, pad), weight));
      const { stock: expected, lean: actual } = compare(loss, [
        random(xShape, seed + 2),
        random(filterShape, seed + 3),
      ]);
      assertClose(actual, expected);
    }
  },
);

lean("a tfjs-layers batchNormalization layer's weight gradients match tfjs's", () => {
  const model = tfl.sequential({
    layers: [tfl.layers.conv2d({ inputShape: [6, 6, 2], filters: 3, kernelSize: 3 }), tfl.layers.batchNormalization()],
  });
  const x = random([5, 6, 6, 2], 7);
  const target = random([5, 4, 4, 3], 8);
  const loss = () => tf.mean(tf.square(tf.sub(model.apply(x, { training: true }) as tf.Tensor, target))) as tf.Scalar;
  const weights = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const grads = () => tf.tidy(() => weights.map((w) => [...tf.variableGrads(loss, [w]).grads[w.name]!.dataSync()]));
  withStock();
  const expected = grads();
  useLeanGradients();
  assertClose(grads(), expected);
});

lean('is registered once: a second call keeps the same configs', () => {
  useLeanGradients();
  const first = tf.getGradient('FusedBatchNorm');
  useLeanGradients();
  assert.is(tf.getGradient('FusedBatchNorm'), first);
  assert.is.not(first, stock.FusedBatchNorm);
});

lean.run();
