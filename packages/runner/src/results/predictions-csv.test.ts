import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { argmaxRows, countNonFiniteRows, NO_CLASS, writePredictionsCsv } from './predictions-csv.ts';

const argmax = suite('argmaxRows');

argmax('the highest score of each row; no class for a row with NaN or an infinity', () => {
  const outputs = new Float32Array([0.2, 0.8, NaN, 0.9, 0.7, 0.3, 0.5, Infinity, 0.1, 0.1]);
  assert.equal(Array.from(argmaxRows(outputs, 2)), [1, NO_CLASS, 0, NO_CLASS, 0]);
  assert.is(countNonFiniteRows(outputs, 2), 2);
  assert.is(countNonFiniteRows(new Float32Array([0.5, 0.5]), 2), 0);
});

argmax.run();

const write = suite('writePredictionsCsv');

write('a row with a NaN score has an empty predicted cell, the finite rows keep theirs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tfyaml-predictions-'));
  try {
    const path = join(dir, 'predictions.csv');
    const outputs = new Float32Array([NaN, 0.5, 0.25, 0.75]);
    writePredictionsCsv(path, { ids: ['a', 'b'], outputs, classNames: ['cat', 'dog'], task: 'classification' });
    assert.is(readFileSync(path, 'utf8'), 'id,predicted,cat,dog\na,,NaN,0.5\nb,dog,0.25,0.75\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

write.run();
