import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSpec } from '@tfyaml/spec-schema';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readInputs, type InputSpec } from './inputs.ts';
import { imagesOf, makeTempDir, rejection } from './internal/fixtures.testkit.ts';
import { writeImage } from './internal/format-files.testkit.ts';
import type { TableLayout, TableSplit } from './types.ts';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
const layout: TableLayout = {
  columns: [
    { name: 'size', type: 'numeric' },
    { name: 'colour', type: 'categorical', categories: ['blue', 'red'] },
  ],
  label: 'kind',
  task: 'classification',
  classNames: ['a', 'b'],
  encoding: 'onehot',
};
const tableRun: InputSpec = {
  data: {
    dataset: 'csv',
    path: 'x.csv',
    normalize: 'scale',
    csv: {
      label: 'kind',
      features: 'all',
      categorical: [],
      encoding: 'onehot',
      missing: 'mean',
      fillValue: 0,
      delimiter: ',',
    },
  } as DataSpec,
  inputShape: [3],
  classNames: ['a', 'b'],
  table: layout,
};
const imageRun: InputSpec = {
  data: { dataset: 'images', path: 'x', normalize: 'scale' },
  inputShape: [6, 6, 1],
  classNames: ['dark', 'light'],
};

const test = suite('readInputs (evaluate --data, predict)');
test.before.each(async () => {
  temp = await makeTempDir();
});
test.after.each(async () => {
  await temp.remove();
});

test("a csv file read with the run's layout: labels optional, extra columns ignored, ids are line numbers", async () => {
  const path = join(temp.path, 'new.csv');
  await writeFile(path, 'extra,colour,size\nz,red,3\nz,green,\n');
  const { split, ids } = await readInputs(path, tableRun, 'unlabelled');
  assert.equal(ids, ['2', '3']);
  assert.equal([...(split as TableSplit).values], [3, 1, NaN, -1]);
  const error = await rejection(readInputs(path, tableRun, 'labelled'));
  assert.match(error.message, 'has no column "kind" (the model was trained with these columns)');
});

test('inputs of the wrong kind are refused, saying what the run needs', async () => {
  const csv = join(temp.path, 'a.csv');
  await writeFile(csv, 'size\n1\n');
  await writeImage(join(temp.path, 'i.png'), 4, 4, [9, 9, 9]);
  assert.match(
    (await rejection(readInputs(join(temp.path, 'i.png'), tableRun, 'unlabelled'))).message,
    'This run was trained on a csv table; ',
  );
  assert.match(
    (await rejection(readInputs(csv, imageRun, 'unlabelled'))).message,
    'This run was trained on [6, 6, 1] images; ',
  );
  assert.match((await rejection(readInputs(csv, tableRun, 'unlabelled'))).message, 'has no column "colour"');
  assert.match(
    (await rejection(readInputs(join(temp.path, 'nope.csv'), tableRun, 'unlabelled'))).message,
    'does not exist',
  );
});

test('a pipe or a device is refused without reading it, for either kind of run', async () => {
  const fifo = join(temp.path, 'pipe.png');
  execFileSync('mkfifo', [fifo]);
  for (const [path, run] of [
    [fifo, imageRun],
    [fifo, tableRun],
    ['/dev/zero', tableRun],
  ] as const) {
    assert.match(
      (await rejection(readInputs(path, run, 'unlabelled'))).message,
      `${path} is neither a file nor a folder (a pipe, socket or device)`,
    );
  }
});

test("an image, a folder of images, and a labelled folder, decoded to the run's shape", async () => {
  await writeImage(join(temp.path, 'set', 'dark', 'a.png'), 9, 7, [10, 10, 10]);
  await writeImage(join(temp.path, 'set', 'light', 'b.jpg'), 5, 5, [240, 240, 240]);
  const one = await readInputs(join(temp.path, 'set', 'dark', 'a.png'), imageRun, 'unlabelled');
  assert.equal([one.ids, imagesOf(one.split).images.length], [['a.png'], 36]);
  const folder = await readInputs(join(temp.path, 'set'), imageRun, 'unlabelled');
  assert.equal(folder.ids, ['dark/a.png', 'light/b.jpg']);
  assert.ok(imagesOf(folder.split).images[36]! > 200);
  const labelled = await readInputs(join(temp.path, 'set'), imageRun, 'labelled', {
    env: {},
    cacheDir: join(temp.path, 'cache'),
  });
  assert.equal([...labelled.split.labels], [0, 1]);
  await writeFile(join(temp.path, 'set', 'light', 'c.png'), 'garbage');
  assert.match((await rejection(readInputs(join(temp.path, 'set'), imageRun, 'unlabelled'))).message, 'light/c.png: ');
});

test.run();
