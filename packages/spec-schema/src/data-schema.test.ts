import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SpecError, type SpecIssue } from './errors.ts';
import { loadSpecText } from './load.ts';

const MODEL = `model:
  layers:
    - { type: dense, units: 3, activation: softmax }
`;
const dir = mkdtempSync(join(tmpdir(), 'tfyaml-data-schema-'));
writeFileSync(join(dir, 't.csv'), 'a,b\n1,2\n');
writeFileSync(join(dir, 'test.csv'), 'a,b\n1,2\n');
mkdirSync(join(dir, 'imgs', 'train'), { recursive: true });

const load = (data: string, rest = MODEL) => loadSpecText(`name: d\ndata:\n${data}\n${rest}`, join(dir, 'exp.yaml'));
function issuesOf(data: string, rest = MODEL): SpecIssue[] {
  try {
    load(data, rest);
  } catch (error) {
    if (error instanceof SpecError) return error.issues;
    throw error;
  }
  throw new Error('expected a SpecError');
}
const messages = (issues: SpecIssue[]) => issues.map((i) => `${i.path}: ${i.message}`);

const schema = suite('dataSchema');

schema('the new datasets and their blocks validate, with defaults filled in written blocks', () => {
  const { spec } = load('  dataset: csv\n  path: t.csv\n  csv: { label: b }\n  split: { test: 0.3 }');
  assert.equal(spec.data.csv, {
    label: 'b',
    features: 'all',
    categorical: [],
    encoding: 'onehot',
    missing: 'error',
    fillValue: 0,
    delimiter: ',',
  });
  assert.equal(spec.data.split, { test: 0.3, stratify: false });
  assert.is(spec.data.path, join(dir, 't.csv'));
  const images = load(
    '  dataset: images\n  path: imgs\n  images: { imageSize: [24, 32] }\n  augment: { horizontalFlip: true }',
  ).spec.data;
  assert.equal(images.images, { imageSize: [24, 32], color: 'rgb', fit: 'fill', onBadImage: 'fail' });
  assert.equal(images.augment, { horizontalFlip: true, cropPadding: 0, brightness: 0, contrast: 0, noise: 0 });
  assert.is(load('  dataset: cifar100\n  labelMode: coarse').spec.data.labelMode, 'coarse');
  assert.is(load('  dataset: mnist').spec.data.labelMode, undefined, "no noise in other datasets' resolved specs");
});

schema('bad values point at the field', () => {
  assert.match(
    messages(issuesOf('  dataset: cifar10\n  augment: { noise: 2 }')).join(),
    'data.augment.noise: must be <= 1',
  );
  assert.match(
    messages(issuesOf('  dataset: cifar10\n  split: { test: 1.5 }')).join(),
    'data.split.test: must be a number between 0 and 1 (exclusive) or a string',
  );
  assert.match(
    messages(issuesOf('  dataset: images\n  path: imgs\n  images: { color: greyscale }')).join(),
    'data.images.color: unknown value "greyscale"',
  );
});

const rules = suite('dataRules');

rules('options of another dataset, and own data without its path or label', () => {
  assert.equal(messages(issuesOf('  dataset: cifar10\n  labelMode: fine\n  csv: { label: x }')), [
    'data.csv: only applies to dataset: csv (this spec uses cifar10)',
    'data.labelMode: only applies to dataset: cifar100 (this spec uses cifar10)',
  ]);
  assert.equal(messages(issuesOf('  dataset: csv')), [
    'data.dataset: dataset: csv needs data.path',
    'data.dataset: dataset: csv needs data.csv.label',
  ]);
  assert.match(
    messages(issuesOf('  dataset: csv\n  path: imgs\n  csv: { label: b }')).join(),
    'data.path: not a file:',
  );
});

rules(
  'splits: named splits must exist for the dataset; a column replaces test/validation; one validation source',
  () => {
    assert.match(
      messages(issuesOf('  dataset: mnist\n  split: { test: holdout }')).join(),
      'data.split.test: mnist has no split named "holdout"',
    );
    assert.match(
      messages(issuesOf('  dataset: csv\n  path: t.csv\n  csv: { label: b }\n  split: { test: nope.csv }')).join(),
      `data.split.test: file not found: ${join(dir, 'nope.csv')}`,
    );
    assert.ok(load('  dataset: csv\n  path: t.csv\n  csv: { label: b }\n  split: { test: test.csv }'));
    assert.match(
      messages(issuesOf('  dataset: images\n  path: imgs\n  split: { test: test }')).join(),
      'needs the folders <path>/train/ and <path>/test/; missing:',
    );
    assert.equal(
      messages(issuesOf('  dataset: csv\n  path: t.csv\n  csv: { label: b }\n  split: { column: part, test: 0.2 }')),
      ['data.split.test: split.column already decides which rows are test rows'],
    );
    assert.match(
      messages(issuesOf('  dataset: cifar10\n  split: { column: part }')).join(),
      'a split column needs dataset: csv',
    );
    assert.equal(
      messages(issuesOf('  dataset: cifar10\n  split: { validation: 0.1 }', `${MODEL}training: { validation: 0.2 }\n`)),
      [
        'training.validation: data.split already gives the validation records, so training.validation 0.2 would be ignored',
      ],
    );
  },
);

rules('pixel options need images; channelStats need standardize and one value per channel', () => {
  assert.equal(
    messages(issuesOf('  dataset: csv\n  path: t.csv\n  csv: { label: b }\n  augment: { horizontalFlip: true }')),
    ['data.augment: applies to images, not csv tables (numeric columns are always standardized on the training split)'],
  );
  assert.match(
    messages(issuesOf('  dataset: cifar10\n  channelStats: { mean: [0.5], std: [0.2] }')).join(),
    'only used with normalize: standardize',
  );
  assert.match(
    messages(
      issuesOf('  dataset: mnist\n  normalize: standardize\n  channelStats: { mean: [0.5, 0.5, 0.5], std: [1, 1, 1] }'),
    ).join(),
    'data.channelStats.mean: has 3 values, but mnist images have 1 channel',
  );
  assert.ok(
    load(
      '  dataset: cifar10\n  normalize: standardize\n  channelStats: { mean: [0.49, 0.48, 0.45], std: [0.25, 0.24, 0.26] }',
    ),
  );
});

rules('csv: task against loss, stratify against regression, distinct columns', () => {
  const regression =
    '  dataset: csv\n  path: t.csv\n  csv: { label: b, task: regression }\n  split: { test: 0.5, stratify: true }';
  assert.equal(messages(issuesOf(regression)), [
    'training.loss: sparseCategoricalCrossentropy scores classes, but data.csv.task is regression',
    'data.split.stratify: a regression target has no classes to stratify by',
  ]);
  const columns = '  dataset: csv\n  path: t.csv\n  csv: { label: b, id: b, features: [a, b], categorical: [c] }';
  assert.equal(messages(issuesOf(columns)), [
    'data.csv.features[1]: "b" is the label column, so it cannot be a feature',
    'data.csv.features[1]: "b" is the id column, so it cannot be a feature',
    'data.csv.id: the id column cannot be the label',
    'data.csv.categorical[0]: "c" is not one of the features',
  ]);
  const warned = load(
    '  dataset: csv\n  path: t.csv\n  csv: { label: b, task: classification }',
    `${MODEL}training: { loss: meanSquaredError }\n`,
  );
  assert.match(warned.warnings.map((w) => w.message).join(), 'meanSquaredError treats class indices as numbers');
});

schema.run();
rules.run();
