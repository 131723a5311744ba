// Throughput of the seed CIFAR CNN on wasm, and per-kernel timings at its shapes. Not a test.
//   cd packages/runner && npx tsx src/backend/wasm-kernels/bench.ts [steps=20]
// Configurations: (a) only the required kernels (fastBackpropInput/fastMatMul off), (b) all kernels,
// (b') all kernels but the first-layer im2col path off. Timings are wall-clock on whatever machine runs
// it; on a shared machine they are noisy, so compare configurations from the same run.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { KernelConfig, NamedAttrMap, Tensor, TensorInfo } from '@tensorflow/tfjs-core';
import { registerWasmTrainingKernels } from './index.ts';
import { im2colPolicy } from './Conv2DBackpropFilterIm2col.ts';
import { callConfig } from './_call.ts';
import type { BackendWasm } from './_call.ts';

const STEPS = Number(process.argv[2] ?? 20);
const WARMUP = 2;
tf.env().set('PROD', true);
// Captured before registration replaces it: the stock MaxPoolGrad, timed for reference (it is wrong).
const stockMaxPoolGrad = tf.getKernel(tf.MaxPoolGrad, 'wasm') as KernelConfig;

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
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy' });
  return model;
}

type Config = { name: string; fast: boolean; im2col: boolean };
const configs: Config[] = [
  { name: '(a) required kernels only', fast: false, im2col: true },
  { name: '(b) all kernels', fast: true, im2col: true },
  { name: "(b') all kernels, im2col off", fast: true, im2col: false },
];
function apply(c: Config): void {
  registerWasmTrainingKernels({ fastBackpropInput: c.fast, fastMatMul: c.fast });
  im2colPolicy.mode = c.im2col ? 'auto' : 'never';
}

async function samplesPerSecond(batch: number): Promise<number> {
  const model = cifarCnn();
  const x = tf.randomUniform([batch, 32, 32, 3]);
  const y = tf.floor(tf.randomUniform([batch, 1], 0, 10)); // class ids, float32 as tfjs-layers wants
  for (let i = 0; i < WARMUP; i++) await model.trainOnBatch(x, y);
  const t0 = performance.now();
  for (let i = 0; i < STEPS; i++) await model.trainOnBatch(x, y); // returns the loss: synchronises
  const s = (performance.now() - t0) / 1000;
  tf.dispose([x, y]);
  model.dispose();
  return (batch * STEPS) / s;
}

async function kernelProfile(batch: number): Promise<Array<[string, number]>> {
  const model = cifarCnn();
  const x = tf.randomUniform([batch, 32, 32, 3]);
  const y = tf.floor(tf.randomUniform([batch, 1], 0, 10)); // class ids, float32 as tfjs-layers wants
  for (let i = 0; i < WARMUP; i++) await model.trainOnBatch(x, y);
  const agg = new Map<string, number>();
  const reps = 3;
  for (let i = 0; i < reps; i++) {
    const p = await tf.profile(async () => { await model.trainOnBatch(x, y); });
    for (const k of p.kernels) agg.set(k.name, (agg.get(k.name) ?? 0) + Number(k.kernelTimeMs) / reps);
  }
  tf.dispose([x, y]);
  model.dispose();
  return [...agg.entries()].sort((a, b) => b[1] - a[1]);
}

/** Median ms of one kernel call (run through `fn`), after one warm-up. */
function timeKernel(fn: () => TensorInfo | Tensor, reps = 7): number {
  const run = () => {
    const out = fn();
    if (out instanceof tf.Tensor) out.dispose();
    else tf.backend().disposeData(out.dataId);
  };
  run();
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    run();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)]!;
}

function kernel(name: string, inputs: Record<string, Tensor>, attrs: NamedAttrMap): () => Tensor {
  return () => tf.engine().runKernel(name, inputs, attrs) as Tensor;
}

