import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs-core';
import {
  compareWithCpu,
  describeCase,
  init,
  randomConvCases,
  randomTensor,
  readable,
  rng,
  TOL,
} from '../parity.testkit.ts';
import type { ConvCase } from '../parity.testkit.ts';
import { im2colPolicy } from './Conv2DBackpropFilterIm2col.ts';

const test = suite('Conv2DBackpropFilter');
test.before(init);

const base = { B: 2, H: 9, W: 8, C: 3, Co: 4, kh: 3, kw: 3 };
const named: ConvCase[] = [
  { name: 'same padding stride 2', ...base, sh: 2, sw: 2, pad: 'same' },
  { name: 'same padding stride 1', ...base, sh: 1, sw: 1, pad: 'same' },
  { name: 'valid padding stride 1', ...base, sh: 1, sw: 1, pad: 'valid' },
  { name: 'valid padding stride 3 (unread rows sliced off)', ...base, H: 11, W: 10, sh: 3, sw: 3, pad: 'valid' },
  {
    name: 'explicit padding stride (2,1)',
    ...base,
    sh: 2,
    sw: 1,
    pad: [
      [0, 0],
      [2, 1],
      [0, 2],
      [0, 0],
    ],
  },
  { name: 'non-square kernel 5x2 stride (1,2)', ...base, kh: 5, kw: 2, sh: 1, sw: 2, pad: 'same' },
  { name: '1x1 kernel', ...base, kh: 1, kw: 1, sh: 1, sw: 1, pad: 'valid' },
  { name: 'batch 1, 1 channel', ...base, B: 1, C: 1, Co: 1, sh: 1, sw: 1, pad: 'same' },
  {
    name: 'first-layer shape (Ci=3, many pixels)',
    B: 3,
    H: 12,
    W: 12,
    C: 3,
    Co: 4,
    kh: 3,
    kw: 3,
    sh: 1,
    sw: 1,
    pad: 'valid',
  },
  {
    name: 'first-layer shape, same padding stride 2',
    B: 2,
    H: 12,
    W: 11,
    C: 1,
    Co: 3,
    kh: 5,
    kw: 3,
    sh: 2,
    sw: 2,
    pad: 'same',
  },
];

// Every case runs through both implementations: the transpose+conv trick and the im2col GEMM (which the
// kernel picks for few input channels).
const paths = [
  ['conv trick', 'never'],
  ['im2col', 'always'],
] as const;
test.after.each(() => {
  im2colPolicy.mode = 'auto';
});

for (const [k, c] of [...named, ...randomConvCases(101, 24)].entries())
  for (const [path, mode] of paths) {
    test(
      `${c.name} [${path}]`,
      readable(async () => {
        im2colPolicy.mode = mode;
        const r = rng(1000 + k);
        const filterShape: [number, number, number, number] = [c.kh, c.kw, c.C, c.Co];
        const info = tf.backend_util.computeConv2DInfo([c.B, c.H, c.W, c.C], filterShape, [c.sh, c.sw], 1, c.pad);
        const x = randomTensor(r, [c.B, c.H, c.W, c.C]);
        const dy = randomTensor(r, info.outShape);
        const { err, wasm } = await compareWithCpu(
          tf.Conv2DBackpropFilter,
          { x, dy },
          {
            strides: [c.sh, c.sw],
            pad: c.pad,
            dataFormat: 'NHWC',
            filterShape,
          },
        );
        assert.equal(wasm.shape, filterShape);
        assert.ok(err < TOL, `${describeCase(c)}: rel err ${err}`);
      }),
    );
  }

test(
  'NCHW falls back to the cpu kernel',
  readable(async () => {
    const r = rng(7);
    const filterShape: [number, number, number, number] = [3, 2, 2, 3];
    const info = tf.backend_util.computeConv2DInfo(
      [2, 2, 7, 6],
      filterShape,
      2,
      1,
      'same',
      undefined,
      false,
      'channelsFirst',
    );
    const x = randomTensor(r, [2, 2, 7, 6]);
    const dy = randomTensor(r, info.outShape);
    const { err } = await compareWithCpu(
      tf.Conv2DBackpropFilter,
      { x, dy },
      {
        strides: 2,
        pad: 'same',
        dataFormat: 'NCHW',
        filterShape,
      },
    );
    assert.ok(err < TOL, `rel err ${err}`);
  }),
);

test.run();
