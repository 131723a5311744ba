// What evaluate and predict open: a finished run's preprocessing.json, resolved spec.yaml and saved model, checked
// against each other so a model is never fed inputs prepared for another.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { isTableNormalization, type TableLayout } from '@tfyaml/data';
import { registerLayerClasses } from '@tfyaml/model-compiler';
import { BACKENDS, didYouMean, type Spec } from '@tfyaml/spec-schema';
import { parse } from 'yaml';
import { selectBackend, type BackendChoice } from '../backend/select.ts';
import { RunError } from '../errors.ts';
import { fileLoadHandler } from '../results/model-io.ts';
import { readPreprocessing, type Preprocessing } from '../results/preprocessing.ts';
import { readResultsFile } from '../results/read-file.ts';

export interface RunFolder {
  dir: string;
  preprocessing: Preprocessing;
  /** The resolved spec the run trained with (defaults filled), from spec.yaml. */
  spec: Spec;
  model: tfl.LayersModel;
  backend: BackendChoice;
  /** csv runs: the table layout the inputs must follow. */
  table?: TableLayout | undefined;
}

export async function openRunFolder(dir: string, backendFlag: string | undefined): Promise<RunFolder> {
  if (backendFlag !== undefined) checkBackendFlag(backendFlag);
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new RunError(`${dir} is a file, not a run folder`, 'give the folder of a run, e.g. results/<name>/<run id>/');
  const preprocessing = readPreprocessing(dir);
  // A link out of the folder, a FIFO or a huge file is refused by readResultsFile, as for every other run file.
  const specText = readResultsFile(join(dir, 'spec.yaml'));
  if (specText === undefined)
    throw new RunError(`${dir} has no spec.yaml`, 'give the folder of a run made by tfyaml run');
  // The resolved spec was validated when the run started; it is read as written, not re-checked against today's files.
  const spec = parse(specText) as Spec;
  const backend = await selectBackend((backendFlag ?? spec.backend) as Spec['backend']);
  const modelDir = join(dir, 'model');
  if (!existsSync(join(modelDir, 'model.json')))
    throw new RunError(
      `${dir} has no saved model (model/model.json)`,
      'the run may have failed before saving; train it again',
    );
  registerLayerClasses(); // recurrent layers load as the classes that run fused kernels, with the fast initializer
  const model = await tfl.loadLayersModel(fileLoadHandler(modelDir));
  checkInputShape(model, preprocessing, dir);
  const table = isTableNormalization(preprocessing.normalization) ? preprocessing.normalization.layout : undefined;
  return { dir, preprocessing, spec, model, backend, table };
}

/** --backend is checked here, as the spec's backend is by its schema when a run starts. */
function checkBackendFlag(name: string): void {
  if ((BACKENDS as readonly string[]).includes(name)) return;
  const close = didYouMean(name, BACKENDS);
  throw new RunError(
    `--backend ${name} is not a backend`,
    `${close ? `did you mean ${close}? ` : ''}allowed: ${BACKENDS.join(', ')}`,
  );
}

/** The model and preprocessing.json come from the same run only if the model takes what the preprocessing makes. */
function checkInputShape(model: tfl.LayersModel, preprocessing: Preprocessing, dir: string): void {
  const modelShape = model.inputs[0]!.shape.slice(1);
  if (JSON.stringify(modelShape) !== JSON.stringify(preprocessing.inputShape)) {
    throw new RunError(
      `the model in ${dir}/model takes inputs of shape [${modelShape.join(', ')}], but preprocessing.json prepares [${preprocessing.inputShape.join(', ')}]`,
      'model/ and preprocessing.json come from different runs; use a run folder as tfyaml run wrote it',
    );
  }
}

/**
 * The model's scores as probabilities, one row per record: softmax/sigmoid of logits when the run trained on
 * logits, and [1 - p, p] for a single sigmoid unit with two classes.
 */
export async function predictProbabilities(
  model: tfl.LayersModel,
  x: tf.Tensor,
  fromLogits: boolean,
  classes: number,
): Promise<Float32Array> {
  const output = tf.tidy(() => {
    let y = model.predict(x) as tf.Tensor;
    const units = y.shape.at(-1) ?? 1;
    if (fromLogits) y = units === 1 ? tf.sigmoid(y) : tf.softmax(y);
    return units === 1 && classes === 2 ? tf.concat([tf.sub(1, y), y], -1) : y;
  });
  const values = (await output.data()) as Float32Array;
  output.dispose();
  return values;
}
