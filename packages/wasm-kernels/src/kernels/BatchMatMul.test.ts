import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs-core';
import { compareWithCpu, init, randomTensor, readable, rng, TOL } from '../parity.testkit.ts';

const test = suite('BatchMatMul');
test.before(init);

// [batch dims, M, K, N]
const shapes: Array<[number[], number, number, number]> = [
  [[], 7, 5, 3],
  [[], 1, 9, 4],
  [[], 6, 1, 2],
  [[1], 8, 12, 5],
  [[3], 4, 6, 5],
  [[2, 2], 3, 5, 4],
];

for (const [k, [batch, M, K, N]] of shapes.entries()) {
  for (const [tA, tB] of [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const) {
    test(
      `[${[...batch, M, K]}]·[${[...batch, K, N]}] transposeA=${tA} transposeB=${tB}`,
      readable(async () => {
        const r = rng(1200 + k);
        const a = randomTensor(r, [...batch, ...(tA ? [K, M] : [M, K])]);
        const b = randomTensor(r, [...batch, ...(tB ? [N, K] : [K, N])]);
        const { err, wasm } = await compareWithCpu(tf.BatchMatMul, { a, b }, { transposeA: tA, transposeB: tB });
        assert.equal(wasm.shape, [...batch, M, N]);
        assert.ok(err < TOL, `rel err ${err}`);
      }),
    );
  }
}

test.run();
