import type * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { registerChainedOps } from './chained-ops.ts';

/** A saved layers model (model.json and its weights), read with the ops its layers call registered. */
export async function loadModel(handler: tf.io.IOHandler): Promise<tfl.LayersModel> {
  registerChainedOps();
  return tfl.loadLayersModel(handler);
}
