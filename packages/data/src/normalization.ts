import type { Normalization } from '@tfyaml/spec-schema';
import type { ImageSplit } from './types.ts';

/** Per-channel affine map of a pixel: `x = (pixel / 255 - mean[c]) / std[c]`. */
export interface PixelNormalization {
  mean: number[];
  std: number[];
}

/**
 * The normalization for `kind`: `none` keeps raw 0..255 values, `scale` maps to 0..1, `standardize` uses
 * per-channel mean and std of the training split (never the test split, which would leak it into training).
 */
export function pixelNormalization(kind: Normalization, train: ImageSplit, channels: number): PixelNormalization {
  switch (kind) {
    case 'none':
      return { mean: Array(channels).fill(0), std: Array(channels).fill(1 / 255) };
    case 'scale':
      return { mean: Array(channels).fill(0), std: Array(channels).fill(1) };
    case 'standardize':
      return channelStats(train.images, channels);
  }
}

function channelStats(images: Uint8Array, channels: number): PixelNormalization {
  const mean: number[] = [];
  const std: number[] = [];
  const n = images.length / channels;
  for (let c = 0; c < channels; c++) {
    // Integer sums stay exact in a double up to 2^53, far beyond any dataset that fits in memory.
    let sum = 0;
    let squares = 0;
    for (let i = c; i < images.length; i += channels) {
      const v = images[i]!;
      sum += v;
      squares += v * v;
    }
    const m = n === 0 ? 0 : sum / n;
    const variance = n === 0 ? 0 : Math.max(0, squares / n - m * m);
    mean.push(m / 255);
    // A constant channel has std 0; 1 leaves it centred instead of dividing by zero.
    std.push(variance > 0 ? Math.sqrt(variance) / 255 : 1);
  }
  return { mean, std };
}
