import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { loadSpecText, type Spec } from '@tfyaml/spec-schema';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compileModel } from './compile.ts';
import { ModelError } from './errors.ts';
import { checkMemory, estimateMemory } from './memory-estimate.ts';

const IMAGES = { inputShape: [8, 8, 3], numClasses: 4 };
const SEQUENCES = { inputShape: [5, 4], numClasses: 4 };
const INDICES = { inputShape: [6], numClasses: 4 };

/** A regression loss, so no rule about the last layer gets in the way of small test models. */
function specOf(layers: string[], training = ''): Spec {
  const text =
    `name: t\ndata: { dataset: synthetic }\nmodel:\n  layers:\n${layers.map((l) => `    - ${l}\n`).join('')}` +
    `training: { loss: meanSquaredError${training} }\n`;
  return loadSpecText(text, 'exp.yaml').spec;
}

/** The estimate's parameter counts against tfjs's own, on the model compileModel builds. */
function assertParamsMatch(layers: string[], target: { inputShape: number[]; numClasses: number }): void {
  const spec = specOf(layers);
  const estimate = estimateMemory(spec, target);
  const { model } = compileModel(spec, target);
  const trainable = model.trainableWeights.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
  const outputs = model.layers
    .filter((l) => l.getClassName() !== 'InputLayer')
    .reduce((n, l) => n + (l.outputShape as (number | null)[]).reduce<number>((a, b) => a * (b ?? 1), 1), 0);
  assert.ok(estimate, 'an estimate');
  assert.is(estimate.params, model.countParams(), `params of ${layers.join(', ')}`);
  assert.is(estimate.trainableParams, trainable, `trainable params of ${layers.join(', ')}`);
  if (!/simpleRNN|lstm|gru/.test(layers.join())) {
    assert.is(estimate.activationsPerSample, target.inputShape.reduce((a, b) => a * b, 1) + outputs, 'activations');
  }
  model.dispose();
}

const params = suite('estimateMemory :: parameter counts equal tfjs countParams()');

params.before(async () => {
  await tf.setBackend('cpu');
});

const FAMILIES: [string, string[], typeof IMAGES][] = [
  ['dense', ['{ type: flatten }', '{ type: dense, units: 7 }', '{ type: dense, units: 3, useBias: false }'], IMAGES],
  [
    'conv1d',
    ['{ type: conv1d, filters: 6, kernelSize: 2 }', '{ type: conv1d, filters: 3, kernelSize: 3, useBias: false }'],
    SEQUENCES,
  ],
  [
    'conv2d',
    ['{ type: conv2d, filters: 6, kernelSize: 3 }', '{ type: conv2d, filters: 5, kernelSize: [2, 3], padding: same }'],
    IMAGES,
  ],
  ['conv2dTranspose', ['{ type: conv2dTranspose, filters: 5, kernelSize: 3, strides: 2 }'], IMAGES],
  [
    'depthwiseConv2d',
    [
      '{ type: depthwiseConv2d, kernelSize: 3, depthMultiplier: 2 }',
      '{ type: depthwiseConv2d, kernelSize: 2, useBias: false }',
    ],
    IMAGES,
  ],
  ['separableConv2d', ['{ type: separableConv2d, filters: 7, kernelSize: 3, depthMultiplier: 2 }'], IMAGES],
  [
    'batchNormalization',
    ['{ type: batchNormalization }', '{ type: batchNormalization, center: false, axis: 2 }'],
    IMAGES,
  ],
  ['layerNormalization', ['{ type: layerNormalization }', '{ type: layerNormalization, scale: false }'], IMAGES],
  [
    'embedding',
    ['{ type: embedding, inputDim: 20, outputDim: 3 }', '{ type: flatten }', '{ type: dense, units: 2 }'],
    INDICES,
  ],
  ['simpleRNN', ['{ type: simpleRNN, units: 6, returnSequences: true }', '{ type: simpleRNN, units: 3 }'], SEQUENCES],
  ['lstm', ['{ type: lstm, units: 6 }'], SEQUENCES],
  ['gru', ['{ type: gru, units: 5, useBias: false }'], SEQUENCES],
  ['bidirectional', ['{ type: bidirectional, layer: { type: lstm, units: 3 } }'], SEQUENCES],
  [
    'prelu',
    ['{ type: prelu }', '{ type: conv2d, filters: 4, kernelSize: 3 }', '{ type: prelu, sharedAxes: [1, 2] }'],
    IMAGES,
  ],
  [
    'frozen layer',
    ['{ type: flatten }', '{ type: dense, units: 7, trainable: false }', '{ type: dense, units: 2 }'],
    IMAGES,
  ],
];

