import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CsvOptions, DataSpec } from '@tfyaml/spec-schema';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BatchSource } from './batches.ts';
import { makeTempDir, rejection } from './internal/fixtures.testkit.ts';
import { loadDataset } from './load.ts';
import { fitNormalization, isTableNormalization, type TableNormalization } from './normalization.ts';
import { isTableSplit, type TableSplit } from './types.ts';

// Six rows (lines 2..7): a numeric column, a categorical one with a missing cell (line 4), a label.
const TABLE = `size,colour,kind
1,red,a
2,blue,b
3,,a
4,red,b
5,green,a
6,blue,b
`;

let temp: Awaited<ReturnType<typeof makeTempDir>>;
async function table(text: string, name = 't.csv'): Promise<string> {
  const path = join(temp.path, name);
  await writeFile(path, text);
  return path;
}
const spec = (path: string, csv: Partial<CsvOptions>, extra: Partial<DataSpec> = {}): DataSpec => ({
  dataset: 'csv',
  path,
  normalize: 'scale',
  csv: { label: 'kind', ...csv } as CsvOptions,
  ...extra,
});
const rows = (split: TableSplit, width: number) =>
  Array.from({ length: split.count }, (_, i) => [...split.values.subarray(i * width, (i + 1) * width)]);
const table$ = (s: unknown): TableSplit => {
  assert.ok(isTableSplit(s as TableSplit), 'expected a table split');
  return s as TableSplit;
};

const test = suite('loadDataset (csv)');
test.before.each(async () => {
  temp = await makeTempDir();
});
test.after.each(async () => {
  await temp.remove();
});

test('types columns, one-hot width, class names; a missing cell is an error naming its row and column', async () => {
  const path = await table(TABLE);
  const error = await rejection(loadDataset(spec(path, {})));
  assert.match(
    error.message,
    `${path}:4: column "colour": missing value. Hint: fill the cell, or set data.csv.missing: drop | mean | constant.`,
  );

  const data = await loadDataset(
    spec(path, { missing: 'mean' }, { split: { column: undefined, stratify: false, test: 0.5 } }),
  );
  assert.equal(data.table!.columns, [
    { name: 'size', type: 'numeric' },
    { name: 'colour', type: 'categorical', categories: ['blue', 'green', 'red'] },
  ]);
  assert.equal(data.inputShape, [4]);
  assert.equal([data.task, data.numClasses, data.classNames], ['classification', 2, ['a', 'b']]);
  assert.equal([data.train.count, data.test.count], [3, 3]);
});

test('standardizes with training statistics only; one-hot and missing-as-mean per batch', async () => {
  const path = await table(TABLE);
  const data = await loadDataset(spec(path, { missing: 'mean' }, { split: { test: 0.5, stratify: false } }), {
    seed: 3,
  });
  const train = table$(data.train);
  const sizes = rows(train, 2).map((r) => r[0]!);
  const normalization = fitNormalization(spec(path, {}), data, train) as TableNormalization;
  assert.ok(isTableNormalization(normalization));
  const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
  assert.ok(
    Math.abs(normalization.mean[0]! - mean) < 1e-12,
    `mean ${normalization.mean[0]} of training sizes ${sizes}`,
  );
  const [batch] = new BatchSource(data.test, data.inputShape, {
    batchSize: 10,
    shuffle: false,
    seed: 1,
    normalization,
  }).epoch(0);
  const testRows = rows(table$(data.test), 2);
  testRows.forEach(([size, colour], r) => {
    const x = [...batch!.x.subarray(r * 4, r * 4 + 4)];
    assert.ok(Math.abs(x[0]! - (size! - normalization.mean[0]!) / normalization.std[0]!) < 1e-6);
    assert.equal(x.slice(1), Number.isNaN(colour!) ? [0, 0, 0] : [0, 1, 2].map((k) => (k === colour ? 1 : 0)));
  });
  assert.instance(batch!.y, Int32Array);
});

