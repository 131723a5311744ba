// Cross-field checks that a schema cannot express: small named rules, one concern each.
import { existsSync, statSync } from 'node:fs';
import { didYouMean } from './did-you-mean.ts';
import { dataRules } from './data-schema.ts';
import { resolveGraph } from './graph.ts';
import { LOSSES } from './losses.ts';
import { sweepRules } from './sweep-schema.ts';
import { loggedColumns, trainingRules } from './training-schema.ts';
import type { PathKey } from './paths.ts';
import type { Spec } from './types.ts';

export interface RuleFinding {
  path: PathKey[];
  message: string;
  hint?: string;
  severity: 'error' | 'warning';
}
type Rule = (spec: Spec) => RuleFinding[];

const syntheticOptionsNeedSyntheticData: Rule = (spec) =>
  spec.data.synthetic !== undefined && spec.data.dataset !== 'synthetic'
    ? [
        {
          path: ['data', 'synthetic'],
          severity: 'error',
          message: `only applies to dataset: synthetic (this spec uses ${spec.data.dataset})`,
          hint: 'remove the synthetic block or set dataset: synthetic',
        },
      ]
    : [];

const dataPathExists: Rule = (spec) => {
  const path = spec.data.path;
  if (path === undefined) return [];
  if (spec.data.dataset === 'csv') return csvFileExists(path);
  if (!existsSync(path))
    return [
      {
        path: ['data', 'path'],
        severity: 'error',
        message: `folder not found: ${path}`,
        hint: 'point data.path at the folder holding the dataset files, or remove it to use $TFYAML_DATA_DIR, the cache or a download',
      },
    ];
  if (!statSync(path).isDirectory())
    return [
      {
        path: ['data', 'path'],
        severity: 'error',
        message: `not a folder: ${path}`,
        hint: 'data.path names the folder that holds the dataset files, not a file',
      },
    ];
  return [];
};

/** A csv dataset's path is the table file itself. */
function csvFileExists(path: string): RuleFinding[] {
  if (!existsSync(path))
    return [
      {
        path: ['data', 'path'],
        severity: 'error',
        message: `file not found: ${path}`,
        hint: 'point data.path at the csv file (relative to this experiment file)',
      },
    ];
  if (!statSync(path).isFile())
    return [
      {
        path: ['data', 'path'],
        severity: 'error',
        message: `not a file: ${path}`,
        hint: 'with dataset: csv, data.path names the table file itself',
      },
    ];
  return [];
}

const inputShapeOnlyOnFirstLayer: Rule = (spec) =>
  spec.model.layers.flatMap((layer, i) =>
    i > 0 && layer['inputShape'] !== undefined
      ? [
          {
            path: ['model', 'layers', i, 'inputShape'],
            severity: 'error' as const,
            message: 'only the first layer may set inputShape',
            hint: 'remove it, or set model.inputShape',
          },
        ]
      : [],
  );

const uniqueLayerNames: Rule = (spec) => {
  const seen = new Map<unknown, number>();
  return spec.model.layers.flatMap((layer, i) => {
    if (layer['name'] === undefined) return [];
    const first = seen.get(layer['name']);
    seen.set(layer['name'], first ?? i);
    return first === undefined
      ? []
      : [
          {
            path: ['model', 'layers', i, 'name'],
            severity: 'error' as const,
            message: `layer name "${String(layer['name'])}" is already used by layer ${first}`,
            hint: 'give each layer a unique name',
          },
        ];
  });
};

function lastActivation(spec: Spec): string | undefined {
  const layer = spec.model.layers.at(-1)!;
  return layer.type === 'softmax'
    ? 'softmax'
    : typeof layer['activation'] === 'string'
      ? layer['activation']
      : undefined;
}

