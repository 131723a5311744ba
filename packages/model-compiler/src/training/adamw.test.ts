import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AdamWOptimizer } from './adamw.ts';
import { setLearningRate } from './learning-rate.ts';

await tf.setBackend('cpu');

const P0 = [1, -2, 0.5, 3];
const GRADS = [
  [0.1, -0.2, 0.3, 0.4],
  [-0.3, 0.1, 0.2, -0.5],
  [0.05, 0.05, -0.1, 0.2],
];
const HYPER = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, wd: 0.01 };

/** torch.optim.AdamW's update, element by element in float64 (torch/optim/adamw.py, single-tensor path). */
function torchAdamW(p0: number[], grads: number[][], h = HYPER): number[] {
  const p = [...p0];
  const m = p.map(() => 0);
  const v = p.map(() => 0);
  grads.forEach((g, i) => {
    const t = i + 1;
    for (let j = 0; j < p.length; j++) {
      p[j]! *= 1 - h.lr * h.wd;
      m[j] = h.beta1 * m[j]! + (1 - h.beta1) * g[j]!;
      v[j] = h.beta2 * v[j]! + (1 - h.beta2) * g[j]! ** 2;
      const denom = Math.sqrt(v[j]!) / Math.sqrt(1 - h.beta2 ** t) + h.eps;
      p[j]! -= (h.lr / (1 - h.beta1 ** t)) * (m[j]! / denom);
    }
  });
  return p;
}

/** Runs `optimizer` over GRADS (or the first `steps`) on a variable of `shape`, returning its final values. */
function run(optimizer: tf.Optimizer, shape: number[], steps = GRADS.length): number[] {
  const variable = tf.variable(tf.tensor(P0, shape));
  for (const g of GRADS.slice(0, steps))
    tf.tidy(() => optimizer.applyGradients({ [variable.name]: tf.tensor(g, shape) }));
  const values = Array.from(variable.dataSync());
  variable.dispose();
  optimizer.dispose();
  return values;
}

const near = (actual: number[], expected: number[], tolerance = 2e-6) =>
  assert.ok(
    actual.every((a, i) => Math.abs(a - expected[i]!) <= tolerance),
    `${actual} ≠ ${expected}`,
  );

const adamw = suite('AdamWOptimizer');
const make = (wd = HYPER.wd) => new AdamWOptimizer(HYPER.lr, HYPER.beta1, HYPER.beta2, HYPER.eps, wd);

adamw('one step on a 2×2 kernel: p·(1 − lr·wd) − lr·m̂/(√v̂ + ε), computed by hand', () => {
  // m̂ = g and √v̂ = |g| on the first step, so the Adam part is lr·sign(g) (ε/|g| ≈ 1e-7 below float32 resolution).
  near(run(make(), [2, 2], 1), [1 * 0.999 - 0.1, -2 * 0.999 + 0.1, 0.5 * 0.999 - 0.1, 3 * 0.999 - 0.1]);
});

adamw('three steps match torch.optim.AdamW', () => {
  // float32 vs float64: about 2e-6 apart. Decaying after the Adam step instead would differ by lr·wd·lr = 1e-4.
  near(run(make(), [2, 2]), torchAdamW(P0, GRADS), 1e-5);
});

adamw('weightDecay 0 is exactly tfjs Adam', () => {
  const adam = run(tf.train.adam(HYPER.lr, HYPER.beta1, HYPER.beta2, HYPER.eps), [2, 2]);
  assert.equal(run(make(0), [2, 2]), adam);
});

adamw('biases (ndim 1) do not decay: they follow Adam', () => {
  const adam = run(tf.train.adam(HYPER.lr, HYPER.beta1, HYPER.beta2, HYPER.eps), [4]);
  assert.equal(run(make(), [4]), adam);
});

adamw('the decay uses the current (scheduled) rate, as in PyTorch', () => {
  const optimizer = new AdamWOptimizer(0.1, 0.9, 0.999, 1e-8, 0.1);
  const variable = tf.variable(tf.ones([2, 2]));
  const zeroStep = () => tf.tidy(() => optimizer.applyGradients({ [variable.name]: tf.zeros([2, 2]) }));
  zeroStep(); // zero gradient: the Adam part is 0, only the decay moves the weights
  near(Array.from(variable.dataSync()), [0.99, 0.99, 0.99, 0.99]);
  setLearningRate(optimizer, 0.5);
  zeroStep();
  near(Array.from(variable.dataSync()), Array(4).fill(0.99 * 0.95));
  variable.dispose();
  optimizer.dispose();
});

adamw('a saved model loads with its AdamW optimizer and weightDecay', async () => {
  const model = tfl.sequential({ layers: [tfl.layers.dense({ units: 2, inputShape: [3] })] });
  model.compile({ optimizer: new AdamWOptimizer(0.002, 0.9, 0.99, undefined, 0.05), loss: 'meanSquaredError' });
  await model.trainOnBatch(tf.ones([4, 3]), tf.zeros([4, 2]));
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
    { includeOptimizer: true },
  );
  const loaded = await tfl.loadLayersModel(tf.io.fromMemory(saved!));
  // Not assert.instance: tfjs's Optimizer[Symbol.hasInstance] makes every optimizer `instanceof` every optimizer class.
  assert.is(loaded.optimizer.constructor, AdamWOptimizer);
  assert.is(loaded.optimizer.getClassName(), 'AdamW');
  assert.equal(loaded.optimizer.getConfig(), model.optimizer.getConfig());
  assert.is((loaded.optimizer as AdamWOptimizer).weightDecay, 0.05);
  model.dispose();
  loaded.dispose();
});

adamw('refuses a negative weightDecay', () => {
  assert.throws(() => new AdamWOptimizer(0.1, 0.9, 0.999, undefined, -0.1), /weightDecay/);
});

adamw.run();
