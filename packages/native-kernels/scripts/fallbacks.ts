// Trains a few steps of every model family (scripts/families.ts) on the native backend and lists, per family, each
// kernel that ran as stock JavaScript on the last step (calls and milliseconds), then the slowest native kernels.
//   node --import tsx scripts/fallbacks.ts [batch=32] [family name filter]
import * as tf from '@tensorflow/tfjs-core';
import {
  FUSED_UPDATES,
  kernelCalls,
  NATIVE_BACKEND,
  NATIVE_KERNELS,
  RECURRENT_KERNELS,
  registerNativeBackend,
} from '../src/index.ts';
import { FAMILIES } from './families.ts';

const batch = Number(process.argv[2] ?? 32);
tf.env().set('PROD', true);
registerNativeBackend();
await tf.setBackend(NATIVE_BACKEND);

type Tally = { calls: number; ms: number };
let tally = new Map<string, Tally>();
let natives = new Map<string, Tally>();
for (const config of tf.getKernelsForBackend(NATIVE_BACKEND)) {
  const run = config.kernelFunc;
  const name = config.kernelName;
  (config as { kernelFunc: typeof run }).kernelFunc = (args) => {
    const stockBefore = kernelCalls.get(name)?.stock ?? 0;
    const start = performance.now();
    const out = run(args);
    const ms = performance.now() - start;
    const ours = NATIVE_KERNELS[name] ?? FUSED_UPDATES[name] ?? RECURRENT_KERNELS[name];
    const stock = !ours || (kernelCalls.get(name)?.stock ?? 0) > stockBefore;
    const into = stock ? tally : natives;
    const t = into.get(name) ?? { calls: 0, ms: 0 };
    into.set(name, { calls: t.calls + 1, ms: t.ms + ms });
    return out;
  };
}

const only = process.argv[3]?.toLowerCase() ?? '';
for (const family of FAMILIES.filter((f) => f.name.toLowerCase().includes(only))) {
  const model = family.model();
  const [x, y] = family.batch(batch);
  for (let step = 0; step < 3; step++) {
    tally = new Map();
    natives = new Map();
    const start = performance.now();
    await model.trainOnBatch(x, y);
    if (step === 2) {
      const total = performance.now() - start;
      const rows = [...tally].sort((a, b) => b[1].ms - a[1].ms);
      const stockMs = rows.reduce((s, [, t]) => s + t.ms, 0);
      console.log(`\n${family.name}: step ${total.toFixed(1)} ms, stock kernels ${stockMs.toFixed(1)} ms`);
      for (const [name, t] of rows)
        console.log(`  ${name.padEnd(32)} ${String(t.calls).padStart(4)} calls ${t.ms.toFixed(2).padStart(9)} ms`);
      const slowest = [...natives].sort((a, b) => b[1].ms - a[1].ms).slice(0, 6);
      console.log(`  slowest native: ${slowest.map(([name, t]) => `${name} ${t.ms.toFixed(1)}`).join(', ')}`);
    }
  }
  tf.dispose([x, y]);
  model.dispose();
}
