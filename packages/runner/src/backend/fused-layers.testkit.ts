// What the fused-layer tests (fused-conv, fused-recurrent) share: layers compiled by model-compiler as an experiment
// would (a two-class softmax head after them), and one model's predictions and every trainable weight's gradient,
// from given weights on a given backend, with the kernels that ran, to compare a backend's fused path with
// tfjs-layers' own on cpu.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { compileModel } from '@tfyaml/model-compiler';
import { loadSpecText } from '@tfyaml/spec-schema';

/** `layers` (YAML flow mappings) and a softmax dense head, for samples of `inputShape`. */
export function compileLayers(layers: string[], inputShape: number[]): tfl.LayersModel {
  const spec = `name: fused
data: { dataset: synthetic }
model:
  layers:
${[...layers, '{ type: dense, units: 2, activation: softmax }'].map((l) => `    - ${l}`).join('\n')}
training: { loss: sparseCategoricalCrossentropy }
`;
  return compileModel(loadSpecText(spec, 'fused.yaml').spec, { inputShape, numClasses: 2 }).model;
}

/** A freshly built model's weights, built on cpu (so every backend starts from the same ones). */
export async function initialWeights(build: () => tfl.LayersModel): Promise<tf.Tensor[]> {
  await tf.setBackend('cpu');
  const model = build();
  const weights = model.getWeights().map((w) => tf.tensor(w.dataSync(), w.shape));
  model.dispose();
  return weights;
}

/**
 * On `backend`, from `weights`: the predictions for x, then every trainable weight's gradient of the softmax
 * cross-entropy with `labels` (training mode); and the names of the kernels that ran.
 */
export async function predictionsAndGradients(
  backend: string,
  build: () => tfl.LayersModel,
  weights: tf.Tensor[],
  batch: () => { x: tf.Tensor; labels: tf.Tensor },
): Promise<{ outputs: Float32Array[]; ran: string[] }> {
  await tf.setBackend(backend);
  const model = build();
  model.setWeights(weights.map((w) => tf.tensor(w.dataSync(), w.shape)));
  const { x, labels } = batch();
  let outputs: Float32Array[] = [];
  const { kernelNames } = await tf.profile(() => {
    const predicted = model.predict(x) as tf.Tensor;
    const { grads } = tf.variableGrads(() =>
      tf.losses.softmaxCrossEntropy(labels, model.apply(x, { training: true }) as tf.Tensor),
    );
    outputs = [predicted, ...model.trainableWeights.map((w) => grads[(w.read() as tf.Variable).name]!)].map((t) =>
      Float32Array.from(t.dataSync()),
    );
    tf.dispose([predicted, ...Object.values(grads)]);
  });
  tf.dispose([x, labels]);
  model.dispose();
  return { outputs, ran: kernelNames };
}
