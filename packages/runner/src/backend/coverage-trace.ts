// Which tfjs kernels a training step runs, per layer type and per optimizer of the experiment language: a tiny model
// per layer type (the layer, then flatten and a softmax dense head), compiled from a spec like any experiment and
// trained one step on the cpu backend with tfjs's kernel profiling on, and again on native, which runs other kernels
// for some rows (fused recurrent layers, fused optimizer updates). Forward and backward passes are recorded per layer;
// the optimizer's update per optimizer, so a step's kernels are its layers' rows plus its optimizer's row.
import * as tf from '@tensorflow/tfjs-core';
import { compileModel } from '@tfyaml/model-compiler';
import { NATIVE_BACKEND, NativeUnavailableError, registerNativeBackend } from '@tfyaml/native-kernels';
import { LAYER_TYPES, OPTIMIZER_NAMES, loadSpecText, type LayerType, type OptimizerName } from '@tfyaml/spec-schema';
import { applyGradients, shardGradients } from '../train/gradients.ts';
import { batchTensors } from '../train/tensors.ts';

interface TraceCase {
  input: number[];
  layers: string[];
  /** The layers end in one vector per sample: the head needs no flatten (tfjs' flatten refuses rank 2). */
  flat?: boolean;
  tokens?: boolean;
}

const IMAGE = [5, 5, 2];
const SEQUENCE = [4, 3];
const VECTOR = [4];
const one = (input: number[], layer: string): TraceCase => ({ input, layers: [layer] });
const flat = (input: number[], layer: string): TraceCase => ({ input, layers: [layer], flat: true });
/** Two dense branches of the input, merged: how a merge layer meets its inputs in a graph model. */
const merge = (layer: string): TraceCase => ({
  input: VECTOR,
  flat: true,
  layers: [
    '{ type: dense, name: left, units: 3 }',
    '{ type: dense, name: right, units: 3, inputs: input }',
    layer.replace('}', ', inputs: [left, right] }'),
  ],
});

