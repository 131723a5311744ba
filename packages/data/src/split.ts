import { DataError } from './errors.ts';
import { takeRecords } from './internal/records.ts';
import { createRng, deriveSeed, permutation } from './rng.ts';
import type { Split } from './types.ts';

// Salts the experiment seed so the held-out choice is not the same stream as other users of that seed
// (shuffle orders salt with the epoch index, which is never negative).
const SPLIT_SALT = -1;

export interface HoldOutOptions {
  /** Hold out the same fraction of every class (labels are class indices), instead of of the whole split. */
  stratify?: boolean;
  /** The spec field named in errors. */
  field?: string;
  /** Distinguishes independent hold-outs made with one seed. */
  salt?: number;
}

/**
 * Holds out `round(fraction * count)` random records of `train` as a validation split, chosen by `seed`
 * (stratified: that share of each class). Both results keep the records' original relative order and own
 * fresh copies of their data.
 */
export function splitValidation<S extends Split>(
  train: S,
  fraction: number,
  seed: number,
  options: HoldOutOptions = {},
): { train: S; validation: S } {
  const { rest, held } = holdOut(train, fraction, seed, { field: 'training.validation', ...options });
  return { train: rest, validation: held };
}

/** Splits `split` into the records kept and `round(fraction * count)` random ones held out (per class when stratified). */
export function holdOut<S extends Split>(
  split: S,
  fraction: number,
  seed: number,
  options: HoldOutOptions = {},
): { rest: S; held: S } {
  const field = options.field ?? 'training.validation';
  if (!(fraction > 0 && fraction < 1)) {
    throw new DataError(`${field} must be a fraction between 0 and 1 (exclusive), received ${fraction}.`, {
      specPath: field,
    });
  }
  const rng = createRng(deriveSeed(seed, options.salt ?? SPLIT_SALT));
  const isHeld = options.stratify ? stratifiedChoice(split, fraction, rng) : randomChoice(split.count, fraction, rng);
  const heldCount = isHeld.reduce((sum, v) => sum + v, 0);
  if (heldCount === 0 || heldCount === split.count) {
    throw new DataError(
      `${field} ${fraction} of ${split.count} records leaves ` +
        `${heldCount === 0 ? `no ${field.split('.').at(-1)}` : 'no training'} records; choose a fraction that keeps at least one in each, or raise data.trainLimit.`,
      { specPath: field },
    );
  }
  const kept: number[] = [];
  const held: number[] = [];
  for (let i = 0; i < split.count; i++) (isHeld[i] ? held : kept).push(i);
  return { rest: takeRecords(split, kept), held: takeRecords(split, held) };
}

function randomChoice(count: number, fraction: number, rng: () => number): Uint8Array {
  const isHeld = new Uint8Array(count);
  const order = permutation(count, rng);
  const heldCount = Math.round(fraction * count);
  for (let i = 0; i < heldCount; i++) isHeld[order[i]!] = 1;
  return isHeld;
}

/** Each class contributes round(fraction × its size), so rare classes appear on both sides when they can. */
function stratifiedChoice(split: Split, fraction: number, rng: () => number): Uint8Array {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < split.count; i++) {
    const label = split.labels[i]!;
    if (!Number.isInteger(label))
      throw new DataError(
        'Stratified splits need class labels, but this split has regression targets; remove data.split.stratify.',
        { specPath: 'data.split.stratify' },
      );
    const members = byClass.get(label) ?? [];
    members.push(i);
    byClass.set(label, members);
  }
  const isHeld = new Uint8Array(split.count);
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = byClass.get(label)!;
    const order = permutation(members.length, rng);
    const heldCount = Math.round(fraction * members.length);
    for (let i = 0; i < heldCount; i++) isHeld[members[order[i]!]!] = 1;
  }
  return isHeld;
}
