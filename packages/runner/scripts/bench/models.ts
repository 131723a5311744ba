// The benchmarked model families, as experiment specs (the language itself), and what their input looks like.
// bench_torch.py holds the PyTorch twin of each (same shapes, same batch): the two must change together.
export interface BenchModel {
  /** The spec's `model.layers`, as YAML lines. */
  layers: string;
  /** One sample's shape. */
  inputShape: number[];
  /** `tokens`: integer ids below `vocabulary` (embedding input); `floats`: uniform in [0, 1). */
  input: { kind: 'floats' } | { kind: 'tokens'; vocabulary: number };
}

const IMAGE = [32, 32, 3];
const floats = { kind: 'floats' } as const;

export const BENCH_MODELS = {
  // The seed CNN: TensorFlow's CNN tutorial.
  cnn: {
    inputShape: IMAGE,
    input: floats,
    layers: `
    - { type: conv2d, filters: 32, kernelSize: 3, activation: relu }
    - { type: maxPooling2d, poolSize: 2 }
    - { type: conv2d, filters: 64, kernelSize: 3, activation: relu }
    - { type: maxPooling2d, poolSize: 2 }
    - { type: flatten }
    - { type: dense, units: 64, activation: relu }
    - { type: dense, units: 10, activation: softmax }`,
  },
  mlp: {
    inputShape: IMAGE,
    input: floats,
    layers: `
    - { type: flatten }
    - { type: dense, units: 512, activation: relu }
    - { type: dense, units: 256, activation: relu }
    - { type: dense, units: 10, activation: softmax }`,
  },
  // A residual block with batch norm, as in ResNet: conv-bn-relu, conv-bn, add the skip, relu.
  resnet: {
    inputShape: IMAGE,
    input: floats,
    layers: `
    - { type: conv2d, filters: 32, kernelSize: 3, padding: same, useBias: false }
    - { type: batchNormalization }
    - { type: activation, name: stem, activation: relu }
    - { type: conv2d, filters: 32, kernelSize: 3, padding: same, useBias: false }
    - { type: batchNormalization }
    - { type: activation, activation: relu }
    - { type: conv2d, filters: 32, kernelSize: 3, padding: same, useBias: false }
    - { type: batchNormalization, name: branch }
    - { type: add, inputs: [stem, branch] }
    - { type: activation, activation: relu }
    - { type: maxPooling2d, poolSize: 2 }
    - { type: conv2d, filters: 64, kernelSize: 3, padding: same, activation: relu }
    - { type: globalAveragePooling2d }
    - { type: dense, units: 10, activation: softmax }`,
  },
  // MobileNet-style: a strided stem, a depthwise + pointwise pair, separable convolutions.
  mobilenet: {
    inputShape: IMAGE,
    input: floats,
    layers: `
    - { type: conv2d, filters: 32, kernelSize: 3, strides: 2, padding: same, activation: relu }
    - { type: depthwiseConv2d, kernelSize: 3, padding: same, activation: relu }
    - { type: conv2d, filters: 64, kernelSize: 1, activation: relu }
    - { type: separableConv2d, filters: 128, kernelSize: 3, strides: 2, padding: same, activation: relu }
    - { type: separableConv2d, filters: 128, kernelSize: 3, padding: same, activation: relu }
    - { type: globalAveragePooling2d }
    - { type: dense, units: 10, activation: softmax }`,
  },
  // An inception-style block: 1×1, 1×1→3×3 and 3×3/1 average-pool→1×1 branches, concatenated.
  inception: {
    inputShape: IMAGE,
    input: floats,
    layers: `
    - { type: conv2d, filters: 32, kernelSize: 3, padding: same, activation: relu }
    - { type: maxPooling2d, name: pool, poolSize: 2 }
    - { type: conv2d, name: one, filters: 16, kernelSize: 1, activation: relu }
    - { type: conv2d, filters: 16, kernelSize: 1, activation: relu, inputs: pool }
    - { type: conv2d, name: three, filters: 24, kernelSize: 3, padding: same, activation: relu }
    - { type: averagePooling2d, poolSize: 3, strides: 1, padding: same, inputs: pool }
    - { type: conv2d, name: pooled, filters: 16, kernelSize: 1, activation: relu }
    - { type: concatenate, inputs: [one, three, pooled] }
    - { type: maxPooling2d, poolSize: 2 }
    - { type: globalAveragePooling2d }
    - { type: dense, units: 10, activation: softmax }`,
  },
  // A text classifier: token ids → embedding → two 1-D convolutions → max over time.
  text: {
    inputShape: [64],
    input: { kind: 'tokens', vocabulary: 1000 },
    layers: `
    - { type: embedding, inputDim: 1000, outputDim: 32 }
    - { type: conv1d, filters: 64, kernelSize: 5, activation: relu }
    - { type: maxPooling1d, poolSize: 2 }
    - { type: conv1d, filters: 64, kernelSize: 5, activation: relu }
    - { type: globalMaxPooling1d }
    - { type: dense, units: 10, activation: softmax }`,
  },
  // Sequence models over 32 steps of 32 features.
  lstm: {
    inputShape: [32, 32],
    input: floats,
    layers: `
    - { type: lstm, units: 64 }
    - { type: dense, units: 10, activation: softmax }`,
  },
  gru: {
    inputShape: [32, 32],
    input: floats,
    layers: `
    - { type: gru, units: 64 }
    - { type: dense, units: 10, activation: softmax }`,
  },
  // An encoder-decoder (two strided convolutions down, conv2dTranspose and upSampling2d back up to 32×32×3) with a
  // classifier head: the loop trains on class labels, so the decoder's output is pooled rather than compared to x.
  autoencoder: {
    inputShape: IMAGE,
    input: floats,
    layers: `
    - { type: conv2d, filters: 32, kernelSize: 3, strides: 2, padding: same, activation: relu }
    - { type: conv2d, filters: 64, kernelSize: 3, strides: 2, padding: same, activation: relu }
    - { type: conv2dTranspose, filters: 32, kernelSize: 3, strides: 2, padding: same, activation: relu }
    - { type: upSampling2d, size: [2, 2] }
    - { type: conv2d, filters: 3, kernelSize: 3, padding: same, activation: sigmoid }
    - { type: flatten }
    - { type: dense, units: 10, activation: softmax }`,
  },
} as const satisfies Record<string, BenchModel>;

export type BenchModelName = keyof typeof BENCH_MODELS;
export const BENCH_MODEL_NAMES = Object.keys(BENCH_MODELS) as BenchModelName[];

/** The spec the bench compiles: `backend` and `workers` as the configuration asks, everything else default. */
export function benchSpec(model: BenchModelName, workers: number | 'auto'): string {
  return `name: bench
data: { dataset: cifar10 }
model:
  layers:${BENCH_MODELS[model].layers}
training: { optimizer: adam, workers: ${workers} }
`;
}

/** `count` random samples of the model's input, and class labels. */
export function randomBatch(model: BenchModelName, count: number): { x: Float32Array; y: Int32Array; size: number } {
  const { inputShape, input } = BENCH_MODELS[model] as BenchModel;
  const length = count * inputShape.reduce((a, b) => a * b, 1);
  const draw = input.kind === 'tokens' ? () => Math.floor(Math.random() * input.vocabulary) : Math.random;
  return {
    x: Float32Array.from({ length }, draw),
    y: Int32Array.from({ length: count }, () => Math.floor(Math.random() * 10)),
    size: count,
  };
}
