import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { numberOf, parseCsv, readTable } from './csv.ts';

const parse = suite('parseCsv');

parse('plain rows, LF and CRLF, blank lines skipped', () => {
  assert.equal(parseCsv('a,b\n1,2\r\n\n3,\n'), [['a', 'b'], ['1', '2'], ['3', '']]);
});

parse('quoted fields keep commas, doubled quotes and newlines', () => {
  assert.equal(parseCsv('trial,error\n3,"Error: out of memory, ""conv2d"" asked\nfor 2 GB"\n'),
    [['trial', 'error'], ['3', 'Error: out of memory, "conv2d" asked\nfor 2 GB']]);
});

parse('a last line without a newline is kept', () => {
  assert.equal(parseCsv('a\n1'), [['a'], ['1']]);
});

parse.run();

const table = suite('readTable');

table('rows keyed by header; a missing file is undefined', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tfyaml-report-csv-'));
  try {
    writeFileSync(join(dir, 'm.csv'), 'epoch,loss\n1,0.5\n2\n');
    assert.equal(readTable(join(dir, 'm.csv')), { header: ['epoch', 'loss'], rows: [{ epoch: '1', loss: '0.5' }, { epoch: '2', loss: '' }] });
    assert.is(readTable(join(dir, 'missing.csv')), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

table.run();

const number = suite('numberOf');

number('finite numbers only: empty, text, NaN and Infinity are gaps', () => {
  assert.is(numberOf('0.25'), 0.25);
  assert.is(numberOf('1e-4'), 0.0001);
  for (const cell of ['', ' ', 'NaN', 'Infinity', 'relu', undefined]) assert.is(numberOf(cell), undefined, String(cell));
});

number.run();