test('values near the float64 limit still get a finite mean and std, so their batches stay finite', async () => {
  const path = await table(TABLE.replace(',,a', '3,red,a').replace(/^(\d),/gm, '$1e300,'));
  const data = await loadDataset(spec(path, {}, { split: { column: undefined, test: 0.5, stratify: false } }), {
    seed: 3,
  });
  const normalization = fitNormalization(spec(path, {}), data, data.train) as TableNormalization;
  const sizes = rows(table$(data.train), 2).map((r) => r[0]!);
  assert.ok(Math.abs(normalization.mean[0]! / (sizes.reduce((a, b) => a + b, 0) / sizes.length) - 1) < 1e-12);
  assert.ok(Number.isFinite(normalization.std[0]!) && normalization.std[0]! > 1e299, `std ${normalization.std[0]}`);
  const [batch] = new BatchSource(data.train, data.inputShape, {
    batchSize: 10,
    shuffle: false,
    seed: 1,
    normalization,
  }).epoch(0);
  assert.ok([...batch!.x].every(Number.isFinite), 'every input is finite');
  assert.ok(
    batch!.x.some((v) => Math.abs(v) > 0.5),
    'the column is not flattened to zero',
  );
});

test('missing: drop leaves the row out with a warning; constant fills numbers with fillValue', async () => {
  const path = await table(TABLE.replace('4,red,b', ',red,b'));
  const warnings: string[] = [];
  const dropped = await loadDataset(
    spec(path, { missing: 'drop' }, { split: { column: undefined, test: 0.5, stratify: false } }),
    { onWarning: (w) => warnings.push(w) },
  );
  assert.is(dropped.train.count + dropped.test.count, 4);
  assert.match(warnings.join('\n'), 'dropped 2 of 6 rows with missing or non-finite values');
  const filled = await loadDataset(
    spec(path, { missing: 'constant', fillValue: -7 }, { split: { test: 0.5, stratify: false } }),
  );
  const all = [...rows(table$(filled.train), 2), ...rows(table$(filled.test), 2)];
  assert.ok(
    all.some((r) => r[0] === -7),
    'the empty size is -7',
  );
  assert.ok(
    all.some((r) => r[1] === -1),
    'the empty colour is unknown',
  );
});

test('a number beyond float64 (1e999) is an error naming its row and column, or follows missing: when asked', async () => {
  const path = await table(TABLE.replace(',,a', '3,grey,a').replace('5,green', '1e999,green'));
  const error = await rejection(loadDataset(spec(path, {})));
  assert.match(
    error.message,
    `${path}:6: column "size": "1e999" is beyond the largest number a float64 holds (±1.8e308) and reads as Infinity.`,
  );
  assert.match(error.message, 'set data.csv.missing: drop | mean | constant to treat it as missing');
  assert.equal(error.files, [path]);

  const split = { split: { column: undefined, test: 0.5, stratify: false } };
  const dropped = await loadDataset(spec(path, { missing: 'drop' }, split));
  assert.is(dropped.train.count + dropped.test.count, 5);
  const filled = await loadDataset(spec(path, { missing: 'constant', fillValue: -7 }, split));
  const all = [...rows(table$(filled.train), 4), ...rows(table$(filled.test), 4)];
  assert.ok(
    all.every((r) => r.every(Number.isFinite)),
    'no value is infinite',
  );
  assert.ok(
    all.some((r) => r[0] === -7),
    'the overflowing size is fillValue',
  );
});

test('a regression target beyond float32 (where targets are kept) is an error naming its row, or a dropped row with missing: drop', async () => {
  const path = await table('x,y\n1,0.5\n2,-1e40\n3,2.5\n4,1.25\n5,3.75\n');
  const error = await rejection(loadDataset(spec(path, { label: 'y', task: 'regression' })));
  assert.match(
    error.message,
    `${path}:3: column "y": "-1e40" is beyond the largest number a float32 holds (±3.4e38) and reads as -Infinity.`,
  );
  const dropped = await loadDataset(
    spec(
      path,
      { label: 'y', task: 'regression', missing: 'drop' },
      { split: { column: undefined, test: 0.25, stratify: false } },
    ),
  );
  assert.is(dropped.train.count + dropped.test.count, 4);
  assert.ok([...dropped.train.labels].every(Number.isFinite));
});

test('a numeric column with a stray word names the row, column and value', async () => {
  const path = await table(TABLE.replace('5,green', '5x,green').replace(',,a', ',grey,a'));
  const error = await rejection(loadDataset(spec(path, {})));
  assert.match(error.message, `${path}:6: column "size": "5x" is not a number, but 5 of the column's 6 values are`);
  assert.match(error.message, 'list "size" in data.csv.categorical');
  const coded = await loadDataset(spec(path, { categorical: ['size'] }, { split: { test: 0.5, stratify: false } }));
  assert.equal(coded.inputShape, [6 + 4]);
});

