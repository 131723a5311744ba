import type { ChannelStats, DataSpec, Normalization } from '@tfyaml/spec-schema';
import { DataError } from './errors.ts';
import { isTableSplit, type Dataset, type ImageSplit, type Split, type TableLayout, type TableSplit } from './types.ts';

/** Per-channel affine map of a pixel: `x = (pixel / 255 - mean[c]) / std[c]`. */
export interface PixelNormalization {
  mean: number[];
  std: number[];
}

/**
 * How a table's raw values become features: the layout (columns, categories, encoding) and, per column, the
 * training split's mean and std (numeric columns; categorical ones have 0 and 1). A numeric cell becomes
 * `(value - mean) / std`, a missing one 0 (the training mean).
 */
export interface TableNormalization {
  layout: TableLayout;
  mean: number[];
  std: number[];
}

/** What turns a split's stored records into model inputs; fitted on the training split only. */
export type FeatureNormalization = PixelNormalization | TableNormalization;

export function isTableNormalization(normalization: FeatureNormalization): normalization is TableNormalization {
  return 'layout' in normalization;
}

/**
 * The normalization for `kind`: `none` keeps raw 0..255 values, `scale` maps to 0..1, `standardize` uses
 * per-channel mean and std of the training split (never the test split, which would leak it into training),
 * or the `given` statistics.
 */
export function pixelNormalization(
  kind: Normalization,
  train: ImageSplit,
  channels: number,
  given?: ChannelStats,
): PixelNormalization {
  switch (kind) {
    case 'none':
      return { mean: Array(channels).fill(0), std: Array(channels).fill(1 / 255) };
    case 'scale':
      return { mean: Array(channels).fill(0), std: Array(channels).fill(1) };
    case 'standardize':
      return given ? { mean: [...given.mean], std: [...given.std] } : channelStats(train.images, channels);
  }
}

/** The normalization of `dataset` as `spec` asks for it, with statistics from `train` (after any validation hold-out). */
export function fitNormalization(spec: DataSpec, dataset: Dataset, train: Split): FeatureNormalization {
  if (isTableSplit(train)) {
    if (dataset.table === undefined) throw new Error('fitNormalization: a table split needs dataset.table');
    return tableNormalization(dataset.table, train);
  }
  const channels = dataset.inputShape[2]!;
  if (spec.channelStats !== undefined && spec.channelStats.mean.length !== channels) {
    throw new DataError(
      `data.channelStats has ${spec.channelStats.mean.length} values per statistic, but the images have ${channels} channels.`,
      { specPath: 'data.channelStats' },
    );
  }
  if (spec.normalize === 'standardize' && spec.channelStats !== undefined) checkGivenStats(spec.channelStats);
  return pixelNormalization(spec.normalize, train, channels, spec.channelStats);
}

/** Standardized pixels sit within a few units of 0; statistics that send one past this only ever diverge. */
const MAX_STANDARDIZED = 1e4;

/** Given statistics are the user's numbers: a std of 1e-320 would make every input Infinity (a diverged run). */
function checkGivenStats({ mean, std }: ChannelStats): void {
  std.forEach((deviation, c) => {
    const reach = Math.max(Math.abs(mean[c]! / deviation), Math.abs((1 - mean[c]!) / deviation));
    if (reach <= MAX_STANDARDIZED) return;
    throw new DataError(
      `Channel ${c} of data.channelStats (mean ${mean[c]}, std ${deviation}) turns pixels into values up to ` +
        `${reach.toPrecision(3)}; standardized pixels stay within ±${MAX_STANDARDIZED}. The statistics are of pixels ` +
        'scaled to 0..1: a std of about 0.25 is typical.',
      { specPath: `data.channelStats.std[${c}]` },
    );
  });
}

function tableNormalization(layout: TableLayout, train: TableSplit): TableNormalization {
  const width = layout.columns.length;
  const mean: number[] = [];
  const std: number[] = [];
  layout.columns.forEach((column, c) => {
    if (column.type === 'categorical') {
      mean.push(0);
      std.push(1);
      return;
    }
    // Sums run over values divided by the largest magnitude, so a column of 1e200s gets a finite mean and std
    // instead of overflowing to Infinity (which would zero the column, or NaN the whole batch).
    let n = 0;
    let scale = 0;
    for (let r = 0; r < train.count; r++) {
      const v = train.values[r * width + c]!;
      if (!Number.isNaN(v)) {
        n++;
        scale = Math.max(scale, Math.abs(v));
      }
    }
    if (scale === 0) scale = 1;
    let sum = 0;
    for (let r = 0; r < train.count; r++) {
      const v = train.values[r * width + c]!;
      if (!Number.isNaN(v)) sum += v / scale;
    }
    const m = n === 0 ? 0 : sum / n;
    let squares = 0;
    for (let r = 0; r < train.count; r++) {
      const v = train.values[r * width + c]!;
      if (!Number.isNaN(v)) squares += (v / scale - m) ** 2;
    }
    mean.push(m * scale);
    // A constant column has std 0; 1 leaves it centred instead of dividing by zero.
    std.push(n > 0 && squares > 0 ? Math.sqrt(squares / n) * scale : 1);
  });
  return { layout, mean, std };
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
