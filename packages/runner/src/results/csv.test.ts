import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RunError } from '../errors.ts';
import { formatCsv, neutralise, numberOf, readCsv, restore } from './csv.ts';

const file = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'tfyaml-csv-')), 'file.csv');
  writeFileSync(path, text);
  return path;
};

const read = suite('readCsv');

read('rows keyed by header, LF and CRLF, blank lines skipped, short rows filled; a missing file is undefined', () => {
  assert.equal(readCsv(file('epoch,loss\r\n1,0.5\r\n\r\n2\r\n')), {
    header: ['epoch', 'loss'],
    rows: [
      { epoch: '1', loss: '0.5' },
      { epoch: '2', loss: '' },
    ],
  });
  assert.is(readCsv(join(tmpdir(), 'tfyaml-no-such-file.csv')), undefined);
});

read('quoted fields keep commas, doubled quotes and newlines', () => {
  assert.equal(readCsv(file('trial,error\n3,"Error: out of memory, ""conv2d"" asked\nfor 2 GB"\n'))!.rows, [
    { trial: '3', error: 'Error: out of memory, "conv2d" asked\nfor 2 GB' },
  ]);
});

read('a file that is not CSV (an unclosed quote) is a user error naming it', () => {
  const path = file('a,b\n"1,2\n');
  assert.throws(
    () => readCsv(path),
    (error: unknown) => error instanceof RunError && error.message.startsWith(`${path} is not a CSV file`),
  );
});

read.run();

const injection = suite('formatCsv :: formula injection');

injection('string cells that start a formula get a leading quote; numbers and numeric strings do not', () => {
  const text = formatCsv([
    ['id', 'label', 'score'],
    ['=HYPERLINK("http://x")', '+1+cmd|calc', -0.5],
    ['@SUM(A1)', '-0.5', 3],
    ['\tx', '\rx', 'cat'],
  ]);
  assert.is(text, `id,label,score\n"'=HYPERLINK(""http://x"")",'+1+cmd|calc,-0.5\n'@SUM(A1),-0.5,3\n'\tx,"'\rx",cat\n`);
});

injection('reading restores every cell exactly, including ones that began with quotes', () => {
  const cells = ['=1+2', "'=1+2", "''-x", "'plain", '-3', "'-3", '-', 'cat', '', '@'];
  assert.equal(
    cells.map((c) => restore(neutralise(c))),
    cells,
  );
  const path = file(formatCsv([['cell', 'n'], ...cells.map((c) => [c, 1])]));
  assert.equal(
    readCsv(path)!.rows.map((r) => r['cell']),
    cells,
  );
  assert.is(neutralise('-'), "'-");
  assert.is(neutralise("'plain"), "'plain");
});

injection.run();

const number = suite('numberOf');

number('finite numbers only: empty, text, NaN and Infinity are gaps', () => {
  assert.is(numberOf('0.25'), 0.25);
  assert.is(numberOf('1e-4'), 0.0001);
  for (const cell of ['', ' ', 'NaN', 'Infinity', 'relu', undefined])
    assert.is(numberOf(cell), undefined, String(cell));
});

number.run();
