// How much memory training a spec's model takes, estimated from the spec alone: tfjs-layers allocates a layer's
// weights when it builds it, so `filters: 100000000` must be refused before compileModel, not found out by swapping.
// Shapes come from each layer's computeOutputShape (constructing a layer allocates nothing); parameter counts from
// one rule per layer type, which the tests hold equal to tfjs's own countParams().
import { totalmem } from 'node:os';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  formatBytes,
  isGraphModel,
  MODEL_INPUT,
  parseByteSize,
  resolveGraph,
  type LayerSpec,
  type LayerType,
  type OptimizerName,
  type Spec,
} from '@tfyaml/spec-schema';
import type { CompileTarget } from './compile.ts';
import { ModelError } from './errors.ts';
import { layerConfig } from './layer-args.ts';

type Shape = (number | null)[];
interface ParamCount {
  trainable: number;
  fixed: number;
}
type ParamRule = (layer: LayerSpec, input: Shape) => ParamCount;

export interface MemoryEstimate {
  params: number;
  trainableParams: number;
  /** Floats every layer outputs for one sample, all kept for the backward pass. */
  activationsPerSample: number;
  batchSize: number;
  /** Values the optimizer keeps per trainable weight (adam: 2). */
  optimizerSlots: number;
  /** Weights, plus gradients and optimizer slots for the trainable ones, as float32. */
  weightBytes: number;
  /** One batch of activations, as float32. */
  activationBytes: number;
  bytes: number;
  /** The index of the layer with the most parameters and activations: the one to shrink. */
  heaviestLayer: number;
}

const FLOAT_BYTES = 4;

/** Per-weight state each optimizer keeps (tfjs-core's optimizers; AdamW is ours, with Adam's two moments; centered
 * rmsprop, which would keep a third, is refused by a rule). */
const OPTIMIZER_SLOTS: Record<OptimizerName, number> = {
  sgd: 0,
  momentum: 1,
  adam: 2,
  adamw: 2,
  adamax: 2,
  rmsprop: 2,
  adagrad: 1,
  adadelta: 2,
};

/** Undefined when a layer cannot take its input: compileModel then reports that, with the layer's spec path. */
export function estimateMemory(spec: Spec, target: CompileTarget): MemoryEstimate | undefined {
  let layers: { params: ParamCount; activations: number }[];
  try {
    layers = layerCosts(spec, target);
  } catch {
    return undefined;
  }
  const optimizerSlots = OPTIMIZER_SLOTS[spec.training.optimizer.type];
  const trainableParams = sum(layers.map((l) => l.params.trainable));
  const params = trainableParams + sum(layers.map((l) => l.params.fixed));
  const activationsPerSample = product(target.inputShape) + sum(layers.map((l) => l.activations));
  const batchSize = spec.training.batchSize;
  const weightBytes = (params + trainableParams * (1 + optimizerSlots)) * FLOAT_BYTES;
  const activationBytes = activationsPerSample * batchSize * FLOAT_BYTES;
  const cost = (l: (typeof layers)[number]) => l.params.trainable + l.params.fixed + l.activations * batchSize;
  const heaviestLayer = layers.reduce((best, l, i) => (cost(l) > cost(layers[best]!) ? i : best), 0);
  return {
    params,
    trainableParams,
    activationsPerSample,
    batchSize,
    optimizerSlots,
    weightBytes,
    activationBytes,
    bytes: weightBytes + activationBytes,
    heaviestLayer,
  };
}

