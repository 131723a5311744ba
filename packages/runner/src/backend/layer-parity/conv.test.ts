// conv1d / conv2d / conv2dTranspose need Conv2DBackpropFilter, which stock wasm lacks (note §3).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as tfl from '@tensorflow/tfjs-layers';
import { init } from '@tfyaml/wasm-kernels/testkit';
import { input, labels, limitation, parity, printReport, seq } from './layer-parity.testkit.ts';

const test = suite('wasm parity :: conv');
test.before(init); // the shape-only tests build a model outside runParity
test.after(printReport);
const y = labels();

for (const padding of ['valid', 'same'] as const) {
  for (const strides of [1, 2]) {
    parity(
      test,
      `conv1d ${padding} s${strides}`,
      seq([8, 2], () => [tfl.layers.conv1d({ filters: 3, kernelSize: 3, strides, padding })]),
      input([8, 2]),
      y,
    );
    parity(
      test,
      `conv2d ${padding} s${strides}`,
      seq([7, 7, 2], () => [tfl.layers.conv2d({ filters: 3, kernelSize: 3, strides, padding })]),
      input([7, 7, 2]),
      y,
    );
  }
}
parity(
  test,
  'conv2d k[3,2] s[2,1] same, no bias, relu',
  seq([7, 6, 2], () => [
    tfl.layers.conv2d({
      filters: 4,
      kernelSize: [3, 2],
      strides: [2, 1],
      padding: 'same',
      useBias: false,
      activation: 'relu',
    }),
  ]),
  input([7, 6, 2]),
  y,
);
for (const padding of ['valid', 'same'] as const) {
  for (const strides of [1, 2]) {
    parity(
      test,
      `conv2dTranspose ${padding} s${strides}`,
      seq([4, 4, 2], () => [tfl.layers.conv2dTranspose({ filters: 3, kernelSize: 3, strides, padding })]),
      input([4, 4, 2]),
      y,
    );
  }
}

// Limits of tfjs itself, on every backend. The language accepts these arguments, so they are pinned here.
for (const [name, shape, layer] of [
  ['conv1d', [8, 2], () => tfl.layers.conv1d({ filters: 2, kernelSize: 2, dilationRate: 2 })],
  ['conv2d', [7, 7, 2], () => tfl.layers.conv2d({ filters: 2, kernelSize: 2, dilationRate: 2 })],
] as const) {
  limitation(
    test,
    `${name} dilationRate 2: no gradient in tfjs-core (cpu too)`,
    seq([...shape], () => [layer()]),
    input([...shape]),
    y,
    /dilation rates greater than 1 are not yet supported in gradients/,
  );
}
limitation(
  test,
  'conv1d padding causal: not implemented in tfjs-layers (cpu too)',
  seq([8, 2], () => [tfl.layers.conv1d({ filters: 2, kernelSize: 3, padding: 'causal' })]),
  input([8, 2]),
  y,
  /CAUSAL padding mode in conv1dWithBias is not implemented/,
);
// tfjs-layers drops conv2dTranspose's dilationRate: the layer trains, undilated (output 6x6, not 8x8).
test('conv2dTranspose dilationRate 2 is ignored by tfjs-layers', () => {
  const model = seq([4, 4, 2], () => [tfl.layers.conv2dTranspose({ filters: 2, kernelSize: 3, dilationRate: 2 })])();
  assert.equal(model.layers[1]!.outputShape, [null, 6, 6, 2]);
  model.dispose();
});
parity(
  test,
  'conv2dTranspose dilationRate 2 (ignored)',
  seq([4, 4, 2], () => [tfl.layers.conv2dTranspose({ filters: 2, kernelSize: 3, dilationRate: 2 })]),
  input([4, 4, 2]),
  y,
);

test.run();
