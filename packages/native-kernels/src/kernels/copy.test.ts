// The data-movement kernels (copy.ts) against the stock cpu kernels, on random shapes and parameters.
import { slice_util } from '@tensorflow/tfjs-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compare, describe, int, nativeOrSkip, pick, randomTensor, rng } from '../parity.testkit.ts';
import type { HostTensor } from '../parity.testkit.ts';
import { stridesOf } from './copy.ts';

const native = nativeOrSkip('data-movement kernels');
const CASES = 25;

function randomShape(r: () => number, minRank = 1, maxRank = 5): number[] {
  return Array.from({ length: int(r, minRank, maxRank) }, () => int(r, 1, 5));
}

/** Runs one case and checks it: equal values (copies are exact), equal shapes, the native path taken. */
async function check(
  kernel: string,
  inputs: Record<string, HostTensor>,
  attrs: Record<string, unknown>,
  nativeCalls = 1,
): Promise<void> {
  const c = await compare(kernel, inputs, attrs as never);
  const name = describe(kernel, inputs, attrs as never);
  assert.ok(c.sameShape, `${name}: shapes ${c.stock.shape} vs ${c.native.shape}`);
  assert.is(c.relErr, 0, `${name}: relative error ${c.relErr}`);
  assert.is(c.nativeCalls, nativeCalls, `${name}: native calls`);
}

const copies = suite(
  'Slice, SplitV, Unpack, Concat, Pack, Tile, Transpose, PadV2, Reverse :: parity with the stock cpu kernels',
);

copies('Slice: random boxes, including -1 sizes', async () => {
  if (!native) return;
  const r = rng(51);
  for (let i = 0; i < CASES; i++) {
    const shape = randomShape(r);
    const begin = shape.map((d) => int(r, 0, d - 1));
    const size = shape.map((d, k) => (r() < 0.2 ? -1 : int(r, 1, d - begin[k]!)));
    // Contiguous slices stay stock: a view of x, no copy.
    const [b, e] = slice_util.parseSliceParams({ shape } as never, begin, size) as [number[], number[]];
    await check(
      'Slice',
      { x: randomTensor(r, shape) },
      { begin, size },
      slice_util.isSliceContinous(shape, b, e) ? 0 : 1,
    );
  }
});

copies('Reverse: random sets of axes, negative axes, an axis of length 1', async () => {
  if (!native) return;
  const r = rng(58);
  for (let i = 0; i < CASES; i++) {
    const shape = randomShape(r);
    const dims = shape.map((_, k) => k).filter(() => r() < 0.5);
    const given = dims.map((d) => (r() < 0.3 ? d - shape.length : d));
    await check('Reverse', { x: randomTensor(r, shape) }, { dims: given });
  }
});

copies('SplitV and Unpack: every axis', async () => {
  if (!native) return;
  const r = rng(52);
  for (let i = 0; i < CASES; i++) {
    const shape = randomShape(r);
    const axis = int(r, 0, shape.length - 1);
    const x = randomTensor(r, shape);
    const evenShape = shape.slice();
    evenShape[axis] = int(r, 1, 3) * 2;
    const even = randomTensor(r, evenShape);
    await check('SplitV', { x: even }, { numOrSizeSplits: pick(r, [1, 2]), axis });
    await check('SplitV', { x: even }, { numOrSizeSplits: [1, evenShape[axis]! - 1], axis: axis - shape.length });
    await check('Unpack', { value: x }, { axis });
  }
});

copies('Concat and Pack: two to four parts, every axis', async () => {
  if (!native) return;
  const r = rng(53);
  for (let i = 0; i < CASES; i++) {
    const shape = randomShape(r, 1, 4);
    const axis = int(r, 0, shape.length - 1);
    const count = int(r, 2, 4);
    const parts: Record<string, HostTensor> = {};
    for (let k = 0; k < count; k++) {
      const s = shape.slice();
      s[axis] = int(r, 1, 4);
      parts[k] = randomTensor(r, s);
    }
    await check('Concat', parts, { axis });
    const same: Record<string, HostTensor> = {};
    for (let k = 0; k < count; k++) same[k] = randomTensor(r, shape);
    await check('Pack', same, { axis: int(r, 0, shape.length) });
  }
});

copies('Tile, Transpose and PadV2', async () => {
  if (!native) return;
  const r = rng(54);
  for (let i = 0; i < CASES; i++) {
    const shape = randomShape(r, 1, 4);
    const x = randomTensor(r, shape);
    await check('Tile', { x }, { reps: shape.map(() => int(r, 1, 3)) });
    const perm = shape.map((_, k) => k).sort(() => r() - 0.5);
    await check('Transpose', { x }, { perm });
    await check(
      'PadV2',
      { x },
      { paddings: shape.map(() => [int(r, 0, 2), int(r, 0, 2)]), constantValue: pick(r, [0, 1.5]) },
    );
  }
});

copies('int32 tensors go stock', async () => {
  if (!native) return;
  const x = { shape: [2, 3], values: Int32Array.from([1, 2, 3, 4, 5, 6]), dtype: 'int32' as const };
  const c = await compare('Transpose', { x }, { perm: [1, 0] });
  assert.is(c.nativeCalls, 0);
  assert.equal(Array.from(c.native.values), [1, 4, 2, 5, 3, 6]);
});

copies('stridesOf is row-major', () => {
  assert.equal(stridesOf([2, 3, 4]), [12, 4, 1]);
  assert.equal(stridesOf([]), []);
});

copies.run();
