import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSpec, orderedSpace, SpecError } from '@tfyaml/spec-schema';
import { checkSweep, spaceTree } from './describe.ts';
import { checkParameterValues } from './values-check.ts';

const file = (sweepParameters: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'describe-')), 'sweep.yaml');
  writeFileSync(
    path,
    `name: demo
data: { dataset: synthetic }
model:
  layers:
    - { type: conv2d, filters: 4, kernelSize: 3, activation: relu }
    - { type: flatten }
    - { type: dense, units: 4, activation: softmax }
training: { optimizer: { type: adam, learningRate: 0.01 }, epochs: 1 }
sweep:
  method: grid
  metric: { name: val_accuracy, goal: maximize }
  parameters:
${sweepParameters}`,
  );
  return path;
};

const CHOICES = `    training.optimizer.type:
      values:
        - { value: momentum, parameters: { training.optimizer.momentum: { values: [0.5, 0.9] } } }
        - adam
    model.layers[0]:
      values:
        - value: { type: conv2d, kernelSize: 3, activation: relu }
          parameters:
            model.layers[0].filters: { values: [4, 8] }
        - { type: flatten }
`;

const describe = suite('spaceTree');

describe("each value's sub-parameters are indented under it, aligned with the others", () => {
  const { spec } = loadSpec(file(CHOICES));
  assert.equal(spaceTree(orderedSpace(spec.sweep!.parameters)), [
    '  training.optimizer.type          one of momentum, adam',
    '    = momentum:',
    '      training.optimizer.momentum  one of 0.5, 0.9',
    '  model.layers[0]                  one of {"type":"conv2d","kernelSize":3,"activation":"relu"}, {"type":"flatten"}',
    '    = {"type":"conv2d","kernelSize":3,"activation":"relu"}:',
    '      model.layers[0].filters      one of 4, 8',
  ]);
});

describe.run();

const values = suite('checkParameterValues (conditional)');

values('a choice is tried with its sub-parameters, so a conv layer may leave filters to them', () => {
  checkParameterValues(loadSpec(file(CHOICES)));
});

values("a sub-parameter's bad value is tried with its parent's choice and reported where it is written", () => {
  const bad = CHOICES.replace('values: [0.5, 0.9]', 'values: [0.5, 1.5]');
  try {
    checkParameterValues(loadSpec(file(bad)));
    assert.unreachable('expected a SpecError');
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    assert.is(error.issues.length, 1);
    assert.is(
      error.issues[0]!.path,
      'sweep.parameters.training.optimizer.type.values[0].parameters.training.optimizer.momentum.values[1]',
    );
    assert.match(error.issues[0]!.message, 'training.optimizer.momentum = 1.5');
    assert.is(error.issues[0]!.line, 15);
  }
});

values.run();

const scoring = suite('checkSweep :: objectives');

scoring('tfyaml check names the objectives and says a multi-objective sweep ranks by Pareto front', () => {
  const text = (objectives: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'describe-'));
    const yaml = `name: demo
data: { dataset: synthetic }
model:
  layers:
    - { type: flatten }
    - { type: dense, units: 4, activation: softmax }
sweep:
  method: grid
${objectives}
  parameters:
    model.layers[1].units: { values: [4, 8] }
`;
    writeFileSync(join(dir, 'sweep.yaml'), yaml);
    return checkSweep(loadSpec(join(dir, 'sweep.yaml'))).split('\n')[0]!;
  };
  assert.match(text('  metric: { name: val_loss, goal: minimize }'), 'scored by val_loss (minimize)');
  assert.match(
    text('  metrics:\n    - { name: val_accuracy, goal: maximize }\n    - { name: peak_rss_mb, goal: minimize }'),
    'scored by val_accuracy (maximize), peak_rss_mb (minimize): Pareto front',
  );
});

scoring.run();
