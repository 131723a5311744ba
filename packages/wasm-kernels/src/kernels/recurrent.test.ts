// The fused recurrent kernels against tfjs-layers' cells written with tfjs-core ops on the cpu backend (tf.grads for
// the gradients), for each kind over odd shapes, every activation, goBackwards, returnSequences, masks and a zero
// bias; the gradient kernel gets the forward's saved tensors unchanged. No wasm memory may be left behind.
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { init, randomTensor, readable, relErr, rng } from '../parity.testkit.ts';
import type { HostTensor } from '../parity.testkit.ts';

type Kind = 'lstm' | 'gru' | 'simpleRNN';
type Activation = 'tanh' | 'sigmoid' | 'hardSigmoid' | 'relu' | 'linear';
const GATES: Record<Kind, number> = { lstm: 4, gru: 3, simpleRNN: 1 };
const NAMES: Record<Kind, string> = { lstm: 'TfyamlLSTM', gru: 'TfyamlGRU', simpleRNN: 'TfyamlSimpleRNN' };
const SAVED: Record<Kind, string[]> = {
  lstm: ['states', 'cells', 'gates'],
  gru: ['states', 'gates'],
  simpleRNN: ['states'],
};
// Float32 sums in another order (one matmul over all steps, XNNPACK's blocking) than tfjs's per-step kernels.
const TOL = 1e-4;

type Case = {
  B: number;
  T: number;
  I: number;
  U: number;
  activation: Activation;
  recurrentActivation: Activation;
  goBackwards: boolean;
  returnSequences: boolean;
  mask?: number[][];
  zeroBias?: boolean;
};

function apply(a: Activation, x: Tensor): Tensor {
  if (a === 'tanh') return tf.tanh(x);
  if (a === 'sigmoid') return tf.sigmoid(x);
  if (a === 'hardSigmoid') return tf.clipByValue(tf.add(tf.mul(x, 0.2), 0.5), 0, 1);
  if (a === 'relu') return tf.relu(x);
  return x;
}

/** tfjs-layers 4.22's rnn() with the kind's cell, step by step, from tfjs-core ops (recurrent.js). */
function reference(kind: Kind, c: Case, x: Tensor, W: Tensor, R: Tensor, b: Tensor, mask: Tensor | null): Tensor {
  const { T, U } = c;
  const a = (t: Tensor) => apply(c.activation, t);
  const ra = (t: Tensor) => apply(c.recurrentActivation, t);
  let h: Tensor = tf.zeros([c.B, U]);
  let cell: Tensor = tf.zeros([c.B, U]);
  const outputs: Tensor[] = [];
  for (let k = 0; k < T; k++) {
    const t = c.goBackwards ? T - 1 - k : k;
    const xt = tf.reshape(tf.slice(x, [0, t, 0], [-1, 1, -1]), [c.B, c.I]);
    let hNew: Tensor;
    let cNew = cell;
    if (kind === 'lstm') {
      const z = tf.add(tf.add(tf.matMul(xt, W), tf.matMul(h, R)), b);
      const [z0, z1, z2, z3] = tf.split(z, 4, 1) as [Tensor, Tensor, Tensor, Tensor];
      cNew = tf.add(tf.mul(ra(z1), cell), tf.mul(ra(z0), a(z2)));
      hNew = tf.mul(ra(z3), a(cNew));
    } else if (kind === 'gru') {
      const [r1, r2] = tf.split(R, [2 * U, U], 1) as [Tensor, Tensor];
      const [xz, xr, xh] = tf.split(tf.add(tf.matMul(xt, W), b), 3, 1) as [Tensor, Tensor, Tensor];
      const [iz, ir] = tf.split(tf.matMul(h, r1), 2, 1) as [Tensor, Tensor];
      const z = ra(tf.add(xz, iz));
      const r = ra(tf.add(xr, ir));
      const hh = a(tf.add(xh, tf.matMul(tf.mul(r, h), r2)));
      hNew = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), hh));
    } else {
      hNew = a(tf.add(tf.add(tf.matMul(xt, W), b), tf.matMul(h, R)));
    }
    if (mask) {
      const m = tf.reshape(tf.slice(mask, [0, t], [-1, 1]), [c.B, 1]);
      const keep = tf.sub(1, m);
      hNew = tf.add(tf.mul(hNew, m), tf.mul(h, keep));
      cNew = tf.add(tf.mul(cNew, m), tf.mul(cell, keep));
    }
    h = hNew;
    cell = cNew;
    outputs.push(h);
  }
  return c.returnSequences ? tf.stack(outputs, 1) : h;
}

type Data = { x: HostTensor; kernel: HostTensor; recurrentKernel: HostTensor; bias: HostTensor; dy: HostTensor };

function data(kind: Kind, c: Case, seed: number): Data {
  const r = rng(seed);
  const GU = GATES[kind] * c.U;
  const bias = randomTensor(r, [GU], -0.5, 0.5);
  if (c.zeroBias) bias.values.fill(0);
  return {
    x: randomTensor(r, [c.B, c.T, c.I]),
    kernel: randomTensor(r, [c.I, GU], -0.6, 0.6),
    recurrentKernel: randomTensor(r, [c.U, GU], -0.6, 0.6),
    bias,
    dy: randomTensor(r, c.returnSequences ? [c.B, c.T, c.U] : [c.B, c.U]),
  };
}

