import { suite } from 'uvu';
import * as tfl from '@tensorflow/tfjs-layers';
import { input, labels, parity, printReport, seq } from './layer-parity.testkit.ts';

const test = suite('wasm parity :: recurrent');
test.after(printReport);
const y = labels();
const x = input([5, 3]);

parity(
  test,
  'simpleRNN 4',
  seq([5, 3], () => [tfl.layers.simpleRNN({ units: 4 })]),
  x,
  y,
);
parity(
  test,
  'lstm 4',
  seq([5, 3], () => [tfl.layers.lstm({ units: 4 })]),
  x,
  y,
);
parity(
  test,
  'gru 4',
  seq([5, 3], () => [tfl.layers.gru({ units: 4 })]),
  x,
  y,
);
parity(
  test,
  'lstm 4 returnSequences',
  seq([5, 3], () => [tfl.layers.lstm({ units: 4, returnSequences: true })]),
  x,
  y,
);
parity(
  test,
  'gru 3 goBackwards',
  seq([5, 3], () => [tfl.layers.gru({ units: 3, goBackwards: true })]),
  x,
  y,
);
parity(
  test,
  'bidirectional lstm 3 (concat)',
  seq([5, 3], () => [tfl.layers.bidirectional({ layer: tfl.layers.lstm({ units: 3 }) })]),
  x,
  y,
);
parity(
  test,
  'bidirectional simpleRNN 3 (ave), returnSequences',
  seq([5, 3], () => [
    tfl.layers.bidirectional({ layer: tfl.layers.simpleRNN({ units: 3, returnSequences: true }), mergeMode: 'ave' }),
  ]),
  x,
  y,
);
// Recurrent dropout masks are drawn in JS too, so seeding makes them match.
parity(
  test,
  'lstm 4 dropout 0.3 recurrentDropout 0.3',
  seq([5, 3], () => [tfl.layers.lstm({ units: 4, dropout: 0.3, recurrentDropout: 0.3 })]),
  x,
  y,
  { noisy: true, seed: 3 },
);

test.run();
