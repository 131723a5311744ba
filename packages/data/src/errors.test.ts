import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { UserError } from '@tfyaml/spec-schema';
import { DataError } from './errors.ts';

const test = suite('DataError');

test('carries name, files and cause', () => {
  const cause = new Error('ENOENT');
  const error = new DataError('missing', { files: ['/x/a.bin'], cause });
  assert.instance(error, Error);
  assert.is(error.name, 'DataError');
  assert.equal(error.files, ['/x/a.bin']);
  assert.is(error.cause, cause);
});

test('files default to none', () => {
  assert.equal(new DataError('x').files, []);
  assert.is(new DataError('x').file, undefined);
});

test('has the shared error shape: a UserError with the spec field and the first file at fault', () => {
  const files = ['/d/a.csv', '/d/b.csv'];
  const error = new DataError('data.split.test must be below 1', {
    specPath: 'data.split.test',
    files,
    hint: 'use 0.2',
  });
  assert.instance(error, UserError);
  assert.is(error.specPath, 'data.split.test');
  assert.is(error.file, '/d/a.csv');
  assert.is(error.hint, 'use 0.2');
});

test.run();
