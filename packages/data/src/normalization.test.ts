import type { DataSpec } from '@tfyaml/spec-schema';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DataError } from './errors.ts';
import { fitNormalization, pixelNormalization } from './normalization.ts';
import type { Dataset, ImageSplit } from './types.ts';

// Two channels: channel 0 alternates 0 and 255, channel 1 is always 51.
const split: ImageSplit = {
  images: Uint8Array.from([0, 51, 255, 51, 0, 51, 255, 51]),
  labels: new Uint8Array(2),
  count: 2,
};

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

const fit = suite('fitNormalization (given channelStats)');

fit('statistics that would send a pixel past ±10,000 are a DataError naming the channel; sane ones are kept', () => {
  const split: ImageSplit = { images: new Uint8Array([0, 128, 255, 0, 128, 255]), labels: new Uint8Array(2), count: 2 };
  const dataset = {
    name: 'synthetic',
    inputShape: [1, 1, 3],
    numClasses: 2,
    classNames: ['a', 'b'],
    task: 'classification',
    train: split,
    test: split,
    source: 'generated',
  } as Dataset;
  const spec = (std: number[]): DataSpec => ({
    dataset: 'synthetic',
    normalize: 'standardize',
    channelStats: { mean: [0.5, 0.5, 0.5], std },
  });
  assert.equal(fitNormalization(spec([0.25, 0.25, 0.25]), dataset, split), {
    mean: [0.5, 0.5, 0.5],
    std: [0.25, 0.25, 0.25],
  });
  assert.throws(
    () => fitNormalization(spec([0.25, 1e-320, 0.25]), dataset, split),
    (error: unknown) =>
      error instanceof DataError &&
      error.specPath === 'data.channelStats.std[1]' &&
      error.message.startsWith(
        'Channel 1 of data.channelStats (mean 0.5, std 1e-320) turns pixels into values up to Infinity',
      ),
  );
  assert.not.throws(
    () => fitNormalization({ ...spec([1e-320, 1e-320, 1e-320]), normalize: 'scale' }, dataset, split),
    'unused statistics',
  );
});

fit.run();