for (const [family, layers, target] of FAMILIES) params(family, () => assertParamsMatch(layers, target));

params('a graph model with a residual add', () => {
  assertParamsMatch(
    [
      '{ type: conv2d, name: stem, filters: 4, kernelSize: 3, padding: same }',
      '{ type: conv2d, name: branch, filters: 4, kernelSize: 3, padding: same }',
      '{ type: add, inputs: [stem, branch] }',
      '{ type: flatten }',
      '{ type: dense, units: 2 }',
    ],
    IMAGES,
  );
});

params.run();

const check = suite('checkMemory');

const HUGE = ['{ type: conv2d, filters: 100000000, kernelSize: 3 }', '{ type: flatten }', '{ type: dense, units: 4 }'];

check('refuses a model larger than the machine, naming parameters and bytes, before tfjs allocates anything', () => {
  const before = tf.memory().numTensors;
  try {
    checkMemory(specOf(HUGE), IMAGES, 8e9);
    assert.unreachable('expected a ModelError');
  } catch (error) {
    assert.instance(error, ModelError);
    const { specPath, message, hint } = error as ModelError;
    assert.is(specPath, 'model.layers[0]');
    // conv 3·3·3·1e8 + 1e8, dense (6·6·1e8)·4 + 4; activations 32 × (192 + 2 × 3.6e9 + 4) floats.
    assert.match(message, "17,200,000,004 parameters (weights, gradients and adam's 2 slots: 275 GB)");
    assert.match(message, 'needs about 1.2 TB (1,196,800,025,152 bytes), more than the 8 GB this machine has');
    assert.match(message, 'one batch of 32 (922 GB)');
    assert.match(hint ?? '', 'training.maxMemory');
  }
  assert.is(tf.memory().numTensors, before);
});

check("training.maxMemory replaces the machine's memory as the limit, written as a size or in bytes", () => {
  const small = ['{ type: flatten }', '{ type: dense, units: 4 }'];
  assert.ok(checkMemory(specOf(small), IMAGES, 8e9));
  assert.throws(
    () => checkMemory(specOf(small, ', maxMemory: 1kB, optimizer: sgd'), IMAGES, 8e9),
    /more than training.maxMemory \(1 kB\): 772 parameters \(weights and gradients: 6.18 kB\)/,
  );
  assert.throws(
    () => checkMemory(specOf(small, ', maxMemory: 1000'), IMAGES, 8e9),
    /more than training.maxMemory \(1 kB\)/,
  );
  assert.ok(checkMemory(specOf(HUGE, ', maxMemory: 10000TB'), IMAGES, 8e9));
});

check("gradients and the optimizer's slots count per trainable weight", () => {
  const layers = ['{ type: flatten }', '{ type: dense, units: 4 }'];
  const weights = (192 * 4 + 4) * 4;
  assert.is(estimateMemory(specOf(layers, ', optimizer: sgd'), IMAGES)!.weightBytes, weights * 2);
  assert.is(estimateMemory(specOf(layers, ', optimizer: adam'), IMAGES)!.weightBytes, weights * 4);
  assert.is(estimateMemory(specOf(layers, ', optimizer: momentum'), IMAGES)!.weightBytes, weights * 3);
});

check('activations scale with the batch size', () => {
  const layers = ['{ type: flatten }', '{ type: dense, units: 4 }'];
  const one = estimateMemory(specOf(layers, ', batchSize: 1'), IMAGES)!;
  const many = estimateMemory(specOf(layers, ', batchSize: 64'), IMAGES)!;
  assert.is(one.activationBytes, (192 + 192 + 4) * 4);
  assert.is(many.activationBytes, 64 * one.activationBytes);
});

check('a layer that cannot take its input gives no estimate, so compileModel reports it', () => {
  const spec = specOf(['{ type: embedding, inputDim: 3, outputDim: 2, inputLength: 4 }']);
  assert.is(estimateMemory(spec, IMAGES), undefined);
  assert.throws(
    () => compileModel(spec, IMAGES),
    (error: unknown) => error instanceof ModelError && error.specPath === 'model.layers[0]',
  );
});

check.run();
