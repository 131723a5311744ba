import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BatchSource, type Batch } from './batches.ts';
import { pixelNormalization } from './normalization.ts';
import type { TableNormalization } from './normalization.ts';
import type { ImageSplit, TableSplit } from './types.ts';

/** `count` records of shape [2, 2, channels]; record i's bytes are i*10 + byte index, label i. */
function split(count: number, channels: number): ImageSplit {
  const size = 4 * channels;
  const images = Uint8Array.from({ length: count * size }, (_, k) => Math.floor(k / size) * 10 + (k % size));
  return { images, labels: Uint8Array.from({ length: count }, (_, i) => i), count };
}

const raw = { mean: [0, 0, 0], std: [1 / 255, 1 / 255, 1 / 255] };
const options = { batchSize: 4, shuffle: false, seed: 1, normalization: raw };
const labelsOf = (batches: Batch[]) => batches.flatMap((b) => [...b.y]);

const test = suite('BatchSource');

test('cuts an epoch into full batches plus the last partial one', () => {
  const source = new BatchSource(split(10, 3), [2, 2, 3], options);
  const batches = [...source.epoch(0)];
  assert.is(source.batchesPerEpoch, 3);
  assert.equal(
    batches.map((b) => b.size),
    [4, 4, 2],
  );
  assert.equal(
    batches.map((b) => b.x.length),
    [48, 48, 24],
  );
  assert.equal(labelsOf(batches), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('none normalization yields the raw pixels, RGB and other channel counts alike', () => {
  for (const channels of [3, 1, 2]) {
    const data = split(5, channels);
    const normalization = pixelNormalization('none', data, channels);
    const source = new BatchSource(data, [2, 2, channels], { ...options, normalization });
    const x = [...source.epoch(0)].flatMap((b) => [...b.x]);
    assert.equal(x, [...data.images], `${channels} channels`);
  }
});

test('applies (pixel / 255 - mean[c]) / std[c] per channel', () => {
  const normalization = { mean: [0, 0.5, 1], std: [1, 0.5, 2] };
  const [batch] = new BatchSource(split(1, 3), [2, 2, 3], { ...options, normalization }).epoch(0);
  const expected = [...split(1, 3).images].map(
    (v, i) => (v / 255 - normalization.mean[i % 3]!) / normalization.std[i % 3]!,
  );
  batch!.x.forEach((v, i) => assert.ok(Math.abs(v - expected[i]!) < 1e-6, `x[${i}] = ${v}, expected ${expected[i]}`));
});

test('shuffle visits every record once, reproducibly per (seed, epoch)', () => {
  const make = (seed: number) => new BatchSource(split(50, 3), [2, 2, 3], { ...options, shuffle: true, seed });
  const epoch0 = labelsOf([...make(3).epoch(0)]);
  assert.equal(
    [...epoch0].sort((a, b) => a - b),
    Array.from({ length: 50 }, (_, i) => i),
  );
  assert.equal(labelsOf([...make(3).epoch(0)]), epoch0);
  assert.not.equal(labelsOf([...make(3).epoch(1)]), epoch0);
  assert.not.equal(labelsOf([...make(4).epoch(0)]), epoch0);
});

test('shuffled batches keep each image with its label', () => {
  const source = new BatchSource(split(20, 3), [2, 2, 3], { ...options, shuffle: true });
  for (const batch of source.epoch(2)) {
    batch.y.forEach((label, b) => assert.is(batch.x[b * 12], label * 10));
  }
});

test('batches own their arrays', () => {
  const [first, second] = new BatchSource(split(8, 3), [2, 2, 3], options).epoch(0);
  assert.is.not(first!.x.buffer, second!.x.buffer);
  assert.is(first!.x[0], 0);
});

test('a split that does not match the shape is refused', () => {
  assert.throws(() => new BatchSource(split(4, 3), [2, 2, 1], options), /shape \[2, 2, 1\]/);
  assert.throws(() => new BatchSource(split(4, 3), [2, 2, 3], { ...options, batchSize: 0 }), /batchSize/);
});

const tables = suite('BatchSource (tables)');

// Columns: a number (mean 2, std 4) and a category of three (a, b, c). Row 1's number is missing, row 2's category unknown.
const table: TableSplit = {
  values: Float64Array.from([6, 0, NaN, 2, -2, -1]),
  labels: Float32Array.from([1.5, -2, 7]),
  count: 3,
};
const layout = (encoding: 'onehot' | 'embedding'): TableNormalization => ({
  layout: {
    columns: [
      { name: 'n', type: 'numeric' },
      { name: 'k', type: 'categorical', categories: ['a', 'b', 'c'] },
    ],
    label: 'y',
    task: 'regression',
    classNames: ['y'],
    encoding,
  },
  mean: [2, 0],
  std: [4, 1],
});

tables('standardized numbers, missing as 0, one-hot categories (unknown: zeros), float targets', () => {
  const [batch] = new BatchSource(table, [4], {
    batchSize: 3,
    shuffle: false,
    seed: 1,
    normalization: layout('onehot'),
  }).epoch(0);
  assert.equal([...batch!.x], [1, 1, 0, 0, 0, 0, 0, 1, -1, 0, 0, 0]);
  assert.instance(batch!.y, Float32Array);
  assert.equal([...batch!.y], [1.5, -2, 7]);
});

tables('embedding indices are 1-based (0 = unknown); a layout of another width is refused', () => {
  const [batch] = new BatchSource(table, [2], {
    batchSize: 3,
    shuffle: false,
    seed: 1,
    normalization: layout('embedding'),
  }).epoch(0);
  assert.equal([...batch!.x], [1, 1, 0, 3, -1, 0]);
  assert.throws(
    () => new BatchSource(table, [3], { batchSize: 3, shuffle: false, seed: 1, normalization: layout('onehot') }),
    /encodes 4 features, but the shape has 3/,
  );
  assert.throws(() => new BatchSource(table, [4], { ...options, normalization: raw }), /table normalization/);
});

test.run();
tables.run();
