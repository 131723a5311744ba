import { join } from 'node:path';
import { rm, truncate } from 'node:fs/promises';
import type { DataSpec } from '@tfyaml/spec-schema';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DataError } from './errors.ts';
import { imagesOf, makeArchive, makeTempDir, startServer } from './internal/fixtures.testkit.ts';
import { coarseOf, fineOf, writeCifar100Folder } from './internal/format-files.testkit.ts';
import { loadDataset } from './load.ts';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
const spec = (extra: Partial<DataSpec> = {}): DataSpec => ({ dataset: 'cifar100', normalize: 'scale', ...extra });
const isolated = () => ({
  env: {},
  cacheDir: join(temp.path, 'cache'),
  anyRecordCount: true,
  remote: { cifar100: { archive: { url: 'http://127.0.0.1:9/unused', md5: '' } } },
});

const test = suite('loadDataset (cifar100 binary)');
test.before.each(async () => {
  temp = await makeTempDir();
});
test.after.each(async () => {
  await temp.remove();
});

test('fine labels by default, converted to NHWC, names from fine_label_names.txt', async () => {
  await writeCifar100Folder(temp.path, 30, 10);
  const data = await loadDataset(spec({ path: temp.path }), isolated());
  assert.equal(data.inputShape, [32, 32, 3]);
  assert.equal([data.numClasses, data.train.count, data.test.count], [100, 30, 10]);
  assert.equal(
    [...data.train.labels],
    Array.from({ length: 30 }, (_, r) => fineOf(r)),
  );
  assert.is(data.classNames[42], 'fine42');
  // Record 5, pixel 10: R at plane offset 10, G at 1024 + 10, B at 2048 + 10.
  const at = 5 * 3072 + 10 * 3;
  assert.equal(
    [...imagesOf(data.train).images.subarray(at, at + 3)],
    [(5 + 10) & 255, (5 + 1034) & 255, (5 + 2058) & 255],
  );
});

test('labelMode: coarse gives the 20 superclasses', async () => {
  await writeCifar100Folder(join(temp.path, 'cifar-100-binary'), 8, 4);
  const data = await loadDataset(spec({ path: temp.path, labelMode: 'coarse' }), isolated());
  assert.is(data.numClasses, 20);
  assert.equal(
    [...data.test.labels],
    Array.from({ length: 4 }, (_, r) => coarseOf(1000 + r)),
  );
  assert.is(data.classNames[19], 'coarse19');
  assert.is(data.source, join(temp.path, 'cifar-100-binary'));
});

test('a truncated or missing file is a DataError naming it, with the official size', async () => {
  await writeCifar100Folder(temp.path, 4, 2);
  await truncate(join(temp.path, 'train.bin'), 5000);
  await rm(join(temp.path, 'test.bin'));
  const error = await loadDataset(spec({ path: temp.path }), isolated()).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.instance(error, DataError);
  assert.match(
    (error as DataError).message,
    'train.bin: 5000 bytes, not a whole number of 3074-byte records (the official file is 153700000 bytes)',
  );
  assert.match((error as DataError).message, 'test.bin: missing');
  assert.equal((error as DataError).files, [join(temp.path, 'train.bin'), join(temp.path, 'test.bin')]);
});

test('a file cut at a record boundary is an error naming it and the counts, in either label mode', async () => {
  await writeCifar100Folder(temp.path, 4, 2);
  for (const labelMode of ['fine', 'coarse'] as const) {
    const options = { ...isolated(), anyRecordCount: false };
    const error = await loadDataset(spec({ path: temp.path, labelMode }), options).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.instance(error, DataError);
    assert.match((error as DataError).message, 'train.bin: 4 records, the official file has 50,000; it is cut short');
    assert.match((error as DataError).message, 'test.bin: 2 records, the official file has 10,000');
    assert.equal((error as DataError).files, [join(temp.path, 'train.bin'), join(temp.path, 'test.bin')]);
  }
});

test('downloads the archive, checks its MD5 and extracts cifar-100-binary/ into the cache', async () => {
  await writeCifar100Folder(join(temp.path, 'source', 'cifar-100-binary'), 6, 2);
  const archive = await makeArchive(join(temp.path, 'source'), ['cifar-100-binary'], join(temp.path, 'c100.tar.gz'));
  const server = await startServer({ '/c100.tar.gz': (response) => response.end(archive.bytes) });
  try {
    const cacheDir = join(temp.path, 'cache');
    const data = await loadDataset(spec(), {
      env: {},
      cacheDir,
      anyRecordCount: true,
      remote: { cifar100: { archive: { url: server.url('/c100.tar.gz'), md5: archive.md5 } } },
    });
    assert.is(data.source, join(cacheDir, 'cifar-100-binary'));
    assert.is(data.train.count, 6);
  } finally {
    await server.close();
  }
});

test.run();
