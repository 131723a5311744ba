// Here, not in any one package: the runner is what depends on all (kernel packages import no workspace package).
// conv2d and conv1d layers with bias and relu compiled by @tfyaml/model-compiler train as one fused op on the native backend
// (FusedConv2D forward, TfyamlReluBiasGrad and the two conv backprop kernels backward) and through tfjs-layers'
// Conv2D, Add, Relu on cpu. From the same weights, each must give the same predictions and the same gradient for
// every weight, across the options that change the kernels' work (padding, strides, a following batch norm); the
// layers the fused op does not compute (1×1, linear, no bias) must take tfjs-layers' call there too. (Dilated
// convolutions take it too, but specs reject them: tfjs has no gradient for them.)
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { FUSED_CONV_KERNELS } from '@tfyaml/model-compiler';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { kernelCalls, NATIVE_BACKEND } from '@tfyaml/native-kernels';
import { nativeOrSkip, relativeError, rng } from '@tfyaml/native-kernels/testkit';
import { compileLayers, initialWeights, predictionsAndGradients } from './fused-layers.testkit.ts';

const native = nativeOrSkip('fused conv2d layers');

interface Case {
  layers: string[];
  /** One sample's shape, channels last. */
  input: number[];
  /** fused: the gradient runs TfyamlReluBiasGrad; stock: tfjs-layers' call throughout. */
  path: 'fused' | 'stock';
}

const CASES: Record<string, Case> = {
  'relu, valid padding': {
    layers: ['{ type: conv2d, filters: 4, kernelSize: 3, activation: relu }'],
    input: [7, 6, 3],
    path: 'fused',
  },
  'relu, same padding, one channel in': {
    layers: ['{ type: conv2d, filters: 3, kernelSize: 3, padding: same, activation: relu }'],
    input: [5, 5, 1],
    path: 'fused',
  },
  'relu, strides 2, a 2×3 kernel': {
    layers: ['{ type: conv2d, filters: 5, kernelSize: [2, 3], strides: 2, activation: relu }'],
    input: [9, 8, 2],
    path: 'fused',
  },
  'relu conv → batchNormalization → relu conv': {
    layers: [
      '{ type: conv2d, filters: 4, kernelSize: 3, padding: same, activation: relu }',
      '{ type: batchNormalization }',
      '{ type: conv2d, filters: 2, kernelSize: 3, activation: relu }',
    ],
    input: [6, 6, 3],
    path: 'fused',
  },
  'conv1d: relu, valid → relu, same padding, strides 2': {
    layers: [
      '{ type: conv1d, filters: 4, kernelSize: 3, activation: relu }',
      '{ type: conv1d, filters: 3, kernelSize: 2, strides: 2, padding: same, activation: relu }',
    ],
    input: [9, 2],
    path: 'fused',
  },
  'conv1d of size 1: tfjs-layers': {
    layers: ['{ type: conv1d, filters: 3, kernelSize: 1, activation: relu }'],
    input: [6, 2],
    path: 'stock',
  },
  '1×1 kernel: tfjs-layers (the lean gradient runs it as a matmul)': {
    layers: ['{ type: conv2d, filters: 4, kernelSize: 1, activation: relu }'],
    input: [5, 5, 3],
    path: 'stock',
  },
  'linear: tfjs-layers': { layers: ['{ type: conv2d, filters: 3, kernelSize: 3 }'], input: [5, 5, 2], path: 'stock' },
  'no bias: tfjs-layers': {
    layers: ['{ type: conv2d, filters: 3, kernelSize: 3, useBias: false, activation: relu }'],
    input: [5, 5, 2],
    path: 'stock',
  },
};

const BATCH = 3;

const compile = (c: Case) => () => compileLayers([...c.layers, '{ type: flatten }'], c.input);

function inputs(c: Case): { x: tf.Tensor; labels: tf.Tensor } {
  const r = rng(5);
  const size = c.input.reduce((a, b) => a * b, 1);
  return {
    x: tf.tensor(
      Array.from({ length: BATCH * size }, () => r() * 2 - 1),
      [BATCH, ...c.input],
    ),
    labels: tf.oneHot(tf.tensor1d([0, 1, 1], 'int32'), 2),
  };
}

const names = suite('fused conv2d :: the kernel names');

names('are registered on native as model-compiler declares them', () => {
  if (!native) return;
  for (const kernel of Object.values(FUSED_CONV_KERNELS)) assert.ok(tf.getKernel(kernel, NATIVE_BACKEND), kernel);
});

names.run();

const parity = suite('fused conv2d :: the same predictions and gradients as tfjs-layers (cpu backend)');

for (const [name, c] of Object.entries(CASES)) {
  parity(name, async () => {
    if (!native) return;
    const weights = await initialWeights(compile(c));
    const { outputs: expected } = await predictionsAndGradients('cpu', compile(c), weights, () => inputs(c));
    const calls = kernelCalls.get(FUSED_CONV_KERNELS.reluBiasGrad)!;
    const before = calls.native;
    const { outputs: fused } = await predictionsAndGradients(NATIVE_BACKEND, compile(c), weights, () => inputs(c));
    assert.is(calls.native > before, c.path === 'fused', `${name}: the fused gradient kernel ran`);
    expected.forEach((values, k) => {
      const what = k === 0 ? 'predictions' : `gradient of weight ${k - 1}`;
      const error = relativeError(values, fused[k]!);
      assert.ok(error < 1e-4, `${name}: ${what} differ (relative error ${error})`);
    });
    await tf.setBackend('cpu');
    tf.dispose(weights);
  });
}

parity.run();
