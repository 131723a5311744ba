import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { LAYER_TYPES, loadSpecText, type Spec } from '@tfyaml/spec-schema';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compileModel } from './compile.ts';
import { ModelError } from './errors.ts';
import { learningRateOf } from './optimizer.ts';
import { summarizeModel } from './summary.ts';

const SEED_CNN = `name: cnn
data: { dataset: cifar10 }
model:
  layers:
    - { type: conv2d, filters: 32, kernelSize: 3, activation: relu }
    - { type: maxPooling2d, poolSize: 2 }
    - { type: conv2d, filters: 64, kernelSize: 3, activation: relu }
    - { type: maxPooling2d, poolSize: 2 }
    - { type: flatten }
    - { type: dense, units: 64, activation: relu }
    - { type: dense, units: 10, activation: softmax }
`;
const CIFAR = { inputShape: [32, 32, 3], numClasses: 10 };
const specOf = (text: string, overrides: string[] = []): Spec => loadSpecText(text, 'exp.yaml', { overrides }).spec;

function modelError(spec: Spec, target = CIFAR): ModelError {
  try {
    compileModel(spec, target);
  } catch (error) {
    if (error instanceof ModelError) return error;
    throw error;
  }
  throw new Error('expected a ModelError');
}

const compile = suite('compileModel');

compile.before(async () => {
  await tf.setBackend('cpu');
});

compile("the seed CNN has the tutorial's shapes and 167,562 parameters", () => {
  const { model } = compileModel(specOf(SEED_CNN), CIFAR);
  const summary = summarizeModel(model);
  assert.equal(
    summary.layers.map((l) => l.outputShape),
    [
      [null, 30, 30, 32],
      [null, 15, 15, 32],
      [null, 13, 13, 64],
      [null, 6, 6, 64],
      [null, 2304],
      [null, 64],
      [null, 10],
    ],
  );
  assert.is(summary.totalParams, 167562);
  assert.is(summary.trainableParams, 167562);
  model.dispose();
});

compile('optimizer type and arguments reach tfjs', () => {
  const { optimizer, model } = compileModel(
    specOf(SEED_CNN, ['training.optimizer={type: momentum, learningRate: 0.05, momentum: 0.5}']),
    CIFAR,
  );
  assert.is(optimizer.getClassName(), 'Momentum');
  assert.is(learningRateOf(optimizer), 0.05);
  assert.is((optimizer.getConfig() as { momentum: number }).momentum, 0.5);
  model.dispose();
});

compile('initializer and regularizer objects become tfjs instances', () => {
  const spec = specOf(SEED_CNN, [
    'model.layers[5]={type: dense, units: 64, kernelInitializer: {type: heNormal, seed: 3}, kernelRegularizer: {type: l2, l2: 0.01}}',
  ]);
  const { model } = compileModel(spec, CIFAR);
  const dense = model.layers[5]!.getConfig() as {
    kernelInitializer: { className: string };
    kernelRegularizer: { className: string };
  };
  assert.is(dense.kernelInitializer.className, 'VarianceScaling');
  assert.is(dense.kernelRegularizer.className, 'L1L2');
  model.dispose();
});

compile('input shape comes from the dataset; a written one must match it', () => {
  const { model } = compileModel(specOf(SEED_CNN, ['model.inputShape=[32, 32, 3]']), CIFAR);
  assert.equal(model.inputs[0]!.shape, [null, 32, 32, 3]);
  model.dispose();
  const error = modelError(specOf(SEED_CNN, ['model.inputShape=[28, 28, 3]']));
  assert.is(error.specPath, 'model.inputShape');
  assert.match(error.message, "the dataset's samples have shape [32,32,3]");
});

compile('a last layer that does not match the classes names the fix', () => {
  const error = modelError(specOf(SEED_CNN, ['model.layers[6].units=12']));
  assert.is(error.specPath, 'model.layers[6].units');
  assert.match(error.message, 'outputs 12 values, but the dataset has 10 classes');
  assert.match(error.hint!, 'units: 10');
});

compile('a layer that cannot take its input shape is blamed by index', () => {
  const error = modelError(specOf(SEED_CNN, ['model.layers[1].poolSize=64']));
  assert.is(error.specPath, 'model.layers[1]');
  assert.match(error.message, 'turns [null,30,30,32] into an empty output');
});

compile('a model without flatten before the classifier', () => {
  const error = modelError(specOf(SEED_CNN, ['model.layers[4]={type: dropout, rate: 0.1}']));
  assert.is(error.specPath, 'model.layers[6]');
  assert.match(error.message, 'needs one score per class');
});

compile.run();

const vocabulary = suite('layer vocabulary');

vocabulary('every spec layer type is a tf.layers factory', () => {
  const factories = tfl.layers as unknown as Record<string, unknown>;
  const missing = LAYER_TYPES.filter((type) => typeof factories[type] !== 'function');
  assert.equal(missing, []);
});

vocabulary.run();
