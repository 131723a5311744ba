import { createHash } from 'node:crypto';
import { readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSpec } from '@tfyaml/spec-schema';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { imagesOf, makeTempDir, rejection, startServer } from './internal/fixtures.testkit.ts';
import { idx, mnistLabel, mnistPixel, writeMnistFolder } from './internal/format-files.testkit.ts';
import { loadDataset } from './load.ts';
import type { LoadOptions, RemoteSource } from './types.ts';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
const spec = (extra: Partial<DataSpec> = {}): DataSpec => ({ dataset: 'mnist', normalize: 'scale', ...extra });
/** Never the real cache, $TFYAML_DATA_DIR or the internet. */
const isolated = (extra: LoadOptions = {}): LoadOptions => ({
  env: {},
  cacheDir: join(temp.path, 'cache'),
  anyRecordCount: true,
  remote: { mnist: { files: [] }, 'fashion-mnist': { files: [] } },
  ...extra,
});

const test = suite('loadDataset (mnist, fashion-mnist: IDX files)');
test.before.each(async () => {
  temp = await makeTempDir();
});
test.after.each(async () => {
  await temp.remove();
});

test('reads plain IDX files as [28, 28, 1] images with their labels', async () => {
  await writeMnistFolder(temp.path, 12, 5, false);
  const data = await loadDataset(spec({ path: temp.path }), isolated());
  assert.equal(data.inputShape, [28, 28, 1]);
  assert.is(data.numClasses, 10);
  assert.equal(data.classNames, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  assert.is(data.train.count, 12);
  assert.is(data.test.count, 5);
  assert.is(imagesOf(data.train).images[7 * 784 + 300], mnistPixel(0, 7, 300));
  assert.is(imagesOf(data.test).images[4 * 784 + 783], mnistPixel(1, 4, 783));
  assert.equal(
    [...data.train.labels],
    Array.from({ length: 12 }, (_, i) => mnistLabel(0, i)),
  );
});

test('gzipped files give the same records; fashion-mnist has its class names', async () => {
  await writeMnistFolder(join(temp.path, 'plain'), 6, 3, false);
  await writeMnistFolder(join(temp.path, 'gz'), 6, 3, true);
  const plain = await loadDataset(spec({ path: join(temp.path, 'plain') }), isolated());
  const gz = await loadDataset(spec({ dataset: 'fashion-mnist', path: join(temp.path, 'gz') }), isolated());
  assert.equal(imagesOf(gz.train).images, imagesOf(plain.train).images);
  assert.equal(gz.test.labels, plain.test.labels);
  assert.is(gz.classNames[9], 'Ankle boot');
});

test('limits and a test fraction apply after reading', async () => {
  await writeMnistFolder(temp.path, 20, 5, true);
  const limited = await loadDataset(spec({ path: temp.path, trainLimit: 4, testLimit: 2 }), isolated());
  assert.equal([limited.train.count, limited.test.count], [4, 2]);
  const carved = await loadDataset(spec({ path: temp.path, split: { test: 0.25, stratify: false } }), isolated());
  assert.equal([carved.train.count, carved.test.count], [15, 5]);
});

test('a truncated file, a wrong magic number and a label above 9 are DataErrors naming the file', async () => {
  await writeMnistFolder(temp.path, 4, 2, false);
  await truncate(join(temp.path, 'train-images-idx3-ubyte'), 1000);
  let error = await rejection(loadDataset(spec({ path: temp.path }), isolated()));
  assert.match(
    error.message,
    `${join(temp.path, 'train-images-idx3-ubyte')} is not an IDX file of bytes: its header [4, 28, 28] needs 3152 bytes, but it has 1000`,
  );

  await writeFile(join(temp.path, 'train-images-idx3-ubyte'), Uint8Array.from([1, 2, 3, 4, 5]));
  error = await rejection(loadDataset(spec({ path: temp.path }), isolated()));
  assert.match(error.message, 'does not start with the IDX magic number');

  await writeMnistFolder(temp.path, 4, 2, false);
  await writeFile(join(temp.path, 't10k-labels-idx1-ubyte'), idx([2], Uint8Array.from([3, 12])));
  error = await rejection(loadDataset(spec({ path: temp.path }), isolated()));
  assert.match(error.message, 'label 1 is 12; MNIST labels are 0..9');
  assert.equal(error.files, [join(temp.path, 't10k-labels-idx1-ubyte')]);
});

test('files whose headers agree but hold fewer images than the official ones are an error naming the counts', async () => {
  await writeMnistFolder(temp.path, 4, 2, true);
  const error = await rejection(
    loadDataset(spec({ dataset: 'fashion-mnist', path: temp.path }), isolated({ anyRecordCount: false })),
  );
  assert.match(
    error.message,
    /-images-idx3-ubyte\.gz holds \d images; the official file has (60,000|10,000)\. It is cut short or not Fashion-MNIST/,
  );
  assert.match(error.message, 'set data.trainLimit');
  assert.is(error.files.length, 1);
});

test('missing files are listed, with where to put them', async () => {
  await writeMnistFolder(temp.path, 4, 2, true);
  await rm(join(temp.path, 't10k-images-idx3-ubyte.gz'));
  const error = await rejection(loadDataset(spec({ path: temp.path }), isolated()));
  assert.match(error.message, 'MNIST files in');
  assert.match(error.message, 'missing: t10k-images-idx3-ubyte (plain or .gz)');
  assert.match(error.message, '$TFYAML_DATA_DIR/mnist');
});

const download = suite('loadDataset (mnist download)');
let server: Awaited<ReturnType<typeof startServer>>;
let source: RemoteSource;
download.before(async () => {
  temp = await makeTempDir();
  const bytes = await writeMnistFolder(join(temp.path, 'served'), 6, 3, true);
  server = await startServer(
    Object.fromEntries(Object.entries(bytes).map(([name, data]) => [`/${name}`, (response) => response.end(data)])),
  );
  source = {
    files: Object.entries(bytes).map(([name, data]) => ({
      name,
      url: server.url(`/${name}`),
      md5: createHash('md5').update(data).digest('hex'),
    })),
  };
});
download.after(async () => {
  await server.close();
  await temp.remove();
});

download('downloads every file, checks each MD5, caches; the second load reads the cache', async () => {
  const cacheDir = join(temp.path, 'cache-ok');
  const data = await loadDataset(spec(), { env: {}, cacheDir, anyRecordCount: true, remote: { mnist: source } });
  assert.is(data.source, join(cacheDir, 'mnist'));
  assert.is(data.train.count, 6);
  await loadDataset(spec(), { env: {}, cacheDir, anyRecordCount: true, remote: { mnist: source } });
  assert.is(server.requests.get('/train-images-idx3-ubyte.gz'), 1);
});

download('a checksum mismatch keeps nothing; offline names the files and where to put them', async () => {
  const cacheDir = join(temp.path, 'cache-bad');
  const bad: RemoteSource = {
    files: (source as { files: { name: string; url: string; md5: string }[] }).files.map((f, i) =>
      i === 2 ? { ...f, md5: '0'.repeat(32) } : f,
    ),
  };
  const error = await rejection(
    loadDataset(spec(), { env: {}, cacheDir, anyRecordCount: true, remote: { mnist: bad } }),
  );
  assert.match(error.message, `expected ${'0'.repeat(32)}`);
  assert.equal(await readdir(cacheDir), []);

  const offline = await rejection(
    loadDataset(spec({ dataset: 'fashion-mnist' }), {
      env: {},
      cacheDir,
      anyRecordCount: true,
      remote: { 'fashion-mnist': { files: [{ name: 'x.gz', url: 'http://127.0.0.1:9/x.gz', md5: '' }] } },
    }),
  );
  assert.match(offline.message, 'Downloading http://127.0.0.1:9/x.gz failed');
  assert.match(
    offline.message,
    'train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte',
  );
  assert.match(offline.message, join(cacheDir, 'fashion-mnist'));
});

test.run();
download.run();
