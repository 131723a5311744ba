import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DataError } from './errors.ts';
import { splitValidation } from './split.ts';
import type { ImageSplit, TableSplit } from './types.ts';

/** Record i has every pixel byte = i and label i % 10, so records can be traced through the split. */
function traceable(count: number, recordSize = 6): ImageSplit {
  const images = new Uint8Array(count * recordSize);
  for (let i = 0; i < count; i++) images.fill(i, i * recordSize, (i + 1) * recordSize);
  return { images, labels: Uint8Array.from({ length: count }, (_, i) => i % 10), count };
}

function ids(split: ImageSplit, recordSize = 6): number[] {
  return Array.from({ length: split.count }, (_, i) => {
    const record = split.images.subarray(i * recordSize, (i + 1) * recordSize);
    assert.ok(
      record.every((v) => v === record[0]),
      'record bytes were mixed',
    );
    assert.is(split.labels[i], record[0]! % 10);
    return record[0]!;
  });
}

const test = suite('splitValidation');

test('holds out round(fraction * count) records, each exactly once, order kept', () => {
  const { train, validation } = splitValidation(traceable(100), 0.2, 1);
  assert.is(validation.count, 20);
  assert.is(train.count, 80);
  const trainIds = ids(train);
  const validationIds = ids(validation);
  assert.equal(
    [...trainIds, ...validationIds].sort((a, b) => a - b),
    Array.from({ length: 100 }, (_, i) => i),
  );
  assert.equal(
    trainIds,
    [...trainIds].sort((a, b) => a - b),
  );
  assert.equal(
    validationIds,
    [...validationIds].sort((a, b) => a - b),
  );
});

test('same seed, same split; another seed, another split', () => {
  const data = traceable(100);
  assert.equal(ids(splitValidation(data, 0.3, 5).validation), ids(splitValidation(data, 0.3, 5).validation));
  assert.not.equal(ids(splitValidation(data, 0.3, 5).validation), ids(splitValidation(data, 0.3, 6).validation));
});

test('a fraction outside (0, 1) or leaving a side empty is a DataError', () => {
  assert.throws(
    () => splitValidation(traceable(10), 0, 1),
    (e: unknown) => e instanceof DataError,
  );
  assert.throws(
    () => splitValidation(traceable(10), 1, 1),
    (e: unknown) => e instanceof DataError,
  );
  assert.throws(
    () => splitValidation(traceable(10), 0.01, 1),
    (e: unknown) => e instanceof DataError && /no validation/.test(e.message),
  );
});

test('stratified: each class keeps its share on both sides; tables split too, with their ids', () => {
  // 30 records of class 0, 10 of class 1.
  const rows: TableSplit = {
    values: Float64Array.from({ length: 40 }, (_, i) => i),
    labels: Int32Array.from({ length: 40 }, (_, i) => (i < 30 ? 0 : 1)),
    count: 40,
    ids: Array.from({ length: 40 }, (_, i) => `r${i}`),
  };
  const { train, validation } = splitValidation(rows, 0.2, 3, { stratify: true });
  assert.equal([...validation.labels].filter((l) => l === 1).length, 2);
  assert.equal([...validation.labels].filter((l) => l === 0).length, 6);
  assert.instance(train.labels, Int32Array);
  validation.ids!.forEach((id, i) => assert.is(id, `r${validation.values[i]}`));
  assert.is(train.count, 32);
});

test.run();