/** One small use of every layer type; typed by LayerType, so a type added to the language must get a case here. */
export const LAYER_CASES: Record<LayerType, TraceCase> = {
  dense: flat(VECTOR, '{ type: dense, units: 3, activation: relu }'),
  conv1d: one(SEQUENCE, '{ type: conv1d, filters: 2, kernelSize: 2, activation: relu }'),
  conv2d: one(IMAGE, '{ type: conv2d, filters: 2, kernelSize: 3, activation: relu }'),
  conv2dTranspose: one(IMAGE, '{ type: conv2dTranspose, filters: 2, kernelSize: 3, strides: 2, padding: same }'),
  depthwiseConv2d: one(IMAGE, '{ type: depthwiseConv2d, kernelSize: 3, padding: same }'),
  separableConv2d: one(IMAGE, '{ type: separableConv2d, filters: 2, kernelSize: 3, padding: same }'),
  maxPooling1d: one(SEQUENCE, '{ type: maxPooling1d, poolSize: 2 }'),
  maxPooling2d: one(IMAGE, '{ type: maxPooling2d, poolSize: 2 }'),
  averagePooling1d: one(SEQUENCE, '{ type: averagePooling1d, poolSize: 2 }'),
  averagePooling2d: one(IMAGE, '{ type: averagePooling2d, poolSize: 3, strides: 1, padding: same }'),
  globalMaxPooling1d: flat(SEQUENCE, '{ type: globalMaxPooling1d }'),
  globalMaxPooling2d: flat(IMAGE, '{ type: globalMaxPooling2d }'),
  globalAveragePooling1d: flat(SEQUENCE, '{ type: globalAveragePooling1d }'),
  globalAveragePooling2d: flat(IMAGE, '{ type: globalAveragePooling2d }'),
  batchNormalization: one(IMAGE, '{ type: batchNormalization }'),
  layerNormalization: flat(VECTOR, '{ type: layerNormalization }'),
  dropout: flat(VECTOR, '{ type: dropout, rate: 0.5 }'),
  spatialDropout1d: one(SEQUENCE, '{ type: spatialDropout1d, rate: 0.5 }'),
  gaussianNoise: flat(VECTOR, '{ type: gaussianNoise, stddev: 0.1 }'),
  gaussianDropout: flat(VECTOR, '{ type: gaussianDropout, rate: 0.5 }'),
  alphaDropout: flat(VECTOR, '{ type: alphaDropout, rate: 0.5 }'),
  flatten: flat(IMAGE, '{ type: flatten }'),
  reshape: one(VECTOR, '{ type: reshape, targetShape: [2, 2] }'),
  permute: one(SEQUENCE, '{ type: permute, dims: [2, 1] }'),
  repeatVector: one(VECTOR, '{ type: repeatVector, n: 2 }'),
  activation: flat(VECTOR, '{ type: activation, activation: tanh }'),
  reLU: flat(VECTOR, '{ type: reLU }'),
  leakyReLU: flat(VECTOR, '{ type: leakyReLU }'),
  prelu: flat(VECTOR, '{ type: prelu }'),
  elu: flat(VECTOR, '{ type: elu }'),
  softmax: flat(VECTOR, '{ type: softmax }'),
  embedding: { ...one(VECTOR, '{ type: embedding, inputDim: 10, outputDim: 3 }'), tokens: true },
  simpleRNN: flat(SEQUENCE, '{ type: simpleRNN, units: 3 }'),
  lstm: flat(SEQUENCE, '{ type: lstm, units: 3 }'),
  gru: flat(SEQUENCE, '{ type: gru, units: 3 }'),
  zeroPadding2d: one(IMAGE, '{ type: zeroPadding2d, padding: 1 }'),
  cropping2D: one(IMAGE, '{ type: cropping2D, cropping: 1 }'),
  upSampling2d: one(IMAGE, '{ type: upSampling2d, size: [2, 2] }'),
  bidirectional: flat(SEQUENCE, '{ type: bidirectional, layer: { type: lstm, units: 3 } }'),
  add: merge('{ type: add }'),
  multiply: merge('{ type: multiply }'),
  average: merge('{ type: average }'),
  maximum: merge('{ type: maximum }'),
  minimum: merge('{ type: minimum }'),
  concatenate: merge('{ type: concatenate }'),
  dot: merge('{ type: dot, axes: 1 }'),
};

/** The model whose update each optimizer row records. */
const OPTIMIZER_CASE = LAYER_CASES.dense;

export interface KernelTrace {
  /** What every traced step runs besides its layer: a dense layer, the softmax head, the loss and accuracy. */
  base: string[];
  /** Layer type → the kernels its forward and backward pass run (with the tiny head and the loss). */
  layers: Record<string, string[]>;
  /** Optimizer → the kernels one update runs. */
  optimizers: Record<string, string[]>;
  /**
   * The rows the native backend runs other kernels for (its fused recurrent layers and optimizer updates), traced on
   * native; every other row is the same there. Absent when native cannot load here.
   */
  native?: { layers: Record<string, string[]>; optimizers: Record<string, string[]> };
}

type StockTrace = Omit<KernelTrace, 'native'>;

/** coverage-trace.json's text: one line per layer type and optimizer, so a change shows as a one-line diff. */
export function formatKernelTrace(trace: KernelTrace): string {
  const block = (rows: Record<string, string[]>) =>
    Object.entries(rows)
      .map(([name, kernels]) => `    ${JSON.stringify(name)}: ${JSON.stringify(kernels)}`)
      .join(',\n');
  const native = trace.native
    ? `,\n  "native": {\n    "layers": {\n  ${block(trace.native.layers).replaceAll('\n', '\n  ')}\n    },\n    "optimizers": {\n  ${block(trace.native.optimizers).replaceAll('\n', '\n  ')}\n    }\n  }`
    : '';
  return `{\n  "base": ${JSON.stringify(trace.base)},\n  "layers": {\n${block(trace.layers)}\n  },\n  "optimizers": {\n${block(trace.optimizers)}\n  }${native}\n}\n`;
}