const tensor = (t: HostTensor) => tf.tensor(t.values, t.shape, 'float32');
const maskTensor = (c: Case, dtype: 'float32' | 'bool' = 'float32') =>
  c.mask ? tf.tensor(c.mask.flat(), [c.B, c.T], dtype) : null;
const attrsOf = (c: Case) => ({
  activation: c.activation,
  recurrentActivation: c.recurrentActivation,
  goBackwards: c.goBackwards,
  returnSequences: c.returnSequences,
});

/** Output and [dx, dKernel, dRecurrentKernel, dBias] of the reference on the cpu backend. */
async function expected(kind: Kind, c: Case, d: Data): Promise<Float32Array[]> {
  await tf.setBackend('cpu');
  return tf.tidy(() => {
    const mask = maskTensor(c);
    const run = (x: Tensor, W: Tensor, R: Tensor, b: Tensor) => reference(kind, c, x, W, R, b, mask);
    const inputs = [d.x, d.kernel, d.recurrentKernel, d.bias].map(tensor) as [Tensor, Tensor, Tensor, Tensor];
    const output = run(...inputs);
    const dy = tensor(d.dy);
    const grads = tf.grads((x, W, R, b) => tf.sum(tf.mul(run(x!, W!, R!, b!), dy)))(inputs);
    return [output, ...grads].map((t) => t.dataSync() as Float32Array);
  });
}

/** The same from the wasm forward kernel and its gradient kernel, the saved tensors passed on unchanged. */
async function actual(kind: Kind, c: Case, d: Data, maskDtype?: 'bool'): Promise<Float32Array[]> {
  await tf.setBackend('wasm');
  const before = tf.memory().numBytes;
  const values = tf.tidy(() => {
    const inputs: Record<string, Tensor> = {
      x: tensor(d.x),
      kernel: tensor(d.kernel),
      recurrentKernel: tensor(d.recurrentKernel),
    };
    const mask = maskTensor(c, maskDtype);
    if (mask) inputs['mask'] = mask;
    const attrs = attrsOf(c);
    const [output, ...saved] = tf
      .engine()
      .runKernel(NAMES[kind], { ...inputs, bias: tensor(d.bias) }, attrs) as Tensor[];
    const gradInputs: Record<string, Tensor> = { ...inputs, dy: tensor(d.dy) };
    SAVED[kind].forEach((name, i) => (gradInputs[name] = saved[i]!));
    const grads = tf.engine().runKernel(`${NAMES[kind]}Grad`, gradInputs, attrs) as Tensor[];
    return [output!, ...grads].map((t) => t.dataSync() as Float32Array);
  });
  // Every kernel-level temporary freed: the engine counts only tensors, the backend every allocation.
  assert.is(tf.memory().numBytes, before, `${kind}: tensors left behind`);
  return values;
}

async function check(kind: Kind, c: Case, seed: number, maskDtype?: 'bool'): Promise<void> {
  const d = data(kind, c, seed);
  const want = await expected(kind, c, d);
  const ids = tf.engine().registry['wasm']!.numDataIds();
  const got = await actual(kind, c, d, maskDtype);
  assert.is(tf.engine().registry['wasm']!.numDataIds(), ids, `${kind}: wasm data left behind`);
  ['output', 'dx', 'dKernel', 'dRecurrentKernel', 'dBias'].forEach((label, i) => {
    const err = relErr(got[i]!, want[i]!);
    assert.ok(err <= TOL, `${kind} ${JSON.stringify(c)} ${label}: relative error ${err}`);
  });
}

const base = { activation: 'tanh', recurrentActivation: 'hardSigmoid', goBackwards: false, returnSequences: false };
const CASES: Case[] = [
  { B: 1, T: 1, I: 1, U: 1, ...base } as Case,
  { B: 2, T: 9, I: 7, U: 5, ...base, returnSequences: true } as Case,
  { B: 3, T: 4, I: 2, U: 3, ...base, activation: 'relu', recurrentActivation: 'sigmoid', goBackwards: true } as Case,
  { B: 2, T: 3, I: 4, U: 5, ...base, activation: 'linear', recurrentActivation: 'sigmoid', returnSequences: true },
  { B: 2, T: 5, I: 3, U: 2, ...base, activation: 'sigmoid', recurrentActivation: 'tanh', zeroBias: true },
  { B: 1, T: 3, I: 5, U: 1, ...base, activation: 'hardSigmoid', recurrentActivation: 'relu', goBackwards: true },
  {
    ...(base as Case),
    B: 3,
    T: 5,
    I: 3,
    U: 4,
    returnSequences: true,
    goBackwards: true,
    mask: [
      [0, 0, 0, 0, 0],
      [0, 0, 1, 1, 1],
      [1, 0, 1, 1, 0],
    ],
  },
  {
    ...(base as Case),
    B: 3,
    T: 4,
    I: 2,
    U: 3,
    activation: 'relu',
    recurrentActivation: 'hardSigmoid',
    mask: [
      [1, 1, 0, 0],
      [0, 1, 1, 1],
      [0, 0, 0, 0],
    ],
  },
];

