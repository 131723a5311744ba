import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const threads = suite('withWasmThreads');

// In a process of its own: tfjs initialises the wasm module once per process, and other test files replace it.
const SCRIPT = `
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { withWasmThreads } from ${JSON.stringify(fileURLToPath(new URL('./threads.ts', import.meta.url)))};
const ok = await withWasmThreads(2, () => tf.setBackend('wasm'));
const conv = async () => {
  const x = tf.tensor4d(Array.from({ length: 2 * 9 * 9 * 4 }, (_, i) => Math.sin(i)), [2, 9, 9, 4]);
  const w = tf.tensor4d(Array.from({ length: 3 * 3 * 4 * 8 }, (_, i) => Math.cos(i)), [3, 3, 4, 8]);
  return Array.from(await tf.conv2d(x, w, 1, 'same').data());
};
const onWasm = await conv();
await tf.setBackend('cpu');
const onCpu = await conv();
console.log(JSON.stringify({ ok, threads: getThreadsCount(), maxDiff: Math.max(...onCpu.map((v, i) => Math.abs(v - onWasm[i]))) }));
`;

threads(
  'starts tfjs’s threaded wasm build in Node with the threads asked for; it computes what cpu does and lets the process exit',
  () => {
    // Beside this file, so the script resolves the runner's dependencies.
    const script = join(mkdtempSync(join(fileURLToPath(new URL('.', import.meta.url)), '.wasm-threads-')), 'check.mts');
    writeFileSync(script, SCRIPT);
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    rmSync(dirname(script), { recursive: true, force: true });
    assert.is(child.status, 0, `exit ${child.status} ${child.signal ?? ''}: ${child.stderr.slice(-500)}`);
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
      ok: boolean;
      threads: number;
      maxDiff: number;
    };
    assert.ok(result.ok, 'wasm initialised');
    assert.is(result.threads, 2);
    assert.ok(result.maxDiff < 1e-4, `max |cpu − wasm| ${result.maxDiff}`);
  },
);

threads('a threaded start that never settles is given up after its time, with every global patch undone', async () => {
  const { withWasmThreads } = await import('./threads.ts');
  const cpus = os.cpus;
  const blob = globalThis.Blob;
  const started = Date.now();
  const error = await withWasmThreads(2, () => new Promise<boolean>(() => {}), 200).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.instance(error, Error);
  assert.match((error as Error).message, 'did not start within 0.2 s');
  assert.ok(Date.now() - started < 10_000, 'rejected soon after its time');
  assert.is(os.cpus, cpus);
  assert.is(globalThis.Blob, blob);
});

threads.run();