/**
 * Traces every layer type and optimizer on cpu, and on native where it loads (the cpu backend must be registered;
 * each is made active in turn).
 */
export async function traceKernels(): Promise<KernelTrace> {
  const stock = await traceOn('cpu');
  if (!nativeLoads()) return stock;
  const native = await traceOn(NATIVE_BACKEND);
  const differing = (stockRows: Record<string, string[]>, nativeRows: Record<string, string[]>) =>
    Object.fromEntries(
      Object.entries(nativeRows).filter(([name, kernels]) => kernels.join() !== stockRows[name]!.join()),
    );
  return {
    ...stock,
    native: {
      layers: differing(stock.layers, native.layers),
      optimizers: differing(stock.optimizers, native.optimizers),
    },
  };
}

function nativeLoads(): boolean {
  try {
    registerNativeBackend();
    return true;
  } catch (error) {
    if (error instanceof NativeUnavailableError) return false;
    throw error;
  }
}

async function traceOn(backend: string): Promise<StockTrace> {
  await tf.setBackend(backend);
  const base = (await traceStep({ input: VECTOR, layers: [], flat: true }, 'sgd')).passes;
  const layers: Record<string, string[]> = {};
  for (const type of LAYER_TYPES) layers[type] = (await traceStep(LAYER_CASES[type], 'sgd')).passes;
  const optimizers: Record<string, string[]> = {};
  for (const name of OPTIMIZER_NAMES) optimizers[name] = (await traceStep(OPTIMIZER_CASE, name)).update;
  return { base, layers, optimizers };
}

/**
 * A dense layer over the last axis (shape unchanged) before the traced one, so that the traced layer's input needs a
 * gradient, as it does anywhere but first in a model (else its backward kernel for the input, e.g. MaxPoolGrad,
 * would not run). Token ids feed an embedding first, as they must.
 */
function prefix(trace: TraceCase): string[] {
  return trace.tokens || trace.layers.length > 1 ? [] : [`{ type: dense, units: ${trace.input.at(-1)} }`];
}

async function traceStep(trace: TraceCase, optimizer: OptimizerName): Promise<{ passes: string[]; update: string[] }> {
  const spec = `name: trace
data: { dataset: synthetic }
model:
  layers:
${[...prefix(trace), ...trace.layers, ...(trace.flat ? [] : ['{ type: flatten }']), '{ type: dense, units: 2, activation: softmax }'].map((l) => `    - ${l}`).join('\n')}
training: { optimizer: ${optimizer}, loss: sparseCategoricalCrossentropy }
`;
  const compiled = compileModel(loadSpecText(spec, 'trace.yaml').spec, { inputShape: trace.input, numClasses: 2 });
  const size = 2;
  const length = size * trace.input.reduce((a, b) => a * b, 1);
  const batch = {
    x: Float32Array.from({ length }, (_, i) => (trace.tokens ? i % 10 : (i % 7) / 7)),
    y: Int32Array.from([0, 1]),
    size,
  };
  const { x, y } = batchTensors(batch, trace.input, compiled.labels);
  let grads: tf.Tensor[] = [];
  // tf.profile hands back one shared object that the next call overwrites: read each one's names at once.
  const passes = names(
    await tf.profile(async () => {
      grads = (await shardGradients(compiled.model, x, y)).grads;
    }),
  );
  const update = names(await tf.profile(() => applyGradients(compiled.optimizer, compiled.model, grads)));
  tf.dispose([x, y, ...grads]);
  compiled.model.dispose();
  compiled.optimizer.dispose();
  return { passes, update };
}

/** Kernel names only: tfjs also records custom-gradient ops (fusedMatMul__op) in a profile. */
function names(profile: { kernelNames: string[] }): string[] {
  return [...new Set(profile.kernelNames)].filter((name) => tf.getKernel(name, tf.getBackend()) !== undefined).sort();
}
