// The activations elementwise.ts adds for elu, leakyReLU and prelu layers: EluGrad against the stock kernel, and
// each activation's forward and gradients (tfjs composes LeakyRelu's and Prelu's from Greater, Select, Multiply and
// Sum) computed on both backends, with every kernel of the native run served natively.
import * as tf from '@tensorflow/tfjs-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compare, nativeOrSkip, randomTensor, relativeError, rng, TOL } from '../parity.testkit.ts';
import { kernelCalls, NATIVE_BACKEND } from '../register.ts';
import { NATIVE_KERNELS } from './index.ts';

const native = nativeOrSkip('activation kernels');

/** Kernels that only relabel a tensor: no data is copied, so there is nothing to make native. */
const METADATA = new Set(['Reshape', 'Identity', 'ExpandDims']);

const eluGrad = suite('EluGrad :: parity with the stock cpu kernel');

eluGrad('random dy, y from elu (negative side in (-1, 0)), NaN and ±0', async () => {
  if (!native) return;
  const r = rng(81);
  for (const shape of [[7], [4, 9, 5], [32, 33, 17]]) {
    const dy = randomTensor(r, shape, -3, 3);
    const y = randomTensor(r, shape, -1, 3);
    y.values.set([NaN, 0, -0, -1]);
    const c = await compare('EluGrad', { dy, y });
    assert.ok(c.relErr <= TOL, `EluGrad [${shape}]: relative error ${c.relErr}`);
    assert.is(c.nativeCalls, 1);
  }
});

eluGrad('dy and y of different lengths go stock (it pairs them by position, no broadcasting)', async () => {
  if (!native) return;
  const r = rng(82);
  const c = await compare('EluGrad', { dy: randomTensor(r, [4, 3]), y: randomTensor(r, [3]) });
  assert.is(c.nativeCalls, 0);
});

eluGrad.run();

type Case = { name: string; shapes: number[][]; f: (...xs: tf.Tensor[]) => tf.Tensor };

const CASES: Case[] = [
  { name: 'elu', shapes: [[8, 5, 5, 3]], f: (x) => tf.elu(x!) },
  { name: 'leakyRelu', shapes: [[8, 5, 5, 3]], f: (x) => tf.leakyRelu(x!, 0.3) },
  // prelu's alpha as a prelu layer holds it: one per feature, shared over the batch (and over axes 1, 2).
  {
    name: 'prelu',
    shapes: [
      [8, 5, 5, 3],
      [5, 5, 3],
    ],
    f: (x, a) => tf.prelu(x!, a!),
  },
  {
    name: 'prelu, shared axes',
    shapes: [
      [8, 5, 5, 3],
      [1, 1, 3],
    ],
    f: (x, a) => tf.prelu(x!, a!),
  },
];

/** The forward output and the gradients of sum(f · w) for every input, and the kernels that ran. */
async function forwardAndGradients(backend: string, c: Case, inputs: Float32Array[], w: Float32Array) {
  await tf.setBackend(backend);
  const xs = c.shapes.map((shape, k) => tf.tensor(inputs[k]!, shape));
  const weights = tf.tensor(w, c.shapes[0]);
  const profile = await tf.profile(() => {
    const [y, grads] = tf.tidy(() => {
      const { grads } = tf.valueAndGrads((...args: tf.Tensor[]) => tf.sum(tf.mul(c.f(...args), weights)))(xs);
      return [c.f(...xs), grads] as const;
    });
    return [y, ...grads];
  });
  const outs = profile.result as tf.Tensor[];
  const values = outs.map((t) => Float32Array.from(t.dataSync()));
  tf.dispose([...outs, ...xs, weights]);
  return { values, kernels: [...new Set(profile.kernelNames)] };
}

function stockCalls(): Map<string, number> {
  return new Map([...kernelCalls].map(([kernel, calls]) => [kernel, calls.stock]));
}

const training = suite('elu, leakyRelu, prelu :: forward and gradients match cpu, every kernel native');

for (const c of CASES) {
  training(c.name, async () => {
    if (!native) return;
    const r = rng(c.name.length * 13);
    const inputs = c.shapes.map(
      (shape, k) => randomTensor(r, shape, k === 0 ? -2 : 0, k === 0 ? 2 : 0.5).values as Float32Array,
    );
    const w = randomTensor(r, c.shapes[0]!).values as Float32Array;
    const stock = await forwardAndGradients('cpu', c, inputs, w);
    const before = stockCalls();
    const ours = await forwardAndGradients(NATIVE_BACKEND, c, inputs, w);
    const fellBack = [...stockCalls()].filter(([kernel, n]) => n > (before.get(kernel) ?? 0));
    stock.values.forEach((expected, k) => {
      const err = relativeError(expected, ours.values[k]!);
      assert.ok(err <= TOL, `${c.name}: output ${k} relative error ${err}`);
    });
    const pureJs = ours.kernels.filter((k) => !NATIVE_KERNELS[k] && !METADATA.has(k));
    assert.equal(pureJs, [], `${c.name}: kernels without a native implementation ran`);
    assert.equal(fellBack, [], `${c.name}: native kernels fell back to stock`);
    assert.ok(ours.kernels.includes(c.name === 'elu' ? 'EluGrad' : 'Select'), `${c.name}: no gradient kernel ran`);
  });
}

training.run();
