// Seed CNN throughput on stock cpu, wasm and native in one process, and PyTorch in a child process of the same
// run, with each engine's ratio to PyTorch; then where a native step's time goes, kernel by kernel. Not a test.
//   pnpm --filter @tfyaml/native-kernels bench [--steps 30] [--cpu-steps 1] [--batches 32,64] [--threads N]
//                                              [--rounds 2] [--skip cpu,wasm,torch] [--profile-steps 20]
// Model: conv2d 32 3x3 relu → maxPool 2 → conv2d 64 3x3 relu → maxPool 2 → flatten → dense 64 relu → dense 10
// softmax; adam; random CIFAR-shaped data. Train samples/s over `steps` trainOnBatch calls after warm-up;
// inference samples/s over predict() on 2048 images in batches of 256 (PyTorch: the same, torch_cnn.py).
// The machine may be shared: compare rows of one run, not numbers across runs.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { registerWasmTrainingKernels } from '../../runner/src/backend/wasm-kernels/index.ts';
import { NATIVE_BACKEND, registerNativeBackend } from '../src/index.ts';

const { values: opts } = parseArgs({
  options: {
    steps: { type: 'string', default: '30' },
    'cpu-steps': { type: 'string', default: '1' },
    batches: { type: 'string', default: '32,64' },
    threads: { type: 'string', default: String(availableParallelism()) },
    rounds: { type: 'string', default: '2' },
    skip: { type: 'string', default: '' },
    'profile-steps': { type: 'string', default: '20' },
  },
});
const STEPS = Number(opts.steps), CPU_STEPS = Number(opts['cpu-steps']), THREADS = Number(opts.threads);
const BATCHES = opts.batches.split(',').map(Number);
const ROUNDS = Number(opts.rounds);
const SKIP = new Set(opts.skip.split(',').filter(Boolean));
const INFER_BATCH = 256, INFER_SAMPLES = 2048;
const TORCH = fileURLToPath(new URL('torch_cnn.py', import.meta.url));

type Engine = 'cpu' | 'wasm' | 'native' | 'pytorch';
type Row = { engine: Engine; batch: number; train: number; infer: number };

function cnn(): tfl.LayersModel {
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

function batchOf(size: number): { x: tf.Tensor; y: tf.Tensor } {
  return { x: tf.randomUniform([size, 32, 32, 3]), y: tf.floor(tf.randomUniform([size, 1], 0, 10)) };
}

async function tfjsRow(engine: Exclude<Engine, 'pytorch'>, batch: number): Promise<Row> {
  await tf.setBackend(engine);
  const steps = engine === 'cpu' ? CPU_STEPS : STEPS;
  const model = cnn();
  const { x, y } = batchOf(batch);
  for (let i = 0; i < (engine === 'cpu' ? 0 : 3); i++) await model.trainOnBatch(x, y);
  let t0 = performance.now();
  for (let i = 0; i < steps; i++) await model.trainOnBatch(x, y); // returns the loss: synchronises
  const train = (batch * steps) / ((performance.now() - t0) / 1000);
  // Stock cpu infers one batch of 64 (minutes otherwise).
  const inferSamples = engine === 'cpu' ? 64 : INFER_SAMPLES, inferBatch = Math.min(INFER_BATCH, inferSamples);
  const images = tf.randomUniform([inferSamples, 32, 32, 3]);
  if (engine !== 'cpu') tf.dispose(model.predict(tf.slice(images, 0, inferBatch), { batchSize: inferBatch }) as tf.Tensor);
  t0 = performance.now();
  const out = model.predict(images, { batchSize: inferBatch }) as tf.Tensor;
  await out.data();
  const infer = inferSamples / ((performance.now() - t0) / 1000);
  tf.dispose([x, y, images, out]);
  model.dispose();
  return { engine, batch, train, infer };
}

function torchRow(batch: number): Row | string {
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) return 'skipped: /usr/bin/python3 cannot import torch (apt-get install python3-torch)';
  const run = spawnSync('/usr/bin/python3', [TORCH, 'bench', String(THREADS), String(batch), String(Math.max(STEPS, 20))], { encoding: 'utf8' });
  const line = run.stdout.split('\n').find((l) => l.startsWith('pytorch,'));
  if (!line) return `failed: ${run.stderr.trim().split('\n').at(-1)}`;
  const [, , , train, infer] = line.split(',');
  return { engine: 'pytorch', batch, train: Number(train), infer: Number(infer) };
}

