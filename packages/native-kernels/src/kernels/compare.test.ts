// Comparisons, logical ops, Select, Cast, ZerosLike and OnesLike (in elementwise.ts) against the stock cpu kernels.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compare, int, nativeOrSkip, pick, randomTensor, rng } from '../parity.testkit.ts';
import type { HostTensor } from '../parity.testkit.ts';
import { COMPARE_OPS } from './elementwise.ts';

const native = nativeOrSkip('comparison and mask kernels');

function shapes(r: () => number): [number[], number[]] {
  const out = Array.from({ length: int(r, 1, 4) }, () => int(r, 1, 5));
  const b = out.slice(int(r, 0, out.length)).map((d) => (r() < 0.3 ? 1 : d));
  return r() < 0.5 ? [out, b] : [b, out];
}

function boolTensor(r: () => number, shape: number[]): HostTensor {
  const values = Uint8Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => (r() < 0.5 ? 1 : 0));
  return { shape, values: values as unknown as Int32Array, dtype: 'bool' };
}

const masks = suite('comparisons, logical ops, Select, Cast, ZerosLike :: parity with the stock cpu kernels');

masks('every comparison and logical op on random broadcasts, with ties and NaN', async () => {
  if (!native) return;
  const r = rng(71);
  for (const [name, op] of Object.entries(COMPARE_OPS)) {
    for (let i = 0; i < 10; i++) {
      const [as, bs] = shapes(r);
      const logical = op >= COMPARE_OPS.LogicalAnd;
      const side = (shape: number[]): HostTensor => {
        if (logical) return boolTensor(r, shape);
        const t = randomTensor(r, shape, -2, 2);
        t.values.forEach((v, k) => {
          t.values[k] = k % 7 === 3 ? NaN : Math.round(v);
        }); // ties are common
        return t;
      };
      const c = await compare(name, { a: side(as), b: side(bs) });
      assert.ok(c.sameShape && c.relErr === 0, `${name} [${as}] [${bs}]: ${c.relErr}`);
      assert.is(c.nativeCalls, 1, `${name} [${as}] [${bs}]`);
    }
  }
});

masks('Select with a same-shape condition; Cast of int32 and bool; ZerosLike and OnesLike', async () => {
  if (!native) return;
  const r = rng(72);
  for (let i = 0; i < 10; i++) {
    const shape = Array.from({ length: int(r, 1, 4) }, () => int(r, 1, 5));
    const sel = await compare('Select', {
      condition: boolTensor(r, shape),
      t: randomTensor(r, shape),
      e: randomTensor(r, shape),
    });
    assert.ok(sel.relErr === 0 && sel.nativeCalls === 1, `Select [${shape}]`);
    const ints = Int32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => int(r, -1000, 1000));
    const source = pick(r, [{ shape, values: ints, dtype: 'int32' as const }, boolTensor(r, shape)]);
    const cast = await compare('Cast', { x: source }, { dtype: 'float32' });
    assert.ok(cast.relErr === 0 && cast.nativeCalls === 1, `Cast ${source.dtype} [${shape}]`);
    for (const kernel of ['ZerosLike', 'OnesLike']) {
      const c = await compare(kernel, { x: randomTensor(r, shape) });
      assert.ok(c.sameShape && c.relErr === 0 && c.nativeCalls === 1, `${kernel} [${shape}]`);
    }
  }
});

masks('a broadcast condition and a cast to bool go stock', async () => {
  if (!native) return;
  const r = rng(73);
  const sel = await compare('Select', {
    condition: boolTensor(r, [2]),
    t: randomTensor(r, [2, 3]),
    e: randomTensor(r, [2, 3]),
  });
  assert.is(sel.nativeCalls, 0);
  assert.is(sel.relErr, 0);
  const cast = await compare('Cast', { x: randomTensor(r, [4], -5, 5) }, { dtype: 'bool' });
  assert.is(cast.nativeCalls, 0);
  assert.is(cast.relErr, 0);
});

masks('Cast float32 → int32 truncates as the stock kernel does (NaN, ±Infinity, beyond 2³¹); same dtype', async () => {
  if (!native) return;
  const x = randomTensor(rng(74), [5, 7], -50, 50);
  x.values.set([NaN, Infinity, -Infinity, -0.5, 0.99, -2.5, 3e9, -3e9, 2 ** 31]);
  const toInt = await compare('Cast', { x }, { dtype: 'int32' });
  assert.ok(toInt.relErr === 0 && toInt.nativeCalls === 1, `float32 → int32: relative error ${toInt.relErr}`);
  for (const source of [x, { shape: [3], values: Int32Array.from([1, -2, 3]), dtype: 'int32' as const }]) {
    const same = await compare('Cast', { x: source }, { dtype: source.dtype ?? 'float32' });
    assert.ok(same.relErr === 0 && same.nativeCalls === 1, `${source.dtype ?? 'float32'} → same`);
  }
});

masks.run();
