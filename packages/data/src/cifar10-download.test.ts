import type { DataSpec } from '@tfyaml/spec-schema';
import { readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  imagesOf,
  makeArchive,
  makeTempDir,
  rejection,
  startServer,
  type Route,
  writeCifarFolder,
} from './internal/fixtures.testkit.ts';
import { loadDataset } from './load.ts';
import type { DownloadProgress, LoadOptions } from './types.ts';

const spec: DataSpec = { dataset: 'cifar10', normalize: 'scale' };
const send =
  (bytes: Uint8Array): Route =>
  (response) => {
    response.writeHead(200, { 'content-length': bytes.length });
    response.end(bytes);
  };

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let server: Awaited<ReturnType<typeof startServer>>;
let good: { bytes: Buffer; md5: string };
let cache: string;

/** Downloads only ever go to the test cache; the real $TFYAML_DATA_DIR and ~/.cache are never seen. */
const options = (path: string, extra: LoadOptions = {}): LoadOptions => ({
  env: {},
  cacheDir: cache,
  cifar10Url: server.url(path),
  cifar10Md5: good.md5,
  anyRecordCount: true,
  ...extra,
});

/** Nothing half-written: the cache folder holds no dataset and no temporary folder. */
async function assertCacheEmpty(): Promise<void> {
  const left = await readdir(cache).catch(() => []);
  assert.equal(left, [], `left in cache: ${left}`);
}

const test = suite('loadDataset (cifar10 download)');

test.before(async () => {
  temp = await makeTempDir();
  const source = join(temp.path, 'source');
  await writeCifarFolder(join(source, 'cifar-10-batches-bin'), 20);
  good = await makeArchive(source, ['cifar-10-batches-bin'], join(temp.path, 'good.tar.gz'));

  // Extracted, ../../../evil would land in temp.path (…/cache-x/.cifar-10-download-y/extracted/../../../).
  const deep = join(source, 'a', 'b', 'c');
  await writeCifarFolder(join(deep, 'cifar-10-batches-bin'), 20);
  await writeFile(join(source, 'evil'), 'outside');
  const evil = await makeArchive(deep, ['cifar-10-batches-bin', '../../../evil'], join(temp.path, 'evil.tar.gz'));
  await symlink('/etc', join(source, 'cifar-10-batches-bin', 'link'));
  const linked = await makeArchive(source, ['cifar-10-batches-bin'], join(temp.path, 'link.tar.gz'));

  server = await startServer({
    '/good.tar.gz': send(good.bytes),
    '/evil.tar.gz': send(evil.bytes),
    '/link.tar.gz': send(linked.bytes),
    '/truncated.tar.gz': (response) => {
      response.writeHead(200, { 'content-length': good.bytes.length });
      response.write(good.bytes.subarray(0, 1000), () => response.destroy());
    },
  });
  // Each archive's own checksum, so only the path check can reject it.
  Object.assign(checksums, { '/evil.tar.gz': evil.md5, '/link.tar.gz': linked.md5 });
});
const checksums: Record<string, string> = {};

test.before.each(() => {
  cache = join(temp.path, `cache-${Math.random().toString(36).slice(2)}`);
});

test.after(async () => {
  await server.close();
  await temp.remove();
});

test('downloads, verifies and caches; the second load reads the cache', async () => {
  const progress: DownloadProgress[] = [];
  const data = await loadDataset(spec, options('/good.tar.gz', { onDownload: (p) => progress.push(p) }));
  assert.is(data.train.count, 100);
  assert.is(data.source, join(cache, 'cifar-10-batches-bin'));
  assert.equal(await readdir(cache), ['cifar-10-batches-bin']);
  const last = progress.at(-1)!;
  assert.equal(last, {
    url: server.url('/good.tar.gz'),
    receivedBytes: good.bytes.length,
    totalBytes: good.bytes.length,
    done: true,
  });
  assert.ok(progress.slice(0, -1).every((p) => !p.done));

  const again = await loadDataset(spec, options('/good.tar.gz'));
  assert.equal(imagesOf(again.train).images, imagesOf(data.train).images);
  assert.is(server.requests.get('/good.tar.gz'), 1);
});

test('a checksum mismatch is a DataError and leaves nothing behind', async () => {
  const error = await rejection(loadDataset(spec, options('/good.tar.gz', { cifar10Md5: '0'.repeat(32) })));
  assert.match(error.message, `has MD5 ${good.md5}, expected ${'0'.repeat(32)}`);
  assert.match(error.message, '$TFYAML_DATA_DIR');
  await assertCacheEmpty();
});

test('a connection closed mid-download is a DataError and leaves nothing behind', async () => {
  const error = await rejection(loadDataset(spec, options('/truncated.tar.gz')));
  assert.match(error.message, `Downloading ${server.url('/truncated.tar.gz')}`);
  await assertCacheEmpty();
});

test('an HTTP error is a DataError with the status', async () => {
  const error = await rejection(loadDataset(spec, options('/missing.tar.gz')));
  assert.match(error.message, '404');
  await assertCacheEmpty();
});

test('an archive entry escaping with .. is rejected and never written', async () => {
  const error = await rejection(loadDataset(spec, options('/evil.tar.gz', { cifar10Md5: checksums['/evil.tar.gz'] })));
  // Only the bad entry is listed.
  assert.match(error.message, "so it was rejected:\n  ../../../evil: path contains '..'\n\n");
  assert.not.ok((await readdir(temp.path)).includes('evil'));
  await assertCacheEmpty();
});

test('an archive symlink pointing outside is rejected', async () => {
  const error = await rejection(loadDataset(spec, options('/link.tar.gz', { cifar10Md5: checksums['/link.tar.gz'] })));
  assert.match(error.message, 'cifar-10-batches-bin/link: link to absolute path /etc');
  await assertCacheEmpty();
});

test('offline (nothing listening) is a DataError with the URL and where to put the files', async () => {
  const closed = await startServer({});
  const url = closed.url('/cifar-10-binary.tar.gz');
  await closed.close();
  const error = await rejection(loadDataset(spec, { env: {}, cacheDir: cache, cifar10Url: url, anyRecordCount: true }));
  assert.match(error.message, `Downloading ${url} failed`);
  assert.match(error.message, 'offline');
  assert.match(error.message, join(cache, 'cifar-10-batches-bin'));
  assert.match(error.message, `download ${url} elsewhere`);
  await assertCacheEmpty();
});

test.run();
