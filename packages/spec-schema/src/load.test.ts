import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SpecError, type SpecIssue } from './errors.ts';
import { formatResolvedSpec, loadSpec, loadSpecText } from './load.ts';

const VALID = `name: demo
data:
  dataset: cifar10
model:
  layers:
    - { type: conv2d, filters: 32, kernelSize: 3, activation: relu }
    - { type: flatten }
    - { type: dense, units: 10, activation: softmax }
`;

function issuesOf(text: string, overrides: string[] = []): SpecIssue[] {
  try {
    loadSpecText(text, 'exp.yaml', { overrides });
  } catch (error) {
    if (error instanceof SpecError) return error.issues;
    throw error;
  }
  throw new Error('expected a SpecError');
}

const defaults = suite('loadSpec :: defaults');

defaults('fills Keras defaults and the optimizer learning rate', () => {
  const { spec } = loadSpecText(VALID, 'exp.yaml');
  assert.is(spec.training.batchSize, 32);
  assert.is(spec.training.epochs, 10);
  assert.equal(spec.training.optimizer, { type: 'adam', learningRate: 0.001 });
  assert.equal(spec.training.loss, { type: 'sparseCategoricalCrossentropy', fromLogits: false });
  assert.equal(spec.training.metrics, ['accuracy']);
  assert.is(spec.training.validation, 'test');
  assert.is(spec.backend, 'auto');
  assert.is(spec.seed, 42);
  assert.is(spec.data.normalize, 'scale');
});

defaults('expands optimizer and metric shorthands', () => {
  const { spec } = loadSpecText(`${VALID}training: { optimizer: sgd, metrics: accuracy }\n`, 'exp.yaml');
  assert.equal(spec.training.optimizer, { type: 'sgd', learningRate: 0.01 });
  assert.equal(spec.training.metrics, ['accuracy']);
});

defaults('fills synthetic dataset options', () => {
  const { spec } = loadSpecText(VALID.replace('cifar10', 'synthetic'), 'exp.yaml');
  assert.equal(spec.data.synthetic, {
    classes: 4,
    imageSize: 16,
    channels: 3,
    trainSize: 2000,
    testSize: 400,
    noise: 0.25,
  });
});

defaults('resolves data.path relative to the spec file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tfyaml-spec-'));
  writeFileSync(join(dir, 'exp.yaml'), VALID.replace('dataset: cifar10', 'dataset: cifar10\n  path: .'));
  assert.is(loadSpec(join(dir, 'exp.yaml')).spec.data.path, dir);
});

defaults.run();

const overrides = suite('loadSpec :: --set overrides');

overrides('applies dot paths with [i] before validation and records them', () => {
  const loaded = loadSpecText(VALID, 'exp.yaml', {
    overrides: ['training.epochs=1', 'model.layers[0].filters=16', 'training.optimizer={type: sgd, learningRate: 0.1}'],
  });
  assert.is(loaded.spec.training.epochs, 1);
  assert.is(loaded.spec.model.layers[0]!['filters'], 16);
  assert.equal(loaded.spec.training.optimizer, { type: 'sgd', learningRate: 0.1 });
  assert.equal(loaded.overrides, [
    'training.epochs=1',
    'model.layers[0].filters=16',
    'training.optimizer={type: sgd, learningRate: 0.1}',
  ]);
  const yaml = formatResolvedSpec(loaded);
  assert.match(yaml, '#   --set training.epochs=1');
  assert.match(yaml, 'epochs: 1');
});

overrides('an invalid override value is reported against the --set argument', () => {
  const [issue] = issuesOf(VALID, ['training.batchSize=abc']);
  assert.is(issue!.source, '--set training.batchSize=abc');
  assert.is(issue!.path, 'training.batchSize');
  assert.match(issue!.message, 'must be an integer');
});

overrides('a malformed override and an index past the end', () => {
  const issues = issuesOf(VALID, ['epochs', 'model.layers[7].units=3']);
  assert.is(issues.length, 2);
  assert.match(issues[0]!.message, 'expected path=value');
  assert.match(issues[1]!.message, 'index 7 is past the end of the list (it has 3 items)');
});

overrides.run();

const errors = suite('loadSpec :: errors point at file:line:column');

errors('YAML syntax error: an unclosed bracket is reported at the bracket', () => {
  const [issue] = issuesOf('name: demo\ndata:\n  dataset: [cifar10\nmodel: {}\n');
  assert.equal([issue!.source, issue!.line, issue!.column], ['exp.yaml', 3, 12]);
  assert.is(issue!.hint, 'this [ is never closed; add its ]');
});