test('task: inferred regression from many distinct numbers, Float32 targets; features by name and numeric only', async () => {
  const lines = [
    'a,b,c,y',
    ...Array.from({ length: 30 }, (_, i) => `${i},${i % 3 ? 'x' : 'z'},${i * 2},${(i * 1.5).toFixed(1)}`),
  ];
  const path = await table(`${lines.join('\n')}\n`);
  const data = await loadDataset(spec(path, { label: 'y', features: 'numeric' }));
  assert.equal([data.task, data.numClasses, data.inputShape], ['regression', 1, [2]]);
  assert.instance(data.train.labels, Float32Array);
  assert.equal(
    data.table!.columns.map((c) => c.name),
    ['a', 'c'],
  );
  const named = await loadDataset(spec(path, { label: 'y', features: ['b'], task: 'classification' }));
  assert.equal(named.inputShape, [2]);
  assert.is(named.numClasses, 30);
  const integers = await table('f,label\n1,0\n2,1\n3,0\n4,1\n5,2\n', 'ints.csv');
  assert.is(
    (await loadDataset(spec(integers, { label: 'label' }, { split: { test: 0.4, stratify: false } }))).task,
    'classification',
  );
});

test('a split column, a test file, and stratified fractions', async () => {
  const path = await table(
    `x,kind,part\n${Array.from({ length: 12 }, (_, i) => `${i},${i < 8 ? 'a' : 'b'},${['train', 'Test', 'val'][i % 3]}`).join('\n')}\n`,
  );
  const byColumn = await loadDataset(spec(path, {}, { split: { column: 'part', stratify: false } }));
  assert.equal([byColumn.train.count, byColumn.test.count, byColumn.validation?.count], [4, 4, 4]);
  assert.equal(byColumn.inputShape, [1], 'the split column is not a feature');

  await table('x,kind,part\n100,b,test\n101,a,test\n', 'test.csv');
  const withFile = await loadDataset(spec(path, {}, { split: { test: 'test.csv', stratify: false } }));
  assert.equal([withFile.train.count, withFile.test.count, withFile.test.ids], [12, 2, ['2', '3']]);

  const stratified = await loadDataset(spec(path, {}, { split: { test: 0.25, stratify: true } }), { seed: 9 });
  assert.equal([...stratified.test.labels].sort(), [0, 0, 1], '2 of the 8 a rows and 1 of the 4 b rows');

  const bad = await table('x,kind,part\n1,a,train\n2,b,holdout\n', 'bad.csv');
  const error = await rejection(loadDataset(spec(bad, {}, { split: { column: 'part', stratify: false } })));
  assert.match(
    error.message,
    `${bad}:3: column "part" (data.split.column) is "holdout"; each row must say train, validation or test.`,
  );
});

test('a given layout reads new rows as in training: unseen categories are unknown, with a warning', async () => {
  const path = await table(TABLE.replace(',,a', ',red,a'));
  const trained = await loadDataset(spec(path, {}, { split: { test: 0.5, stratify: false } }));
  await table('size,colour,kind\n9,purple,a\n', 'new.csv');
  const warnings: string[] = [];
  const again = await loadDataset(spec(path, {}, { split: { test: 'new.csv', stratify: false } }), {
    layout: trained.table!,
    onWarning: (w) => warnings.push(w),
  });
  assert.equal(again.table, trained.table);
  assert.equal(rows(table$(again.test), 2), [[9, -1]]);
  assert.match(
    warnings.join('\n'),
    '1 value of column "colour" is not among the training categories; encoded as unknown',
  );
});

test('id column names records; a missing label column is named with the columns there are', async () => {
  const path = await table('name,size,kind\nr1,1,a\nr2,2,b\nr3,3,a\nr4,4,b\n');
  const data = await loadDataset(spec(path, { id: 'name' }, { split: { test: 0.5, stratify: false } }));
  assert.equal(data.inputShape, [1]);
  assert.ok([...data.train.ids!, ...data.test.ids!].sort().join() === 'r1,r2,r3,r4');
  const error = await rejection(loadDataset(spec(path, { label: 'species' })));
  assert.match(
    error.message,
    'has no column "species" (named in data.csv and data.split). Its columns are: name, size, kind.',
  );
});

test('a malformed table names its line', async () => {
  const path = await table('a,kind\n1,x\n2,y,extra\n');
  const error = await rejection(loadDataset(spec(path, {})));
  assert.match(error.message, `${path}:3: not a valid CSV table`);
});

test.run();