/** Refuses, naming the numbers, a model whose estimate exceeds `training.maxMemory` or else this machine's memory. */
export function checkMemory(spec: Spec, target: CompileTarget, machineBytes = totalmem()): MemoryEstimate | undefined {
  const estimate = estimateMemory(spec, target);
  const limit = spec.training.maxMemory === undefined ? machineBytes : parseByteSize(spec.training.maxMemory);
  if (!estimate || estimate.bytes <= limit) return estimate;
  const { params, optimizerSlots, weightBytes, activationBytes, batchSize, bytes } = estimate;
  const optimizer = spec.training.optimizer.type;
  const kept =
    optimizerSlots === 0
      ? 'weights and gradients'
      : `weights, gradients and ${optimizer}'s ${optimizerSlots} slot${optimizerSlots === 1 ? '' : 's'}`;
  const against =
    spec.training.maxMemory === undefined
      ? `the ${formatBytes(limit)} this machine has`
      : `training.maxMemory (${formatBytes(limit)})`;
  const count = (n: number) => n.toLocaleString('en-US');
  throw new ModelError(
    `model.layers[${estimate.heaviestLayer}]`,
    `training this model needs about ${formatBytes(bytes)} (${count(bytes)} bytes), more than ${against}: ` +
      `${count(params)} parameters (${kept}: ${formatBytes(weightBytes)}) ` +
      `and the activations of one batch of ${batchSize} (${formatBytes(activationBytes)})`,
    'make this layer smaller or lower training.batchSize; if it does fit, raise training.maxMemory (e.g. maxMemory: 64GB)',
  );
}

/** Each layer's parameters and output size, walking the layers as compileModel will connect them. */
function layerCosts(spec: Spec, target: CompileTarget): { params: ParamCount; activations: number }[] {
  const input: Shape = [null, ...(spec.model.inputShape ?? target.inputShape)];
  const layers = spec.model.layers;
  const graph = isGraphModel(layers) ? resolveGraph(layers).graph : undefined;
  const order = graph?.order ?? layers.map((_, i) => i);
  const outputs: Shape[] = [];
  const costs: { params: ParamCount; activations: number }[] = [];
  for (const i of order) {
    const layer = layers[i]!;
    const shapes = graph
      ? graph.inputsOf[i]!.map((source) => (source === MODEL_INPUT ? input : outputs[source]!))
      : [i === 0 ? input : outputs[i - 1]!];
    outputs[i] = outputShape(layer, i, shapes);
    if (outputs[i]!.some((dim) => dim !== null && dim <= 0))
      throw new Error('an empty output: compileModel says which layer');
    costs[i] = {
      params: countParams(layer, shapes[0]!),
      activations: product(outputs[i]!) + recurrentState(layer, shapes[0]!),
    };
  }
  return costs;
}

function outputShape(layer: LayerSpec, index: number, shapes: Shape[]): Shape {
  const { inputs: _inputs, inputShape: _inputShape, ...config } = layerConfig(layer, index);
  return constructLayer(layer, config).computeOutputShape(shapes.length === 1 ? shapes[0]! : shapes) as Shape;
}

function constructLayer(layer: LayerSpec, config: Record<string, unknown>): tfl.layers.Layer {
  const factory = (tfl.layers as unknown as Record<string, (c: Record<string, unknown>) => tfl.layers.Layer>)[
    layer.type
  ]!;
  if (layer.type !== 'bidirectional') return factory(config);
  const inner = config['layer'] as LayerSpec;
  return factory({ ...config, layer: constructLayer(inner, layerConfig(inner, 0, `${String(config['name'])}_inner`)) });
}

/** Floats a recurrent layer keeps per sample for backpropagation through time: each step's state and gates. */
function recurrentState(layer: LayerSpec, input: Shape): number {
  const gates = RECURRENT_GATES[layer.type as keyof typeof RECURRENT_GATES];
  if (gates !== undefined) return (input[1] ?? 1) * num(layer['units']) * gates;
  if (layer.type === 'bidirectional') return 2 * recurrentState(layer['layer'] as LayerSpec, input);
  return 0;
}

const RECURRENT_GATES = { simpleRNN: 1, gru: 3, lstm: 4 } as const;

function countParams(layer: LayerSpec, input: Shape): ParamCount {
  const count = PARAMS[layer.type](layer, input);
  return layer['trainable'] === false ? { trainable: 0, fixed: count.trainable + count.fixed } : count;
}

// ---------------------------------------------------------------------------------------------------------------
// Parameters per layer type (Keras' formulas, as tfjs-layers 4.22 creates the weights)

