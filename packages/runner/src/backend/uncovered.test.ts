import * as tf from '@tensorflow/tfjs-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { selectBackend } from './select.ts';
import { describeUncovered, profileUncovered, stepWithKernelNotice } from './uncovered.ts';

/** A step with a kernel native leaves to JS (Sin) and one it replaces (MatMul). */
const step = async () => {
  const y = tf.tidy(() => tf.add(tf.sin(tf.matMul(tf.ones([8, 8]), tf.ones([8, 8]))), 8 - Math.sin(8)));
  const values = await y.data();
  y.dispose();
  return [values[0]!];
};

const profile = suite('profileUncovered');

profile("checks nothing on the cpu backend, and still returns the step's result", async () => {
  await selectBackend('cpu');
  assert.equal(await profileUncovered(step), { result: [8], uncovered: [] });
});

profile('on native, names the kernels that ran on JS code and their share of the step', async () => {
  const native = await selectBackend('native').catch((error: Error) => error);
  if (native instanceof Error) return console.log(`  (skipped: ${native.message.slice(0, 100)})`);
  const { uncovered } = await profileUncovered(step);
  assert.ok(
    uncovered.some((k) => k.kernel === 'Sin'),
    JSON.stringify(uncovered),
  );
  assert.not.ok(uncovered.some((k) => k.kernel === 'BatchMatMul'));
  for (const k of uncovered) assert.ok(k.share >= 0 && k.share <= 1);
});

profile.run();

const describe = suite('describeUncovered');

describe('names kernels from 1% of the step and counts the rest', () => {
  const line = describeUncovered(
    [
      { kernel: 'Prelu', ms: 3, share: 0.3 },
      { kernel: 'ArgMax', ms: 0.1, share: 0.05 },
      { kernel: 'Reshape', ms: 0, share: 0.001 },
    ],
    'native',
  );
  assert.is(
    line,
    "Kernels on tfjs's pure-JS code on native, 35% of a step's kernel time: Prelu 30%, ArgMax 5.0%, 1 more under 1% each (Reshape)",
  );
});

describe('says nothing when every kernel was covered', () => {
  assert.is(describeUncovered([], 'native'), undefined);
});

describe.run();

const notice = suite('stepWithKernelNotice');

notice("notes nothing where nothing is checked, and returns the step's values", async () => {
  await selectBackend('cpu');
  const lines: string[] = [];
  assert.equal(await stepWithKernelNotice(step, (line) => lines.push(line)), [8]);
  assert.equal(lines, []);
});

notice.run();
