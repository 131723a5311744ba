import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { init, readable } from '@tfyaml/wasm-kernels/testkit';
import { input, labels, parity, printReport } from './layer-parity.testkit.ts';

const test = suite('wasm parity :: dense');
test.after(printReport);

parity(
  test,
  'mlp 6-8-5-2 relu',
  () =>
    tfl.sequential({
      layers: [
        tfl.layers.dense({ inputShape: [6], units: 8, activation: 'relu' }),
        tfl.layers.dense({ units: 5, activation: 'relu' }),
        tfl.layers.dense({ units: 2, activation: 'softmax' }),
      ],
    }),
  input([6]),
  labels(),
);

// Not a gradient difference but one that changes what training reports: XNNPACK's fused activation
// clamp maps NaN to 0, so on wasm a NaN weight feeding a relu dense looks like a dead unit instead of
// turning the loss NaN as on cpu (seen with centered rmsprop, optimizers.test.ts).
test(
  'dense relu with a NaN weight: wasm outputs 0, cpu NaN',
  readable(async () => {
    await init();
    const out: Record<string, number> = {};
    for (const backend of ['cpu', 'wasm'] as const) {
      await tf.setBackend(backend);
      const model = tfl.sequential({ layers: [tfl.layers.dense({ units: 1, activation: 'relu', inputShape: [2] })] });
      const weights = [tf.tensor2d([[NaN], [1]]), tf.tensor1d([0])];
      model.setWeights(weights);
      const x = tf.tensor2d([[1, 2]]);
      const y = model.predict(x) as Tensor;
      out[backend] = (await y.data())[0]!;
      tf.dispose([x, y, ...weights]);
      model.dispose();
    }
    assert.ok(Number.isNaN(out['cpu']), `cpu: ${out['cpu']}`);
    assert.is(out['wasm'], 0, 'wasm no longer clamps NaN in fused relu: update optimizers.test.ts and the report');
  }),
);

test.run();