const none: ParamRule = () => ({ trainable: 0, fixed: 0 });
const trainable = (n: number): ParamCount => ({ trainable: n, fixed: 0 });
const num = (value: unknown, fallback = 0): number => (typeof value === 'number' ? value : fallback);
const bias = (layer: LayerSpec, n: number): number => (layer['useBias'] === false ? 0 : n);
/** Taps of a convolution window: `3` is 3×3 in 2-D, `[3, 5]` is 15; 1-D windows are one number. */
const windowArea = (size: unknown, dims: 1 | 2): number =>
  Array.isArray(size) ? product(size as number[]) : num(size) ** dims;
const channels = (layer: LayerSpec, input: Shape): number =>
  num(layer['dataFormat'] === 'channelsFirst' ? input[1] : input.at(-1));
const axisSize = (layer: LayerSpec, input: Shape): number => num(input.at(num(layer['axis'], -1)));

const conv =
  (dims: 1 | 2): ParamRule =>
  (layer, input) => {
    const filters = num(layer['filters']);
    return trainable(windowArea(layer['kernelSize'], dims) * channels(layer, input) * filters + bias(layer, filters));
  };

const recurrent =
  (gates: number): ParamRule =>
  (layer, input) => {
    const units = num(layer['units']);
    return trainable(gates * (num(input.at(-1)) * units + units * units + bias(layer, units)));
  };

const PARAMS: Record<LayerType, ParamRule> = {
  dense: (layer, input) => trainable(num(input.at(-1)) * num(layer['units']) + bias(layer, num(layer['units']))),
  conv1d: conv(1),
  conv2d: conv(2),
  conv2dTranspose: conv(2),
  depthwiseConv2d: (layer, input) => {
    const depth = channels(layer, input) * num(layer['depthMultiplier'], 1);
    return trainable(windowArea(layer['kernelSize'], 2) * depth + bias(layer, depth));
  },
  separableConv2d: (layer, input) => {
    const depth = channels(layer, input) * num(layer['depthMultiplier'], 1);
    const filters = num(layer['filters']);
    return trainable(windowArea(layer['kernelSize'], 2) * depth + depth * filters + bias(layer, filters));
  },
  batchNormalization: (layer, input) => {
    const size = axisSize(layer, input);
    // gamma and beta learn; the moving mean and variance are updated, not trained.
    return {
      trainable: size * ((layer['center'] === false ? 0 : 1) + (layer['scale'] === false ? 0 : 1)),
      fixed: 2 * size,
    };
  },
  layerNormalization: (layer, input) =>
    trainable(axisSize(layer, input) * ((layer['center'] === false ? 0 : 1) + (layer['scale'] === false ? 0 : 1))),
  embedding: (layer) => trainable(num(layer['inputDim']) * num(layer['outputDim'])),
  simpleRNN: recurrent(1),
  gru: recurrent(3),
  lstm: recurrent(4),
  bidirectional: (layer, input) => {
    const inner = countParams(layer['layer'] as LayerSpec, input);
    return { trainable: 2 * inner.trainable, fixed: 2 * inner.fixed };
  },
  prelu: (layer, input) => {
    const shared = (layer['sharedAxes'] as number[] | undefined) ?? [];
    return trainable(product(input.slice(1).map((dim, i) => (shared.includes(i + 1) ? 1 : num(dim)))));
  },
  maxPooling1d: none,
  maxPooling2d: none,
  averagePooling1d: none,
  averagePooling2d: none,
  globalMaxPooling1d: none,
  globalMaxPooling2d: none,
  globalAveragePooling1d: none,
  globalAveragePooling2d: none,
  dropout: none,
  spatialDropout1d: none,
  gaussianNoise: none,
  gaussianDropout: none,
  alphaDropout: none,
  flatten: none,
  reshape: none,
  permute: none,
  repeatVector: none,
  activation: none,
  reLU: none,
  leakyReLU: none,
  elu: none,
  softmax: none,
  zeroPadding2d: none,
  cropping2D: none,
  upSampling2d: none,
  add: none,
  multiply: none,
  average: none,
  maximum: none,
  minimum: none,
  concatenate: none,
  dot: none,
};

function product(values: readonly (number | null)[]): number {
  return values.reduce<number>((a, b) => a * (b ?? 1), 1);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
