// Noise layers draw their masks with tf.randomUniform/randomNormal, which run in JS on both backends:
// runParity seeds Math.random identically per backend, so the masks match and `noisy` proves they exist.
import { suite } from 'uvu';
import * as tfl from '@tensorflow/tfjs-layers';
import { input, labels, parity, printReport, seq } from './layer-parity.testkit.ts';

const test = suite('wasm parity :: regularization');
test.after(printReport);
const y = labels();
const noisy = { noisy: true, seed: 42 };

parity(
  test,
  'dropout 0.5',
  seq([8], () => [tfl.layers.dropout({ rate: 0.5 })]),
  input([8]),
  y,
  noisy,
);
parity(
  test,
  'dropout 0.3 on 3D',
  seq([4, 3], () => [tfl.layers.dropout({ rate: 0.3 })]),
  input([4, 3]),
  y,
  noisy,
);
parity(
  test,
  'spatialDropout1d 0.5',
  seq([6, 3], () => [tfl.layers.spatialDropout1d({ rate: 0.5 })]),
  input([6, 3]),
  y,
  noisy,
);
parity(
  test,
  'gaussianNoise 0.5',
  seq([8], () => [tfl.layers.gaussianNoise({ stddev: 0.5 })]),
  input([8]),
  y,
  noisy,
);
parity(
  test,
  'gaussianDropout 0.3',
  seq([8], () => [tfl.layers.gaussianDropout({ rate: 0.3 })]),
  input([8]),
  y,
  noisy,
);
parity(
  test,
  'alphaDropout 0.3',
  seq([8], () => [tfl.layers.alphaDropout({ rate: 0.3 })]),
  input([8]),
  y,
  noisy,
);

test.run();
