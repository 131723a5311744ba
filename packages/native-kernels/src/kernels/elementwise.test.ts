import * as tf from '@tensorflow/tfjs-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compare, int, nativeOrSkip, pick, randomTensor, rng, TOL } from '../parity.testkit.ts';
import type { HostTensor } from '../parity.testkit.ts';
import type { NativeBackend } from '../backend.ts';
import { kernelCalls, NATIVE_BACKEND } from '../register.ts';
import { BINARY_OPS, UNARY_OPS } from './elementwise.ts';

const native = nativeOrSkip('elementwise kernels');

/** Values that hit the edge cases: zeros of both signs, NaN, ±Infinity, negatives for sqrt/log. */
function withSpecials(t: HostTensor): HostTensor {
  const specials = [0, -0, NaN, Infinity, -Infinity, -1, 1, 6, 7];
  specials.forEach((v, k) => {
    if (k < t.values.length) t.values[k] = v;
  });
  return t;
}

const unary = suite('unary kernels :: parity with the stock cpu kernels');

for (const name of Object.keys(UNARY_OPS)) {
  unary(`${name} on random values and NaN/±0/±Infinity`, async () => {
    if (!native) return;
    const r = rng(name.length * 31);
    for (const shape of [[7], [3, 5, 4], [64, 17, 33]]) {
      const x = withSpecials(randomTensor(r, shape, -4, 4));
      const attrs: Record<string, number> =
        name === 'Step' || name === 'LeakyRelu'
          ? { alpha: 0.25 }
          : name === 'ClipByValue'
            ? { clipValueMin: -0.3, clipValueMax: 1 - 1e-7 }
            : {};
      const c = await compare(name, { x }, attrs);
      assert.ok(c.relErr <= TOL, `${name} [${shape}]: relative error ${c.relErr}`);
      assert.is(c.nativeCalls, 1, `${name} [${shape}] ran the stock kernel`);
    }
  });
}

unary.run();

/** Two shapes that broadcast: random dims dropped or set to 1 on either side. */
function broadcastPair(r: () => number): [number[], number[]] {
  const rank = int(r, 0, 5);
  const full = Array.from({ length: rank }, () => int(r, 1, 6));
  const thin = (s: number[]) => s.slice(int(r, 0, s.length)).map((d) => (r() < 0.3 ? 1 : d));
  const variant = pick(r, ['same', 'left', 'right', 'both']);
  if (variant === 'same') return [full, [...full]];
  if (variant === 'left') return [thin(full), full];
  if (variant === 'right') return [full, thin(full)];
  return [thin(full), thin(full).map((d, i, s) => (i === s.length - 1 ? d : 1))];
}

const binary = suite('binary kernels :: parity with the stock cpu kernels, broadcasting');

// EluGrad does not broadcast: activation.test.ts checks it.
for (const name of Object.keys(BINARY_OPS).filter((op) => op !== 'EluGrad')) {
  const [first, second] = name === 'Prelu' ? ['x', 'alpha'] : ['a', 'b'];
  binary(`${name} on random broadcasting shapes`, async () => {
    if (!native) return;
    const r = rng(name.length * 17);
    for (let i = 0; i < 25; i++) {
      const [as, bs] = broadcastPair(r);
      const a = randomTensor(r, as, -3, 3),
        b = randomTensor(r, bs, -3, 3);
      if (i === 0) withSpecials(a);
      const c = await compare(name, { [first]: a, [second]: b });
      assert.ok(c.sameShape && c.relErr <= TOL, `${name} [${as}] [${bs}]: relative error ${c.relErr}`);
      const empty = c.stock.values.length === 0;
      assert.is(c.nativeCalls, empty ? 0 : 1, `${name} [${as}] [${bs}] native calls`);
    }
  });
}

binary('the training shapes: bias add [64,30,30,32]+[32], per-row [64,10]/[64,1], scalar', async () => {
  if (!native) return;
  const r = rng(3);
  const pairs: [number[], number[]][] = [
    [[64, 30, 30, 32], [32]],
    [
      [64, 10],
      [64, 1],
    ],
    [[64, 10], []],
    [[], [3, 3, 32, 64]],
  ];
  for (const [as, bs] of pairs) {
    const c = await compare('Add', { a: randomTensor(r, as), b: randomTensor(r, bs) });
    assert.is(c.relErr, 0, `[${as}] + [${bs}]`);
  }
});

binary('int32 values under a float32 dtype (the stock Cast int32→float32 leaves them) fall back to stock', async () => {
  if (!native) return;
  await tf.setBackend(NATIVE_BACKEND);
  const backend = tf.backend() as NativeBackend;
  const info = backend.makeTensorInfo([4], 'float32', new Int32Array([1, 2, 3, 4]) as unknown as Float32Array);
  const a = tf.engine().makeTensorFromTensorInfo(info);
  const before = kernelCalls.get('Add')!.stock;
  const sum = tf.add(a, tf.tensor1d([0.5, 0.5, 0.5, 0.5]));
  assert.equal(Array.from(sum.dataSync()), [1.5, 2.5, 3.5, 4.5]);
  assert.is(kernelCalls.get('Add')!.stock, before + 1);
  // The native Cast writes a real Float32Array, so what follows it stays native.
  const cast = tf.cast(tf.tensor1d([1, 2, 3, 4], 'int32'), 'float32');
  assert.instance(backend.data.get(cast.dataId).values, Float32Array);
  const nativeBefore = kernelCalls.get('Add')!.native;
  const sum2 = tf.add(cast, tf.tensor1d([0.5, 0.5, 0.5, 0.5]));
  assert.equal(Array.from(sum2.dataSync()), [1.5, 2.5, 3.5, 4.5]);
  assert.is(kernelCalls.get('Add')!.native, nativeBefore + 1);
  tf.dispose([a, sum, cast, sum2]);
});

binary.run();

const fill = suite('Fill :: parity with the stock cpu kernel');

fill('float32, given or inferred from the value; other dtypes stay stock', async () => {
  if (!native) return;
  for (const [attrs, nativeCalls] of [
    [{ shape: [3, 4], value: 0.25, dtype: 'float32' }, 1],
    [{ shape: [5], value: -2 }, 1],
    [{ shape: [2, 2], value: 7, dtype: 'int32' }, 0],
  ] as const) {
    const c = await compare('Fill', {}, attrs as never);
    assert.ok(c.sameShape && c.relErr === 0, `Fill ${JSON.stringify(attrs)}`);
    assert.is(c.nativeCalls, nativeCalls, `Fill ${JSON.stringify(attrs)} native calls`);
  }
});

fill.run();
