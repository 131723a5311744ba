import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs-core';
import { compareWithCpu, init, randomTensor, readable, rng, TOL } from '../parity.testkit.ts';

const test = suite('Sum');
test.before(init);

// [shape, axis, keepDims]: the first group takes the fast path (all axes but the last), the rest the stock kernel.
const cases: Array<[number[], number | number[], boolean]> = [
  [[4, 5, 6, 3], [0, 1, 2], false],
  [[4, 5, 6, 3], [2, 0, 1], true],
  [[7, 9], 0, false],
  [[2, 3, 4], [0, 1], true],
  [[4, 5, 6, 3], [1, 2], false],
  [[4, 5], 1, false],
  [[3, 4, 5], [0, 1, 2], false],
  [[6], 0, false],
];

for (const [k, [shape, axis, keepDims]] of cases.entries()) {
  test(
    `[${shape}] axis ${JSON.stringify(axis)} keepDims=${keepDims}`,
    readable(async () => {
      const x = randomTensor(rng(1500 + k), shape);
      const { err, wasm } = await compareWithCpu(tf.Sum, { x }, { axis, keepDims });
      assert.equal(wasm.shape, tf.sum(tf.zeros(shape), axis, keepDims).shape);
      assert.ok(err < TOL, `rel err ${err}`);
    }),
  );
}

test.run();
