// Saving and loading a tfjs LayersModel as model.json + weights.bin without tfjs-node (whose file:// handler is the
// only one tfjs ships for Node). The files are the standard layers-model format that tf.loadLayersModel reads.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { RunError } from '../errors.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { checkedWeightFiles, regularFileSize } from './weight-files.ts';

const WEIGHTS_FILE = 'weights.bin';

/** A model.json larger than this is not one tfyaml wrote (the topology of a big model is a few hundred KB). */
const MAX_MODEL_JSON_BYTES = 64 * 1024 * 1024;

/** Writes `dir/model.json` and `dir/weights.bin`; each file appears whole (written aside, then renamed). */
export function fileSaveHandler(dir: string): tf.io.IOHandler {
  return tf.io.withSaveHandler(async (artifacts) => {
    mkdirSync(dir, { recursive: true });
    const weightData =
      artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
    const modelJson = {
      modelTopology: artifacts.modelTopology,
      format: artifacts.format ?? 'layers-model',
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy ?? null,
      weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
      ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
    };
    writeFileAtomic(join(dir, WEIGHTS_FILE), new Uint8Array(weightData));
    writeFileAtomic(join(dir, 'model.json'), JSON.stringify(modelJson));
    return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON({ ...artifacts, weightData }) };
  });
}

/**
 * Reads a folder written by `fileSaveHandler` (or by tfjs-node's file:// handler), for `tf.loadLayersModel`. Every
 * weight file is checked (inside `dir`, a regular file, the size the weight specs need) before any is read.
 */
export function fileLoadHandler(dir: string): tf.io.IOHandler {
  return {
    async load() {
      const json = readModelJson(join(dir, 'model.json'));
      const manifest = json.weightsManifest ?? [];
      const buffers = checkedWeightFiles(dir, manifest).map((path) => readFileSync(path));
      const weightData = tf.io.CompositeArrayBuffer.join(
        buffers.map((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)),
      );
      return tf.io.getModelArtifactsForJSONSync(
        json,
        manifest.flatMap((g) => g.weights),
        weightData,
      );
    },
  };
}

export async function saveModel(model: tfl.LayersModel, dir: string): Promise<void> {
  await model.save(fileSaveHandler(dir));
}

function readModelJson(path: string): tf.io.ModelJSON {
  if (regularFileSize(path) > MAX_MODEL_JSON_BYTES)
    throw new RunError(`${path} is larger than any model.json tfyaml writes`, 'train the experiment again');
  try {
    const json = JSON.parse(readFileSync(path, 'utf8')) as tf.io.ModelJSON;
    if (
      typeof json !== 'object' ||
      json === null ||
      (json.weightsManifest !== undefined && !Array.isArray(json.weightsManifest))
    )
      throw new Error('no model topology and weights manifest');
    return json;
  } catch (error) {
    throw new RunError(
      `${path} is not a model.json: ${(error as Error).message}`,
      'train the experiment again to write it',
      { cause: error },
    );
  }
}
