import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compare, describe, int, nativeOrSkip, pick, randomTensor, rng, TOL } from '../parity.testkit.ts';
import type { HostTensor } from '../parity.testkit.ts';

const native = nativeOrSkip('pooling kernels');
const CASES = 30;

function geometry(r: () => number) {
  const N = int(r, 1, 3),
    C = int(r, 1, 6),
    KH = int(r, 1, 4),
    KW = int(r, 1, 4);
  const H = int(r, KH, 11),
    W = int(r, KW, 11);
  return { N, H, W, C, filterSize: [KH, KW], strides: [int(r, 1, 3), int(r, 1, 3)], pad: pick(r, ['valid', 'same']) };
}

const pooling = suite('MaxPool / AvgPool and their gradients :: parity with the stock cpu kernels');

for (const kind of ['Max', 'Avg'] as const) {
  pooling(`${kind}Pool and ${kind}PoolGrad on random shapes, windows, strides and paddings`, async () => {
    if (!native) return;
    const r = rng(kind === 'Max' ? 21 : 22);
    for (let i = 0; i < CASES; i++) {
      const g = geometry(r);
      // Integer-valued inputs make ties common, which exercises "first maximum wins" in MaxPoolGrad.
      const x = randomTensor(r, [g.N, g.H, g.W, g.C], -3, 3);
      if (i % 2 === 0)
        x.values.forEach((v, k) => {
          x.values[k] = Math.round(v);
        });
      const attrs = { filterSize: g.filterSize, strides: g.strides, pad: g.pad };
      const fwd = await compare(`${kind}Pool`, { x }, attrs);
      const name = describe(`${kind}Pool`, { x }, attrs);
      assert.ok(fwd.sameShape && fwd.relErr <= TOL, `${name}: relative error ${fwd.relErr}`);
      const identity = g.filterSize[0] === 1 && g.filterSize[1] === 1 && fwd.stock.values.length === x.values.length;
      assert.is(fwd.nativeCalls, identity ? 0 : 1, `${name}: native calls`);
      const dy = randomTensor(r, fwd.stock.shape);
      const inputs: Record<string, HostTensor> = { dy, input: x };
      if (kind === 'Max') inputs['output'] = { shape: fwd.stock.shape, values: fwd.stock.values };
      const grad = await compare(`${kind}PoolGrad`, inputs, attrs);
      assert.ok(grad.relErr <= TOL, `${describe(`${kind}PoolGrad`, inputs, attrs)}: relative error ${grad.relErr}`);
      assert.is(grad.nativeCalls, identity ? 0 : 1);
    }
  });
}

pooling('MaxPool ignores NaN like the stock kernel', async () => {
  if (!native) return;
  const x = { shape: [1, 2, 2, 2], values: new Float32Array([NaN, 1, 2, NaN, NaN, NaN, 0.5, NaN]) };
  const c = await compare('MaxPool', { x }, { filterSize: 2, strides: 2, pad: 'valid' });
  assert.is(c.relErr, 0);
  assert.equal(Array.from(c.native.values), [2, 1]);
});

pooling.run();
