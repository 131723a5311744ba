// Per-image random augmentation for training batches, on the fly: flips and crops change which source pixel each
// output pixel reads (no extra pass); brightness, contrast and noise then go over the image's floats once per channel.
// All of it works in normalized space, so the uint8 images are never copied or changed.
import type { AugmentSpec } from '@tfyaml/spec-schema';
import { createRng } from './rng.ts';

export interface ImageShape {
  height: number;
  width: number;
  channels: number;
}

/** Draws for one image; drawn in a fixed order from the epoch's stream, so a seed replays them exactly. */
interface Draw {
  flip: boolean;
  dx: number;
  dy: number;
  brightness: number;
  contrast: number;
}

/** Whether `spec` changes anything: an all-default augment block costs nothing. */
export function augments(spec: AugmentSpec | undefined): spec is AugmentSpec {
  return (
    spec !== undefined &&
    (spec.horizontalFlip || spec.cropPadding > 0 || spec.brightness > 0 || spec.contrast > 0 || spec.noise > 0)
  );
}

export class ImageAugmenter {
  private readonly spec: AugmentSpec;
  private readonly shape: ImageShape;
  /** 1 / std[c]: pixel-scale offsets (0..1) become normalized offsets. */
  private readonly inverseStd: Float64Array;

  constructor(spec: AugmentSpec, shape: ImageShape, std: readonly number[]) {
    this.spec = spec;
    this.shape = shape;
    this.inverseStd = Float64Array.from(std, (s) => 1 / s);
  }

  /**
   * Writes image `from` of `images` into `x` at `to`, augmented: `lookup[c * 256 + v]` normalizes byte v of
   * channel c (as BatchSource builds it), `rng` is the epoch's stream.
   */
  fill(x: Float32Array, to: number, images: Uint8Array, from: number, lookup: Float32Array, rng: () => number): void {
    const draw = this.draw(rng);
    this.geometric(x, to, images, from, lookup, draw);
    if (draw.brightness !== 0 || draw.contrast !== 1 || this.spec.noise > 0) this.photometric(x, to, draw, rng);
  }

  private draw(rng: () => number): Draw {
    const { horizontalFlip, cropPadding: p, brightness, contrast } = this.spec;
    return {
      flip: horizontalFlip && rng() < 0.5,
      dx: p > 0 ? Math.floor(rng() * (2 * p + 1)) : p,
      dy: p > 0 ? Math.floor(rng() * (2 * p + 1)) : p,
      brightness: brightness > 0 ? (2 * rng() - 1) * brightness : 0,
      contrast: contrast > 0 ? 1 + (2 * rng() - 1) * contrast : 1,
    };
  }

  /** Output (y, x) reads padded-source (y + dy, x' + dx), x' mirrored when flipped; outside the image is black. */
  private geometric(
    x: Float32Array,
    to: number,
    images: Uint8Array,
    from: number,
    lookup: Float32Array,
    { flip, dx, dy }: Draw,
  ): void {
    const { height, width, channels } = this.shape;
    const p = this.spec.cropPadding;
    for (let y = 0, out = to; y < height; y++) {
      const sy = y + dy - p;
      const row = from + sy * width * channels;
      for (let col = 0; col < width; col++, out += channels) {
        const sx = (flip ? width - 1 - col : col) + dx - p;
        if (sy < 0 || sy >= height || sx < 0 || sx >= width) {
          for (let c = 0; c < channels; c++) x[out + c] = lookup[c * 256]!;
        } else if (channels === 3) {
          const src = row + sx * 3;
          x[out] = lookup[images[src]!]!;
          x[out + 1] = lookup[256 + images[src + 1]!]!;
          x[out + 2] = lookup[512 + images[src + 2]!]!;
        } else {
          for (let c = 0, src = row + sx * channels; c < channels; c++)
            x[out + c] = lookup[c * 256 + images[src + c]!]!;
        }
      }
    }
  }

  /**
   * x' = (x - mean_c) · contrast + mean_c + (brightness + noise) / std_c: contrast around the image's own channel
   * mean, then one brightness offset for the image, then noise per value. One channel at a time, so the per-channel
   * terms are constants of the inner loop.
   */
  private photometric(x: Float32Array, to: number, { brightness, contrast }: Draw, rng: () => number): void {
    const { height, width, channels } = this.shape;
    const end = to + height * width * channels;
    for (let c = 0; c < channels; c++) {
      let mean = 0;
      if (contrast !== 1) {
        for (let i = to + c; i < end; i += channels) mean += x[i]!;
        mean /= height * width;
      }
      const shift = mean * (1 - contrast) + brightness * this.inverseStd[c]!;
      const sigma = this.spec.noise * this.inverseStd[c]!;
      if (sigma === 0) {
        for (let i = to + c; i < end; i += channels) x[i] = x[i]! * contrast + shift;
        continue;
      }
      // Table indices come from a xorshift32 stream seeded from the epoch's stream once per channel: inlined, it
      // costs a few instructions per value where a call to the seeded generator would dominate the loop.
      let state = (rng() * 4294967296) | 1;
      const gaussian = gaussianTable();
      for (let i = to + c; i < end; i += channels) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        x[i] = x[i]! * contrast + shift + sigma * gaussian[state & 0xffff]!;
      }
    }
  }
}

/**
 * 65,536 standard normal values (Box–Muller from a fixed seed, then exactly centred and scaled): a table lookup
 * per pixel keeps noise on a CIFAR-10 epoch (150 M pixels) well inside the augmentation budget, where computing
 * a logarithm and a square root per pixel would not be.
 */
let gaussian: Float32Array | undefined;
function gaussianTable(): Float32Array {
  // Built on first use, not at import: it costs every command that imports @tfyaml/data (check) tens of ms.
  gaussian ??= buildGaussianTable();
  return gaussian;
}

function buildGaussianTable(): Float32Array {
  const table = new Float64Array(65536);
  const rng = createRng(0x6a055);
  for (let i = 0; i < table.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - rng()));
    const angle = 2 * Math.PI * rng();
    table[i] = r * Math.cos(angle);
    table[i + 1] = r * Math.sin(angle);
  }
  const mean = table.reduce((a, b) => a + b, 0) / table.length;
  const std = Math.sqrt(table.reduce((a, b) => a + (b - mean) ** 2, 0) / table.length);
  return Float32Array.from(table, (v) => (v - mean) / std);
}
