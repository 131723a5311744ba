import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SpecError, UserError } from './errors.ts';

const errors = suite('UserError');

errors('carries the shared shape: message, hint, spec path, file, cause', () => {
  const cause = new Error('ENOENT');
  const error = new UserError('data.path does not exist', { hint: 'fix data.path', specPath: 'data.path', file: '/d', cause });
  assert.instance(error, Error);
  assert.equal([error.message, error.hint, error.specPath, error.file, error.cause], ['data.path does not exist', 'fix data.path', 'data.path', '/d', cause]);
  assert.is(new UserError('x').specPath, undefined);
});

errors('a SpecError is a UserError whose message lists its issues', () => {
  const error = new SpecError([{ path: 'seed', source: 'exp.yaml', line: 2, column: 7, message: 'must be an integer' }]);
  assert.instance(error, UserError);
  assert.is(error.name, 'SpecError');
  assert.is(error.message, 'exp.yaml:2:7 seed: must be an integer');
});

errors.run();
