import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSpecText } from './load.ts';
import { experimentSchema } from './schema.ts';
import { flattenSpace, isActive, isSweepVariable, orderedSpace, TOP_LEVEL_FIELDS } from './sweep-space.ts';

const CONDITIONAL = `name: demo
data: { dataset: synthetic }
model:
  layers:
    - { type: conv2d, filters: 4, kernelSize: 3, padding: same, activation: relu }
    - { type: conv2d, filters: 4, kernelSize: 3, padding: same, activation: relu }
    - { type: flatten }
    - { type: dense, units: 4, activation: softmax }
sweep:
  method: grid
  metric: { name: val_accuracy, goal: maximize }
  parameters:
    model.layers[1].filters: { values: [4, 8], when: { blocks: [2] } }
    training.optimizer.type:
      values:
        - { value: momentum, parameters: { training.optimizer.momentum: { values: [0.5, 0.9] } } }
        - adam
    blocks: { values: [1, 2] }
    model.layers[1]: { values: [{ type: activation, activation: linear }], when: { blocks: [1] } }
`;

const space = suite('sweep space');

space(
  'a conditional sweep loads: sub-parameters may add fields, exclusive branches may overlap, variables set nothing',
  () => {
    const { spec } = loadSpecText(CONDITIONAL, 'exp.yaml');
    const flat = flattenSpace(spec.sweep!.parameters);
    assert.equal(
      flat.map((p) => p.path),
      [
        'model.layers[1].filters',
        'training.optimizer.type',
        'training.optimizer.momentum',
        'blocks',
        'model.layers[1]',
      ],
    );
    const momentum = flat[2]!;
    assert.equal(momentum.conditions, [{ path: 'training.optimizer.type', values: ['momentum'] }]);
    assert.is(momentum.parent, 'training.optimizer.type');
    assert.equal(momentum.at, ['training.optimizer.type', 'values', 0, 'parameters', 'training.optimizer.momentum']);
    assert.equal(flat[1]!.parameter, { distribution: 'categorical', values: ['momentum', 'adam'] });
  },
);

space('ordered: a parameter comes after the ones its conditions read; active only when they hold', () => {
  const { spec } = loadSpecText(CONDITIONAL, 'exp.yaml');
  const ordered = orderedSpace(spec.sweep!.parameters);
  const at = (path: string) => ordered.findIndex((p) => p.path === path);
  assert.ok(at('blocks') < at('model.layers[1].filters'));
  const filters = ordered[at('model.layers[1].filters')]!;
  assert.ok(isActive(filters, { blocks: 2 }));
  assert.not.ok(isActive(filters, { blocks: 1 }));
  assert.not.ok(isActive(filters, {}));
});

space('sweep variables are plain names that are no top-level field; the list matches the schema', () => {
  assert.equal([...TOP_LEVEL_FIELDS].sort(), Object.keys(experimentSchema.properties).sort());
  assert.ok(isSweepVariable('blocks'));
  assert.not.ok(isSweepVariable('seed'));
  assert.not.ok(isSweepVariable('training.epochs'));
});

space.run();
