import type { AugmentSpec } from '@tfyaml/spec-schema';
import { augments, ImageAugmenter } from './augment.ts';
import {
  isTableNormalization,
  type FeatureNormalization,
  type PixelNormalization,
  type TableNormalization,
} from './normalization.ts';
import { createRng, deriveSeed, permutation } from './rng.ts';
import { isTableSplit, type ImageSplit, type Split, type TableSplit } from './types.ts';

export interface Batch {
  /** size × the sample shape of normalized inputs: NHWC pixels, or encoded table rows. */
  x: Float32Array;
  /** size class indices (Int32Array), or regression targets (Float32Array). */
  y: Int32Array | Float32Array;
  size: number;
}

export interface BatchSourceOptions {
  batchSize: number;
  shuffle: boolean;
  seed: number;
  normalization: FeatureNormalization;
  /** Random changes to every image of every batch (training only); replayed exactly by (seed, epoch). */
  augment?: AugmentSpec | undefined;
}

// Salts the seed of the augmentation stream apart from the shuffle (epoch ≥ 0) and split (< 0) streams.
const AUGMENT_SALT = 0x61756700;

/**
 * Cuts a split into normalized float batches, one batch at a time, so only the stored records (uint8 pixels, raw
 * table values) stay in memory. Every batch gets new arrays: tfjs's CPU backend keeps the array given to
 * `tf.tensor` without copying, so reusing a buffer would silently change tensors still alive.
 */
export class BatchSource {
  readonly batchesPerEpoch: number;
  private readonly split: Split;
  private readonly recordSize: number;
  private readonly options: BatchSourceOptions;
  private readonly fillRecord: (x: Float32Array, to: number, record: number, rng: (() => number) | undefined) => void;

  constructor(split: Split, shape: readonly number[], options: BatchSourceOptions) {
    if (!(Number.isInteger(options.batchSize) && options.batchSize > 0)) {
      throw new RangeError(`BatchSource: batchSize must be a positive integer, received ${options.batchSize}.`);
    }
    this.recordSize = shape.reduce((a, b) => a * b, 1);
    this.split = split;
    this.options = options;
    this.batchesPerEpoch = Math.ceil(split.count / options.batchSize);
    const { normalization } = options;
    if (isTableSplit(split)) {
      if (!isTableNormalization(normalization))
        throw new RangeError('BatchSource: a table split needs a table normalization.');
      this.fillRecord = tableFill(split, normalization, this.recordSize);
    } else {
      if (isTableNormalization(normalization))
        throw new RangeError('BatchSource: an image split needs a pixel normalization.');
      this.fillRecord = imageFill(split, shape, normalization, options.augment);
    }
  }

  /** The batches of epoch `epochIndex`; with `shuffle`, the order depends only on (seed, epochIndex), and so do augmentations. */
  *epoch(epochIndex: number): Generator<Batch> {
    const { count } = this.split;
    const { batchSize, shuffle, seed } = this.options;
    const order = shuffle ? permutation(count, createRng(deriveSeed(seed, epochIndex))) : undefined;
    const rng = augments(this.options.augment)
      ? createRng(deriveSeed(deriveSeed(seed, AUGMENT_SALT), epochIndex))
      : undefined;
    for (let start = 0; start < count; start += batchSize) {
      yield this.batch(order, start, Math.min(batchSize, count - start), rng);
    }
  }

  private batch(order: Uint32Array | undefined, start: number, size: number, rng: (() => number) | undefined): Batch {
    const { labels } = this.split;
    const x = new Float32Array(size * this.recordSize);
    const y = labels instanceof Float32Array ? new Float32Array(size) : new Int32Array(size);
    for (let b = 0; b < size; b++) {
      const record = order === undefined ? start + b : order[start + b]!;
      y[b] = labels[record]!;
      this.fillRecord(x, b * this.recordSize, record, rng);
    }
    return { x, y, size };
  }
}