/** Per-kernel wall time of native training steps at `batch`, plus GC time and what runs outside kernels. */
async function nativeProfile(batch: number, steps: number): Promise<void> {
  await tf.setBackend(NATIVE_BACKEND);
  const totals = new Map<string, { ms: number; calls: number }>();
  const restore: KernelConfig[] = [];
  for (const config of tf.getKernelsForBackend(NATIVE_BACKEND)) {
    const timed: KernelFunc = (args) => {
      const t0 = performance.now();
      const out = config.kernelFunc(args);
      const entry = totals.get(config.kernelName) ?? { ms: 0, calls: 0 };
      entry.ms += performance.now() - t0;
      entry.calls++;
      totals.set(config.kernelName, entry);
      return out;
    };
    restore.push(config);
    tf.unregisterKernel(config.kernelName, NATIVE_BACKEND);
    tf.registerKernel({ ...config, kernelFunc: timed });
  }
  const model = cnn();
  const { x, y } = batchOf(batch);
  for (let i = 0; i < 3; i++) await model.trainOnBatch(x, y);
  totals.clear();
  let gcMs = 0;
  const gc = new PerformanceObserver((list) => { for (const e of list.getEntries()) gcMs += e.duration; });
  gc.observe({ entryTypes: ['gc'] });
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) await model.trainOnBatch(x, y);
  const stepMs = (performance.now() - t0) / steps;
  await new Promise((resolve) => setTimeout(resolve, 10)); // let the observer deliver
  gc.disconnect();
  for (const config of restore) {
    tf.unregisterKernel(config.kernelName, NATIVE_BACKEND);
    tf.registerKernel(config);
  }
  tf.dispose([x, y]);
  model.dispose();
  const rows = [...totals].sort((a, b) => b[1].ms - a[1].ms);
  const inKernels = rows.reduce((s, [, e]) => s + e.ms, 0) / steps;
  console.log(`\nNative step at batch ${batch}: ${stepMs.toFixed(1)} ms (${steps} steps); per kernel, ms/step (calls/step):`);
  for (const [name, e] of rows.filter(([, e]) => e.ms / steps >= 0.05)) {
    console.log(`  ${name.padEnd(22)} ${(e.ms / steps).toFixed(2).padStart(6)}  (${Math.round(e.calls / steps)})`);
  }
  console.log(`  ${'all kernels'.padEnd(22)} ${inKernels.toFixed(2).padStart(6)}`);
  console.log(`  ${'outside kernels'.padEnd(22)} ${(stepMs - inKernels).toFixed(2).padStart(6)}  (tfjs engine, tape, layers, optimizer)`);
  console.log(`  ${'GC (overlaps)'.padEnd(22)} ${(gcMs / steps).toFixed(2).padStart(6)}`);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

async function main(): Promise<void> {
  tf.env().set('PROD', true);
  const native = registerNativeBackend({ threads: THREADS });
  registerWasmTrainingKernels();
  console.log(`oneDNN ${native.onednn}, ${native.threads} threads; wasm: 1 thread; ${STEPS} steps (stock cpu: ${CPU_STEPS}), median of ${ROUNDS} rounds`);
  const rows: Row[] = [];
  const notes: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const batch of BATCHES) {
      if (!SKIP.has('cpu') && round === 0) rows.push(await tfjsRow('cpu', batch));
      if (!SKIP.has('wasm')) rows.push(await tfjsRow('wasm', batch));
      rows.push(await tfjsRow('native', batch));
      if (!SKIP.has('torch')) {
        const torch = torchRow(batch);
        if (typeof torch === 'string') notes.push(`pytorch: ${torch}`);
        else rows.push(torch);
      }
    }
  }
  printTable(rows);
  for (const note of new Set(notes)) console.log(note);
  const profileSteps = Number(opts['profile-steps']);
  if (profileSteps > 0) await nativeProfile(BATCHES.at(-1)!, profileSteps);
}

function printTable(rows: Row[]): void {
  console.log('\nengine    batch  train samples/s  infer samples/s  train vs pytorch  infer vs pytorch');
  for (const batch of BATCHES) {
    const of = (engine: Engine) => rows.filter((r) => r.engine === engine && r.batch === batch);
    const torch = of('pytorch');
    const torchTrain = torch.length ? median(torch.map((r) => r.train)) : NaN;
    const torchInfer = torch.length ? median(torch.map((r) => r.infer)) : NaN;
    for (const engine of ['cpu', 'wasm', 'native', 'pytorch'] as const) {
      const rs = of(engine);
      if (rs.length === 0) continue;
      const train = median(rs.map((r) => r.train)), infer = median(rs.map((r) => r.infer));
      const ratio = (v: number, ref: number) => (Number.isNaN(ref) ? '-' : `${(v / ref).toFixed(engine === 'cpu' ? 4 : 2)}x`);
      console.log(`${engine.padEnd(9)} ${String(batch).padStart(5)}  ${train.toFixed(engine === 'cpu' ? 2 : 0).padStart(15)}  ` +
        `${infer.toFixed(engine === 'cpu' ? 2 : 0).padStart(15)}  ${ratio(train, torchTrain).padStart(16)}  ${ratio(infer, torchInfer).padStart(16)}`);
    }
  }
}

await main();
