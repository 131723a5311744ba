import { DataError } from './errors.ts';
import { createRng, deriveSeed, permutation } from './rng.ts';
import type { ImageSplit } from './types.ts';

// Salts the experiment seed so the held-out choice is not the same stream as other users of that seed
// (shuffle orders salt with the epoch index, which is never negative).
const SPLIT_SALT = -1;

/**
 * Holds out `round(fraction * count)` random records of `train` as a validation split, chosen by `seed`.
 * Both results keep the records' original relative order and own fresh copies of their pixels.
 */
export function splitValidation(
  train: ImageSplit,
  fraction: number,
  seed: number,
): { train: ImageSplit; validation: ImageSplit } {
  if (!(fraction > 0 && fraction < 1)) {
    throw new DataError(`training.validation must be a fraction between 0 and 1 (exclusive), received ${fraction}.`);
  }
  const validationCount = Math.round(fraction * train.count);
  if (validationCount === 0 || validationCount === train.count) {
    throw new DataError(
      `training.validation ${fraction} of ${train.count} training records leaves ` +
        `${validationCount === 0 ? 'no validation' : 'no training'} records; choose a fraction that keeps at least one in each, or raise data.trainLimit.`,
    );
  }
  const isValidation = new Uint8Array(train.count);
  const order = permutation(train.count, createRng(deriveSeed(seed, SPLIT_SALT)));
  for (let i = 0; i < validationCount; i++) isValidation[order[i]!] = 1;

  const recordSize = train.images.length / train.count;
  const parts = [emptySplit(train.count - validationCount, recordSize), emptySplit(validationCount, recordSize)];
  const filled = [0, 0];
  for (let i = 0; i < train.count; i++) {
    const side = isValidation[i]!;
    const part = parts[side]!;
    const at = filled[side]!++;
    part.images.set(train.images.subarray(i * recordSize, (i + 1) * recordSize), at * recordSize);
    part.labels[at] = train.labels[i]!;
  }
  return { train: parts[0]!, validation: parts[1]! };
}

function emptySplit(count: number, recordSize: number): ImageSplit {
  return { images: new Uint8Array(count * recordSize), labels: new Uint8Array(count), count };
}
