// Validated spec + dataset shape → a tfjs-layers model and what training needs to compile it.
import type * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LayerSpec, Spec } from '@tfyaml/spec-schema';
import { ModelError } from './errors.ts';
import { layerConfig } from './layer-args.ts';
import { createOptimizer } from './optimizer.ts';

export interface CompileTarget {
  /** One sample's shape, e.g. [32, 32, 3]. */
  inputShape: number[];
  numClasses: number;
}

export interface CompiledModel {
  model: tfl.LayersModel;
  optimizer: tf.Optimizer;
  loss: string;
  metrics: string[];
}

type LayerFactory = (config: Record<string, unknown>) => tfl.layers.Layer;

export function compileModel(spec: Spec, target: CompileTarget): CompiledModel {
  const model = tfl.sequential();
  spec.model.layers.forEach((layer, i) => {
    const config = layerConfig(layer);
    if (i === 0 && config['inputShape'] === undefined) config['inputShape'] = spec.model.inputShape ?? target.inputShape;
    addLayer(model, layer, config, i);
  });
  checkOutput(spec, model, target);
  const optimizer = createOptimizer(spec.training.optimizer);
  const compiled = { model, optimizer, loss: spec.training.loss, metrics: spec.training.metrics };
  model.compile(compiled);
  return compiled;
}

function addLayer(model: tfl.Sequential, layer: LayerSpec, config: Record<string, unknown>, index: number): void {
  const path = `model.layers[${index}]`;
  const factory = (tfl.layers as unknown as Record<string, LayerFactory>)[layer.type];
  if (!factory) throw new ModelError(`${path}.type`, `tfjs has no layer "${layer.type}"`);
  const incoming = index === 0 ? `[null,${String(config['inputShape'])}]` : JSON.stringify(model.outputs[0]?.shape);
  try {
    model.add(factory(config));
  } catch (error) {
    throw new ModelError(path, `tfjs cannot build this ${layer.type} layer on an input of shape ${incoming}: ${(error as Error).message}`,
      'check this layer\'s arguments against the shape it receives (e.g. add a flatten before dense, or reduce kernelSize/poolSize)', { cause: error });
  }
  const outgoing = model.outputs[0]!.shape;
  if (outgoing.some((dim) => dim !== null && dim <= 0)) {
    throw new ModelError(path, `this ${layer.type} layer turns an input of shape ${incoming} into an empty output ${JSON.stringify(outgoing)}`,
      'use a smaller kernelSize/poolSize or strides, or padding: same');
  }
}

/** Catch a last layer that does not match the labels before training starts, with the fix. */
function checkOutput(spec: Spec, model: tfl.Sequential, target: CompileTarget): void {
  const shape = model.outputs[0]!.shape;
  const last = spec.model.layers.length - 1;
  const classification = /categorical|hinge|kullback/i.test(spec.training.loss);
  if (!classification) return;
  if (shape.length !== 2) {
    throw new ModelError(`model.layers[${last}]`, `the model outputs shape ${JSON.stringify(shape)}, but ${spec.training.loss} needs one score per class: [null, ${target.numClasses}]`,
      'add a flatten (or global pooling) layer and end with a dense layer');
  }
  if (shape[1] !== target.numClasses) {
    const units = spec.model.layers[last]!['units'] !== undefined ? `model.layers[${last}].units` : `model.layers[${last}]`;
    throw new ModelError(units, `the last layer outputs ${shape[1]} values, but the dataset has ${target.numClasses} classes`,
      `set units: ${target.numClasses} on the last dense layer`);
  }
}
