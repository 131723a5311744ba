// Training steps with fused optimizer updates against the same steps with tfjs's own updates, in one process on
// the native backend: each family is built twice with model-compiler's optimizer, and the "tfjs" copy runs with the
// fused kernels unregistered (model-compiler's optimizers then do exactly what tfjs does). Steps alternate between
// the two copies, so a busy machine slows both alike. Prints per copy the median step's samples/s by wall clock and by
// the process's CPU time (on a loaded machine, CPU time is the steadier measure: waiting for a core costs none),
// the ratio fused/tfjs of each, and the median update alone (applyGradients over the model's weights) in ms.
// In the runner, which depends on both model-compiler and native-kernels (a kernel package imports no workspace
// package); the model families are native-kernels' benchmark ones.
//   node --import tsx scripts/bench/optimizer-speed.ts [--batch 32] [--steps 30] [--threads N]
//     [--families 'MLP,residual CNN + batch norm,seed CNN'] [--optimizers adam,momentum,rmsprop]
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { createOptimizer } from '@tfyaml/model-compiler';
import { FUSED_UPDATES, NATIVE_BACKEND, registerNativeBackend } from '@tfyaml/native-kernels';
import { FAMILIES } from '../../../native-kernels/scripts/families.ts';

const { values: opts } = parseArgs({
  options: {
    batch: { type: 'string', default: '32' },
    steps: { type: 'string', default: '30' },
    threads: { type: 'string' },
    families: { type: 'string', default: 'MLP,residual CNN + batch norm,seed CNN' },
    optimizers: { type: 'string', default: 'adam' },
  },
});
const batch = Number(opts.batch),
  steps = Number(opts.steps);

tf.env().set('PROD', true);
const info = registerNativeBackend(opts.threads ? { threads: Number(opts.threads) } : {});
await tf.setBackend(NATIVE_BACKEND);
const fusedConfigs = Object.keys(FUSED_UPDATES).map((name) => tf.getKernel(name, NATIVE_BACKEND)!);

/** Runs `f` with the fused kernels unregistered, as on a backend without them. */
async function unfused<T>(f: () => Promise<T>): Promise<T> {
  for (const { kernelName } of fusedConfigs) tf.unregisterKernel(kernelName, NATIVE_BACKEND);
  try {
    return await f();
  } finally {
    for (const config of fusedConfigs) tf.registerKernel(config);
  }
}

type Variant = { fused: boolean; model: tfl.LayersModel; wallMs: number[]; cpuMs: number[]; updateMs: number[] };

function build(familyName: string, optimizer: string, fused: boolean): Variant {
  const family = FAMILIES.find((f) => f.name === familyName);
  if (!family) throw new Error(`unknown family ${familyName}; known: ${FAMILIES.map((f) => f.name).join(', ')}`);
  const model = family.model();
  model.compile({ optimizer: createOptimizer({ type: optimizer as never, learningRate: 0.001 }), loss: model.loss });
  return { fused, model, wallMs: [], cpuMs: [], updateMs: [] };
}

/** One applyGradients over every trainable weight, with gradients of their shapes, in ms. */
async function updateTime(v: Variant): Promise<number> {
  const weights = v.model.trainableWeights.map((w) => w.read() as tf.Variable);
  const grads = Object.fromEntries(weights.map((w) => [w.name, tf.randomNormal(w.shape, 0, 1e-3)]));
  const run = () => {
    const start = performance.now();
    v.model.optimizer.applyGradients(grads);
    return performance.now() - start;
  };
  const ms = v.fused ? run() : await unfused(async () => run());
  tf.dispose(Object.values(grads));
  return ms;
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`native, oneDNN ${info.onednn}, ${info.threads} threads, batch ${batch}, ${steps} steps each, interleaved`);
for (const optimizer of opts.optimizers.split(',')) {
  for (const familyName of opts.families.split(',')) {
    const family = FAMILIES.find((f) => f.name === familyName)!;
    const variants = [build(familyName, optimizer, true), build(familyName, optimizer, false)];
    const [x, y] = family.batch(batch);
    const step = (v: Variant) => (v.fused ? v.model.trainOnBatch(x, y) : unfused(() => v.model.trainOnBatch(x, y)));
    for (const v of variants) for (let i = 0; i < 2; i++) await step(v);
    for (let i = 0; i < steps; i++) {
      for (const v of variants) {
        const [wall, cpu] = [performance.now(), process.cpuUsage()];
        await step(v);
        const used = process.cpuUsage(cpu);
        v.wallMs.push(performance.now() - wall);
        v.cpuMs.push((used.user + used.system) / 1000);
        if (i % 5 === 0) v.updateMs.push(await updateTime(v));
      }
    }
    const [fused, plain] = variants.map((v) => ({
      wall: (batch * 1000) / median(v.wallMs),
      cpu: (batch * 1000) / median(v.cpuMs),
      update: median(v.updateMs),
    }));
    const rate = (r: number) => r.toFixed(0).padStart(6);
    console.log(
      `${optimizer.padEnd(9)} ${familyName.padEnd(28)} samples/s wall: fused ${rate(fused!.wall)}, tfjs ` +
        `${rate(plain!.wall)} (${(fused!.wall / plain!.wall).toFixed(2)}×); CPU time: fused ${rate(fused!.cpu)}, ` +
        `tfjs ${rate(plain!.cpu)} (${(fused!.cpu / plain!.cpu).toFixed(2)}×); update alone ` +
        `${fused!.update.toFixed(2)} vs ${plain!.update.toFixed(2)} ms`,
    );
    for (const v of variants) v.model.dispose();
    tf.dispose([x, y]);
  }
}
