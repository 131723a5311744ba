import type * as tfl from '@tensorflow/tfjs-layers';

export interface LayerSummary {
  name: string;
  type: string;
  outputShape: (number | null)[];
  params: number;
  /** Names of the layers feeding this one (empty for the first layer of a stack). */
  inputs: string[];
}

/** Keras' model.summary() as data: printed by the runner and stored in summary.json. */
export function summarizeModel(model: tfl.LayersModel): {
  layers: LayerSummary[];
  totalParams: number;
  trainableParams: number;
} {
  const sequential = model.getClassName() === 'Sequential';
  const layers = model.layers
    .map((layer) => ({
      name: layer.name,
      type: layer.getClassName(),
      outputShape: layer.outputShape as (number | null)[],
      params: layer.countParams(),
      inputs: sequential ? [] : layer.inboundNodes.flatMap((node) => node.inboundLayers.map((l) => l.name)),
    }))
    .filter((layer) => layer.type !== 'InputLayer');
  const trainableParams = model.trainableWeights.reduce(
    (sum, w) => sum + w.shape.reduce((a: number, b) => a * (b ?? 1), 1),
    0,
  );
  return { layers, totalParams: model.countParams(), trainableParams };
}