function imageFill(
  split: ImageSplit,
  shape: readonly number[],
  normalization: PixelNormalization,
  augment: AugmentSpec | undefined,
) {
  const [height = 1, width = 1, channels = 1] = shape;
  const recordSize = height * width * channels;
  if (shape.length !== 3 || split.images.length !== split.count * recordSize || split.labels.length < split.count) {
    throw new RangeError(
      `BatchSource: split of ${split.count} records has ${split.images.length} pixel bytes and ${split.labels.length} labels; shape [${shape.join(', ')}] needs ${split.count * recordSize} and ${split.count}.`,
    );
  }
  const lookup = lookupTable(normalization, channels);
  const { images } = split;
  if (augments(augment)) {
    const augmenter = new ImageAugmenter(augment, { height, width, channels }, normalization.std);
    return (x: Float32Array, to: number, record: number, rng: (() => number) | undefined) =>
      augmenter.fill(x, to, images, record * recordSize, lookup, rng!);
  }
  const fill = channels === 3 ? fillRgb : fillAny;
  return (x: Float32Array, to: number, record: number) =>
    fill(x, to, images, record * recordSize, recordSize, lookup, channels);
}

// The fill runs for every byte of every epoch; the RGB case, unrolled, takes about half the time of the loop.
function fillRgb(
  x: Float32Array,
  to: number,
  images: Uint8Array,
  from: number,
  length: number,
  lookup: Float32Array,
): void {
  for (const end = from + length; from < end; from += 3, to += 3) {
    x[to] = lookup[images[from]!]!;
    x[to + 1] = lookup[256 + images[from + 1]!]!;
    x[to + 2] = lookup[512 + images[from + 2]!]!;
  }
}

function fillAny(
  x: Float32Array,
  to: number,
  images: Uint8Array,
  from: number,
  length: number,
  lookup: Float32Array,
  channels: number,
): void {
  for (let c = 0; c < channels; c++) {
    const offset = c * 256;
    for (let i = c; i < length; i += channels) x[to + i] = lookup[offset + images[from + i]!]!;
  }
}

function lookupTable({ mean, std }: PixelNormalization, channels: number): Float32Array {
  if (mean.length !== channels || std.length !== channels) {
    throw new RangeError(
      `BatchSource: normalization has ${mean.length} means and ${std.length} stds for ${channels} channels.`,
    );
  }
  const table = new Float32Array(channels * 256);
  for (let c = 0; c < channels; c++) {
    for (let v = 0; v < 256; v++) table[c * 256 + v] = (v / 255 - mean[c]!) / std[c]!;
  }
  return table;
}

/**
 * Standardized numbers (missing → 0, the training mean); categories one-hot (unknown → all zeros) or as an
 * embedding index, 1-based and offset per column so that one embedding layer can serve every column (0 = unknown).
 */
function tableFill(split: TableSplit, { layout, mean, std }: TableNormalization, recordSize: number) {
  const columns = layout.columns.length;
  if (split.values.length !== split.count * columns) {
    throw new RangeError(
      `BatchSource: table split of ${split.count} rows has ${split.values.length} values; ${columns} columns need ${split.count * columns}.`,
    );
  }
  const onehot = layout.encoding === 'onehot';
  const slots: number[] = [];
  const embeddingOffsets: number[] = [];
  let width = 0;
  let embedding = 0;
  for (const column of layout.columns) {
    slots.push(width);
    embeddingOffsets.push(embedding);
    const categories = column.type === 'categorical' ? column.categories.length : 0;
    width += column.type === 'categorical' && onehot ? categories : 1;
    embedding += categories;
  }
  if (width !== recordSize)
    throw new RangeError(`BatchSource: the table layout encodes ${width} features, but the shape has ${recordSize}.`);
  const kinds = layout.columns.map((c) => c.type === 'numeric');
  return (x: Float32Array, to: number, record: number) => {
    const row = record * columns;
    for (let c = 0; c < columns; c++) {
      const v = split.values[row + c]!;
      const at = to + slots[c]!;
      if (kinds[c]) x[at] = Number.isNaN(v) ? 0 : (v - mean[c]!) / std[c]!;
      else if (!(v >= 0)) continue;
      else if (onehot) x[at + v] = 1;
      else x[at] = embeddingOffsets[c]! + v + 1;
    }
  };
}
