import { suite } from 'uvu';
import * as tfl from '@tensorflow/tfjs-layers';
import { ACTIVATIONS } from '@tfyaml/spec-schema';
import { input, labels, limitation, parity, printReport, seq } from './layer-parity.testkit.ts';

const test = suite('wasm parity :: activations');
test.after(printReport);
const y = labels();
const x = input([6]);

// Every name the experiment language accepts, so a new activation gets a parity case for free.
for (const activation of ACTIVATIONS) {
  parity(
    test,
    `activation ${activation}`,
    seq([6], () => [tfl.layers.activation({ activation })]),
    x,
    y,
  );
}
parity(
  test,
  'reLU',
  seq([6], () => [tfl.layers.reLU()]),
  x,
  y,
);
parity(
  test,
  'reLU maxValue 0.5',
  seq([6], () => [tfl.layers.reLU({ maxValue: 0.5 })]),
  x,
  y,
);
parity(
  test,
  'leakyReLU 0.2',
  seq([6], () => [tfl.layers.leakyReLU({ alpha: 0.2 })]),
  x,
  y,
);
parity(
  test,
  'prelu',
  seq([6], () => [tfl.layers.prelu({ alphaInitializer: 'randomUniform' })]),
  x,
  y,
);
parity(
  test,
  'prelu sharedAxes [1]',
  seq([3, 4], () => [tfl.layers.prelu({ sharedAxes: [1], alphaInitializer: 'randomUniform' })]),
  input([3, 4]),
  y,
);
parity(
  test,
  'elu',
  seq([6], () => [tfl.layers.elu()]),
  x,
  y,
);
parity(
  test,
  'softmax layer',
  seq([6], () => [tfl.layers.softmax()]),
  x,
  y,
);

// tfjs-core registers no gradient for Greater, which thresholdedReLU's mask uses: untrainable everywhere.
limitation(
  test,
  'thresholdedReLU: no gradient for Greater in tfjs-core (cpu too)',
  seq([6], () => [tfl.layers.thresholdedReLU({ theta: 0.1 })]),
  x,
  y,
  /gradient function not found for Greater/,
);

// tfjs-layers rejects any elu alpha but 1 when the layer is built, so the language does not offer it.
limitation(
  test,
  'elu alpha 0.7: rejected by tfjs-layers (cpu too)',
  seq([6], () => [tfl.layers.elu({ alpha: 0.7 })]),
  x,
  y,
  /Non-default alpha value \(0\.7\) is not supported by the ELU layer/,
);

test.run();
