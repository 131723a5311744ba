// data.split, the same for every dataset: a loader supplies the records it has (train, and a test or validation
// split when the dataset or the user names one), and fractions are held out of train here, seeded.
import { DEFAULT_TEST_FRACTION, type DataSpec } from '@tfyaml/spec-schema';
import { holdOut } from '../split.ts';
import type { Split } from '../types.ts';
import { firstRecords } from './records.ts';

// Salts that keep the test and validation hold-outs independent of each other and of training.validation's.
const TEST_SALT = -2;
const VALIDATION_SALT = -3;

export interface SplitSources<S extends Split> {
  train: S;
  /** The dataset's own test split, or the one the user named. */
  test?: S;
  /** A validation split the user named (a file, a folder, a column). */
  validation?: S;
}

export interface Splits<S extends Split> {
  train: S;
  test: S;
  validation?: S;
}

export function applySplits<S extends Split>(sources: SplitSources<S>, spec: DataSpec, seed: number): Splits<S> {
  const split = spec.split;
  const stratify = split?.stratify ?? false;
  let train = sources.train;
  let test = sources.test;
  const testFraction =
    typeof split?.test === 'number' ? split.test : test === undefined ? DEFAULT_TEST_FRACTION : undefined;
  if (testFraction !== undefined) {
    const { rest, held } = holdOut(train, testFraction, seed, { stratify, salt: TEST_SALT, field: 'data.split.test' });
    train = rest;
    test = held;
  }
  let validation = split?.validation === 'test' ? test : sources.validation;
  if (typeof split?.validation === 'number') {
    const { rest, held } = holdOut(train, split.validation, seed, {
      stratify,
      salt: VALIDATION_SALT,
      field: 'data.split.validation',
    });
    train = rest;
    validation = held;
  }
  const result: Splits<S> = { train: firstRecords(train, spec.trainLimit), test: firstRecords(test!, spec.testLimit) };
  if (validation !== undefined) result.validation = validation;
  return result;
}

/** Whether the records a loader reads are cut by data.split, so trainLimit/testLimit must wait until after it. */
export function readLimits(spec: DataSpec): { train?: number; test?: number } {
  const carved = typeof spec.split?.test === 'number' || typeof spec.split?.validation === 'number';
  const limits: { train?: number; test?: number } = {};
  if (!carved && spec.trainLimit !== undefined) limits.train = spec.trainLimit;
  if (typeof spec.split?.test !== 'number' && spec.testLimit !== undefined) limits.test = spec.testLimit;
  return limits;
}