const parity = suite('TfyamlLSTM / TfyamlGRU / TfyamlSimpleRNN on wasm :: forward and gradients equal tfjs cells');
parity.before(init);

for (const kind of ['lstm', 'gru', 'simpleRNN'] as Kind[]) {
  parity(
    `${kind} :: odd shapes, every activation, goBackwards, returnSequences, masks, zero bias`,
    readable(async () => {
      for (const [i, c] of CASES.entries()) await check(kind, c, 100 + i);
    }),
  );
}

parity(
  "a bool mask (tfjs-layers' mask dtype) gives what the float32 one does",
  readable(async () => {
    const masked = CASES.filter((c) => c.mask);
    assert.ok(masked.length > 0);
    for (const kind of ['lstm', 'gru', 'simpleRNN'] as Kind[]) {
      for (const [i, c] of masked.entries()) await check(kind, c, 300 + i, 'bool');
    }
  }),
);

parity(
  'a NaN input poisons its own sample only, for every activation',
  readable(async () => {
    await tf.setBackend('wasm');
    const [B, T, I, U] = [2, 3, 2, 3];
    for (const activation of ['tanh', 'sigmoid', 'hardSigmoid', 'relu', 'linear'] as Activation[]) {
      for (const kind of ['lstm', 'gru', 'simpleRNN'] as Kind[]) {
        const c = { B, T, I, U, ...base, activation, recurrentActivation: activation } as Case;
        const d = data(kind, c, 7);
        d.x.values[0] = NaN;
        const out = tf.tidy(() => {
          const inputs = { x: d.x, kernel: d.kernel, recurrentKernel: d.recurrentKernel, bias: d.bias };
          const ran = tf
            .engine()
            .runKernel(
              NAMES[kind],
              Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, tensor(v)])),
              attrsOf(c),
            ) as Tensor[];
          return ran[0]!.dataSync();
        });
        assert.ok(
          Array.from(out.slice(0, U)).every(Number.isNaN),
          `${kind} ${activation}: sample 0 ${out.slice(0, U)}`,
        );
        assert.ok(Array.from(out.slice(U)).every(Number.isFinite), `${kind} ${activation}: sample 1 ${out.slice(U)}`);
      }
    }
  }),
);

parity.run();

const bad = suite('TfyamlLSTM / TfyamlGRU / TfyamlSimpleRNN on wasm :: bad inputs throw clear errors');
bad.before(init);

function runWasm(name: string, shapes: Record<string, number[]>, attrs: object) {
  return tf.tidy(() => {
    const tensors = Object.fromEntries(Object.entries(shapes).map(([k, s]) => [k, tf.fill(s, 0.1)]));
    return tf.engine().runKernel(name, tensors, attrs as never);
  });
}

const attrs = { activation: 'tanh', recurrentActivation: 'sigmoid', goBackwards: false, returnSequences: false };
const lstm = (I: number, U: number, kernelWidth = 4 * U) => ({
  x: [1, 2, I],
  kernel: [I, kernelWidth],
  recurrentKernel: [U, 4 * U],
  bias: [4 * U],
});

bad(
  'shapes that do not match the contract and unknown activations throw RangeErrors, and free nothing twice',
  async () => {
    await tf.setBackend('wasm');
    const ids = tf.engine().registry['wasm']!.numDataIds();
    assert.throws(
      () => runWasm('TfyamlLSTM', lstm(3, 2, 7), attrs),
      /TfyamlLSTM: kernel must have shape \[3, 4·units\]/,
    );
    assert.throws(
      () => runWasm('TfyamlLSTM', { ...lstm(3, 2), mask: [1, 3] }, attrs),
      /TfyamlLSTM: mask must have shape \[1,2\], got \[1,3\]/,
    );
    assert.throws(
      () => runWasm('TfyamlGRU', { ...lstm(3, 2), recurrentKernel: [2, 6], kernel: [3, 6], bias: [5] }, attrs),
      /TfyamlGRU: bias must have shape \[6\], got \[5\]/,
    );
    assert.throws(
      () => runWasm('TfyamlLSTM', lstm(3, 2), { ...attrs, activation: 'softplus' }),
      /activation "softplus" is not one of tanh, sigmoid, hardSigmoid, relu, linear/,
    );
    const grad = { ...lstm(3, 2), dy: [1, 2], states: [2, 1, 2], cells: [2, 1, 2], gates: [1] };
    assert.throws(() => runWasm('TfyamlLSTMGrad', grad, attrs), /TfyamlLSTMGrad: gates must have shape \[2,1,8\]/);
    const { states: _, ...missing } = grad;
    assert.throws(() => runWasm('TfyamlLSTMGrad', missing, attrs), /TfyamlLSTMGrad: input states is missing/);
    assert.is(tf.engine().registry['wasm']!.numDataIds(), ids);
  },
);

bad.run();
