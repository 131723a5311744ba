// Training samples/s of a few model families (scripts/families.ts) on the native backend: warm-up steps, then
// timed trainOnBatch steps, one family's step after another's so that a busy machine slows them alike; prints
// each family's samples/s (median of the rounds) and its ratio to the seed CNN's.
//   node --import tsx scripts/step-speed.ts [--batch 32] [--steps 10] [--rounds 3] [--threads N]
//     [--families 'seed CNN,inception-style,MobileNet-style'] [--stock Kernel,Kernel,…]
// --stock runs the named kernels as stock JavaScript, e.g. the kernels a change added, to measure "before".
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { NATIVE_BACKEND, registerNativeBackend } from '../src/index.ts';
import { FAMILIES } from './families.ts';

const { values: opts } = parseArgs({
  options: {
    batch: { type: 'string', default: '32' },
    steps: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    threads: { type: 'string' },
    families: { type: 'string', default: 'seed CNN,inception-style,MobileNet-style' },
    stock: { type: 'string', default: '' },
  },
});
const batch = Number(opts.batch),
  steps = Number(opts.steps),
  rounds = Number(opts.rounds);

tf.env().set('PROD', true);
const info = registerNativeBackend(opts.threads ? { threads: Number(opts.threads) } : {});
for (const name of opts.stock.split(',').filter(Boolean)) {
  const config = tf.getKernel(name, NATIVE_BACKEND);
  const stock = tf.getKernel(name, 'cpu');
  if (!config || !stock) throw new Error(`no kernel ${name}`);
  (config as { kernelFunc: typeof stock.kernelFunc }).kernelFunc = stock.kernelFunc;
}
await tf.setBackend(NATIVE_BACKEND);

const chosen = opts.families.split(',').map((name) => {
  const family = FAMILIES.find((f) => f.name === name);
  if (!family) throw new Error(`unknown family ${name}; known: ${FAMILIES.map((f) => f.name).join(', ')}`);
  return family;
});
const runs = chosen.map((family) => ({
  family,
  model: family.model(),
  data: family.batch(batch),
  rates: [] as number[],
}));
for (const run of runs) {
  for (let i = 0; i < 2; i++) await run.model.trainOnBatch(run.data[0], run.data[1]);
}
for (let round = 0; round < rounds; round++) {
  const ms = runs.map(() => 0);
  for (let i = 0; i < steps; i++) {
    for (const [k, run] of runs.entries()) {
      const start = performance.now();
      await run.model.trainOnBatch(run.data[0], run.data[1]);
      ms[k]! += performance.now() - start;
    }
  }
  runs.forEach((run, k) => run.rates.push((batch * steps) / (ms[k]! / 1000)));
}
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seed = runs.find((r) => r.family.name === 'seed CNN');
console.log(
  `native, oneDNN ${info.onednn}, ${info.threads} threads, batch ${batch}, ${steps} steps × ${rounds} rounds` +
    (opts.stock ? `, stock: ${opts.stock}` : ''),
);
for (const run of runs) {
  const rate = median(run.rates);
  const vsSeed = seed ? ` (${((rate / median(seed.rates)) * 100).toFixed(0)}% of the seed CNN)` : '';
  console.log(
    `${run.family.name.padEnd(40)} ${rate.toFixed(1).padStart(8)} samples/s${vsSeed}  rounds: ${run.rates.map((r) => r.toFixed(0)).join(' ')}`,
  );
}
