// Needs both DepthwiseConv2dNativeBackprop* kernels (and Conv2DBackpropFilter for the pointwise step),
// none of which stock wasm has (note §3). The dense prefix makes the input gradient necessary.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as tfl from '@tensorflow/tfjs-layers';
import { init } from '@tfyaml/wasm-kernels/testkit';
import { input, labels, limitation, parity, printReport, seq } from './layer-parity.testkit.ts';

const test = suite('wasm parity :: depthwise');
test.before(init); // the shape-only tests build a model outside runParity
test.after(printReport);
const y = labels();

for (const padding of ['valid', 'same'] as const) {
  for (const strides of [1, 2]) {
    parity(
      test,
      `depthwiseConv2d ${padding} s${strides} mult 2`,
      seq([7, 7, 2], () => [tfl.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, strides, padding })]),
      input([7, 7, 2]),
      y,
    );
  }
}
parity(
  test,
  'depthwiseConv2d k[3,2] same s[2,1] mult 1, relu',
  seq([7, 6, 2], () => [
    tfl.layers.depthwiseConv2d({ kernelSize: [3, 2], strides: [2, 1], padding: 'same', activation: 'relu' }),
  ]),
  input([7, 6, 2]),
  y,
);
parity(
  test,
  'separableConv2d same s1',
  seq([7, 7, 2], () => [tfl.layers.separableConv2d({ filters: 3, kernelSize: 3, padding: 'same' })]),
  input([7, 7, 2]),
  y,
);
parity(
  test,
  'separableConv2d valid s2 mult 2',
  seq([7, 7, 2], () => [tfl.layers.separableConv2d({ filters: 3, kernelSize: 3, strides: 2, depthMultiplier: 2 })]),
  input([7, 7, 2]),
  y,
);

limitation(
  test,
  'separableConv2d dilationRate 2: no gradient in tfjs-core (cpu too)',
  seq([7, 7, 2], () => [tfl.layers.separableConv2d({ filters: 2, kernelSize: 2, dilationRate: 2 })]),
  input([7, 7, 2]),
  y,
  /dilation rates greater than 1 are not yet supported/,
);
// tfjs-layers passes no dilation to depthwiseConv2d ("TODO: Add support for dilation"): it trains, undilated.
test('depthwiseConv2d dilationRate 2 is ignored by tfjs-layers', () => {
  const model = seq([7, 7, 2], () => [tfl.layers.depthwiseConv2d({ kernelSize: 3, dilationRate: 2 })])();
  assert.equal(model.layers[1]!.outputShape, [null, 5, 5, 2]);
  model.dispose();
});
parity(
  test,
  'depthwiseConv2d dilationRate 2 (ignored)',
  seq([7, 7, 2], () => [tfl.layers.depthwiseConv2d({ kernelSize: 3, dilationRate: 2 })]),
  input([7, 7, 2]),
  y,
);

test.run();
