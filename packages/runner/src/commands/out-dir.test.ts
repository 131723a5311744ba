import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RunError } from '../errors.ts';
import { checkOutDir, checkOutFile } from './out-dir.ts';

const temp = mkdtempSync(join(tmpdir(), 'tfyaml-out-'));
writeFileSync(join(temp, 'exp.yaml'), 'name: x\n');

function refusal(check: () => void): RunError {
  try {
    check();
  } catch (error) {
    if (error instanceof RunError) return error;
    throw error;
  }
  throw new Error('expected a RunError');
}

const outDir = suite('checkOutDir');

outDir('accepts an existing folder and one that can be created inside it', () => {
  assert.not.throws(() => checkOutDir(temp));
  assert.not.throws(() => checkOutDir(join(temp, 'not', 'yet', 'there')));
});

outDir('refuses a file, and a folder below a file', () => {
  assert.match(refusal(() => checkOutDir(join(temp, 'exp.yaml'))).message, 'exp.yaml is a file, not a folder');
  assert.match(refusal(() => checkOutDir(join(temp, 'exp.yaml', 'sub'))).message, 'is a file, not a folder');
});

outDir('refuses /proc, /sys and /dev, also through a symlink', () => {
  assert.is(refusal(() => checkOutDir('/proc/self')).message, '--out /proc/self is under /proc, a system folder');
  assert.match(refusal(() => checkOutDir('/dev/shm/x')).message, 'under /dev');
  assert.match(refusal(() => checkOutDir('/sys')).message, 'under /sys');
  symlinkSync('/proc/self', join(temp, 'self'));
  assert.match(refusal(() => checkOutDir(join(temp, 'self', 'runs'))).message, 'under /proc');
});

outDir('refuses a folder it cannot write to', () => {
  const locked = join(temp, 'locked');
  mkdirSync(locked);
  chmodSync(locked, 0o500);
  // root may write anywhere, so there the folder is rightly accepted.
  if (process.getuid?.() === 0) assert.not.throws(() => checkOutDir(join(locked, 'runs')));
  else assert.match(refusal(() => checkOutDir(join(locked, 'runs'))).message, 'cannot be written to');
});

outDir.run();

const outFile = suite('checkOutFile');

outFile('accepts a new file in a writable folder; refuses a folder and a system file', () => {
  assert.not.throws(() => checkOutFile(join(temp, 'predictions.csv')));
  assert.match(refusal(() => checkOutFile(temp)).message, 'is a folder, not a file');
  assert.match(refusal(() => checkOutFile('/dev/null')).message, 'under /dev');
});

outFile.run();
