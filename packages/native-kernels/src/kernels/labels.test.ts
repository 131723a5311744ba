// ArgMax and OneHot (labels.ts) against the stock cpu kernels: every axis, ties, NaN, out-of-range indices and
// both output dtypes.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compare, describe, int, nativeOrSkip, randomTensor, rng } from '../parity.testkit.ts';
import type { HostTensor } from '../parity.testkit.ts';

const native = nativeOrSkip('label kernels');

async function check(kernel: string, inputs: Record<string, HostTensor>, attrs: Record<string, unknown>) {
  const c = await compare(kernel, inputs, attrs as never);
  const name = describe(kernel, inputs, attrs as never);
  assert.ok(c.sameShape, `${name}: shapes ${c.stock.shape} vs ${c.native.shape}`);
  assert.is(c.relErr, 0, `${name}: relative error ${c.relErr}`);
  assert.is(c.nativeCalls, 1, `${name}: native calls`);
}

const argMax = suite('ArgMax :: parity with the stock cpu kernel');

argMax('every axis of random shapes, with ties (values from a few levels) and NaN', async () => {
  if (!native) return;
  const r = rng(71);
  for (let i = 0; i < 30; i++) {
    const shape = Array.from({ length: int(r, 1, 4) }, () => int(r, 1, 6));
    const x = randomTensor(r, shape);
    x.values.forEach((_, k) => (x.values[k] = Math.round(x.values[k]! * 2)));
    if (i % 3 === 0) x.values[int(r, 0, x.values.length - 1)] = NaN;
    const axis = int(r, 0, shape.length - 1);
    await check('ArgMax', { x }, { axis: r() < 0.3 ? axis - shape.length : axis });
  }
});

argMax.run();

const oneHot = suite('OneHot :: parity with the stock cpu kernel');

oneHot('int32 and float32 outputs, indices outside [0, depth) dropped', async () => {
  if (!native) return;
  const r = rng(72);
  for (let i = 0; i < 20; i++) {
    const depth = int(r, 1, 7);
    const shape = Array.from({ length: int(r, 1, 2) }, () => int(r, 1, 5));
    const n = shape.reduce((a, b) => a * b, 1);
    const values = Int32Array.from({ length: n }, () => int(r, -1, depth));
    const dtype = i % 2 === 0 ? 'int32' : 'float32';
    const [onValue, offValue] = dtype === 'float32' ? [0.9, 0.1 / depth] : [1, 0];
    await check('OneHot', { indices: { shape, values, dtype: 'int32' } }, { depth, onValue, offValue, dtype });
  }
});

oneHot('int32 with fractional on/off values stays stock (it keeps them in a Float32Array)', async () => {
  if (!native) return;
  const indices: HostTensor = { shape: [3], values: Int32Array.from([0, 2, 1]), dtype: 'int32' };
  const c = await compare('OneHot', { indices }, { depth: 3, onValue: 0.5, offValue: 0, dtype: 'int32' } as never);
  assert.is(c.relErr, 0);
  assert.is(c.nativeCalls, 0);
});

oneHot.run();
