import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { BatchSource } from '@tfyaml/data';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { inferenceMsPerSample } from './inference-timing.ts';

const SHAPE = [2, 2, 3];
const source = (count: number) =>
  new BatchSource({ images: new Uint8Array(count * 12).fill(7), labels: new Uint8Array(count), count }, SHAPE, {
    batchSize: 4,
    shuffle: false,
    seed: 1,
    normalization: { mean: [0, 0, 0], std: [1, 1, 1] },
  });

const timing = suite('inferenceMsPerSample');

timing.before(async () => {
  await tf.setBackend('cpu');
});

timing('a positive time per sample, every tensor it made disposed; an empty split has none', async () => {
  const model = tfl.sequential({
    layers: [tfl.layers.flatten({ inputShape: SHAPE }), tfl.layers.dense({ units: 3, activation: 'softmax' })],
  });
  const before = tf.memory().numTensors;
  const ms = await inferenceMsPerSample(model, source(10), SHAPE);
  assert.ok(ms !== undefined && Number.isFinite(ms) && ms > 0, String(ms));
  assert.is(tf.memory().numTensors, before);
  assert.is(await inferenceMsPerSample(model, source(0), SHAPE), undefined);
  model.dispose();
});

timing.run();
