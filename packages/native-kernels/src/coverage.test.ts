// The README's "What is native, what falls back" table must be KERNEL_COVERAGE, row for row, so the prose cannot
// go stale; and every entry must be a kernel the cpu backend has, so registering it replaces something, or one of
// the fused optimizer updates, recurrent layers or conv gradient the backend adds.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CONV_GRAD_KERNELS, FUSED_UPDATES, KERNEL_COVERAGE, RECURRENT_KERNELS } from './index.ts';

const test = suite('KERNEL_COVERAGE');

test('KERNEL_COVERAGE :: the README table lists exactly its kernels and notes, in order', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const lines = readme.split('\n');
  const header = lines.indexOf('| kernel | how, and which calls fall back |');
  const end = lines.indexOf('', header);
  const documented = lines.slice(header + 2, end);
  const expected = KERNEL_COVERAGE.map(({ kernel, note }) => `| ${kernel} | ${note} |`);
  assert.ok(expected.length > 0);
  assert.equal(documented, expected, `README.md's table should read:\n${expected.join('\n')}`);
});

test('KERNEL_COVERAGE :: one entry per kernel name, each a stock cpu kernel or one of our own', () => {
  const names = KERNEL_COVERAGE.map(({ kernel }) => kernel);
  assert.equal([...new Set(names)], names);
  const ours = { ...FUSED_UPDATES, ...RECURRENT_KERNELS, ...CONV_GRAD_KERNELS };
  const missing = names.filter((name) => tf.getKernel(name, 'cpu') === undefined && !ours[name]);
  assert.equal(missing, []);
  assert.equal(
    Object.keys(ours).filter((name) => !names.includes(name)),
    [],
  );
});

test.run();
