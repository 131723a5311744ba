// Embedding's gradient is UnsortedSegmentSum (the gradient of Gather), which stock wasm lacks (note §3).
import { suite } from 'uvu';
import * as tfl from '@tensorflow/tfjs-layers';
import { ids, labels, parity, printReport, seq } from './layer-parity.testkit.ts';

const test = suite('wasm parity :: embedding');
test.after(printReport);
const y = labels();

// 4 samples × 5 ids from a vocabulary of 6: repeated ids exercise the summing of duplicate rows.
parity(
  test,
  'embedding 6x3',
  seq([5], () => [tfl.layers.embedding({ inputDim: 6, outputDim: 3, inputShape: [5] })], false),
  ids([5], 6),
  y,
);
parity(
  test,
  'embedding 6x3, maskZero, into lstm',
  seq(
    [5],
    () => [
      tfl.layers.embedding({ inputDim: 6, outputDim: 3, inputShape: [5], maskZero: true }),
      tfl.layers.lstm({ units: 3 }),
    ],
    false,
  ),
  ids([5], 6),
  y,
);

test.run();
