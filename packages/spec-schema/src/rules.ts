// Cross-field checks that a schema cannot express: small named rules, one concern each.
import { existsSync, statSync } from 'node:fs';
import { resolveGraph } from './graph.ts';
import type { PathKey } from './paths.ts';
import type { Spec } from './types.ts';

export interface RuleFinding { path: PathKey[]; message: string; hint?: string; severity: 'error' | 'warning' }
type Rule = (spec: Spec) => RuleFinding[];

const syntheticOptionsNeedSyntheticData: Rule = (spec) =>
  spec.data.synthetic !== undefined && spec.data.dataset !== 'synthetic'
    ? [{ path: ['data', 'synthetic'], severity: 'error', message: `only applies to dataset: synthetic (this spec uses ${spec.data.dataset})`, hint: 'remove the synthetic block or set dataset: synthetic' }]
    : [];

const dataPathExists: Rule = (spec) => {
  const path = spec.data.path;
  if (path === undefined) return [];
  if (!existsSync(path)) return [{ path: ['data', 'path'], severity: 'error', message: `folder not found: ${path}`, hint: 'point data.path at the folder holding the dataset files, or remove it to use $TFYAML_DATA_DIR, the cache or a download' }];
  if (!statSync(path).isDirectory()) return [{ path: ['data', 'path'], severity: 'error', message: `not a folder: ${path}`, hint: 'data.path names the folder that holds the dataset files, not a file' }];
  return [];
};

const inputShapeOnlyOnFirstLayer: Rule = (spec) =>
  spec.model.layers.flatMap((layer, i) => i > 0 && layer['inputShape'] !== undefined
    ? [{ path: ['model', 'layers', i, 'inputShape'], severity: 'error' as const, message: 'only the first layer may set inputShape', hint: 'remove it, or set model.inputShape' }]
    : []);

const uniqueLayerNames: Rule = (spec) => {
  const seen = new Map<unknown, number>();
  return spec.model.layers.flatMap((layer, i) => {
    if (layer['name'] === undefined) return [];
    const first = seen.get(layer['name']);
    seen.set(layer['name'], first ?? i);
    return first === undefined ? [] : [{ path: ['model', 'layers', i, 'name'], severity: 'error' as const, message: `layer name "${String(layer['name'])}" is already used by layer ${first}`, hint: 'give each layer a unique name' }];
  });
};

/** tfjs's crossentropy losses expect probabilities: a last layer without softmax/sigmoid trains on garbage. */
const crossentropyNeedsProbabilities: Rule = (spec) => {
  const last = spec.model.layers.length - 1;
  const layer = spec.model.layers[last]!;
  const activation = layer.type === 'activation' || layer.type === 'dense' ? layer['activation'] : layer.type;
  const loss = spec.training.loss;
  const wanted = loss === 'binaryCrossentropy' ? 'sigmoid' : 'softmax';
  if (!/Crossentropy$/.test(loss) || activation === wanted) return [];
  return [{ path: ['model', 'layers', last], severity: 'warning', message: `${loss} expects probabilities, but the last layer has no ${wanted}`, hint: `add activation: ${wanted} to the last layer` }];
};

/** Dangling input names, cycles, merge layers with one input, layers that feed nothing. */
const layerGraphIsSound: Rule = (spec) => resolveGraph(spec.model.layers).findings;

export const RULES: readonly Rule[] = [
  syntheticOptionsNeedSyntheticData, dataPathExists, inputShapeOnlyOnFirstLayer, uniqueLayerNames, layerGraphIsSound,
  crossentropyNeedsProbabilities,
];

export function checkRules(spec: Spec): RuleFinding[] {
  return RULES.flatMap((rule) => rule(spec));
}
