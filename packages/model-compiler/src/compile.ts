// Validated spec + dataset shape → a tfjs-layers model and what training needs to compile it.
import type * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { isGraphModel, LOSSES, MODEL_INPUT, resolveGraph, type LayerSpec, type Spec } from '@tfyaml/spec-schema';
import { registerChainedOps } from './chained-ops.ts';
import { ModelError } from './errors.ts';
import { layerConfig } from './layer-args.ts';
import { labelEncoding, lossFunction, type LabelEncoding } from './losses.ts';
import { metricFunction } from './metrics.ts';
import { isFusedConvType, registerFusedConvLayers } from './conv/fused-layer.ts';
import { createOptimizer } from './optimizer.ts';
import { isRecurrentKind, registerFusedRecurrentLayers } from './recurrent/fused-layers.ts';
import { registerLayerClasses } from './register-classes.ts';

export interface CompileTarget {
  /** One sample's shape, e.g. [32, 32, 3]. */
  inputShape: number[];
  numClasses: number;
}

export interface CompiledModel {
  model: tfl.LayersModel;
  optimizer: tf.Optimizer;
  /** How batches must present labels to this model's loss. */
  labels: LabelEncoding;
  /** Metric names in the order trainOnBatch/evaluate report them (after the loss). */
  metricNames: string[];
}

type LayerFactory = (config: Record<string, unknown>) => tfl.layers.Layer;

export function compileModel(spec: Spec, target: CompileTarget): CompiledModel {
  registerChainedOps();
  registerLayerClasses();
  checkInputShape(spec, target);
  const model = isGraphModel(spec.model.layers) ? graphModel(spec, target) : stackModel(spec, target);
  checkOutput(spec, model, target);
  const optimizer = createOptimizer(spec.training.optimizer);
  const labels = labelEncoding(spec.training.loss, target.numClasses);
  const units = model.outputs[0]!.shape.at(-1) ?? 1;
  model.compile({
    optimizer,
    loss: lossFunction(spec.training.loss),
    metrics: spec.training.metrics.map((name) => metricFunction(name, labels, units)),
  });
  return { model, optimizer, labels, metricNames: spec.training.metrics };
}

/** A plain list of layers: a Sequential model, as Keras would build it. */
function stackModel(spec: Spec, target: CompileTarget): tfl.LayersModel {
  const model = tfl.sequential();
  spec.model.layers.forEach((layer, i) => {
    const config = layerConfig(layer, i);
    if (i === 0 && config['inputShape'] === undefined)
      config['inputShape'] = spec.model.inputShape ?? target.inputShape;
    const incoming = i === 0 ? [null, ...(config['inputShape'] as number[])] : model.outputs[0]!.shape;
    guard(layer, i, [incoming], () => model.add(createLayer(layer, config)));
    checkNotEmpty(layer, i, [incoming], model.outputs[0]!.shape);
  });
  return model;
}

/** Layers with `inputs:`: the functional API, applying each layer once its inputs exist. */
function graphModel(spec: Spec, target: CompileTarget): tfl.LayersModel {
  const { graph } = resolveGraph(spec.model.layers);
  if (!graph) throw new Error('compileModel: the layer graph must be checked by loadSpec first');
  const input = tfl.input({ shape: spec.model.inputShape ?? target.inputShape, name: MODEL_INPUT });
  const outputs: tfl.SymbolicTensor[] = [];
  for (const i of graph.order) {
    const layer = spec.model.layers[i]!;
    const { inputs: _inputs, inputShape: _inputShape, ...config } = layerConfig(layer, i);
    const incoming = graph.inputsOf[i]!.map((source) => (source === MODEL_INPUT ? input : outputs[source]!));
    const shapes = incoming.map((t) => t.shape);
    outputs[i] = guard(
      layer,
      i,
      shapes,
      () => createLayer(layer, config).apply(incoming.length === 1 ? incoming[0]! : incoming) as tfl.SymbolicTensor,
    );
    checkNotEmpty(layer, i, shapes, outputs[i]!.shape);
  }
  return tfl.model({ inputs: input, outputs: outputs[graph.output]! });
}

function createLayer(layer: LayerSpec, config: Record<string, unknown>): tfl.layers.Layer {
  const factory = (tfl.layers as unknown as Record<string, LayerFactory>)[layer.type];
  if (!factory) throw new Error(`compileModel: tfjs has no layer "${layer.type}"`);
  if (layer.type === 'bidirectional') {
    const inner = config['layer'] as LayerSpec;
    return factory({ ...config, layer: createLayer(inner, layerConfig(inner, 0, `${String(config['name'])}_inner`)) });
  }
  if (isRecurrentKind(layer.type)) return new (registerFusedRecurrentLayers()[layer.type])(config);
  if (isFusedConvType(layer.type)) return new (registerFusedConvLayers()[layer.type])(config);
  return factory(config);
}

