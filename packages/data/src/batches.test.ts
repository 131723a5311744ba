import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BatchSource, type Batch } from './batches.ts';
import { pixelNormalization } from './normalization.ts';
import type { ImageSplit } from './types.ts';

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
  assert.equal(batches.map((b) => b.size), [4, 4, 2]);
  assert.equal(batches.map((b) => b.x.length), [48, 48, 24]);
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
  const expected = [...split(1, 3).images].map((v, i) => (v / 255 - normalization.mean[i % 3]!) / normalization.std[i % 3]!);
  batch!.x.forEach((v, i) => assert.ok(Math.abs(v - expected[i]!) < 1e-6, `x[${i}] = ${v}, expected ${expected[i]}`));
});

test('shuffle visits every record once, reproducibly per (seed, epoch)', () => {
  const make = (seed: number) => new BatchSource(split(50, 3), [2, 2, 3], { ...options, shuffle: true, seed });
  const epoch0 = labelsOf([...make(3).epoch(0)]);
  assert.equal([...epoch0].sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i));
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

test.run();
