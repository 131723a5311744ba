// The layer vocabulary: every `type:` a spec may use, with the arguments it accepts. Names are the `tf.layers`
// factory names and arguments keep tfjs's camelCase, so the compiler passes them through unchanged.
import { ACTIVATIONS, CONSTRAINTS, INITIALIZERS, REGULARIZERS } from './vocabulary.ts';

type JsonSchema = Record<string, unknown>;

const positiveInt = { type: 'integer', minimum: 1 };
const nonNegativeInt = { type: 'integer', minimum: 0 };
const intOrPair = { anyOf: [positiveInt, { type: 'array', items: positiveInt, minItems: 2, maxItems: 2 }] };
const probability = { type: 'number', minimum: 0, exclusiveMaximum: 1 };
const bool = { type: 'boolean' };
const num = { type: 'number' };
const shape = { type: 'array', items: { anyOf: [positiveInt, { type: 'null' }] }, minItems: 1 };
const named = (names: readonly string[]) => ({
  anyOf: [
    { enum: names },
    { type: 'object', required: ['type'], properties: { type: { enum: names } } },
  ],
});

/** Argument schemas shared by many layers, keyed by the tfjs argument name. */
const ARG: Record<string, JsonSchema> = {
  units: positiveInt, filters: positiveInt, kernelSize: intOrPair, strides: intOrPair, poolSize: intOrPair,
  dilationRate: intOrPair, depthMultiplier: positiveInt, size: intOrPair,
  // tfjs-layers 4.22 throws "not implemented" for conv1d's 'causal' padding, so it is not offered.
  padding: { enum: ['valid', 'same'] },
  dataFormat: { enum: ['channelsLast', 'channelsFirst'] },
  activation: { enum: ACTIVATIONS }, recurrentActivation: { enum: ACTIVATIONS },
  useBias: bool, rate: probability, dropout: probability, recurrentDropout: probability, seed: { type: 'integer' },
  stddev: { type: 'number', minimum: 0 }, alpha: num, theta: num, maxValue: num, axis: { type: 'integer' },
  momentum: probability, epsilon: { type: 'number', exclusiveMinimum: 0 }, center: bool, scale: bool,
  targetShape: shape, dims: { type: 'array', items: positiveInt, minItems: 1 }, n: positiveInt,
  inputDim: positiveInt, outputDim: positiveInt, inputLength: positiveInt, maskZero: bool,
  returnSequences: bool, returnState: bool, goBackwards: bool, unitForgetBias: bool,
  interpolation: { enum: ['nearest', 'bilinear'] },
  mergeMode: { enum: ['sum', 'mul', 'concat', 'ave'] },
  axes: { anyOf: [{ type: 'integer' }, { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 }] },
  normalize: bool,
  sharedAxes: { type: 'array', items: positiveInt },
  zeroPadding: { anyOf: [nonNegativeInt, { type: 'array', items: { anyOf: [nonNegativeInt, { type: 'array', items: nonNegativeInt, minItems: 2, maxItems: 2 }] }, minItems: 2, maxItems: 2 }] },
  cropping: { anyOf: [nonNegativeInt, { type: 'array', items: { anyOf: [nonNegativeInt, { type: 'array', items: nonNegativeInt, minItems: 2, maxItems: 2 }] }, minItems: 2, maxItems: 2 }] },
};
for (const kind of ['kernel', 'bias', 'recurrent', 'depthwise', 'pointwise', 'beta', 'gamma', 'embeddings', 'alpha', 'movingMean', 'movingVariance']) {
  ARG[`${kind}Initializer`] = named(INITIALIZERS);
  ARG[`${kind}Regularizer`] = named(REGULARIZERS);
  ARG[`${kind}Constraint`] = named(CONSTRAINTS);
}
ARG['activityRegularizer'] = named(REGULARIZERS);
// Filled after LAYERS exists: the wrapped layer of `bidirectional` is itself a recurrent layer spec.
ARG['layer'] = {};

/**
 * Arguments every layer accepts. `name` lets other layers use it as an input; `inputs` makes the model a graph
 * (default: the previous layer); `inputShape` only on the first layer.
 */
const COMMON = ['name', 'inputs', 'trainable', 'inputShape'];
const layerName = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'Letters, digits and _; unique in the model.' };
const COMMON_SCHEMA: Record<string, JsonSchema> = {
  name: layerName, trainable: bool, inputShape: shape,
  inputs: { anyOf: [layerName, { type: 'array', items: layerName, minItems: 1 }], description: 'Names of the layers (or "input") feeding this one.' },
};

const weights = (...kinds: string[]) => kinds.flatMap((k) => [`${k}Initializer`, `${k}Regularizer`, `${k}Constraint`]);
const dense = ['activation', 'useBias', ...weights('kernel', 'bias'), 'activityRegularizer'];
const conv = ['filters', 'kernelSize', 'strides', 'padding', 'dataFormat', 'dilationRate', ...dense];
const pool = ['poolSize', 'strides', 'padding', 'dataFormat'];
const rnn = ['units', 'activation', 'useBias', 'dropout', 'recurrentDropout', 'returnSequences', 'returnState',
  'goBackwards', ...weights('kernel', 'recurrent', 'bias')];

interface LayerDeclaration { required: readonly string[]; optional: readonly string[] }
const layer = (required: string[], optional: string[] = []): LayerDeclaration => ({ required, optional });

