import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SpecError, UserError } from './errors.ts';

const errors = suite('UserError');

errors('carries the shared shape: message, hint, spec path, file, cause', () => {
  const cause = new Error('ENOENT');
  const error = new UserError('no such folder', { hint: 'fix data.path', specPath: 'data.path', file: '/d', cause });
  assert.instance(error, Error);
  const { message, hint, specPath, file } = error;
  assert.equal(
    { message, hint, specPath, file },
    { message: 'no such folder', hint: 'fix data.path', specPath: 'data.path', file: '/d' },
  );
  assert.is(error.cause, cause);
  assert.is(new UserError('x').specPath, undefined);
});

errors('a SpecError is a UserError whose message lists its issues', () => {
  const error = new SpecError([
    { path: 'seed', source: 'exp.yaml', line: 2, column: 7, message: 'must be an integer' },
  ]);
  assert.instance(error, UserError);
  assert.is(error.name, 'SpecError');
  assert.is(error.message, 'exp.yaml:2:7 seed: must be an integer');
});

errors.run();
