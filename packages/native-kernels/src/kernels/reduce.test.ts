import * as tf from '@tensorflow/tfjs-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compare, int, nativeOrSkip, randomTensor, rng, TOL } from '../parity.testkit.ts';
import { NATIVE_BACKEND } from '../register.ts';
import { reduceBlock } from './reduce.ts';

const native = nativeOrSkip('reduction kernels');

const sum = suite('Sum :: parity with the stock cpu kernel');

sum('random ranks, axes and keepDims (contiguous blocks natively, the rest stock)', async () => {
  if (!native) return;
  const r = rng(31);
  for (let i = 0; i < 40; i++) {
    const shape = Array.from({ length: int(r, 1, 4) }, () => int(r, 1, 7));
    const axes = shape.map((_, k) => k).filter(() => r() < 0.5);
    const axis = axes.length ? axes : [int(r, 0, shape.length - 1)];
    const keepDims = r() < 0.5;
    const c = await compare('Sum', { x: randomTensor(r, shape) }, { axis, keepDims });
    assert.ok(c.sameShape && c.relErr <= TOL, `Sum [${shape}] axis ${axis} keepDims ${keepDims}: ${c.relErr}`);
    assert.is(c.nativeCalls, reduceBlock(shape, axis) ? 1 : 0, `Sum [${shape}] axis ${axis}`);
  }
});

sum('the training reductions: bias gradients over [B,H,W] and a large batch, exactly', async () => {
  if (!native) return;
  const r = rng(32);
  for (const [shape, axis] of [
    [
      [64, 13, 13, 64],
      [0, 1, 2],
    ],
    [[64, 10], [0]],
    [[64, 10], [1]],
    [[5000], [0]],
  ] as const) {
    const c = await compare('Sum', { x: randomTensor(r, [...shape]) }, { axis: [...axis], keepDims: false });
    assert.ok(c.relErr <= 1e-7, `Sum [${shape}] axis ${axis}: ${c.relErr}`);
  }
});

sum('reduceBlock: size-1 dims inside the block do not break it', () => {
  assert.equal(reduceBlock([2, 1, 3], [0, 2]), [1, 6, 1]);
  assert.equal(reduceBlock([2, 4, 3], [0, 2]), null);
  assert.equal(reduceBlock([2, 4, 3], [1]), [2, 4, 3]);
  assert.equal(reduceBlock([2, 4, 3], []), null);
});

sum('Mean and Max: random ranks, axes and keepDims; Max with a NaN', async () => {
  if (!native) return;
  const r = rng(35);
  for (let i = 0; i < 40; i++) {
    const shape = Array.from({ length: int(r, 1, 4) }, () => int(r, 1, 7));
    const axes = shape.map((_, k) => k).filter(() => r() < 0.5);
    const axis = axes.length ? axes : [int(r, 0, shape.length - 1)];
    const keepDims = r() < 0.5;
    const x = randomTensor(r, shape, -3, 3);
    if (i % 5 === 0) x.values[int(r, 0, x.values.length - 1)] = NaN;
    const mean = await compare('Mean', { x }, { axis, keepDims });
    assert.ok(mean.sameShape && mean.relErr <= TOL, `Mean [${shape}] axis ${axis}: ${mean.relErr}`);
    const max = await compare('Max', { x }, { reductionIndices: axis, keepDims });
    assert.ok(max.sameShape && max.relErr === 0, `Max [${shape}] axis ${axis}: ${max.relErr}`);
    const native = reduceBlock(shape, axis) ? 1 : 0;
    assert.is(mean.nativeCalls, native, `Mean [${shape}] axis ${axis}`);
    assert.is(max.nativeCalls, native, `Max [${shape}] axis ${axis}`);
  }
});

sum("Mean over a batch norm's axes [N, H, W] of a 32×16×16×32 activation, exactly", async () => {
  if (!native) return;
  const c = await compare('Mean', { x: randomTensor(rng(36), [32, 16, 16, 32]) }, { axis: [0, 1, 2], keepDims: false });
  assert.is(c.relErr, 0);
  assert.is(c.nativeCalls, 1);
});

sum.run();

const segments = suite('UnsortedSegmentSum :: parity with the stock cpu kernel');

segments('random ids (some out of range), row shapes and segment counts', async () => {
  if (!native) return;
  const r = rng(37);
  for (let i = 0; i < 25; i++) {
    const idShape = [int(r, 1, 12)];
    const rowShape = Array.from({ length: int(r, 0, 2) }, () => int(r, 1, 4));
    const numSegments = int(r, 1, 8);
    const ids = Int32Array.from({ length: idShape.reduce((a, b) => a * b, 1) }, () => int(r, -1, numSegments));
    const inputs = {
      x: randomTensor(r, [...idShape, ...rowShape]),
      segmentIds: { shape: idShape, values: ids, dtype: 'int32' as const },
    };
    const c = await compare('UnsortedSegmentSum', inputs, { numSegments });
    assert.ok(
      c.sameShape && c.relErr <= TOL,
      `ids [${idShape}] rows [${rowShape}] ${numSegments} segments: ${c.relErr}`,
    );
    assert.is(c.nativeCalls, 1);
  }
});

segments.run();

const others = suite('Softmax / GatherV2 :: parity with the stock cpu kernels');

others('Softmax on random rows, including a NaN row', async () => {
  if (!native) return;
  const r = rng(33);
  for (const shape of [[1], [3, 10], [64, 10], [2, 3, 7]]) {
    const logits = randomTensor(r, shape, -20, 20);
    if (shape.length === 2 && shape[0] === 3) logits.values[12] = NaN;
    const c = await compare('Softmax', { logits }, { dim: -1 });
    assert.ok(c.relErr <= TOL, `Softmax [${shape}]: ${c.relErr}`);
    assert.is(c.nativeCalls, 1);
  }
});

others('GatherV2 along axis 0 runs natively; other axes fall back', async () => {
  if (!native) return;
  const r = rng(34);
  const x = randomTensor(r, [10, 4, 3]);
  const indices = { shape: [2, 3], values: new Int32Array([9, 0, 3, 3, 7, 1]), dtype: 'int32' as const };
  const rows = await compare('GatherV2', { x, indices }, { axis: 0, batchDims: 0 });
  assert.ok(rows.sameShape && rows.relErr === 0);
  assert.is(rows.nativeCalls, 1);
  const cols = await compare(
    'GatherV2',
    { x, indices: { shape: [2], values: new Int32Array([2, 0]), dtype: 'int32' } },
    { axis: 1, batchDims: 0 },
  );
  assert.is(cols.nativeCalls, 0);
  assert.is(cols.relErr, 0);
});

others('GatherV2 with an index out of range throws a JS error', async () => {
  if (!native) return;
  await tf.setBackend(NATIVE_BACKEND);
  const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
  const indices = tf.tensor1d([0, 2], 'int32');
  assert.throws(() => tf.engine().runKernel('GatherV2', { x, indices }, { axis: 0, batchDims: 0 }), /not in \[0, 2\)/);
  tf.dispose([x, indices]);
});

others.run();
