import { execFileSync } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_SPEC_BYTES, readSpecFile } from './read-spec-file.ts';

const read = suite('readSpecFile');
const dir = mkdtempSync(join(tmpdir(), 'tfyaml-read-'));

read('reads a regular file', () => {
  writeFileSync(join(dir, 'exp.yaml'), 'name: demo\n');
  assert.equal(readSpecFile(join(dir, 'exp.yaml')), { text: 'name: demo\n' });
});

read('a missing file says so, apart from other failures', () => {
  const result = readSpecFile(join(dir, 'nope.yaml'));
  assert.ok(!('text' in result) && result.missing && result.message === 'file not found');
});

read('a FIFO is refused at once instead of waiting for a writer', () => {
  execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
  const result = readSpecFile(join(dir, 'fifo.yaml'));
  assert.ok(!('text' in result) && !result.missing);
  assert.match(!('text' in result) ? result.message : '', 'is not a regular file but a FIFO');
});

read('devices and folders are refused', () => {
  for (const [path, kind] of [
    ['/dev/zero', 'a device'],
    [dir, 'a folder'],
  ]) {
    const result = readSpecFile(path!);
    assert.is('text' in result ? '' : result.message, `is not a regular file but ${kind}`, path);
  }
});

read(`a file over ${MAX_SPEC_BYTES} bytes is refused; one at the limit is read`, () => {
  const file = join(dir, 'big.yaml');
  truncateSync((writeFileSync(file, ''), file), MAX_SPEC_BYTES + 1);
  const result = readSpecFile(file);
  assert.match('text' in result ? '' : result.message, 'is larger than 1 MB, the limit for an experiment file');
  truncateSync(file, MAX_SPEC_BYTES);
  assert.is((readSpecFile(file) as { text: string }).text.length, MAX_SPEC_BYTES);
});

read.run();
