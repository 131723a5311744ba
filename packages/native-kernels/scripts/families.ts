// One small model per layer family the issue lists (#13), with a batch of random data, for the fallback listing
// (scripts/fallbacks.ts) and the step-speed measurement (scripts/step-speed.ts).
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

export type Family = { name: string; model: () => tfl.LayersModel; batch: (n: number) => [tf.Tensor, tf.Tensor] };

const L = tfl.layers;

function images(n: number, shape: number[], classes: number): [tf.Tensor, tf.Tensor] {
  return [tf.randomUniform([n, ...shape]), tf.cast(tf.randomUniform([n], 0, classes, 'int32'), 'float32')];
}

function tokens(n: number, length: number, vocab: number): [tf.Tensor, tf.Tensor] {
  return [
    tf.cast(tf.randomUniform([n, length], 0, vocab, 'int32'), 'float32'),
    tf.cast(tf.randomUniform([n], 0, 2, 'int32'), 'float32'),
  ];
}

function classifier(layers: tfl.layers.Layer[], optimizer: tf.Optimizer = tf.train.adam()): tfl.LayersModel {
  const m = tfl.sequential({ layers });
  m.compile({ optimizer, loss: 'sparseCategoricalCrossentropy' });
  return m;
}

/** The inception-style block of issue #13: 1×1 conv, separable conv and 3×3/1 average pooling, concatenated. */
export function inception(): tfl.LayersModel {
  const input = tfl.input({ shape: [32, 32, 3] });
  const stem = L.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(
    input,
  ) as tfl.SymbolicTensor;
  const bn = L.batchNormalization().apply(stem) as tfl.SymbolicTensor;
  const a = L.conv2d({ filters: 16, kernelSize: 1, activation: 'relu' }).apply(bn) as tfl.SymbolicTensor;
  const b = L.separableConv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(
    bn,
  ) as tfl.SymbolicTensor;
  const c = L.averagePooling2d({ poolSize: 3, strides: 1, padding: 'same' }).apply(bn) as tfl.SymbolicTensor;
  const d = L.depthwiseConv2d({ kernelSize: 3, padding: 'same', activation: 'relu' }).apply(bn) as tfl.SymbolicTensor;
  const merged = L.concatenate().apply([a, b, c, d]) as tfl.SymbolicTensor;
  const pooled = L.maxPooling2d({ poolSize: 2 }).apply(merged) as tfl.SymbolicTensor;
  const conv = L.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }).apply(pooled) as tfl.SymbolicTensor;
  const gap = L.globalAveragePooling2d({}).apply(conv) as tfl.SymbolicTensor;
  const out = L.dense({ units: 10, activation: 'softmax' }).apply(gap) as tfl.SymbolicTensor;
  const m = tfl.model({ inputs: input, outputs: out });
  m.compile({ optimizer: tf.train.adam(), loss: 'sparseCategoricalCrossentropy' });
  return m;
}

function residual(): tfl.LayersModel {
  const input = tfl.input({ shape: [32, 32, 3] });
  const stem = L.conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(
    input,
  ) as tfl.SymbolicTensor;
  let x = L.conv2d({ filters: 16, kernelSize: 3, padding: 'same' }).apply(stem) as tfl.SymbolicTensor;
  x = L.batchNormalization().apply(x) as tfl.SymbolicTensor;
  x = L.reLU().apply(x) as tfl.SymbolicTensor;
  x = L.conv2d({ filters: 16, kernelSize: 3, padding: 'same' }).apply(x) as tfl.SymbolicTensor;
  x = L.batchNormalization().apply(x) as tfl.SymbolicTensor;
  x = L.add().apply([stem, x]) as tfl.SymbolicTensor;
  x = L.activation({ activation: 'relu' }).apply(x) as tfl.SymbolicTensor;
  x = L.globalAveragePooling2d({}).apply(x) as tfl.SymbolicTensor;
  const out = L.dense({ units: 10, activation: 'softmax' }).apply(x) as tfl.SymbolicTensor;
  const m = tfl.model({ inputs: input, outputs: out });
  m.compile({ optimizer: tf.train.momentum(0.01, 0.9), loss: 'sparseCategoricalCrossentropy' });
  return m;
}