errors('unknown top-level key, at the key', () => {
  const [issue] = issuesOf(`${VALID}trainig: {}\n`);
  assert.equal([issue!.line, issue!.column, issue!.path], [9, 1, 'trainig']);
  assert.match(issue!.message, 'unknown key "trainig" at the top level');
  assert.match(issue!.hint!, 'did you mean "training"?');
});

errors('unknown layer type with a did-you-mean', () => {
  const [issue] = issuesOf(VALID.replace('type: conv2d', 'type: conv2D'));
  assert.equal([issue!.line, issue!.column, issue!.path], [6, 15, 'model.layers[0].type']);
  assert.match(issue!.message, 'unknown layer type "conv2D"');
  assert.match(issue!.hint!, 'did you mean "conv2d"?');
});

errors('wrong type: a quoted number', () => {
  const [issue] = issuesOf(VALID.replace('filters: 32', 'filters: "32"'));
  assert.equal([issue!.line, issue!.column, issue!.path], [6, 32, 'model.layers[0].filters']);
  assert.match(issue!.message, 'must be an integer, received the string "32"');
  assert.is(issue!.hint, 'write 32 without quotes');
});

errors('unknown layer argument names the layer and suggests the right one', () => {
  const [issue] = issuesOf(VALID.replace('units: 10', 'unit: 10, units: 10'));
  assert.is(issue!.path, 'model.layers[2].unit');
  assert.match(issue!.message, 'for a dense layer');
  assert.match(issue!.hint!, 'did you mean "units"?');
});

errors('Keras spellings point at the tfjs name', () => {
  const [issue] = issuesOf(`${VALID}training: { optimizer: { type: adam, lr: 0.1 } }\n`);
  assert.match(issue!.hint!, 'did you mean "learningRate"?');
});

errors('every problem at once, in file order', () => {
  const issues = issuesOf(
    `${VALID.replace('filters: 32', 'filters: 0').replace('units: 10', 'units: ten')}training: { epochs: 0, validation: 2 }\n`,
  );
  assert.equal(
    issues.map((i) => i.path),
    ['model.layers[0].filters', 'model.layers[2].units', 'training.epochs', 'training.validation'],
  );
  assert.match(issues[3]!.message, 'a number between 0 and 1');
});

errors('missing required keys', () => {
  const issues = issuesOf('name: x\n');
  assert.equal(
    issues.map((i) => i.message),
    ['missing required key "data"', 'missing required key "model"'],
  );
});

errors('a data.path that does not exist points at its line', () => {
  const [issue] = issuesOf(VALID.replace('dataset: cifar10', 'dataset: cifar10\n  path: /no/such/folder'));
  assert.equal([issue!.line, issue!.path], [4, 'data.path']);
  assert.match(issue!.message, 'folder not found');
});

errors('a missing spec file', () => {
  try {
    loadSpec('/no/such/experiment.yaml');
    assert.unreachable();
  } catch (error) {
    assert.instance(error, SpecError);
    assert.match((error as SpecError).message, '/no/such/experiment.yaml file not found');
  }
});

errors('inputShape on a later layer', () => {
  const [issue] = issuesOf(VALID.replace('{ type: flatten }', '{ type: flatten, inputShape: [4] }'));
  assert.is(issue!.path, 'model.layers[1].inputShape');
});

errors.run();

const warnings = suite('loadSpec :: warnings');

warnings('crossentropy without softmax on the last layer', () => {
  const { warnings: found } = loadSpecText(VALID.replace(', activation: softmax', ''), 'exp.yaml');
  assert.is(found.length, 1);
  assert.match(found[0]!.hint!, 'activation: softmax');
});

warnings.run();

const graphs = suite('loadSpec :: layer graphs');

const GRAPH = `name: g
data: { dataset: cifar10 }
model:
  layers:
    - { type: conv2d, name: a, filters: 4, kernelSize: 3 }
    - { type: conv2d, name: b, filters: 4, kernelSize: 3, inputs: a }
    - { type: add, name: c, inputs: [a, b] }
    - { type: flatten }
    - { type: dense, units: 10, activation: softmax }
`;

graphs('a dangling input name, with a did-you-mean', () => {
  const [issue] = issuesOf(GRAPH.replace('inputs: [a, b]', 'inputs: [a, bb]'));
  assert.equal([issue!.path, issue!.line, issue!.column], ['model.layers[2].inputs[1]', 7, 41]);
  assert.match(issue!.message, 'no layer is named "bb"');
  assert.match(issue!.hint!, 'did you mean "b"?');
});

