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

const test = suite('Conv2DBackpropInput');
test.before(init);

const base = { B: 2, H: 9, W: 8, C: 3, Co: 4, kh: 3, kw: 3 };
const named: ConvCase[] = [
  { name: 'same padding stride 2', ...base, sh: 2, sw: 2, pad: 'same' },
  { name: 'same padding stride 1', ...base, sh: 1, sw: 1, pad: 'same' },
  { name: 'valid padding stride 1', ...base, sh: 1, sw: 1, pad: 'valid' },
  { name: 'valid padding stride 3 (unread rows get zero gradient)', ...base, H: 11, W: 10, sh: 3, sw: 3, pad: 'valid' },
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
  { name: 'non-square kernel 2x5 stride (2,1)', ...base, kh: 2, kw: 5, sh: 2, sw: 1, pad: 'same' },
  { name: '1x1 kernel stride 2', ...base, kh: 1, kw: 1, sh: 2, sw: 2, pad: 'valid' },
  {
    name: 'explicit padding ≥ kernel falls back to the stock kernel',
    ...base,
    kh: 2,
    kw: 2,
    sh: 1,
    sw: 1,
    pad: [
      [0, 0],
      [2, 3],
      [3, 2],
      [0, 0],
    ],
  },
];

for (const [k, c] of [...named, ...randomConvCases(505, 24)].entries()) {
  test(
    c.name,
    readable(async () => {
      const r = rng(1100 + k);
      const inputShape: [number, number, number, number] = [c.B, c.H, c.W, c.C];
      const filterShape: [number, number, number, number] = [c.kh, c.kw, c.C, c.Co];
      const info = tf.backend_util.computeConv2DInfo(inputShape, filterShape, [c.sh, c.sw], 1, c.pad);
      const dy = randomTensor(r, info.outShape);
      const filter = randomTensor(r, filterShape);
      const { err, wasm } = await compareWithCpu(
        tf.Conv2DBackpropInput,
        { dy, filter },
        {
          strides: [c.sh, c.sw],
          pad: c.pad,
          dataFormat: 'NHWC',
          inputShape,
        },
      );
      assert.equal(wasm.shape, inputShape);
      assert.ok(err < TOL, `${describeCase(c)}: rel err ${err}`);
    }),
  );
}

test.run();
