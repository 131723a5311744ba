// The README's "What is replaced" table must be KERNEL_COVERAGE, row for row, so the prose cannot go stale.
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { KERNEL_COVERAGE } from './index.ts';

const test = suite('KERNEL_COVERAGE');

test('KERNEL_COVERAGE :: the README table lists exactly its kernels and notes, in order', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const documented = readme.split('\n').filter((line) => /^\| [A-Z]\w* \|/.test(line));
  const expected = KERNEL_COVERAGE.map(({ kernel, note }) => `| ${kernel} | ${note} |`);
  assert.ok(expected.length > 0);
  assert.equal(documented, expected, `README.md's table should read:\n${expected.join('\n')}`);
});

test('KERNEL_COVERAGE :: one entry per kernel name', () => {
  const names = KERNEL_COVERAGE.map(({ kernel }) => kernel);
  assert.equal([...new Set(names)], names);
});

test.run();
