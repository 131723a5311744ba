// Same seed, same data, same model: stock cpu kernels and native kernels must follow the same loss trajectory.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { nativeOrSkip, randomTensor, rng } from './parity.testkit.ts';
import { kernelCalls, NATIVE_BACKEND } from './register.ts';

const native = nativeOrSkip('training trajectory');
const STEPS = 20;

/** A small CNN with every layer family the seed CNN has, plus average pooling. */
function model(): tfl.LayersModel {
  const init = (seed: number) => tfl.initializers.glorotUniform({ seed });
  const m = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [10, 10, 3], filters: 6, kernelSize: 3, activation: 'relu', kernelInitializer: init(1) }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(2) }),
      tfl.layers.averagePooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 16, activation: 'relu', kernelInitializer: init(3) }),
      tfl.layers.dense({ units: 5, activation: 'softmax', kernelInitializer: init(4) }),
    ],
  });
  m.compile({ optimizer: tf.train.adam(0.01), loss: 'sparseCategoricalCrossentropy' });
  return m;
}

async function trajectory(backend: string): Promise<number[]> {
  await tf.setBackend(backend);
  const r = rng(99);
  const m = model();
  const x = tf.tensor(randomTensor(r, [8, 10, 10, 3], 0, 1).values, [8, 10, 10, 3]);
  const y = tf.tensor(Float32Array.from({ length: 8 }, (_, i) => i % 5), [8, 1]);
  const losses: number[] = [];
  for (let i = 0; i < STEPS; i++) losses.push((await m.trainOnBatch(x, y)) as number);
  tf.dispose([x, y]);
  m.dispose();
  return losses;
}

const training = suite('native backend :: training trajectory equals the stock cpu backend\'s');

training(`losses agree within 1e-5 over ${STEPS} adam steps`, async () => {
  if (!native) return;
  const stock = await trajectory('cpu');
  const convBefore = kernelCalls.get('Conv2DBackpropFilter')!.native;
  const fast = await trajectory(NATIVE_BACKEND);
  assert.ok(kernelCalls.get('Conv2DBackpropFilter')!.native - convBefore >= STEPS, 'the native kernels did not run');
  assert.ok(stock[STEPS - 1]! < stock[0]! * 0.8, `the model did not learn (${stock[0]} → ${stock[STEPS - 1]}): a weak test`);
  stock.forEach((loss, i) => {
    assert.ok(Math.abs(fast[i]! - loss) <= 1e-5, `step ${i}: stock ${loss}, native ${fast[i]}`);
  });
});

training.run();
