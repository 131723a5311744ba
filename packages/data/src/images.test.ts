import { mkdir, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSpec, ImageFolderOptions } from '@tfyaml/spec-schema';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { imagesOf, makeTempDir, rejection } from './internal/fixtures.testkit.ts';
import { writeImage } from './internal/format-files.testkit.ts';
import { loadDataset } from './load.ts';
import type { LoadOptions } from './types.ts';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
const COLOURS: Record<string, [number, number, number]> = {
  cat: [200, 30, 30],
  dog: [30, 200, 30],
  eel: [30, 30, 200],
};
const spec = (images: Partial<ImageFolderOptions> = {}, extra: Partial<DataSpec> = {}): DataSpec => ({
  dataset: 'images',
  path: temp.path,
  normalize: 'scale',
  images: { imageSize: 8, color: 'rgb', fit: 'fill', onBadImage: 'fail', ...images },
  split: { test: 0.25, stratify: true },
  ...extra,
});
const isolated = (extra: LoadOptions = {}): LoadOptions => ({
  env: {},
  cacheDir: join(temp.path, '..', `${temp.path.split('/').at(-1)}-cache`),
  ...extra,
});

/** 4 images per class, PNG and JPEG of different sizes, each a solid colour of its class. */
async function writeFolder(root: string): Promise<void> {
  for (const [name, rgb] of Object.entries(COLOURS)) {
    for (let i = 0; i < 4; i++) await writeImage(join(root, name, `${i}.${i % 2 ? 'png' : 'jpg'}`), 10 + i, 12, rgb);
  }
}

const test = suite('loadDataset (images folder)');
test.before.each(async () => {
  temp = await makeTempDir();
  await writeFolder(temp.path);
});
test.after.each(async () => {
  await temp.remove();
});

test('Keras layout: sorted class folders, resized RGB uint8, ids are relative paths, stratified test split', async () => {
  const data = await loadDataset(spec(), isolated());
  assert.equal(
    [data.name, data.inputShape, data.classNames, data.numClasses],
    ['images', [8, 8, 3], ['cat', 'dog', 'eel'], 3],
  );
  assert.equal([data.train.count, data.test.count], [9, 3]);
  assert.equal([...data.test.labels].sort(), [0, 1, 2]);
  const train = imagesOf(data.train);
  for (let i = 0; i < train.count; i++) {
    const expected = COLOURS[data.classNames[train.labels[i]!]!]!;
    const pixel = [...train.images.subarray(i * 192 + 99, i * 192 + 102)];
    pixel.forEach((v, c) =>
      assert.ok(Math.abs(v - expected[c]!) <= 6, `image ${train.ids![i]} pixel ${pixel} ≈ ${expected}`),
    );
    assert.match(train.ids![i]!, new RegExp(`^${data.classNames[train.labels[i]!]}/\\d\\.(png|jpg)$`));
  }
});

test('grayscale gives one channel; [height, width] sizes', async () => {
  const data = await loadDataset(spec({ color: 'grayscale', imageSize: [4, 6] }), isolated());
  assert.equal(data.inputShape, [4, 6, 1]);
  assert.is(imagesOf(data.train).images.length, 9 * 24);
});

test('a corrupt image fails the run by path, or is skipped with a warning', async () => {
  const bad = join(temp.path, 'dog', 'broken.jpg');
  await writeFile(bad, 'not a jpeg at all');
  const error = await rejection(loadDataset(spec(), isolated()));
  assert.match(error.message, `1 image in ${temp.path} could not be decoded:\n  ${bad}: `);
  assert.match(error.message, 'data.images.onBadImage: skip');
  assert.equal(error.files, [bad]);

  const warnings: string[] = [];
  const data = await loadDataset(spec({ onBadImage: 'skip' }), isolated({ onWarning: (w) => warnings.push(w) }));
  assert.is(data.train.count + data.test.count, 12);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, `skipped an image that does not decode: ${bad}`);
});

