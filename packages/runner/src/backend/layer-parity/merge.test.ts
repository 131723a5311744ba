// Functional models: each input goes through its own dense, so the merge must route a gradient to both.
import { suite } from 'uvu';
import * as tfl from '@tensorflow/tfjs-layers';
import type { SymbolicTensor } from '@tensorflow/tfjs-layers';
import { input, labels, parity, printReport } from './layer-parity.testkit.ts';

const test = suite('wasm parity :: merge');
test.after(printReport);
const y = labels();
const xs = [input([4], 7), input([4], 8)];

function twoBranch(merge: () => tfl.layers.Layer): () => tfl.LayersModel {
  return () => {
    const a = tfl.input({ shape: [4] }),
      b = tfl.input({ shape: [4] });
    const ha = tfl.layers.dense({ units: 3 }).apply(a) as SymbolicTensor;
    const hb = tfl.layers.dense({ units: 3 }).apply(b) as SymbolicTensor;
    const m = merge().apply([ha, hb]) as SymbolicTensor;
    const out = tfl.layers.dense({ units: 2, activation: 'softmax' }).apply(m) as SymbolicTensor;
    return tfl.model({ inputs: [a, b], outputs: out });
  };
}

parity(
  test,
  'add',
  twoBranch(() => tfl.layers.add()),
  xs,
  y,
);
parity(
  test,
  'concatenate',
  twoBranch(() => tfl.layers.concatenate()),
  xs,
  y,
);
parity(
  test,
  'multiply',
  twoBranch(() => tfl.layers.multiply()),
  xs,
  y,
);
parity(
  test,
  'average',
  twoBranch(() => tfl.layers.average()),
  xs,
  y,
);
parity(
  test,
  'maximum',
  twoBranch(() => tfl.layers.maximum()),
  xs,
  y,
);
parity(
  test,
  'minimum',
  twoBranch(() => tfl.layers.minimum()),
  xs,
  y,
);
parity(
  test,
  'dot axes 1',
  twoBranch(() => tfl.layers.dot({ axes: 1 })),
  xs,
  y,
);
parity(
  test,
  'dot axes 1 normalize',
  twoBranch(() => tfl.layers.dot({ axes: 1, normalize: true })),
  xs,
  y,
);

// A residual: one tensor feeds both the branch and the add, so its gradients must be summed.
parity(
  test,
  'add residual (fan-out)',
  () => {
    const x = tfl.input({ shape: [4] });
    const h = tfl.layers.dense({ units: 3 }).apply(x) as SymbolicTensor;
    const r = tfl.layers.dense({ units: 3, activation: 'relu' }).apply(h) as SymbolicTensor;
    const m = tfl.layers.add().apply([h, r]) as SymbolicTensor;
    return tfl.model({
      inputs: x,
      outputs: tfl.layers.dense({ units: 2, activation: 'softmax' }).apply(m) as SymbolicTensor,
    });
  },
  xs[0]!,
  y,
);

test.run();
