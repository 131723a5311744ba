import * as tf from '@tensorflow/tfjs-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { kernelCalls, NATIVE_BACKEND } from '../register.ts';
import { nativeOrSkip, randomTensor, relativeError, rng } from '../parity.testkit.ts';
import type { HostTensor } from '../parity.testkit.ts';

const native = nativeOrSkip('TfyamlReluBiasGrad');
// The bias gradient sums thousands of rows in another order than tfjs's Sum.
const TOL = 1e-5;

type Result = { masked: Float32Array; dBias: Float32Array; shapes: number[][] };

/** tfjs's own ops on cpu: relu's gradient dy · step(y), then Sum over every axis but the last (tfjs-layers' bias). */
async function reference(dy: HostTensor, y: HostTensor): Promise<Result> {
  await tf.setBackend('cpu');
  return tf.tidy(() => {
    const masked = tf.mul(tf.tensor(dy.values, dy.shape), tf.cast(tf.step(tf.tensor(y.values, y.shape)), 'float32'));
    const dBias = tf.sum(masked, [...dy.shape.keys()].slice(0, -1));
    return { masked: masked.dataSync() as Float32Array, dBias: dBias.dataSync() as Float32Array, shapes: [] };
  });
}

async function fused(dy: HostTensor, y: HostTensor): Promise<Result> {
  await tf.setBackend(NATIVE_BACKEND);
  return tf.tidy(() => {
    const inputs = { dy: tf.tensor(dy.values, dy.shape), y: tf.tensor(y.values, y.shape) };
    const [masked, dBias] = tf.engine().runKernel('TfyamlReluBiasGrad', inputs) as tf.Tensor[];
    return {
      masked: masked!.dataSync() as Float32Array,
      dBias: dBias!.dataSync() as Float32Array,
      shapes: [masked!.shape, dBias!.shape],
    };
  });
}

const test = suite('TfyamlReluBiasGrad');

const SHAPES: Record<string, number[]> = {
  'odd NHWC': [3, 5, 7, 6],
  'C = 1': [2, 9, 11, 1],
  'C = 3': [4, 13, 3, 3],
  'rank 1': [5],
  // 2,699 rows (a prime): not divisible by any thread count; large enough to run on every thread.
  'rows split unevenly over threads': [1, 2699, 13],
  'a conv layer': [16, 30, 30, 32],
};

for (const [name, shape] of Object.entries(SHAPES)) {
  test(`TfyamlReluBiasGrad :: ${name} [${shape}] matches tfjs's Step, Multiply and Sum`, async () => {
    if (!native) return;
    const r = rng(shape.reduce((a, b) => a * 31 + b, 7));
    const dy = randomTensor(r, shape);
    const y = randomTensor(r, shape, -1, 1);
    // Zero outputs (relu's clamp) and exact positives both occur in a real layer.
    y.values.forEach((v, i) => (y.values[i] = Math.max(v, 0)));
    const [want, got] = [await reference(dy, y), await fused(dy, y)];
    assert.equal(got.shapes, [shape, [shape.at(-1)!]]);
    assert.equal(relativeError(want.masked, got.masked), 0, 'dy · step(y) is exact');
    assert.ok(
      relativeError(want.dBias, got.dBias) <= TOL,
      `dBias relative error ${relativeError(want.dBias, got.dBias)}`,
    );
  });
}

test('TfyamlReluBiasGrad :: NaN in dy or y propagates as in tfjs (NaN · 0 is NaN)', async () => {
  if (!native) return;
  const shape = [2, 3, 4];
  const r = rng(11);
  const dy = randomTensor(r, shape);
  const y = randomTensor(r, shape);
  dy.values[0] = NaN;
  y.values[0] = -1; // a masked NaN still poisons its element and its channel's sum
  y.values[5] = NaN;
  dy.values[10] = Infinity;
  y.values[10] = 0;
  const [want, got] = [await reference(dy, y), await fused(dy, y)];
  assert.ok(Number.isNaN(got.masked[0]!) && Number.isNaN(got.masked[5]!) && Number.isNaN(got.masked[10]!));
  assert.equal(relativeError(want.masked, got.masked), 0);
  assert.equal(relativeError(want.dBias, got.dBias), 0);
});

test('TfyamlReluBiasGrad :: runs natively; mismatched shapes throw', async () => {
  if (!native) return;
  await tf.setBackend(NATIVE_BACKEND);
  const before = kernelCalls.get('TfyamlReluBiasGrad')!.native;
  tf.dispose(tf.engine().runKernel('TfyamlReluBiasGrad', { dy: tf.ones([2, 3]), y: tf.ones([2, 3]) }) as tf.Tensor[]);
  assert.is(kernelCalls.get('TfyamlReluBiasGrad')!.native, before + 1);
  assert.throws(
    () => tf.engine().runKernel('TfyamlReluBiasGrad', { dy: tf.ones([2, 3]), y: tf.ones([3, 2]) }),
    /dy and y must have one shape/,
  );
});

test.run();
