import type { AugmentSpec } from '@tfyaml/spec-schema';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { augments } from './augment.ts';
import { BatchSource, type Batch } from './batches.ts';
import type { ImageSplit } from './types.ts';

const NONE: AugmentSpec = { horizontalFlip: false, cropPadding: 0, brightness: 0, contrast: 0, noise: 0 };
const H = 4;
const W = 5;
/** Image i: channel c of pixel (y, x) = 10·y + x + 50·c + i, all distinct within an image. */
function images(count: number, channels = 3): ImageSplit {
  const data = new Uint8Array(count * H * W * channels);
  for (let i = 0; i < count; i++) {
    for (let p = 0; p < H * W; p++)
      for (let c = 0; c < channels; c++)
        data[(i * H * W + p) * channels + c] = 10 * Math.floor(p / W) + (p % W) + 50 * c + i;
  }
  return { images: data, labels: Uint8Array.from({ length: count }, (_, i) => i), count };
}
const raw = { mean: [0, 0, 0], std: [1 / 255, 1 / 255, 1 / 255] };
const source = (augment: AugmentSpec | undefined, seed = 1, split = images(8)) =>
  new BatchSource(split, [H, W, 3], { batchSize: 4, shuffle: false, seed, normalization: raw, augment });
const flat = (batches: Iterable<Batch>) => [...batches].flatMap((b) => [...b.x]);
const pixel = (x: Float32Array, image: number, y: number, col: number, c: number) =>
  x[((image * H + y) * W + col) * 3 + c]!;

const test = suite('augmentation (BatchSource augment)');

test('an all-default augment block changes nothing, and the source images are never modified', () => {
  const split = images(8);
  const copy = split.images.slice();
  assert.not.ok(augments(NONE));
  assert.equal(flat(source(NONE, 1, split).epoch(0)), flat(source(undefined, 1, split).epoch(0)));
  flat(
    source(
      { ...NONE, horizontalFlip: true, cropPadding: 2, brightness: 0.3, contrast: 0.3, noise: 0.1 },
      1,
      split,
    ).epoch(0),
  );
  assert.equal(split.images, copy);
});

test('deterministic per (seed, epoch); another epoch or seed draws differently', () => {
  const all: AugmentSpec = { horizontalFlip: true, cropPadding: 1, brightness: 0.2, contrast: 0.2, noise: 0.05 };
  const epoch0 = flat(source(all).epoch(0));
  assert.equal(flat(source(all).epoch(0)), epoch0);
  assert.not.equal(flat(source(all).epoch(1)), epoch0);
  assert.not.equal(flat(source(all, 2).epoch(0)), epoch0);
});

test('horizontal flip mirrors whole images, about half of them', () => {
  // Pixel values stay below 256 for up to 100 images (see images()).
  const many = images(100);
  const x = flat(
    new BatchSource(many, [H, W, 3], {
      batchSize: 50,
      shuffle: false,
      seed: 5,
      normalization: raw,
      augment: { ...NONE, horizontalFlip: true },
    }).epoch(0),
  );
  const xs = Float32Array.from(x);
  let flipped = 0;
  for (let i = 0; i < 100; i++) {
    const mirrored = pixel(xs, i, 0, 0, 0) === 4 + i;
    flipped += mirrored ? 1 : 0;
    for (let y = 0; y < H; y++)
      for (let col = 0; col < W; col++) {
        const from = mirrored ? W - 1 - col : col;
        assert.is(pixel(xs, i, y, col, 1), 10 * y + from + 50 + i);
      }
  }
  assert.ok(flipped > 30 && flipped < 70, `${flipped} of 100 flipped`);
});

test('crop with padding shifts by at most the padding and fills with black', () => {
  const xs = Float32Array.from(flat(source({ ...NONE, cropPadding: 2 }, 3, images(40)).epoch(0)));
  const shifts = new Set<string>();
  for (let i = 0; i < 40; i++) {
    // Find the shift from a pixel inside: value 10·y + x + i at (y, x) means source (y + dy, x + dx).
    let found = false;
    for (let dy = -2; dy <= 2 && !found; dy++)
      for (let dx = -2; dx <= 2 && !found; dx++) {
        const ok = [...Array(H * W).keys()].every((p) => {
          const y = Math.floor(p / W);
          const col = p % W;
          const sy = y + dy;
          const sx = col + dx;
          const inside = sy >= 0 && sy < H && sx >= 0 && sx < W;
          return pixel(xs, i, y, col, 2) === (inside ? 10 * sy + sx + 100 + i : 0);
        });
        if (ok) {
          found = true;
          shifts.add(`${dy},${dx}`);
        }
      }
    assert.ok(found, `image ${i} is not a shifted crop`);
  }
  assert.ok(shifts.size > 5, `shifts drawn: ${[...shifts]}`);
});

test('brightness, contrast and noise act in pixel units through the normalization', () => {
  const flatImage: ImageSplit = { images: new Uint8Array(400 * 3).fill(128), labels: new Uint8Array(1), count: 1 };
  const scaled = { mean: [0, 0, 0], std: [1, 1, 1] };
  const run = (augment: AugmentSpec, normalization = scaled) =>
    [
      ...new BatchSource(flatImage, [20, 20, 3], {
        batchSize: 1,
        shuffle: false,
        seed: 4,
        normalization,
        augment,
      }).epoch(0),
    ][0]!.x;
  const bright = run({ ...NONE, brightness: 0.2 });
  const offset = bright[0]! - 128 / 255;
  assert.ok(
    Math.abs(offset) <= 0.2 && bright.every((v) => Math.abs(v - bright[0]!) < 1e-6),
    'one offset for the whole image',
  );
  const contrast = run({ ...NONE, contrast: 0.5 });
  assert.ok(
    contrast.every((v) => Math.abs(v - 128 / 255) < 1e-6),
    'a flat image has nothing to stretch',
  );
  const noisy = run({ ...NONE, noise: 0.1 });
  const mean = noisy.reduce((a, b) => a + b, 0) / noisy.length;
  const std = Math.sqrt(noisy.reduce((a, b) => a + (b - mean) ** 2, 0) / noisy.length);
  assert.ok(Math.abs(std - 0.1) < 0.01 && Math.abs(mean - 128 / 255) < 0.01, `noise mean ${mean} std ${std}`);
  const noisyRaw = run({ ...NONE, noise: 0.1 }, raw);
  assert.ok(Math.abs(noisyRaw[7]! - 128 - 255 * (noisy[7]! - 128 / 255)) < 1e-3, 'the same draw, in 0..255 units');
});

test.run();