graphs('a cycle', () => {
  const [issue] = issuesOf(
    GRAPH.replace(
      'kernelSize: 3 }\n    - { type: conv2d, name: b',
      'kernelSize: 3, inputs: c }\n    - { type: conv2d, name: b',
    ),
  );
  assert.match(issue!.message, 'the layers form a cycle: ');
  assert.match(issue!.message, 'a → ');
});

graphs('a merge layer with one input, and two inputs to a plain layer', () => {
  const issues = issuesOf(
    GRAPH.replace('inputs: [a, b]', 'inputs: [a]').replace('inputs: a }', 'inputs: [a, input] }'),
  );
  assert.equal(
    issues.map((i) => i.path),
    ['model.layers[1].inputs', 'model.layers[2].inputs'],
  );
  assert.match(issues[1]!.message, 'add merges two or more inputs, but gets 1');
});

graphs('"input" is reserved; a layer feeding nothing is a warning', () => {
  assert.match(issuesOf(GRAPH.replace('name: a,', 'name: input,'))[0]!.message, '"input" is reserved');
  const { warnings } = loadSpecText(GRAPH.replace('{ type: flatten }', '{ type: flatten, inputs: a }'), 'exp.yaml');
  assert.equal(
    warnings.map((w) => w.path),
    ['model.layers[1]', 'model.layers[2]'],
  );
});

graphs.run();

const bases = suite('loadSpec :: extends');

function files(entries: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tfyaml-extends-'));
  for (const [name, text] of Object.entries(entries)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

bases('maps merge deeply, lists are replaced, data.path is relative to the file that wrote it', () => {
  const dir = files({
    'base/base.yaml': `${VALID.replace('dataset: cifar10', 'dataset: cifar10\n  path: .')}training: { epochs: 5, optimizer: sgd }\n`,
    'exp.yaml':
      'extends: base/base.yaml\nname: child\ntraining: { epochs: 2 }\nmodel:\n  layers:\n    - { type: flatten }\n    - { type: dense, units: 10, activation: softmax }\n',
  });
  const loaded = loadSpec(join(dir, 'exp.yaml'));
  assert.is(loaded.spec.name, 'child');
  assert.is(loaded.spec.training.epochs, 2);
  assert.equal(loaded.spec.training.optimizer, { type: 'sgd', learningRate: 0.01 });
  assert.is(loaded.spec.model.layers.length, 2);
  assert.is(loaded.spec.data.path, join(dir, 'base'));
  assert.equal(loaded.bases, [join(dir, 'base/base.yaml')]);
  assert.match(formatResolvedSpec(loaded), '(extends ');
});

bases('errors point into the file that wrote the value', () => {
  const dir = files({
    'base.yaml': VALID.replace('filters: 32', 'filters: "32"'),
    'exp.yaml': 'extends: base.yaml\ntraining: { epochs: 0 }\n',
  });
  try {
    loadSpec(join(dir, 'exp.yaml'));
    assert.unreachable();
  } catch (error) {
    const issues = (error as SpecError).issues;
    assert.equal(
      issues.map((i) => [i.source, i.line, i.path]),
      [
        [join(dir, 'exp.yaml'), 2, 'training.epochs'],
        [join(dir, 'base.yaml'), 6, 'model.layers[0].filters'],
      ],
    );
  }
});

bases('a cycle and a missing base are errors at the extends line', () => {
  const dir = files({
    'a.yaml': 'extends: b.yaml\nname: a\n',
    'b.yaml': 'extends: a.yaml\nname: b\n',
    'c.yaml': 'name: c\nextends: nope.yaml\n',
  });
  const issueOf = (name: string) => {
    try {
      loadSpec(join(dir, name));
    } catch (error) {
      return (error as SpecError).issues[0]!;
    }
    throw new Error('expected an error');
  };
  const cycle = issueOf('a.yaml');
  assert.equal([cycle.source, cycle.line, cycle.path], [join(dir, 'b.yaml'), 1, 'extends']);
  assert.match(cycle.message, 'extends forms a cycle');
  const missing = issueOf('c.yaml');
  assert.equal([missing.line, missing.column], [2, 10]);
  assert.match(missing.message, 'file not found');
});

bases('--set reaches any path, including ones only the base wrote', () => {
  const dir = files({ 'base.yaml': VALID, 'exp.yaml': 'extends: base.yaml\nname: child\n' });
  const { spec } = loadSpec(join(dir, 'exp.yaml'), { overrides: ['model.layers[0].filters=8', 'data.trainLimit=100'] });
  assert.is(spec.model.layers[0]!['filters'], 8);
  assert.is(spec.data.trainLimit, 100);
});

bases.run();
