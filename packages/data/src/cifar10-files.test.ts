import { execFileSync } from 'node:child_process';
import type { DataSpec } from '@tfyaml/spec-schema';
import { rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  CLASS_NAMES,
  imagesOf,
  labelOf,
  makeTempDir,
  pixelValue,
  rejection,
  writeCifarFolder,
} from './internal/fixtures.testkit.ts';
import { loadDataset } from './load.ts';
import type { LoadOptions } from './types.ts';

const spec = (extra: Partial<DataSpec> = {}): DataSpec => ({ dataset: 'cifar10', normalize: 'scale', ...extra });
let temp: Awaited<ReturnType<typeof makeTempDir>>;
/** Options that can never reach the real user cache, $TFYAML_DATA_DIR or the internet. */
const isolated = (extra: LoadOptions = {}): LoadOptions => ({
  env: {},
  cacheDir: join(temp.path, 'cache'),
  cifar10Url: 'http://127.0.0.1:9/unused',
  anyRecordCount: true,
  ...extra,
});

const test = suite('loadDataset (cifar10 files)');
test.before.each(async () => {
  temp = await makeTempDir();
});
test.after.each(async () => {
  await temp.remove();
});

test('reads data.path, converting records to NHWC with their labels', async () => {
  await writeCifarFolder(temp.path, 20);
  const data = await loadDataset(spec({ path: temp.path }), isolated());
  assert.equal(data.inputShape, [32, 32, 3]);
  assert.is(data.numClasses, 10);
  assert.is(data.train.count, 100);
  assert.is(data.test.count, 20);
  assert.equal(data.classNames, CLASS_NAMES);
  assert.is(data.source, temp.path);
  // Record 3 of data_batch_2: pixel (row 1, col 2) = p 34, stored as RGB together.
  const at = (20 + 3) * 3072 + 34 * 3;
  assert.equal(
    [...imagesOf(data.train).images.subarray(at, at + 3)],
    [0, 1, 2].map((c) => pixelValue(1, 3, c, 34)),
  );
  assert.is(data.train.labels[23], labelOf(1, 3));
  assert.is(imagesOf(data.test).images[5 * 3072 + 1023 * 3 + 2], pixelValue(5, 5, 2, 1023));
});

test('data.path may hold a cifar-10-batches-bin folder instead', async () => {
  await writeCifarFolder(join(temp.path, 'cifar-10-batches-bin'), 2);
  const data = await loadDataset(spec({ path: temp.path }), isolated());
  assert.is(data.source, join(temp.path, 'cifar-10-batches-bin'));
  assert.is(data.train.count, 10);
});

test('limits keep the first records, across files', async () => {
  await writeCifarFolder(temp.path, 20);
  const data = await loadDataset(spec({ path: temp.path, trainLimit: 25, testLimit: 3 }), isolated());
  assert.is(data.train.count, 25);
  assert.is(imagesOf(data.train).images.length, 25 * 3072);
  assert.is(data.test.count, 3);
  assert.is(data.train.labels[24], labelOf(1, 4));
});

test('$TFYAML_DATA_DIR comes before the cache, data.path before both', async () => {
  const dataDir = join(temp.path, 'data');
  const cache = join(temp.path, 'cache');
  await writeCifarFolder(join(cache, 'cifar-10-batches-bin'), 1);
  assert.is((await loadDataset(spec(), isolated())).source, join(cache, 'cifar-10-batches-bin'));
  await writeCifarFolder(join(dataDir, 'cifar-10-batches-bin'), 2);
  const env = { TFYAML_DATA_DIR: dataDir };
  assert.is((await loadDataset(spec(), isolated({ env }))).source, join(dataDir, 'cifar-10-batches-bin'));
  await writeCifarFolder(join(temp.path, 'own'), 3);
  assert.is(
    (await loadDataset(spec({ path: join(temp.path, 'own') }), isolated({ env }))).source,
    join(temp.path, 'own'),
  );
});

