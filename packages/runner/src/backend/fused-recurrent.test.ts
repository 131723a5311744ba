// Here, not in any one package: the runner is what depends on all (kernel packages import no workspace package).
// Recurrent layers compiled by @tfyaml/model-compiler run their sequences through the fused kernels on the native
// and wasm backends and through tfjs-layers' step loop on cpu. From the same weights, each must give the same
// outputs and the same gradients for every weight, across the layer kinds and the options that change the kernels'
// work (masks, goBackwards, returnSequences, stacking, bidirectional, no bias, every fused activation); the calls the
// kernels do not compute (dropout while training, an activation they lack) must take tfjs's loop there too.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { FUSED_RECURRENT_KERNELS } from '@tfyaml/model-compiler';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { NATIVE_BACKEND } from '@tfyaml/native-kernels';
import { nativeOrSkip, relativeError, rng } from '@tfyaml/native-kernels/testkit';
import { init as initWasm } from '@tfyaml/wasm-kernels/testkit';
import { compileLayers, initialWeights, predictionsAndGradients } from './fused-layers.testkit.ts';

const native = nativeOrSkip('fused recurrent layers');
/** The backends that register the fused kernels; wasm is always there (tfjs's threaded build, our kernels). */
const FUSED_BACKENDS = [...(native ? [NATIVE_BACKEND] : []), 'wasm'];

interface Case {
  layers: string[];
  /** One sample's shape; token ids (below 6, zero-padded at the end) when `tokens`. */
  input: number[];
  tokens?: boolean;
  /**
   * fused: native runs every pass fused; dropout: prediction fused, training tfjs's loop (its random masks differ
   * between backends, so only predictions compare); stock: tfjs's loop throughout.
   */
  path: 'fused' | 'dropout' | 'stock';
}

const CASES: Record<string, Case> = {
  'lstm (hardSigmoid gates, tanh)': { layers: ['{ type: lstm, units: 5 }'], input: [7, 3], path: 'fused' },
  'gru (hardSigmoid gates, tanh)': { layers: ['{ type: gru, units: 4 }'], input: [6, 5], path: 'fused' },
  'simpleRNN (tanh)': { layers: ['{ type: simpleRNN, units: 6 }'], input: [5, 2], path: 'fused' },
  'stacked: lstm returnSequences goBackwards → gru': {
    layers: [
      '{ type: lstm, units: 4, returnSequences: true, goBackwards: true, activation: relu, recurrentActivation: sigmoid }',
      '{ type: gru, units: 3, goBackwards: true, activation: linear, recurrentActivation: sigmoid }',
    ],
    input: [9, 3],
    path: 'fused',
  },
  'no bias, returnSequences, one unit': {
    layers: [
      '{ type: gru, units: 1, useBias: false, returnSequences: true, activation: sigmoid }',
      '{ type: simpleRNN, units: 3, useBias: false, activation: relu, returnSequences: true }',
      '{ type: flatten }',
    ],
    input: [4, 1],
    path: 'fused',
  },
  'masked: embedding maskZero → lstm and gru': {
    layers: [
      '{ type: embedding, inputDim: 6, outputDim: 4, maskZero: true }',
      '{ type: lstm, units: 5, returnSequences: true }',
      '{ type: gru, units: 3 }',
    ],
    input: [8],
    tokens: true,
    path: 'fused',
  },
  'bidirectional lstm': {
    layers: ['{ type: bidirectional, layer: { type: lstm, units: 3 }, mergeMode: concat }'],
    input: [5, 4],
    path: 'fused',
  },
  'dropout: tfjs loop while training, fused predict': {
    layers: ['{ type: lstm, units: 4, dropout: 0.3 }'],
    input: [5, 3],
    path: 'dropout',
  },
  'an activation the kernels lack (elu): tfjs loop': {
    layers: ['{ type: gru, units: 4, activation: elu }'],
    input: [5, 3],
    path: 'stock',
  },
};

const BATCH = 3;

const compile = (c: Case) => () => compileLayers(c.layers, c.input);

function inputs(c: Case): { x: tf.Tensor; labels: tf.Tensor } {
  const r = rng(11);
  const size = c.input.reduce((a, b) => a * b, 1);
  const steps = c.input[0]!;
  const values = Array.from({ length: BATCH * size }, (_, i) => {
    if (!c.tokens) return r() * 2 - 1;
    const [sample, step] = [Math.floor(i / steps), i % steps];
    // Sample 0 is padding throughout; the others end with padding of different lengths, one has a zero inside.
    return sample === 0 || step >= steps - sample * 2 ? 0 : 1 + Math.floor(r() * 5);
  });
  return {
    x: tf.tensor(values, [BATCH, ...c.input]),
    labels: tf.oneHot(tf.tensor1d([0, 1, 1], 'int32'), 2),
  };
}

function fusedRan(ran: string[], stage: 'forward' | 'gradient'): boolean {
  return Object.values(FUSED_RECURRENT_KERNELS).some((k) => ran.includes(k[stage]));
}

const names = suite('fused recurrent :: the kernel names');

names('are registered on native and wasm as model-compiler declares them', async () => {
  await initWasm();
  for (const backend of FUSED_BACKENDS) {
    for (const { forward, gradient } of Object.values(FUSED_RECURRENT_KERNELS)) {
      assert.ok(tf.getKernel(forward, backend), `${forward} is registered on ${backend}`);
      assert.ok(tf.getKernel(gradient, backend), `${gradient} is registered on ${backend}`);
    }
  }
});

names.run();

const parity = suite('fused recurrent :: the same outputs and gradients as tfjs-layers (cpu backend)');
parity.before(initWasm);

for (const [name, c] of Object.entries(CASES)) {
  parity(name, async () => {
    const weights = await initialWeights(compile(c));
    const expected = await predictionsAndGradients('cpu', compile(c), weights, () => inputs(c));
    for (const backend of FUSED_BACKENDS) {
      const fused = await predictionsAndGradients(backend, compile(c), weights, () => inputs(c));
      const where = `${name} on ${backend}`;
      assert.is(fusedRan(fused.ran, 'forward'), c.path !== 'stock', `${where}: the fused forward kernel ran`);
      assert.is(fusedRan(fused.ran, 'gradient'), c.path === 'fused', `${where}: the fused gradient kernel ran`);
      const compared = c.path === 'dropout' ? expected.outputs.slice(0, 1) : expected.outputs;
      compared.forEach((values, k) => {
        const what = k === 0 ? 'predictions' : `gradient of weight ${k - 1}`;
        assert.ok(relativeError(values, fused.outputs[k]!) < 1e-4, `${where}: ${what} differ`);
      });
    }
    await tf.setBackend('cpu');
    tf.dispose(weights);
  });
}

parity.run();
