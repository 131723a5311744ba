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

const test = suite('DepthwiseConv2dNativeBackpropFilter');
test.before(init);

const base = { B: 2, H: 9, W: 8, C: 3, kh: 3, kw: 3 };
// Co is used as the depth multiplier here.
const named: ConvCase[] = [
  { name: 'same padding stride 2, multiplier 2', ...base, Co: 2, sh: 2, sw: 2, pad: 'same' },
  { name: 'valid padding stride 1, multiplier 1', ...base, Co: 1, sh: 1, sw: 1, pad: 'valid' },
  {
    name: 'explicit padding stride (1,3), multiplier 3',
    ...base,
    Co: 3,
    sh: 1,
    sw: 3,
    pad: [
      [0, 0],
      [1, 2],
      [0, 1],
      [0, 0],
    ],
  },
  { name: 'non-square kernel 2x5', ...base, kh: 2, kw: 5, Co: 1, sh: 1, sw: 2, pad: 'same' },
];
const cases = [...named, ...randomConvCases(303, 16).map((c) => ({ ...c, Co: 1 + (c.Co % 2) }))];

for (const [k, c] of cases.entries()) {
  test(
    `${c.name}${c.name.startsWith('random') ? ` mult ${c.Co}` : ''}`,
    readable(async () => {
      const r = rng(800 + k);
      const filterShape: [number, number, number, number] = [c.kh, c.kw, c.C, c.Co];
      const info = tf.backend_util.computeConv2DInfo(
        [c.B, c.H, c.W, c.C],
        filterShape,
        [c.sh, c.sw],
        1,
        c.pad,
        undefined,
        true,
      );
      const x = randomTensor(r, [c.B, c.H, c.W, c.C]);
      const dy = randomTensor(r, info.outShape);
      const { err, wasm } = await compareWithCpu(
        tf.DepthwiseConv2dNativeBackpropFilter,
        { x, dy },
        {
          strides: [c.sh, c.sw],
          dilations: 1,
          pad: c.pad,
          filterShape,
        },
      );
      assert.equal(wasm.shape, filterShape);
      assert.ok(err < TOL, `${describeCase(c)}: rel err ${err}`);
    }),
  );
}

test.run();
