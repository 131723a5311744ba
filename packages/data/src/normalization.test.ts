import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { pixelNormalization } from './normalization.ts';
import type { ImageSplit } from './types.ts';

// Two channels: channel 0 alternates 0 and 255, channel 1 is always 51.
const split: ImageSplit = { images: Uint8Array.from([0, 51, 255, 51, 0, 51, 255, 51]), labels: new Uint8Array(2), count: 2 };

const test = suite('pixelNormalization');

test('none keeps raw 0..255 values', () => {
  assert.equal(pixelNormalization('none', split, 2), { mean: [0, 0], std: [1 / 255, 1 / 255] });
});

test('scale maps 0..255 to 0..1', () => {
  assert.equal(pixelNormalization('scale', split, 2), { mean: [0, 0], std: [1, 1] });
});

test('standardize uses per-channel stats of the given split; a constant channel keeps std 1', () => {
  const { mean, std } = pixelNormalization('standardize', split, 2);
  assert.ok(Math.abs(mean[0]! - 0.5) < 1e-12, `mean ${mean}`);
  assert.ok(Math.abs(std[0]! - 0.5) < 1e-12, `std ${std}`);
  assert.ok(Math.abs(mean[1]! - 0.2) < 1e-12, `mean ${mean}`);
  assert.is(std[1], 1);
});

test.run();
