import { suite } from 'uvu';
import * as tfl from '@tensorflow/tfjs-layers';
import { input, labels, parity, printReport, seq } from './layer-parity.testkit.ts';

const test = suite('wasm parity :: normalization');
test.after(printReport);
const y = labels();

parity(
  test,
  'batchNormalization 4D',
  seq([5, 5, 2], () => [tfl.layers.batchNormalization()]),
  input([5, 5, 2]),
  y,
);
parity(
  test,
  'batchNormalization 2D',
  seq([6], () => [tfl.layers.batchNormalization()]),
  input([6]),
  y,
);
parity(
  test,
  'layerNormalization',
  seq([4, 3], () => [tfl.layers.layerNormalization()]),
  input([4, 3]),
  y,
);

test.run();