function perKernel(batch: number): Array<[string, string, number]> {
  const rows: Array<[string, string, number]> = [];
  const B = batch;
  const t = (shape: number[]) => tf.randomUniform(shape);
  const x1 = t([B, 32, 32, 3]), dy1 = t([B, 30, 30, 32]);
  const x2 = t([B, 15, 15, 32]), dy2 = t([B, 13, 13, 64]), w2 = t([3, 3, 32, 64]);
  const p1 = t([B, 30, 30, 32]), pdy1 = t([B, 15, 15, 32]);
  const p2 = t([B, 13, 13, 64]), pdy2 = t([B, 6, 6, 64]);
  const conv = { strides: 1, pad: 'valid', dataFormat: 'NHWC' };
  const pool = { filterSize: 2, strides: 2, pad: 'valid' };
  const a1 = t([B, 2304]), g1 = t([B, 64]), W1 = t([2304, 64]);

  for (const c of [configs[0]!, configs[1]!, configs[2]!]) {
    apply(c);
    rows.push([c.name, 'Conv2DBackpropFilter L1 x[B,32,32,3]', timeKernel(kernel(tf.Conv2DBackpropFilter, { x: x1, dy: dy1 }, { ...conv, filterShape: [3, 3, 3, 32] }))]);
    if (c === configs[2]) continue; // (b') differs from (b) only in the first-layer filter gradient
    {
      rows.push([c.name, 'Conv2DBackpropFilter L2 x[B,15,15,32]', timeKernel(kernel(tf.Conv2DBackpropFilter, { x: x2, dy: dy2 }, { ...conv, filterShape: [3, 3, 32, 64] }))]);
      rows.push([c.name, 'Conv2DBackpropInput L2 → [B,15,15,32]', timeKernel(kernel(tf.Conv2DBackpropInput, { dy: dy2, filter: w2 }, { ...conv, inputShape: [B, 15, 15, 32] }))]);
      rows.push([c.name, 'BatchMatMul dense1 dW = xᵀ·dy [2304,B]·[B,64]', timeKernel(kernel(tf.BatchMatMul, { a: a1, b: g1 }, { transposeA: true, transposeB: false }))]);
      rows.push([c.name, 'BatchMatMul dense1 dx = dy·Wᵀ [B,64]·[64,2304]', timeKernel(kernel(tf.BatchMatMul, { a: g1, b: W1 }, { transposeA: false, transposeB: true }))]);
    }
    if (c === configs[1]) {
      rows.push([c.name, 'MaxPoolGrad L1 [B,30,30,32]', timeKernel(kernel(tf.MaxPoolGrad, { dy: pdy1, input: p1, output: pdy1 }, pool))]);
      rows.push([c.name, 'MaxPoolGrad L2 [B,13,13,64]', timeKernel(kernel(tf.MaxPoolGrad, { dy: pdy2, input: p2, output: pdy2 }, pool))]);
      const backend = tf.backend() as BackendWasm;
      const info = (x: Tensor): TensorInfo => ({ dataId: x.dataId, shape: x.shape, dtype: x.dtype });
      // callConfig runs the stock setupFunc first: it was unregistered before the backend initialised.
      const stock = (dy: Tensor, input: Tensor) => () =>
        callConfig(stockMaxPoolGrad, backend, { dy: info(dy), input: info(input), output: info(dy) }, pool) as TensorInfo;
      rows.push(['stock (wrong results)', 'MaxPoolGrad L1 [B,30,30,32]', timeKernel(stock(pdy1, p1))]);
      rows.push(['stock (wrong results)', 'MaxPoolGrad L2 [B,13,13,64]', timeKernel(stock(pdy2, p2))]);
    }
  }
  tf.dispose([x1, dy1, x2, dy2, w2, p1, pdy1, p2, pdy2, a1, g1, W1]);
  return rows;
}

async function main(): Promise<void> {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
  console.log(`tfjs ${tf.version_core}, backend ${tf.getBackend()}, ${STEPS} steps after ${WARMUP} warm-up, adam, random data`);
  console.log('Wall-clock on a shared machine: noisy; configs are interleaved per round to even it out.\n');

  for (const batch of [32, 64]) {
    const results = new Map<string, number[]>();
    for (let round = 0; round < 2; round++) {
      for (const c of configs) {
        apply(c);
        const sps = await samplesPerSecond(batch);
        results.set(c.name, [...(results.get(c.name) ?? []), sps]);
      }
    }
    for (const [name, v] of results) {
      console.log(`batch ${batch}  ${name.padEnd(30)} ${v.map((s) => s.toFixed(0)).join(' / ')} samples/s (best ${Math.max(...v).toFixed(0)})`);
    }
  }

  for (const batch of [32, 64]) {
    console.log(`\nper-kernel, CNN shapes, batch ${batch} (median ms of 7)`);
    for (const [cfg, name, ms] of perKernel(batch)) console.log(`  ${cfg.padEnd(30)} ${name.padEnd(48)} ${ms.toFixed(2)}`);
  }

  apply(configs[1]!);
  console.log('\nprofile of one training step, all kernels, batch 64 (ms per step, mean of 3)');
  let total = 0;
  const prof = await kernelProfile(64);
  for (const [, ms] of prof) total += ms;
  for (const [name, ms] of prof.slice(0, 12)) console.log(`  ${name.padEnd(28)} ${ms.toFixed(1)}`);
  console.log(`  ${'(all kernels)'.padEnd(28)} ${total.toFixed(1)}`);
}

// Catch here: an uncaught error would go through the wasm module's handler, which prints its minified source.
main().catch((e: unknown) => {
  console.error(e instanceof Error ? `${e.message}\n${(e.stack ?? '').split('\n').slice(1, 8).map((l) => l.slice(0, 200)).join('\n')}` : e);
  process.exit(1);
});
