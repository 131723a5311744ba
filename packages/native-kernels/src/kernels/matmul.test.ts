import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compare, describe, int, nativeOrSkip, pick, randomTensor, rng, TOL } from '../parity.testkit.ts';
import type { HostTensor } from '../parity.testkit.ts';

const native = nativeOrSkip('matmul kernels');

/** Shapes of a and b for M×K · K×N with the given transposes and batch dims. */
function operands(r: () => number, batchA: number[], batchB: number[], ta: boolean, tb: boolean) {
  const M = int(r, 1, 9),
    K = int(r, 1, 9),
    N = int(r, 1, 9);
  const a = randomTensor(r, [...batchA, ...(ta ? [K, M] : [M, K])]);
  const b = randomTensor(r, [...batchB, ...(tb ? [N, K] : [K, N])]);
  return { a, b, N };
}

const batched = suite('BatchMatMul / _FusedMatMul :: parity with the stock cpu kernel');

batched('all four transpose combinations, rank 2 to 4, batch of one broadcasting', async () => {
  if (!native) return;
  const r = rng(11);
  const batches: [number[], number[]][] = [
    [[], []],
    [[3], [3]],
    [[1], [4]],
    [[4], [1]],
    [
      [2, 3],
      [2, 3],
    ],
    [[2, 3], [1]],
  ];
  for (const [batchA, batchB] of batches) {
    for (const ta of [false, true]) {
      for (const tb of [false, true]) {
        const { a, b } = operands(r, batchA, batchB, ta, tb);
        const attrs = { transposeA: ta, transposeB: tb };
        const c = await compare('BatchMatMul', { a, b }, attrs);
        const name = describe('BatchMatMul', { a, b }, attrs);
        assert.ok(c.sameShape && c.relErr <= TOL, `${name}: relative error ${c.relErr}`);
        assert.is(c.nativeCalls, 1, `${name} ran the stock kernel`);
      }
    }
  }
});

batched("the seed CNN's dense shapes", async () => {
  if (!native) return;
  const r = rng(12);
  const cases: [number[], number[], boolean, boolean][] = [
    [[64, 2304], [2304, 64], false, false],
    [[2304, 64], [64, 64], false, false],
    [[64, 2304], [64, 64], true, false],
    [[64, 64], [2304, 64], false, true],
  ];
  for (const [as, bs, ta, tb] of cases) {
    const c = await compare(
      'BatchMatMul',
      { a: randomTensor(r, as), b: randomTensor(r, bs) },
      { transposeA: ta, transposeB: tb },
    );
    assert.ok(c.relErr <= TOL, `[${as}]·[${bs}] ${ta} ${tb}: ${c.relErr}`);
  }
});

batched('_FusedMatMul with bias and relu or linear', async () => {
  if (!native) return;
  const r = rng(13);
  for (let i = 0; i < 20; i++) {
    const ta = r() < 0.5,
      tb = r() < 0.5;
    const { a, b, N } = operands(r, pick(r, [[], [2]]), [], ta, tb);
    const inputs: Record<string, HostTensor> = { a, b };
    if (r() < 0.7) inputs['bias'] = randomTensor(r, r() < 0.5 ? [N] : [1, N]);
    const attrs = { transposeA: ta, transposeB: tb, activation: pick(r, ['relu', 'linear']) };
    const c = await compare('_FusedMatMul', inputs, attrs);
    const name = describe('_FusedMatMul', inputs, attrs);
    assert.ok(c.relErr <= TOL, `${name}: relative error ${c.relErr}`);
    assert.is(c.nativeCalls, 1, `${name} ran the stock kernel`);
  }
});

batched('general batch broadcasting, odd biases and prelu fall back and still agree', async () => {
  if (!native) return;
  const r = rng(14);
  const general = await compare(
    'BatchMatMul',
    { a: randomTensor(r, [2, 1, 3, 4]), b: randomTensor(r, [1, 3, 4, 5]) },
    { transposeA: false, transposeB: false },
  );
  assert.is(general.nativeCalls, 0);
  assert.ok(general.relErr === 0 && general.sameShape);
  const a = randomTensor(r, [3, 4]),
    b = randomTensor(r, [4, 5]);
  const scalarBias = await compare(
    '_FusedMatMul',
    { a, b, bias: randomTensor(r, [1]) },
    { transposeA: false, transposeB: false, activation: 'linear' },
  );
  assert.is(scalarBias.nativeCalls, 0);
  assert.is(scalarBias.relErr, 0);
  const prelu = await compare(
    '_FusedMatMul',
    { a, b, preluActivationWeights: randomTensor(r, [5]) },
    { transposeA: false, transposeB: false, activation: 'prelu' },
  );
  assert.is(prelu.nativeCalls, 0);
  assert.is(prelu.relErr, 0);
});

batched.run();
