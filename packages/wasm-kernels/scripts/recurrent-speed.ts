// Times the fused recurrent kernels against tfjs-layers' own LSTM/GRU layers (step by step) on the wasm backend,
// with XNNPACK's threads: forward + backward of one batch, and the forward alone, B=64, T=32, I=32, U=64 (the
// bench's lstm and gru), medians of 20 after 3 warm-ups, the four timings taken in turn; ratios within one run
// only. The layers' orthogonal recurrent initializer is swapped for glorotUniform: it needs the tfjs bundle's
// chained ops.
// node --import tsx scripts/recurrent-speed.ts [threads]
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import * as layers from '@tensorflow/tfjs-layers';
import { registerWasmTrainingKernels, withWasmThreads } from '../src/index.ts';

const [B, T, I, U] = [64, 32, 32, 64];
const RUNS = 20;
const threads = Number(process.argv[2] ?? 2);
tf.env().set('PROD', true);
registerWasmTrainingKernels();
if (!(await withWasmThreads(threads, () => tf.setBackend('wasm')))) await tf.setBackend('wasm');

/** Medians of each of `fs`, run round-robin (a shared machine's load then weighs on all alike). */
function medians(fs: (() => void)[]): number[] {
  for (let i = 0; i < 3; i++) fs.forEach((f) => f());
  const times: number[][] = fs.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    fs.forEach((f, k) => {
      const start = performance.now();
      f();
      times[k]!.push(performance.now() - start);
    });
  }
  return times.map((t) => t.sort((a, b) => a - b)[RUNS >> 1]!);
}

const attrs = { activation: 'tanh', recurrentActivation: 'hardSigmoid', goBackwards: false, returnSequences: false };
const x = tf.randomUniform([B, T, I], -1, 1);
const dy = tf.randomUniform([B, U], -1, 1);
const mask = tf.ones([B, T]);

for (const [kind, G, name, saved] of [
  ['lstm', 4, 'TfyamlLSTM', ['states', 'cells', 'gates']],
  ['gru', 3, 'TfyamlGRU', ['states', 'gates']],
] as const) {
  const inputs = {
    x,
    kernel: tf.randomUniform([I, G * U], -0.2, 0.2),
    recurrentKernel: tf.randomUniform([U, G * U], -0.2, 0.2),
    mask,
  };
  const bias = tf.zeros([G * U]);
  const forward = () => tf.engine().runKernel(name, { ...inputs, bias }, attrs) as Tensor[];
  const layer = (kind === 'lstm' ? layers.layers.lstm : layers.layers.gru)({
    units: U,
    recurrentInitializer: 'glorotUniform',
  });
  layer.apply(x);
  const [forwardOnly, fused, stockForward, stock] = medians([
    () => tf.dispose(forward()),
    () => {
      const [output, ...rest] = forward();
      const grad = { ...inputs, dy, ...Object.fromEntries(saved.map((k, i) => [k, rest[i]!])) };
      const grads = tf.engine().runKernel(`${name}Grad`, grad, attrs) as Tensor[];
      tf.dispose([output!, ...rest, ...grads]);
    },
    () => tf.dispose(layer.apply(x) as Tensor),
    () => {
      const { grads } = tf.variableGrads(
        () => tf.sum(tf.mul(layer.apply(x) as Tensor, dy)) as tf.Scalar,
        layer.trainableWeights.map((w) => (w as unknown as { val: Variable }).val),
      );
      tf.dispose(Object.values(grads));
    },
  ]) as [number, number, number, number];
  console.log(
    `${kind}: fused forward+backward ${fused.toFixed(2)} ms (forward ${forwardOnly.toFixed(2)} ms), ` +
      `tfjs-layers step by step ${stock.toFixed(1)} ms (forward ${stockForward.toFixed(1)} ms): ` +
      `×${(stock / fused).toFixed(1)} (forward ×${(stockForward / forwardOnly).toFixed(1)})`,
  );
}