export const LAYERS = {
  dense: layer(['units'], dense),
  conv1d: layer(['filters', 'kernelSize'], conv),
  conv2d: layer(['filters', 'kernelSize'], conv),
  conv2dTranspose: layer(['filters', 'kernelSize'], conv),
  depthwiseConv2d: layer(['kernelSize'], ['depthMultiplier', 'strides', 'padding', 'dataFormat', 'dilationRate',
    'activation', 'useBias', ...weights('depthwise', 'bias')]),
  separableConv2d: layer(['filters', 'kernelSize'], ['depthMultiplier', 'strides', 'padding', 'dataFormat',
    'dilationRate', 'activation', 'useBias', ...weights('depthwise', 'pointwise', 'bias')]),
  maxPooling1d: layer([], pool),
  maxPooling2d: layer([], pool),
  averagePooling1d: layer([], pool),
  averagePooling2d: layer([], pool),
  globalMaxPooling1d: layer([]),
  globalMaxPooling2d: layer([], ['dataFormat']),
  globalAveragePooling1d: layer([]),
  globalAveragePooling2d: layer([], ['dataFormat']),
  batchNormalization: layer([], ['axis', 'momentum', 'epsilon', 'center', 'scale',
    ...weights('beta', 'gamma'), 'movingMeanInitializer', 'movingVarianceInitializer']),
  layerNormalization: layer([], ['axis', 'epsilon', 'center', 'scale', ...weights('beta', 'gamma')]),
  dropout: layer(['rate'], ['seed']),
  spatialDropout1d: layer(['rate'], ['seed']),
  gaussianNoise: layer(['stddev']),
  gaussianDropout: layer(['rate']),
  alphaDropout: layer(['rate']),
  flatten: layer([], ['dataFormat']),
  reshape: layer(['targetShape']),
  permute: layer(['dims']),
  repeatVector: layer(['n']),
  activation: layer(['activation']),
  reLU: layer([], ['maxValue']),
  leakyReLU: layer([], ['alpha']),
  prelu: layer([], [...weights('alpha'), 'sharedAxes']),
  elu: layer([]), // tfjs-layers rejects any alpha but 1

  softmax: layer([], ['axis']),
  embedding: layer(['inputDim', 'outputDim'], [...weights('embeddings'), 'maskZero', 'inputLength']),
  simpleRNN: layer(['units'], rnn),
  lstm: layer(['units'], [...rnn, 'recurrentActivation', 'unitForgetBias']),
  gru: layer(['units'], [...rnn, 'recurrentActivation']),
  zeroPadding2d: layer([], ['padding', 'dataFormat']),
  cropping2D: layer(['cropping'], ['dataFormat']),
  upSampling2d: layer([], ['size', 'dataFormat', 'interpolation']),
  bidirectional: layer(['layer'], ['mergeMode']),
  add: layer([]),
  multiply: layer([]),
  average: layer([]),
  maximum: layer([]),
  minimum: layer([]),
  concatenate: layer([], ['axis']),
  dot: layer(['axes'], ['normalize']),
} as const satisfies Record<string, LayerDeclaration>;

export type LayerType = keyof typeof LAYERS;
export const LAYER_TYPES = Object.keys(LAYERS) as LayerType[];

/** Layers that combine two or more inputs (graph models only). */
export const MERGE_LAYER_TYPES = ['add', 'multiply', 'average', 'maximum', 'minimum', 'concatenate', 'dot'] as const satisfies readonly LayerType[];
/** Layers `bidirectional` can wrap. */
const RECURRENT_TYPES = ['simpleRNN', 'lstm', 'gru'] as const satisfies readonly LayerType[];

/** The arguments a layer type accepts (its own and the common ones), for messages and hints. */
export function layerArguments(type: LayerType): string[] {
  const { required, optional } = LAYERS[type];
  return ['type', ...required, ...optional, ...COMMON];
}

Object.assign(ARG['layer']!, layerSchema(RECURRENT_TYPES), { description: 'The recurrent layer to run both ways.' });

/** Shared argument schemas, referenced from each layer type's branch (keeps the schema file small). */
export const layerArgumentDefinitions = (): Record<string, JsonSchema> => ({ ...ARG, ...COMMON_SCHEMA });

function argSchema(type: LayerType, arg: string): JsonSchema {
  // zeroPadding2d's `padding` is a size, not the conv `padding` mode.
  const name = type === 'zeroPadding2d' && arg === 'padding' ? 'zeroPadding' : arg;
  if (!(name in ARG) && !(name in COMMON_SCHEMA)) throw new Error(`layers.ts: no schema for argument "${arg}" of ${type}`);
  return { $ref: `#/definitions/${name}` };
}

/** One `if type = X then <X's arguments>` branch per layer type. */
export function layerSchema(types: readonly LayerType[] = LAYER_TYPES): JsonSchema {
  return {
    type: 'object',
    required: ['type'],
    properties: { type: { enum: types, description: 'A tf.layers factory name, e.g. conv2d.' } },
    allOf: types.map((type) => ({
      if: { properties: { type: { const: type } }, required: ['type'] },
      then: {
        required: [...LAYERS[type].required],
        additionalProperties: false,
        properties: Object.fromEntries(layerArguments(type).map((arg) =>
          [arg, arg === 'type' ? { const: type } : argSchema(type, arg)])),
      },
    })),
  };
}
