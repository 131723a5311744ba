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
      tfl.layers.conv2d({
        inputShape: [10, 10, 3],
        filters: 6,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: init(1),
      }),
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

/**
 * Depthwise, separable, batch norm, average pooling 3/1/same and concatenate (issue #13's inception-style block),
 * with relu6, zero padding and cropping. Not upsampling: the stock gradient is wrong for batches above one.
 */
function inception(): tfl.LayersModel {
  const init = (seed: number) => tfl.initializers.glorotUniform({ seed });
  const L = tfl.layers;
  const input = tfl.input({ shape: [10, 10, 3] });
  const stem = L.conv2d({ filters: 6, kernelSize: 3, padding: 'same', kernelInitializer: init(1) }).apply(input);
  const bn = L.batchNormalization().apply(stem) as tfl.SymbolicTensor;
  const a = L.separableConv2d({
    filters: 4,
    kernelSize: 3,
    padding: 'same',
    activation: 'relu',
    depthwiseInitializer: init(2),
    pointwiseInitializer: init(3),
  }).apply(bn) as tfl.SymbolicTensor;
  const b = L.averagePooling2d({ poolSize: 3, strides: 1, padding: 'same' }).apply(bn) as tfl.SymbolicTensor;
  const c = L.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, depthwiseInitializer: init(4) }).apply(bn);
  const padded = L.zeroPadding2d({ padding: 2 }).apply(L.reLU({ maxValue: 6 }).apply(c));
  const merged = L.concatenate().apply([a, b, L.cropping2D({ cropping: 1 }).apply(padded) as tfl.SymbolicTensor]);
  const pooled = L.globalAveragePooling2d({}).apply(merged) as tfl.SymbolicTensor;
  const out = L.dense({ units: 5, activation: 'softmax', kernelInitializer: init(5) }).apply(pooled);
  const m = tfl.model({ inputs: input, outputs: out as tfl.SymbolicTensor });
  m.compile({ optimizer: tf.train.adam(0.01), loss: 'sparseCategoricalCrossentropy' });
  return m;
}

/** Embedding, conv1d, global max pooling, LSTM and GRU: the text families. */
function text(): tfl.LayersModel {
  const init = (seed: number) => tfl.initializers.glorotUniform({ seed });
  const L = tfl.layers;
  const m = tfl.sequential({
    layers: [
      L.embedding({ inputDim: 20, outputDim: 6, inputLength: 7, embeddingsInitializer: init(1) }),
      L.conv1d({ filters: 6, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(2) }),
      L.lstm({ units: 5, returnSequences: true, kernelInitializer: init(3), recurrentInitializer: init(4) }),
      L.gru({ units: 4, kernelInitializer: init(5), recurrentInitializer: init(6) }),
      L.dense({ units: 5, activation: 'softmax', kernelInitializer: init(7) }),
    ],
  });
  m.compile({ optimizer: tf.train.rmsprop(0.01), loss: 'sparseCategoricalCrossentropy' });
  return m;
}

async function trajectory(backend: string, make = model, images = true): Promise<number[]> {
  await tf.setBackend(backend);
  const r = rng(99);
  const m = make();
  const x = images
    ? tf.tensor(randomTensor(r, [8, 10, 10, 3], 0, 1).values, [8, 10, 10, 3])
    : tf.tensor(
        Float32Array.from({ length: 8 * 7 }, () => Math.floor(r() * 20)),
        [8, 7],
      );
  const y = tf.tensor(
    Float32Array.from({ length: 8 }, (_, i) => i % 5),
    [8, 1],
  );
  const losses: number[] = [];
  for (let i = 0; i < STEPS; i++) losses.push((await m.trainOnBatch(x, y)) as number);
  tf.dispose([x, y]);
  m.dispose();
  return losses;
}

const training = suite("native backend :: training trajectory equals the stock cpu backend's");

training(`losses agree within 1e-5 over ${STEPS} adam steps`, async () => {
  if (!native) return;
  const stock = await trajectory('cpu');
  const convBefore = kernelCalls.get('Conv2DBackpropFilter')!.native;
  const fast = await trajectory(NATIVE_BACKEND);
  assert.ok(kernelCalls.get('Conv2DBackpropFilter')!.native - convBefore >= STEPS, 'the native kernels did not run');
  assert.ok(
    stock[STEPS - 1]! < stock[0]! * 0.8,
    `the model did not learn (${stock[0]} → ${stock[STEPS - 1]}): a weak test`,
  );
  stock.forEach((loss, i) => {
    assert.ok(Math.abs(fast[i]! - loss) <= 1e-5, `step ${i}: stock ${loss}, native ${fast[i]}`);
  });
});

/** Losses of `make` on both backends agree, the model learns, and each of `kernels` ran natively every step. */
async function agree(
  make: () => tfl.LayersModel,
  images: boolean,
  kernels: string[],
  tolerance: number,
): Promise<void> {
  const stock = await trajectory('cpu', make, images);
  const before = kernels.map((k) => kernelCalls.get(k)!.native);
  const fast = await trajectory(NATIVE_BACKEND, make, images);
  kernels.forEach((k, i) => assert.ok(kernelCalls.get(k)!.native - before[i]! >= STEPS, `${k} did not run natively`));
  assert.ok(stock[STEPS - 1]! < stock[0]! * 0.9, `the model did not learn (${stock[0]} → ${stock[STEPS - 1]})`);
  stock.forEach((loss, i) => {
    assert.ok(Math.abs(fast[i]! - loss) <= tolerance, `step ${i}: stock ${loss}, native ${fast[i]}`);
  });
}

training(`inception-style block (depthwise, separable, batch norm, avg pool, concat): ${STEPS} steps`, async () => {
  if (!native) return;
  const kernels = [
    'DepthwiseConv2dNativeBackpropFilter',
    'DepthwiseConv2dNativeBackpropInput',
    'AvgPoolGrad',
    'FusedBatchNorm',
    'Mean',
    'Concat',
    'SplitV',
    'Select',
    'PadV2',
    'Slice',
  ];
  await agree(inception, true, kernels, 1e-5);
});

training(`embedding, conv1d, LSTM and GRU with RMSProp: ${STEPS} steps`, async () => {
  if (!native) return;
  await agree(text, false, ['UnsortedSegmentSum', 'GatherV2', 'SplitV', 'Concat', 'Tanh', 'LessEqual', 'Select'], 1e-5);
});

training.run();
