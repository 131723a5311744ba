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

const test = suite('DepthwiseConv2dNativeBackpropInput');
test.before(init);

const base = { B: 2, H: 9, W: 8, C: 3, kh: 3, kw: 3 };
// Co is used as the depth multiplier here.
const named: ConvCase[] = [
  { name: 'same padding stride 2, multiplier 2', ...base, Co: 2, sh: 2, sw: 2, pad: 'same' },
  { name: 'valid padding stride 1, multiplier 1', ...base, Co: 1, sh: 1, sw: 1, pad: 'valid' },
  {
    name: 'explicit padding stride (3,1), multiplier 3',
    ...base,
    Co: 3,
    sh: 3,
    sw: 1,
    pad: [
      [0, 0],
      [2, 0],
      [1, 1],
      [0, 0],
    ],
  },
  { name: 'non-square kernel 5x1', ...base, kh: 5, kw: 1, Co: 1, sh: 2, sw: 1, pad: 'same' },
];
const cases = [...named, ...randomConvCases(404, 16).map((c) => ({ ...c, Co: 1 + (c.Co % 2) }))];

for (const [k, c] of cases.entries()) {
  test(
    `${c.name}${c.name.startsWith('random') ? ` mult ${c.Co}` : ''}`,
    readable(async () => {
      const r = rng(900 + k);
      const inputShape: [number, number, number, number] = [c.B, c.H, c.W, c.C];
      const filterShape: [number, number, number, number] = [c.kh, c.kw, c.C, c.Co];
      const info = tf.backend_util.computeConv2DInfo(inputShape, filterShape, [c.sh, c.sw], 1, c.pad, undefined, true);
      const dy = randomTensor(r, info.outShape);
      const filter = randomTensor(r, filterShape);
      const { err, wasm } = await compareWithCpu(
        tf.DepthwiseConv2dNativeBackpropInput,
        { dy, filter },
        {
          strides: [c.sh, c.sw],
          dilations: 1,
          pad: c.pad,
          inputShape,
        },
      );
      assert.equal(wasm.shape, inputShape);
      assert.ok(err < TOL, `${describeCase(c)}: rel err ${err}`);
    }),
  );
}

test.run();
