// Model-level parity: the seed CIFAR CNN trained for two sgd steps on cpu and on wasm (our kernels
// registered) from the same initial weights must agree on the loss and on every weight update.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { init, randomTensor, readable, rng } from '@tfyaml/wasm-kernels/testkit';

const test = suite('seed CIFAR CNN');
test.before(init);

function cifarCnn(): tfl.Sequential {
  const model = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [32, 32, 3], filters: 32, kernelSize: 3, activation: 'relu' }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 64, activation: 'relu' }),
      tfl.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
  return model;
}

type Run = { losses: number[]; before: Float32Array[]; after: Float32Array[]; leaked: number };

async function train(
  backend: 'cpu' | 'wasm',
  init: Float32Array[] | undefined,
  xs: Float32Array,
  ys: Float32Array,
  n: number,
): Promise<Run> {
  await tf.setBackend(backend);
  const model = cifarCnn();
  if (init) model.setWeights(model.getWeights().map((w, k) => tf.tensor(init[k]!, w.shape)));
  const before = await Promise.all(model.getWeights().map(async (w) => (await w.data()) as Float32Array));
  const x = tf.tensor4d(xs, [n, 32, 32, 3]);
  const y = tf.tensor2d(ys, [n, 10]);
  const losses: number[] = [];
  let ids = 0;
  for (let step = 0; step < 2; step++) {
    losses.push((await model.trainOnBatch(x, y)) as number);
    const count = tf.backend().numDataIds();
    if (step === 0) ids = count;
    else ids = count - ids; // data ids left behind by the second step (0: no leak)
  }
  const after = await Promise.all(model.getWeights().map(async (w) => (await w.data()) as Float32Array));
  tf.dispose([x, y]);
  model.dispose();
  return { losses, before, after, leaked: ids };
}

test(
  '2 sgd steps, batch 2 of 32x32x3: loss and weight updates match cpu',
  readable(async () => {
    const n = 2;
    const r = rng(1300);
    const xs = randomTensor(r, [n, 32, 32, 3], 0, 1).values as Float32Array;
    const ys = new Float32Array(n * 10);
    for (let i = 0; i < n; i++) ys[i * 10 + Math.floor(r() * 10)] = 1;

    const cpu = await train('cpu', undefined, xs, ys, n);
    const wasm = await train('wasm', cpu.before, xs, ys, n);

    for (let s = 0; s < 2; s++) {
      const rel = Math.abs(wasm.losses[s]! - cpu.losses[s]!) / Math.abs(cpu.losses[s]!);
      assert.ok(rel < 1e-5, `step ${s + 1} loss: cpu ${cpu.losses[s]} wasm ${wasm.losses[s]} (rel ${rel})`);
    }
    let d = 0,
      m = 0;
    for (const [k, c1] of cpu.after.entries()) {
      const c0 = cpu.before[k]!,
        w0 = wasm.before[k]!,
        w1 = wasm.after[k]!;
      for (let i = 0; i < c1.length; i++) {
        const dc = c1[i]! - c0[i]!,
          dw = w1[i]! - w0[i]!;
        d = Math.max(d, Math.abs(dw - dc));
        m = Math.max(m, Math.abs(dc));
      }
    }
    assert.ok(m > 0, 'weights did not change');
    assert.ok(d / m < 1e-5, `weight updates: max|ΔW_wasm − ΔW_cpu| / max|ΔW_cpu| = ${d / m}`);
    assert.is(wasm.leaked, 0, 'wasm data ids leaked by a training step');
  }),
);

test.run();