/** tfjs reports shape problems as exceptions while a layer is added: blame the layer, with the shapes it got. */
function guard<T>(layer: LayerSpec, index: number, shapes: (number | null)[][], add: () => T): T {
  try {
    return add();
  } catch (error) {
    const got =
      shapes.length === 1
        ? `an input of shape ${JSON.stringify(shapes[0])}`
        : `inputs of shapes ${shapes.map((s) => JSON.stringify(s)).join(', ')}`;
    throw new ModelError(
      `model.layers[${index}]`,
      `tfjs cannot build this ${layer.type} layer on ${got}: ${(error as Error).message}`,
      "check this layer's arguments against the shapes it receives (e.g. add a flatten before dense, match shapes before add, or reduce kernelSize/poolSize)",
      { cause: error },
    );
  }
}

function checkNotEmpty(
  layer: LayerSpec,
  index: number,
  shapes: (number | null)[][],
  outgoing: (number | null)[],
): void {
  if (outgoing.some((dim) => dim !== null && dim <= 0)) {
    throw new ModelError(
      `model.layers[${index}]`,
      `this ${layer.type} layer turns ${JSON.stringify(shapes[0])} into an empty output ${JSON.stringify(outgoing)}`,
      'use a smaller kernelSize/poolSize or strides, or padding: same',
    );
  }
}

/** Batches carry the dataset's sample shape; an input shape written in the spec must be that shape. */
function checkInputShape(spec: Spec, target: CompileTarget): void {
  const written: [string, unknown][] = [
    ['model.inputShape', spec.model.inputShape],
    ['model.layers[0].inputShape', spec.model.layers[0]!['inputShape']],
  ];
  for (const [path, shape] of written) {
    if (shape !== undefined && JSON.stringify(shape) !== JSON.stringify(target.inputShape)) {
      throw new ModelError(
        path,
        `is ${JSON.stringify(shape)}, but the dataset's samples have shape ${JSON.stringify(target.inputShape)}`,
        'remove it (the input shape comes from the dataset), or reshape inside the model with a reshape layer',
      );
    }
  }
}

/** Catch a last layer that does not match the labels before training starts, with the fix. */
function checkOutput(spec: Spec, model: tfl.LayersModel, target: CompileTarget): void {
  const shape = model.outputs[0]!.shape;
  switch (LOSSES[spec.training.loss.type].output) {
    case 'classScores':
      return checkClassScores(spec, shape, target);
    case 'positiveScore':
      return checkPositiveScore(spec, shape, target);
    case 'values':
      return;
  }
}

function checkClassScores(spec: Spec, shape: (number | null)[], target: CompileTarget): void {
  const last = spec.model.layers.length - 1;
  if (shape.length !== 2) {
    throw new ModelError(
      `model.layers[${last}]`,
      `the model outputs shape ${JSON.stringify(shape)}, but ${spec.training.loss.type} needs one score per class: [null, ${target.numClasses}]`,
      'add a flatten (or global pooling) layer and end with a dense layer',
    );
  }
  if (shape[1] !== target.numClasses) {
    throw new ModelError(
      unitsPath(spec),
      `the last layer outputs ${shape[1]} values, but the dataset has ${target.numClasses} classes`,
      `set units: ${target.numClasses} on the last dense layer`,
    );
  }
}

/** One score per record, the probability of class 1, read against 0/1 labels: two classes and one output unit. */
function checkPositiveScore(spec: Spec, shape: (number | null)[], target: CompileTarget): void {
  const loss = spec.training.loss.type;
  if (target.numClasses !== 2) {
    throw new ModelError(
      'training.loss',
      `${loss} scores two classes (labels 0 and 1), but the dataset has ${target.numClasses} classes`,
      `use loss: sparseCategoricalCrossentropy with a last dense layer of units: ${target.numClasses} and activation: softmax`,
    );
  }
  if (shape.length !== 2 || shape[1] !== 1) {
    throw new ModelError(
      unitsPath(spec),
      `the model outputs shape ${JSON.stringify(shape)}, but ${loss} needs one score per record, the probability of class 1: [null, 1]`,
      'end with a dense layer of units: 1 and activation: sigmoid (add a flatten or global pooling layer before it if needed)',
    );
  }
}

/** The last layer's `units` when it has one, else the layer itself. */
function unitsPath(spec: Spec): string {
  const last = spec.model.layers.length - 1;
  return spec.model.layers[last]!['units'] !== undefined ? `model.layers[${last}].units` : `model.layers[${last}]`;
}