function autoencoder(): tfl.LayersModel {
  const m = tfl.sequential({
    layers: [
      L.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
      L.zeroPadding2d({ padding: 1 }),
      L.cropping2D({ cropping: 1 }),
      L.conv2dTranspose({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
      L.maxPooling2d({ poolSize: 2 }),
      L.upSampling2d({ size: [2, 2] }),
      L.conv2d({ filters: 1, kernelSize: 3, padding: 'same', activation: 'sigmoid' }),
    ],
  });
  m.compile({ optimizer: tf.train.rmsprop(0.001), loss: 'meanSquaredError' });
  return m;
}

export const FAMILIES: Family[] = [
  {
    name: 'seed CNN',
    model: () =>
      classifier([
        L.conv2d({ inputShape: [32, 32, 3], filters: 32, kernelSize: 3, activation: 'relu' }),
        L.maxPooling2d({ poolSize: 2 }),
        L.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
        L.maxPooling2d({ poolSize: 2 }),
        L.flatten(),
        L.dense({ units: 64, activation: 'relu' }),
        L.dense({ units: 10, activation: 'softmax' }),
      ]),
    batch: (n) => images(n, [32, 32, 3], 10),
  },
  {
    name: 'MLP',
    model: () =>
      classifier([
        L.flatten({ inputShape: [28, 28, 1] }),
        L.dense({ units: 128, activation: 'relu' }),
        L.dropout({ rate: 0.2 }),
        L.layerNormalization(),
        L.dense({ units: 10, activation: 'softmax' }),
      ]),
    batch: (n) => images(n, [28, 28, 1], 10),
  },
  { name: 'residual CNN + batch norm', model: residual, batch: (n) => images(n, [32, 32, 3], 10) },
  {
    name: 'MobileNet-style',
    model: () =>
      classifier([
        L.conv2d({ inputShape: [32, 32, 3], filters: 16, kernelSize: 3, strides: 2, padding: 'same', useBias: false }),
        L.batchNormalization(),
        L.reLU({ maxValue: 6 }),
        L.depthwiseConv2d({ kernelSize: 3, padding: 'same', useBias: false }),
        L.batchNormalization(),
        L.reLU({ maxValue: 6 }),
        L.conv2d({ filters: 32, kernelSize: 1, useBias: false }),
        L.batchNormalization(),
        L.reLU({ maxValue: 6 }),
        L.depthwiseConv2d({ kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 2 }),
        L.reLU(),
        L.separableConv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }),
        L.globalAveragePooling2d({}),
        L.dense({ units: 10, activation: 'softmax' }),
      ]),
    batch: (n) => images(n, [32, 32, 3], 10),
  },
  { name: 'inception-style', model: inception, batch: (n) => images(n, [32, 32, 3], 10) },
  {
    name: 'embedding + conv1d',
    model: () =>
      classifier(
        [
          L.embedding({ inputDim: 1000, outputDim: 16, inputLength: 40 }),
          L.conv1d({ filters: 32, kernelSize: 5, activation: 'relu' }),
          L.maxPooling1d({ poolSize: 2 }),
          L.conv1d({ filters: 32, kernelSize: 3, activation: 'relu' }),
          L.globalMaxPooling1d({}),
          L.dense({ units: 2, activation: 'softmax' }),
        ],
        tf.train.adam(),
      ),
    batch: (n) => tokens(n, 40, 1000),
  },
  {
    name: 'LSTM',
    model: () =>
      classifier([
        L.embedding({ inputDim: 1000, outputDim: 16, inputLength: 20 }),
        L.lstm({ units: 32, recurrentInitializer: 'glorotUniform' }),
        L.dense({ units: 2, activation: 'softmax' }),
      ]),
    batch: (n) => tokens(n, 20, 1000),
  },
  {
    name: 'GRU + simpleRNN',
    model: () =>
      classifier(
        [
          L.embedding({ inputDim: 1000, outputDim: 16, inputLength: 20 }),
          L.gru({ units: 32, returnSequences: true, recurrentInitializer: 'glorotUniform' }),
          L.simpleRNN({ units: 16, recurrentInitializer: 'glorotUniform' }),
          L.dense({ units: 2, activation: 'softmax' }),
        ],
        tf.train.rmsprop(0.001),
      ),
    batch: (n) => tokens(n, 20, 1000),
  },
  {
    name: 'conv2dTranspose/upsampling autoencoder',
    model: autoencoder,
    batch: (n) => {
      const x = tf.randomUniform([n, 28, 28, 1]);
      return [x, x.clone()];
    },
  },
];
