import * as tf from '@tensorflow/tfjs-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compileModel } from '@tfyaml/model-compiler';
import { loadSpecText } from '@tfyaml/spec-schema';
import { describeTimings, hopelesslySlow, pickFastestBackend } from './auto.ts';
import { selectBackend } from './select.ts';

const SPEC = `name: tiny
data: { dataset: synthetic }
model:
  layers:
    - { type: flatten }
    - { type: dense, units: 3, activation: softmax }
`;
const trial = {
  compile: () => compileModel(loadSpecText(SPEC, 'tiny.yaml').spec, { inputShape: [4, 4, 1], numClasses: 3 }),
  inputShape: [4, 4, 1],
  batchSize: 8,
};

const pick = suite('pickFastestBackend');

pick('times wasm and every backend after it, and leaves the fastest timed one active', async () => {
  const first = await selectBackend('wasm', { threads: 1 });
  const chosen = await pickFastestBackend({ ...first, requested: 'auto' }, trial, { threads: 1 });
  const timings = chosen.timings ?? [];
  assert.equal(
    timings.map((t) => t.name),
    ['wasm', 'cpu'],
  );
  const timed = timings.filter((t) => t.msPerStep !== undefined);
  assert.ok(timed.length >= 1, 'wasm, timed first, is never dismissed');
  const fastest = timed.reduce((a, b) => (b.msPerStep! < a.msPerStep! ? b : a));
  assert.is(chosen.name, fastest.name);
  assert.is(tf.getBackend(), fastest.name);
  assert.is(chosen.requested, 'auto');
});

pick('disposes the models it timed', async () => {
  await selectBackend('cpu');
  const before = tf.memory().numTensors;
  await pickFastestBackend({ ...(await selectBackend('cpu')), requested: 'auto' }, trial);
  assert.is(tf.memory().numTensors, before);
});

pick.run();

const describe = suite('describeTimings');

describe('lists each timing or why it was dismissed, then the choice', async () => {
  const timings = [
    { name: 'wasm' as const, msPerStep: 40 },
    { name: 'cpu' as const, dismissed: 'one sample took 90 ms' },
  ];
  assert.is(
    describeTimings({ ...(await selectBackend('wasm', { threads: 1 })), timings }, 32),
    'Backend timing, one step of 32 of this model: wasm 40.0 ms, cpu dismissed (one sample took 90 ms) → wasm',
  );
});

describe.run();

const slow = suite('hopelesslySlow');

slow('dismisses after the first step only a backend seconds slower than ten full steps of the fastest', () => {
  assert.ok(hopelesslySlow(1400, 54), 'the cpu backend on a CNN: 1.4 s for one sample against 54 ms for a batch');
  assert.not.ok(hopelesslySlow(400, 20), 'under half a second: the second tiny step decides');
  assert.not.ok(hopelesslySlow(900, 100), 'within ten full steps of the fastest');
  assert.not.ok(hopelesslySlow(5000, Number.POSITIVE_INFINITY), 'the first backend timed is never dismissed');
});

slow.run();
