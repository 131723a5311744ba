// One forward/backward pass computed the way tfjs-layers' trainOnBatch does it (mean loss + regularizer penalties,
// metrics as batch means), but returning the gradients instead of applying them, so that gradients of several
// shards of a batch can be averaged before one optimizer step (data-parallel training).
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { useLeanGradients } from './lean-gradients.ts';

type LossOrMetric = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

export interface ShardGradients {
  /** One gradient per trainable weight, in `model.trainableWeights` order. */
  grads: tf.Tensor[];
  /** [loss, ...metrics] over the shard. */
  values: number[];
}

/** The model's trainable variables, in `trainableWeights` order. */
export function trainableVariables(model: tfl.LayersModel): tf.Variable[] {
  // LayerVariable keeps its tf.Variable protected; read() returns that very variable.
  return model.trainableWeights.map((w) => w.read() as tf.Variable);
}

/** A Sequential model compiles the functional model it wraps: that one holds the loss and metric functions. */
function compiledCore(model: tfl.LayersModel): tfl.LayersModel {
  return (model as unknown as { model?: tfl.LayersModel }).model ?? model;
}

export async function shardGradients(model: tfl.LayersModel, x: tf.Tensor, y: tf.Tensor): Promise<ShardGradients> {
  useLeanGradients();
  const variables = trainableVariables(model);
  const core = compiledCore(model);
  const lossFunction = core.lossFunctions[0] as LossOrMetric;
  const metricFunctions = core.metricsTensors.map(([fn]) => fn as LossOrMetric);
  const metrics: tf.Scalar[] = [];
  const { value, grads } = tf.variableGrads(() => {
    const prediction = model.apply(x, { training: true }) as tf.Tensor;
    for (const metric of metricFunctions) metrics.push(tf.keep(tf.mean(metric(y, prediction))));
    let total = tf.mean(lossFunction(y, prediction)) as tf.Scalar;
    for (const penalty of model.calculateLosses()) total = tf.add(total, penalty);
    return total;
  }, variables);
  const values = await Promise.all([value, ...metrics].map(async (t) => (await t.data())[0]!));
  tf.dispose([value, ...metrics]);
  return { grads: variables.map((v) => grads[v.name]!), values };
}

/** Applies gradients given in trainable-weight order (their variable names key the optimizer's state). */
export function applyGradients(optimizer: tf.Optimizer, model: tfl.LayersModel, grads: tf.Tensor[]): void {
  const variables = trainableVariables(model);
  optimizer.applyGradients(variables.map((v, i) => ({ name: v.name, tensor: grads[i]! })));
}