/** A loss with a logits form reads probabilities unless fromLogits: the last layer squashes its output exactly then. */
const lastActivationMatchesLoss: Rule = (spec) => {
  const { type: loss, fromLogits } = spec.training.loss;
  const last = spec.model.layers.length - 1;
  const activation = lastActivation(spec);
  const wanted = LOSSES[loss].logits;
  if (wanted === null) {
    return fromLogits
      ? [
          {
            path: ['training', 'loss', 'fromLogits'],
            severity: 'error',
            message: `${loss} has no logits form`,
            hint: 'remove fromLogits; it applies to crossentropy losses',
          },
        ]
      : [];
  }
  if (fromLogits && (activation === 'softmax' || activation === 'sigmoid')) {
    const at = spec.model.layers[last]!['activation'] === undefined ? [] : ['activation'];
    return [
      {
        path: ['model', 'layers', last, ...at],
        severity: 'error',
        message: `fromLogits: true, but the last layer already applies ${activation}`,
        hint: `remove activation: ${activation} from the last layer, or set fromLogits: false`,
      },
    ];
  }
  if (!fromLogits && activation !== wanted) {
    return [
      {
        path: ['model', 'layers', last],
        severity: 'warning',
        message: `${loss} expects probabilities, but the last layer has no ${wanted}`,
        hint: `add activation: ${wanted} to the last layer, or set loss: {type: ${loss}, fromLogits: true}`,
      },
    ];
  }
  return [];
};

/** Early stopping and checkpoints watch a metrics.csv column; it must be one this run writes. */
const monitorsExist: Rule = (spec) => {
  const columns = loggedColumns(spec);
  return (['earlyStopping', 'checkpoint'] as const).flatMap((key) => {
    const monitor = spec.training[key]?.monitor;
    if (monitor === undefined || columns.includes(monitor)) return [];
    const close = didYouMean(monitor.replace(/acc$/, 'accuracy'), columns);
    const metric = monitor.replace(/^val_/, '');
    const addIt = close ? '' : `, or add ${metric} to training.metrics`;
    return [
      {
        path: ['training', key, 'monitor'],
        severity: 'error' as const,
        message: `"${monitor}" is not a column this run writes`,
        hint: `${close ? `did you mean "${close}"? ` : ''}choose one of ${columns.join(', ')}${addIt}`,
      },
    ];
  });
};

/** tfjs-core has no gradient for dilated convolutions (and some layers silently ignore dilation). */
const noDilatedConvolutions: Rule = (spec) =>
  spec.model.layers.flatMap((layer, i) => {
    const rate = layer['dilationRate'];
    const dilated = rate !== undefined && [rate].flat().some((r) => r !== 1);
    return dilated
      ? [
          {
            path: ['model', 'layers', i, 'dilationRate'],
            severity: 'error' as const,
            message: 'tfjs 4.22 cannot train dilated convolutions (no gradient for dilation > 1)',
            hint: 'remove dilationRate, or widen the receptive field with strides or pooling',
          },
        ]
      : [];
  });

/** tfjs-core's centered RMSProp subtracts epsilon inside a square root and produces NaN weights. */
const noCenteredRmsprop: Rule = (spec) =>
  spec.training.optimizer.type === 'rmsprop' && spec.training.optimizer['centered'] === true
    ? [
        {
          path: ['training', 'optimizer', 'centered'],
          severity: 'error',
          message: 'centered RMSProp produces NaN weights in tfjs 4.22 (a tfjs-core bug)',
          hint: 'use centered: false',
        },
      ]
    : [];

/** Dangling input names, cycles, merge layers with one input, layers that feed nothing. */
const layerGraphIsSound: Rule = (spec) => resolveGraph(spec.model.layers).findings;

export const RULES: readonly Rule[] = [
  syntheticOptionsNeedSyntheticData,
  dataPathExists,
  inputShapeOnlyOnFirstLayer,
  uniqueLayerNames,
  layerGraphIsSound,
  lastActivationMatchesLoss,
  monitorsExist,
  noDilatedConvolutions,
  noCenteredRmsprop,
  ...trainingRules,
  ...sweepRules,
  ...dataRules,
];

export function checkRules(spec: Spec): RuleFinding[] {
  return RULES.flatMap((rule) => rule(spec));
}
