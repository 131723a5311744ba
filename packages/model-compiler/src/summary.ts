import type * as tfl from '@tensorflow/tfjs-layers';

export interface LayerSummary { name: string; type: string; outputShape: (number | null)[]; params: number }

/** Keras' model.summary() as data: printed by the runner and stored in summary.json. */
export function summarizeModel(model: tfl.LayersModel): { layers: LayerSummary[]; totalParams: number; trainableParams: number } {
  const layers = model.layers.map((layer) => ({
    name: layer.name,
    type: layer.getClassName(),
    outputShape: layer.outputShape as (number | null)[],
    params: layer.countParams(),
  }));
  const trainableParams = model.trainableWeights.reduce((sum, w) => sum + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
  return { layers, totalParams: model.countParams(), trainableParams };
}
