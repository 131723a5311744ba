import { suite } from 'uvu';
import * as assert from 'uvu/assert';
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
});

test.run();
