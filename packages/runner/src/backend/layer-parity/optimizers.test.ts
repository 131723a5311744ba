// Every optimizer of the experiment language, built by the model compiler, on the same MLP.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as tfl from '@tensorflow/tfjs-layers';
import { createOptimizer } from '@tfyaml/model-compiler';
import { OPTIMIZER_NAMES } from '@tfyaml/spec-schema';
import type { OptimizerName } from '@tfyaml/spec-schema';
import { readable } from '@tfyaml/wasm-kernels/testkit';
import { input, labels, parity, PARITY_TOL, printReport, runParity } from './layer-parity.testkit.ts';

const test = suite('wasm parity :: optimizers');
test.after(printReport);

const mlp = () =>
  tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [6], units: 8, activation: 'relu' }),
      tfl.layers.dense({ units: 2, activation: 'softmax' }),
    ],
  });
// adam and adamax divide by √v, turning ~1e-9 noise on gradients that are truly 0 (dead relu units)
// into ±lr steps, so only their losses are compared (note §5).
const lossOnly = new Set<OptimizerName>(['adam', 'adamax']);

for (const type of OPTIMIZER_NAMES) {
  parity(test, type, mlp, input([6]), labels(), {
    optimizer: () => createOptimizer({ type, learningRate: 0.1 }),
    compare: lossOnly.has(type) ? 'loss' : 'weights',
  });
}
parity(test, 'momentum nesterov', mlp, input([6]), labels(), {
  optimizer: () => createOptimizer({ type: 'momentum', learningRate: 0.1, useNesterov: true }),
});
// tfjs-core's centered RMSProp takes sqrt(ms − (mg² + ε)): −ε wherever a gradient is exactly 0 (a dead
// relu unit here), so those weights turn NaN after one step on every backend. cpu's loss then turns NaN;
// wasm's may not, because its fused dense+relu clamps NaN to 0 (see dense.test.ts).
test(
  'rmsprop centered: NaN weights after one step on cpu and wasm alike (tfjs-core bug)',
  readable(async () => {
    const p = await runParity(mlp, input([6]), labels(), {
      optimizer: () => createOptimizer({ type: 'rmsprop', learningRate: 0.1, centered: true }),
    });
    assert.ok(p.relLoss0 < PARITY_TOL, `first-step losses differ: ${p.relLoss0}`);
    assert.ok(
      p.nonFinite.cpu > 0 && p.nonFinite.wasm > 0,
      `non-finite weights: cpu ${p.nonFinite.cpu}, wasm ${p.nonFinite.wasm} (none: the tfjs bug is fixed)`,
    );
    assert.ok(Number.isNaN(p.cpuLosses[1]!), `cpu loss after one step: ${p.cpuLosses[1]}`);
  }),
);

test.run();
