import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { loadSpecText, type Spec } from '@tfyaml/spec-schema';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compileModel } from './compile.ts';
import { ModelError } from './errors.ts';

const RESIDUAL = `name: residual
data: { dataset: cifar10 }
model:
  layers:
    - { type: conv2d, name: stem, filters: 8, kernelSize: 3, padding: same, activation: relu }
    - { type: conv2d, name: c1, filters: 8, kernelSize: 3, padding: same, activation: relu }
    - { type: conv2d, name: c2, filters: 8, kernelSize: 3, padding: same }
    - { type: add, name: skip, inputs: [stem, c2] }
    - { type: globalAveragePooling2d }
    - { type: dense, units: 10, activation: softmax }
`;
const CIFAR = { inputShape: [32, 32, 3], numClasses: 10 };
const specOf = (text: string, overrides: string[] = []): Spec => loadSpecText(text, 'exp.yaml', { overrides }).spec;

const graph = suite('compileModel :: graphs');

graph.before(async () => {
  await tf.setBackend('cpu');
});

graph('a residual block compiles to a functional model that trains', async () => {
  const { model } = compileModel(specOf(RESIDUAL), CIFAR);
  assert.is(model.getClassName(), 'Model');
  const add = model.getLayer('skip');
  assert.is(add.getClassName(), 'Add');
  assert.equal(
    add.inboundNodes[0]!.inboundLayers.map((l) => l.name),
    ['stem', 'c2'],
  );
  const loss = await model.trainOnBatch(tf.randomNormal([2, 32, 32, 3]), tf.tensor2d([[1], [7]]));
  assert.ok(Number.isFinite((loss as number[])[0]!));
  model.dispose();
});

graph('branches merged by concatenate; layers without inputs follow the previous one', () => {
  const spec = specOf(RESIDUAL, [
    'model.layers[3]={type: concatenate, name: skip, inputs: [stem, c2, input]}',
    'model.layers[2].inputs=stem',
  ]);
  const { model } = compileModel(spec, CIFAR);
  assert.equal(model.getLayer('skip').outputShape, [null, 32, 32, 19]);
  model.dispose();
});

graph('a shape mismatch at a merge is blamed on the merge layer with both shapes', () => {
  try {
    compileModel(specOf(RESIDUAL, ['model.layers[2].filters=4']), CIFAR);
    assert.unreachable();
  } catch (error) {
    assert.instance(error, ModelError);
    assert.is((error as ModelError).specPath, 'model.layers[3]');
    assert.match((error as ModelError).message, 'inputs of shapes [null,32,32,8], [null,32,32,4]');
  }
});

graph('bidirectional wraps a recurrent layer', () => {
  const spec = specOf(`name: rnn
data: { dataset: cifar10 }
model:
  inputShape: [32, 96]
  layers:
    - { type: bidirectional, layer: { type: lstm, units: 4 }, mergeMode: concat }
    - { type: dense, units: 10, activation: softmax }
`);
  const { model } = compileModel(spec, { inputShape: [32, 96], numClasses: 10 });
  assert.equal(model.outputs[0]!.shape, [null, 10]);
  assert.is(model.layers[0]!.getClassName(), 'Bidirectional');
  model.dispose();
});

graph.run();
