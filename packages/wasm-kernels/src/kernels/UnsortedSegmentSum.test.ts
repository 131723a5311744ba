import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs-core';
import { compareWithCpu, init, int, randomTensor, readable, relErr, rng, runKernel, TOL } from '../parity.testkit.ts';
import type { HostTensor } from '../parity.testkit.ts';

const test = suite('UnsortedSegmentSum');
test.before(init);

function ids(r: () => number, shape: number[], lo: number, hi: number): HostTensor {
  const values = new Int32Array(tf.util.sizeFromShape(shape));
  for (let k = 0; k < values.length; k++) values[k] = int(r, lo, hi);
  return { shape, values, dtype: 'int32' };
}

const cases: Array<[string, number[], number[], number, number, number]> = [
  // name, x shape, ids shape, numSegments, id lo, id hi
  ['embedding-like gradient (duplicate ids summed)', [12, 5], [12], 6, 0, 5],
  ['more segments than rows, some empty', [7, 3], [7], 20, 0, 19],
  ['1-D x', [9], [9], 4, 0, 3],
  ['rank-3 x', [6, 2, 3], [6], 3, 0, 2],
  ['single row', [1, 8], [1], 3, 2, 2],
  ['ids out of range fall back to cpu (dropped)', [10, 3], [10], 4, -1, 5],
];

for (const [k, [name, xShape, idShape, numSegments, lo, hi]] of cases.entries()) {
  test(
    name,
    readable(async () => {
      const r = rng(600 + k);
      const x = randomTensor(r, xShape);
      const { err, wasm } = await compareWithCpu(
        tf.UnsortedSegmentSum,
        { x, segmentIds: ids(r, idShape, lo, hi) },
        { numSegments },
      );
      assert.equal(wasm.shape, [numSegments, ...xShape.slice(idShape.length)]);
      assert.ok(err < TOL, `rel err ${err}`);
    }),
  );
}

// The cpu kernel itself fails on multi-dim ids (it expands them on the wrong axis), so the reference is
// cpu on the flattened problem.
test(
  '2-D segment ids (vs cpu on flattened ids)',
  readable(async () => {
    const r = rng(702);
    const x = randomTensor(r, [2, 5, 4]);
    const segmentIds = ids(r, [2, 5], 0, 3);
    const cpu = await runKernel(
      'cpu',
      tf.UnsortedSegmentSum,
      { x: { shape: [10, 4], values: x.values }, segmentIds: { ...segmentIds, shape: [10] } },
      { numSegments: 4 },
    );
    const wasm = await runKernel('wasm', tf.UnsortedSegmentSum, { x, segmentIds }, { numSegments: 4 });
    assert.equal(wasm.shape, [4, 4]);
    assert.ok(relErr(wasm.values, cpu.values) < TOL);
  }),
);

test(
  'int32 x',
  readable(async () => {
    const r = rng(700);
    const x: HostTensor = {
      shape: [8, 3],
      values: Int32Array.from({ length: 24 }, () => int(r, -50, 50)),
      dtype: 'int32',
    };
    const { err } = await compareWithCpu(
      tf.UnsortedSegmentSum,
      { x, segmentIds: ids(r, [8], 0, 4) },
      { numSegments: 5 },
    );
    assert.is(err, 0);
  }),
);

test(
  'tf.gather gradient (what embedding layers use)',
  readable(async () => {
    const r = rng(701);
    const table = randomTensor(r, [10, 4]);
    const index = ids(r, [16], 0, 9);
    const grads: Float32Array[] = [];
    for (const b of ['cpu', 'wasm']) {
      await tf.setBackend(b);
      const t = tf.tensor(table.values, table.shape);
      const ix = tf.tensor(index.values, index.shape, 'int32');
      const g = tf.grad((w: tf.Tensor) => tf.sum(tf.square(tf.gather(w, ix))))(t);
      grads.push((await g.data()) as Float32Array);
      tf.dispose([t, ix, g]);
    }
    let d = 0,
      m = 0;
    for (let i = 0; i < grads[0]!.length; i++) {
      d = Math.max(d, Math.abs(grads[0]![i]! - grads[1]![i]!));
      m = Math.max(m, Math.abs(grads[0]![i]!));
    }
    assert.ok(d / m < TOL, `rel err ${d / m}`);
  }),
);

test.run();
