import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RunError } from '../errors.ts';
import { readJsonFile } from './json-file.ts';
import { readResultsFile } from './read-file.ts';

const read = suite('readResultsFile');

const refused = (path: string, message: string) =>
  assert.throws(
    () => readResultsFile(path),
    (error: unknown) => error instanceof RunError && error.message === `${path} ${message}`,
  );

read('a regular file is read; a missing one is undefined; a link within the folder is followed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tfyaml-read-'));
  writeFileSync(join(dir, 'summary.json'), '{}');
  symlinkSync('summary.json', join(dir, 'alias.json'));
  assert.is(readResultsFile(join(dir, 'summary.json')), '{}');
  assert.is(readResultsFile(join(dir, 'alias.json')), '{}');
  assert.is(readResultsFile(join(dir, 'metrics.csv')), undefined);
});

read('links out of the folder, devices and folders are refused before reading', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tfyaml-read-'));
  const secret = join(mkdtempSync(join(tmpdir(), 'tfyaml-secret-')), 'secret.txt');
  writeFileSync(secret, 'password');
  symlinkSync(secret, join(dir, 'spec.yaml'));
  symlinkSync('/dev/zero', join(dir, 'metrics.csv'));
  mkdirSync(join(dir, 'summary.json'));
  refused(join(dir, 'spec.yaml'), 'links to a file outside its folder');
  refused(join(dir, 'metrics.csv'), 'is not a regular file');
  refused(join(dir, 'summary.json'), 'is not a regular file');
});

read.run();

const json = suite('readJsonFile');

json('a damaged file is a user error naming it', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'tfyaml-read-')), 'best.json');
  writeFileSync(path, '{"trial": 3');
  assert.throws(
    () => readJsonFile(path),
    (error: unknown) => error instanceof RunError && error.message.startsWith(`${path} is not valid JSON`),
  );
});

json.run();
