import type { DataSpec, SyntheticOptions } from '@tfyaml/spec-schema';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { describeDataset } from './describe.ts';
import { DataError } from './errors.ts';
import { imagesOf } from './internal/fixtures.testkit.ts';
import { loadDataset } from './load.ts';
import type { ImageSplit } from './types.ts';

const spec = (extra: Partial<DataSpec> = {}): DataSpec => ({ dataset: 'synthetic', normalize: 'scale', ...extra });
const small: SyntheticOptions = { classes: 4, imageSize: 16, channels: 3, trainSize: 400, testSize: 200, noise: 0.25 };

/** Nearest class centroid of `features` (fitted on train) scored on test. */
function centroidAccuracy(
  train: ImageSplit,
  test: ImageSplit,
  classes: number,
  features: (split: ImageSplit, i: number) => number[],
): number {
  const sums: number[][] = [];
  const counts = new Array(classes).fill(0);
  for (let i = 0; i < train.count; i++) {
    const label = train.labels[i]!;
    const f = features(train, i);
    sums[label] = (sums[label] ?? new Array(f.length).fill(0)).map((s, k) => s + f[k]!);
    counts[label]++;
  }
  const centroids = sums.map((s, label) => s.map((v) => v / counts[label]));
  let correct = 0;
  for (let i = 0; i < test.count; i++) {
    const f = features(test, i);
    const distances = centroids.map((c) => c.reduce((d, v, k) => d + (v - f[k]!) ** 2, 0));
    if (distances.indexOf(Math.min(...distances)) === test.labels[i]) correct++;
  }
  return correct / test.count;
}

const rawPixels = (size: number) => (split: ImageSplit, i: number) => [
  ...split.images.subarray(i * size, (i + 1) * size),
];

/** Dominant stripe orientation (doubled angle, from the structure tensor of the grey image). */
const orientation = (side: number) => (split: ImageSplit, i: number) => {
  const grey = (x: number, y: number) => {
    const at = (i * side * side + y * side + x) * 3;
    return split.images[at]! + split.images[at + 1]! + split.images[at + 2]!;
  };
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (let y = 1; y < side - 1; y++) {
    for (let x = 1; x < side - 1; x++) {
      const gx = grey(x + 1, y) - grey(x - 1, y);
      const gy = grey(x, y + 1) - grey(x, y - 1);
      xx += gx * gx;
      yy += gy * gy;
      xy += gx * gy;
    }
  }
  const norm = Math.hypot(xx - yy, 2 * xy) || 1;
  return [(xx - yy) / norm, (2 * xy) / norm];
};

const test = suite('loadDataset (synthetic)');

test('defaults: 4 classes of 16×16×3, 2000 train and 400 test images', async () => {
  const data = await loadDataset(spec());
  assert.equal(data.inputShape, [16, 16, 3]);
  assert.is(data.numClasses, 4);
  assert.equal(data.classNames, ['class_0', 'class_1', 'class_2', 'class_3']);
  assert.is(data.train.count, 2000);
  assert.is(data.test.count, 400);
  assert.is(imagesOf(data.train).images.length, 2000 * 768);
  assert.is(data.source, 'generated');
  assert.ok(data.train.labels.every((l) => l < 4));
});

test('same seed gives the same bytes; another seed other bytes', async () => {
  const a = await loadDataset(spec({ synthetic: small }));
  const b = await loadDataset(spec({ synthetic: small }));
  const c = await loadDataset(spec({ synthetic: small }), { seed: 99 });
  assert.equal(imagesOf(a.train).images, imagesOf(b.train).images);
  assert.equal(imagesOf(a.test).images, imagesOf(b.test).images);
  assert.not.equal(imagesOf(a.train).images, imagesOf(c.train).images);
});

test('limits keep the first records', async () => {
  const full = await loadDataset(spec({ synthetic: small }));
  const cut = await loadDataset(spec({ synthetic: small, trainLimit: 30, testLimit: 1000 }));
  assert.is(cut.train.count, 30);
  assert.is(cut.test.count, 200);
  assert.equal(imagesOf(cut.train).images, imagesOf(full.train).images.subarray(0, 30 * 768));
  assert.equal(cut.train.labels, full.train.labels.subarray(0, 30));
});

test('honours classes, imageSize and channels', async () => {
  const data = await loadDataset(spec({ synthetic: { ...small, classes: 3, imageSize: 8, channels: 1 } }));
  assert.equal(data.inputShape, [8, 8, 1]);
  assert.is(imagesOf(data.train).images.length, 400 * 64);
  assert.equal(new Set(data.train.labels), new Set([0, 1, 2]));
});

test('the class is in the stripes’ orientation, not in any pixel', async () => {
  const { train, test: held } = await loadDataset(spec({ synthetic: small }));
  assert.ok(
    centroidAccuracy(imagesOf(train), imagesOf(held), 4, orientation(16)) > 0.9,
    'orientation should separate the classes',
  );
  assert.ok(
    centroidAccuracy(imagesOf(train), imagesOf(held), 4, rawPixels(768)) < 0.4,
    'a pixel template should be near chance (0.25)',
  );
});

test('invalid options are a DataError naming the field', async () => {
  try {
    await loadDataset(spec({ synthetic: { ...small, classes: 1, noise: 2 } }));
    assert.unreachable('should have thrown');
  } catch (error) {
    assert.instance(error, DataError);
    assert.match((error as Error).message, 'data.synthetic.classes');
    assert.match((error as Error).message, 'data.synthetic.noise');
  }
});

test('a size that cannot fit in memory is refused before anything is allocated, by describeDataset too', async () => {
  const huge = spec({ synthetic: { ...small, trainSize: 1e9 } });
  for (const attempt of [() => loadDataset(huge), async () => describeDataset(huge)]) {
    const error = await attempt().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.instance(error, DataError);
    assert.match(
      (error as Error).message,
      /^1000000000 \+ \d+ synthetic images of \d+×\d+×\d would need [\d.e+]+ GiB of memory; at most/,
    );
    assert.match((error as Error).message, 'Lower data.synthetic.trainSize');
  }
});

test.run();
