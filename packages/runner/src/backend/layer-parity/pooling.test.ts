// The linear dense prefix feeds pooling windows of all-negative values, where stock wasm's MaxPoolGrad
// routes the gradient to the wrong element (note §3).
import { suite } from 'uvu';
import * as tfl from '@tensorflow/tfjs-layers';
import { input, labels, parity, printReport, seq } from './layer-parity.testkit.ts';

const test = suite('wasm parity :: pooling');
test.after(printReport);
const y = labels();

parity(
  test,
  'maxPooling1d 2',
  seq([8, 2], () => [tfl.layers.maxPooling1d({ poolSize: 2 })]),
  input([8, 2]),
  y,
);
parity(
  test,
  'maxPooling1d 3 s2 same',
  seq([8, 2], () => [tfl.layers.maxPooling1d({ poolSize: 3, strides: 2, padding: 'same' })]),
  input([8, 2]),
  y,
);
parity(
  test,
  'averagePooling1d 2',
  seq([8, 2], () => [tfl.layers.averagePooling1d({ poolSize: 2 })]),
  input([8, 2]),
  y,
);
parity(
  test,
  'averagePooling1d 3 s2 same',
  seq([8, 2], () => [tfl.layers.averagePooling1d({ poolSize: 3, strides: 2, padding: 'same' })]),
  input([8, 2]),
  y,
);
parity(
  test,
  'maxPooling2d 2x2',
  seq([6, 6, 2], () => [tfl.layers.maxPooling2d({ poolSize: 2 })]),
  input([6, 6, 2]),
  y,
);
parity(
  test,
  'maxPooling2d 3x3 s2 same',
  seq([7, 7, 2], () => [tfl.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' })]),
  input([7, 7, 2]),
  y,
);
parity(
  test,
  'averagePooling2d 2x2',
  seq([6, 6, 2], () => [tfl.layers.averagePooling2d({ poolSize: 2 })]),
  input([6, 6, 2]),
  y,
);
parity(
  test,
  'averagePooling2d 3x3 s2 same',
  seq([7, 7, 2], () => [tfl.layers.averagePooling2d({ poolSize: 3, strides: 2, padding: 'same' })]),
  input([7, 7, 2]),
  y,
);
parity(
  test,
  'globalMaxPooling1d',
  seq([8, 2], () => [tfl.layers.globalMaxPooling1d()]),
  input([8, 2]),
  y,
);
parity(
  test,
  'globalAveragePooling1d',
  seq([8, 2], () => [tfl.layers.globalAveragePooling1d()]),
  input([8, 2]),
  y,
);
parity(
  test,
  'globalMaxPooling2d',
  seq([5, 5, 2], () => [tfl.layers.globalMaxPooling2d({})]),
  input([5, 5, 2]),
  y,
);
parity(
  test,
  'globalAveragePooling2d',
  seq([5, 5, 2], () => [tfl.layers.globalAveragePooling2d({})]),
  input([5, 5, 2]),
  y,
);

test.run();