test('a truncated or missing file is named, with where to put the files and the URL', async () => {
  await writeCifarFolder(temp.path, 4);
  await truncate(join(temp.path, 'data_batch_3.bin'), 3073 * 2 + 100);
  await writeFile(join(temp.path, 'test_batch.bin'), '');
  const error = await rejection(loadDataset(spec({ path: temp.path }), isolated()));
  assert.equal(error.files, [join(temp.path, 'data_batch_3.bin'), join(temp.path, 'test_batch.bin')]);
  assert.match(error.message, 'data_batch_3.bin: 6246 bytes');
  assert.match(error.message, 'test_batch.bin: 0 bytes');
  assert.match(error.message, '$TFYAML_DATA_DIR');
  assert.match(error.message, join(temp.path, 'cache', 'cifar-10-batches-bin'));
  assert.match(error.message, 'http://127.0.0.1:9/unused');
});

test('a file cut at a record boundary is an error naming it and the counts, not a smaller dataset', async () => {
  await writeCifarFolder(temp.path, 3);
  const error = await rejection(
    loadDataset(spec({ path: temp.path, trainLimit: 2 }), isolated({ anyRecordCount: false })),
  );
  assert.is(error.files.length, 6);
  assert.is(error.files[0], join(temp.path, 'data_batch_1.bin'));
  assert.match(
    error.message,
    'data_batch_1.bin: 3 records, the official file has 10,000; it is cut short or not CIFAR-10',
  );
  assert.match(error.message, 'test_batch.bin: 3 records');
  assert.match(error.message, 'To train on fewer images, keep the files whole and set data.trainLimit');
});

test('a label outside 0..9 is a DataError naming the file', async () => {
  await writeCifarFolder(temp.path, 2);
  const bytes = new Uint8Array(3073 * 2);
  bytes[3073] = 10;
  await writeFile(join(temp.path, 'test_batch.bin'), bytes);
  const error = await rejection(loadDataset(spec({ path: temp.path }), isolated()));
  assert.equal(error.files, [join(temp.path, 'test_batch.bin')]);
  assert.match(error.message, 'record 1 has label 10');
});

test('a wrong data.path is reported as such, without falling back to a download', async () => {
  const missing = join(temp.path, 'nope');
  const error = await rejection(loadDataset(spec({ path: missing }), isolated()));
  assert.match(error.message, `data.path ${missing} does not exist`);
  assert.not.match(error.message, 'Downloading');
  const empty = await rejection(loadDataset(spec({ path: temp.path }), isolated()));
  assert.match(empty.message, `CIFAR-10 files in ${temp.path} are missing`);
  assert.is(empty.files.length, 6);
});

test('a broken batches.meta.txt is a DataError; a missing one gives the standard names', async () => {
  await writeCifarFolder(temp.path, 1);
  await writeFile(join(temp.path, 'batches.meta.txt'), 'cat\ndog\n');
  const error = await rejection(loadDataset(spec({ path: temp.path }), isolated()));
  assert.match(error.message, 'should list 10 class names');
  await rm(join(temp.path, 'batches.meta.txt'));
  assert.equal((await loadDataset(spec({ path: temp.path }), isolated())).classNames[9], 'truck');
  execFileSync('mkfifo', [join(temp.path, 'batches.meta.txt')]);
  const fifo = await rejection(loadDataset(spec({ path: temp.path }), isolated()));
  assert.match(fifo.message, 'batches.meta.txt is not a regular file (a pipe, socket or device)');
});

test('real CIFAR-10 from $TFYAML_DATA_DIR (skipped when unset)', async () => {
  const dataDir = process.env.TFYAML_DATA_DIR;
  if (!dataDir) {
    console.log('\n  skipped: set TFYAML_DATA_DIR to run the real-CIFAR test');
    return;
  }
  const data = await loadDataset(
    spec({ trainLimit: 500, testLimit: 200 }),
    isolated({ env: { TFYAML_DATA_DIR: dataDir } }),
  );
  assert.is(data.train.count, 500);
  assert.is(data.test.count, 200);
  assert.is(imagesOf(data.train).images.length, 500 * 32 * 32 * 3);
  assert.ok(data.train.labels.every((l) => l < 10) && data.test.labels.every((l) => l < 10));
  assert.is(new Set(data.train.labels).size, 10);
  assert.equal(data.classNames, [
    'airplane',
    'automobile',
    'bird',
    'cat',
    'deer',
    'dog',
    'frog',
    'horse',
    'ship',
    'truck',
  ]);
});

test.run();