test('decoded once: later loads read the cache (even a changed file is not decoded while its size and time stay)', async () => {
  const first = await loadDataset(spec(), isolated());
  const entries = await readdir(join(temp.path, '.tfyaml-cache'));
  assert.equal(entries.filter((e) => e.endsWith('.bin')).length, 1);
  // Garbage of the same size and time: a decode would fail, so a success proves the cache was read.
  const file = join(temp.path, 'cat', '1.png');
  const before = await stat(file);
  await writeFile(file, Buffer.alloc(before.size, 7));
  await utimes(file, before.atime, before.mtime);
  const second = await loadDataset(spec(), isolated());
  assert.equal(imagesOf(second.train).images, imagesOf(first.train).images);
  assert.equal(second.train.ids, first.train.ids);
});

test('a new, removed or modified file invalidates the cache; the stale entry is replaced', async () => {
  await loadDataset(spec(), isolated());
  await writeImage(join(temp.path, 'eel', '9.png'), 9, 9, [0, 0, 255]);
  const grown = await loadDataset(spec(), isolated());
  assert.is(grown.train.count + grown.test.count, 13);
  const entries = await readdir(join(temp.path, '.tfyaml-cache'));
  assert.equal(entries.filter((e) => e.endsWith('.bin')).length, 1, `one entry per target: ${entries}`);
  // Another size is another entry beside it.
  await loadDataset(spec({ imageSize: 4 }), isolated());
  assert.equal((await readdir(join(temp.path, '.tfyaml-cache'))).filter((e) => e.endsWith('.bin')).length, 2);
});

test('an edited cache entry is decoded again, not trusted; a cache folder that is a link is not written through', async () => {
  const first = await loadDataset(spec(), isolated());
  const cache = join(temp.path, '.tfyaml-cache');
  const json = (await readdir(cache)).find((e) => e.endsWith('.json'))!;
  const meta = JSON.parse(await readFile(join(cache, json), 'utf8')) as { decoded: number[] };
  meta.decoded[0] = 999;
  await writeFile(join(cache, json), JSON.stringify(meta));
  const again = await loadDataset(spec(), isolated());
  assert.equal(imagesOf(again.train).images, imagesOf(first.train).images);
  assert.equal(
    (JSON.parse(await readFile(join(cache, json), 'utf8')) as { decoded: number[] }).decoded[0],
    0,
    'rewritten',
  );

  await rm(cache, { recursive: true });
  const elsewhere = join(temp.path, '..', `${temp.path.split('/').at(-1)}-elsewhere`);
  await mkdir(elsewhere);
  await symlink(elsewhere, cache);
  await loadDataset(spec(), isolated());
  assert.equal(await readdir(elsewhere), []);
  await rm(elsewhere, { recursive: true });
});

test('named splits read <path>/train and <path>/<name>; unknown class folders are refused', async () => {
  const root = join(temp.path, 'named');
  await writeFolder(join(root, 'train'));
  await writeImage(join(root, 'holdout', 'dog', 'a.png'), 8, 8, COLOURS['dog']!);
  const data = await loadDataset(spec({}, { path: root, split: { test: 'holdout', stratify: false } }), isolated());
  assert.equal([data.train.count, data.test.count, [...data.test.labels]], [12, 1, [1]]);
  await writeImage(join(root, 'holdout', 'fox', 'b.png'), 8, 8, [1, 2, 3]);
  const error = await rejection(
    loadDataset(spec({}, { path: root, split: { test: 'holdout', stratify: false } }), isolated()),
  );
  assert.match(error.message, 'class folder fox that the training data did not have (classes: cat, dog, eel)');
});

test('a folder without class folders says what the layout is', async () => {
  const empty = join(temp.path, 'flat');
  await writeImage(join(empty, 'x.png'), 4, 4, [0, 0, 0]);
  const error = await rejection(loadDataset(spec({}, { path: empty }), isolated()));
  assert.match(error.message, `${empty} has no class folders. Images go in <folder>/<class>/*.png|jpg|jpeg`);
  assert.ok((await readFile(join(empty, 'x.png'))).length > 0);
});

test.run();
