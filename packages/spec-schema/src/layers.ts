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
const shape = { type: 'array', items: positiveInt, minItems: 1 };
/** A tfjs initializer, regularizer or constraint: its name, or `{type: name, ...its tfjs arguments}`. */
const named = (names: readonly string[], what: string) => ({
  anyOf: [
    { enum: names },
    {
      type: 'object',
      required: ['type'],
      properties: { type: { enum: names, description: `The tfjs ${what}; the other keys are its arguments.` } },
    },
  ],
});

/** Argument schemas shared by many layers, keyed by the tfjs argument name; each says what the argument does. */
const ARG: Record<string, JsonSchema> = {
  units: {
    ...positiveInt,
    description: 'Output size: number of neurons (dense) or of hidden units (recurrent layers).',
  },
  filters: { ...positiveInt, description: 'Number of output channels (convolution kernels).' },
  kernelSize: { ...intOrPair, description: 'Convolution window: n for n×n, or [height, width].' },
  strides: {
    ...intOrPair,
    description: 'Window step: n or [vertical, horizontal]. Default 1 (conv), poolSize (pooling).',
  },
  poolSize: { ...intOrPair, description: 'Pooling window: n for n×n, or [height, width]. Default 2.' },
  dilationRate: {
    ...intOrPair,
    description:
      'Spacing between kernel taps (dilated convolution); default 1. Rates > 1 are rejected: tfjs 4.22 cannot train them.',
  },
  // tfjs-layers' 1d layers take plain integers only.
  kernelSize1d: { ...positiveInt, description: 'Convolution window length.' },
  strides1d: { ...positiveInt, description: 'Window step; default 1 (conv), poolSize (pooling).' },
  poolSize1d: { ...positiveInt, description: 'Pooling window length; default 2.' },
  dilationRate1d: {
    ...positiveInt,
    description: 'Spacing between kernel taps; default 1. Rates > 1 are rejected: tfjs 4.22 cannot train them.',
  },
  depthMultiplier: { ...positiveInt, description: 'Depthwise output channels per input channel; default 1.' },
  // A single integer passes tfjs's checks but yields NaN output sizes, so only pairs are accepted.
  size: {
    type: 'array',
    items: positiveInt,
    minItems: 2,
    maxItems: 2,
    description: 'Upsampling factors [rows, columns]; default [2, 2].',
  },
  // tfjs-layers 4.22 throws "not implemented" for conv1d's 'causal' padding, so it is not offered.
  padding: {
    enum: ['valid', 'same'],
    description:
      'valid: no padding, the output shrinks (default); same: zero-pad so output size = ceil(input / stride).',
  },
  dataFormat: {
    enum: ['channelsLast', 'channelsFirst'],
    description:
      'Where the channels axis is: channelsLast = (..., channels) (default), channelsFirst = (channels, ...).',
  },
  activation: {
    enum: ACTIVATIONS,
    description: 'Function applied to the output; default linear (none), tanh in recurrent layers.',
  },
  recurrentActivation: { enum: ACTIVATIONS, description: 'Activation of the lstm/gru gates; default hardSigmoid.' },
  useBias: { ...bool, description: 'Add a learned bias vector; default true.' },
  rate: {
    ...probability,
    description:
      'Fraction of the inputs dropped during training, 0 ≤ rate < 1 (gaussianDropout: noise stddev √(rate / (1 − rate))).',
  },
  dropout: {
    ...probability,
    description: 'Fraction of the inputs dropped in the input transformation during training, 0 ≤ x < 1; default 0.',
  },
  recurrentDropout: {
    ...probability,
    description: 'Fraction of the state dropped in the recurrent transformation during training, 0 ≤ x < 1; default 0.',
  },
  stddev: {
    type: 'number',
    minimum: 0,
    description: 'Standard deviation of the zero-mean Gaussian noise added during training.',
  },
  alpha: { ...num, description: 'Slope for negative inputs: f(x) = alpha × x for x < 0; default 0.3.' },
  maxValue: { ...num, description: 'Caps the output at this value; default none (unbounded).' },
  axis: {
    type: 'integer',
    description:
      'Axis to normalize, softmax over or concatenate along; -1 = last (default). softmax: only the last axis works in tfjs 4.22.',
  },
  momentum: {
    ...probability,
    description:
      'Momentum of the moving mean and variance: new = momentum × old + (1 − momentum) × batch; default 0.99.',
  },
  epsilon: {
    type: 'number',
    exclusiveMinimum: 0,
    description: 'Small constant added to the variance to avoid dividing by zero; default 0.001.',
  },
  center: { ...bool, description: 'Add the learned offset beta after normalizing; default true.' },
  scale: { ...bool, description: 'Multiply by the learned scale gamma after normalizing; default true.' },
  targetShape: {
    type: 'array',
    items: { anyOf: [positiveInt, { const: -1 }] },
    minItems: 1,
    description: 'Output shape without the batch axis; one entry may be -1, inferred from the total size.',
  },
  dims: {
    type: 'array',
    items: positiveInt,
    minItems: 1,
    description: 'New order of the non-batch axes, counted from 1: [2, 1] swaps the first two.',
  },
  n: { ...positiveInt, description: 'How many times to repeat the input vector: [features] becomes [n, features].' },
  inputDim: { ...positiveInt, description: 'Vocabulary size: the largest integer index + 1.' },
  outputDim: { ...positiveInt, description: 'Length of each embedding vector.' },
  inputLength: {
    ...positiveInt,
    description: 'Length of the input sequences, when constant; needed to put flatten + dense after the embedding.',
  },
  maskZero: {
    ...bool,
    description:
      'Treat index 0 as padding and mask it for later layers (inputDim must then be vocabulary + 1); default false.',
  },
  returnSequences: {
    ...bool,
    description: 'Output every step, [steps, units], instead of only the last, [units]; default false.',
  },
  goBackwards: { ...bool, description: 'Process the sequence in reverse (and return it reversed); default false.' },
  unitForgetBias: {
    ...bool,
    description: 'Add 1 to the forget-gate bias at initialization (forces biasInitializer zeros); default false.',
  },
  interpolation: {
    enum: ['nearest', 'bilinear'],
    description: 'How new pixels are filled: nearest (default) or bilinear.',
  },
  mergeMode: {
    enum: ['sum', 'mul', 'concat', 'ave'],
    description: 'How the forward and backward outputs combine: concat (default), sum, mul or ave.',
  },
  axes: {
    anyOf: [{ type: 'integer' }, { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 }],
    description: 'Axis of the dot product, or [axis in input 1, axis in input 2].',
  },
  normalize: {
    ...bool,
    description:
      'L2-normalize both inputs along the axes first, so the output is their cosine similarity; default false.',
  },
  sharedAxes: {
    type: 'array',
    items: positiveInt,
    description:
      'Axes (counted from 1, batch excluded) sharing one alpha, e.g. [1, 2]: one alpha per channel after conv2d.',
  },
  zeroPadding: {
    anyOf: [
      nonNegativeInt,
      {
        type: 'array',
        items: { anyOf: [nonNegativeInt, { type: 'array', items: nonNegativeInt, minItems: 2, maxItems: 2 }] },
        minItems: 2,
        maxItems: 2,
      },
    ],
    description:
      'Zero rows/columns to add: n on every side, [vertical, horizontal], or [[top, bottom], [left, right]]; default 1.',
  },
  cropping: {
    anyOf: [
      nonNegativeInt,
      {
        type: 'array',
        items: { anyOf: [nonNegativeInt, { type: 'array', items: nonNegativeInt, minItems: 2, maxItems: 2 }] },
        minItems: 2,
        maxItems: 2,
      },
    ],
    description: 'Rows/columns to remove: n on every side, [vertical, horizontal], or [[top, bottom], [left, right]].',
  },
};
/** Each weight kind's initializer/regularizer/constraint arguments: what the weights are and their tfjs default initializer. */
const WEIGHT_KINDS: Record<string, { what: string; initial?: string }> = {
  kernel: { what: 'the kernel weights', initial: 'glorotNormal' },
  bias: { what: 'the bias vector', initial: 'zeros' },
  recurrent: { what: 'the recurrent (state-to-state) kernel', initial: 'orthogonal' },
  depthwise: { what: 'the depthwise kernel' }, // glorotNormal in depthwiseConv2d, glorotUniform in separableConv2d
  pointwise: { what: 'the pointwise (1×1) kernel', initial: 'glorotUniform' },
  beta: { what: 'the learned offset beta', initial: 'zeros' },
  gamma: { what: 'the learned scale gamma', initial: 'ones' },
  embeddings: { what: 'the embedding matrix', initial: 'randomUniform' },
  alpha: { what: 'the learned negative slopes alpha', initial: 'zeros' },
};
for (const [kind, { what, initial }] of Object.entries(WEIGHT_KINDS)) {
  ARG[`${kind}Initializer`] = {
    ...named(INITIALIZERS, 'initializer'),
    description: `Initial values of ${what}: an initializer name or {type, ...its arguments}${initial ? `; default ${initial}` : ''}.`,
  };
  ARG[`${kind}Regularizer`] = {
    ...named(REGULARIZERS, 'regularizer'),
    description: `Penalty on ${what} added to the loss, e.g. {type: l2, l2: 0.001}; default none.`,
  };
  ARG[`${kind}Constraint`] = {
    ...named(CONSTRAINTS, 'constraint'),
    description: `Limit applied to ${what} after each update, e.g. nonNeg or {type: maxNorm, maxValue: 2}; default none.`,
  };
}
// Moving statistics are not trained, so they only take an initializer.
ARG['movingMeanInitializer'] = {
  ...named(INITIALIZERS, 'initializer'),
  description: 'Initial values of the moving mean; default zeros.',
};
ARG['movingVarianceInitializer'] = {
  ...named(INITIALIZERS, 'initializer'),
  description: 'Initial values of the moving variance; default ones.',
};
ARG['activityRegularizer'] = {
  ...named(REGULARIZERS, 'regularizer'),
  description: "Penalty on the layer's output added to the loss, e.g. {type: l2, l2: 0.001}; default none.",
};
// Filled after LAYERS exists: the wrapped layer of `bidirectional` is itself a recurrent layer spec.
ARG['layer'] = {};

/**
 * Arguments every layer accepts. `name` lets other layers use it as an input; `inputs` makes the model a graph
 * (default: the previous layer); `inputShape` only on the first layer.
 */
const COMMON = ['name', 'inputs', 'trainable', 'inputShape'];
const layerName = {
  type: 'string',
  pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
  description: 'Letters, digits and _; unique in the model.',
};
const COMMON_SCHEMA: Record<string, JsonSchema> = {
  name: {
    ...layerName,
    description:
      "This layer's name, for other layers' inputs; default <type>_<position>, e.g. conv2d_1. Letters, digits and _; unique.",
  },
  trainable: {
    ...bool,
    description: 'false freezes the layer: its weights are not updated in training; default true.',
  },
  inputShape: {
    ...shape,
    description:
      "Shape of one sample without the batch axis, first layer only; must match the dataset's (the default).",
  },
  inputs: {
    anyOf: [layerName, { type: 'array', items: layerName, minItems: 1 }],
    description: 'Names of the layers (or "input") feeding this one; default the previous layer.',
  },
};

const weights = (...kinds: string[]) => kinds.flatMap((k) => [`${k}Initializer`, `${k}Regularizer`, `${k}Constraint`]);
const dense = ['activation', 'useBias', ...weights('kernel', 'bias'), 'activityRegularizer'];
const conv = ['filters', 'kernelSize', 'strides', 'padding', 'dataFormat', 'dilationRate', ...dense];
const pool = ['poolSize', 'strides', 'padding', 'dataFormat'];
// No returnState: it makes a layer output a list, which no following layer here can take.
const rnn = [
  'units',
  'activation',
  'useBias',
  'dropout',
  'recurrentDropout',
  'returnSequences',
  'goBackwards',
  ...weights('kernel', 'recurrent', 'bias'),
];

interface LayerDeclaration {
  required: readonly string[];
  optional: readonly string[];
}
const layer = (required: string[], optional: string[] = []): LayerDeclaration => ({ required, optional });

export const LAYERS = {
  dense: layer(['units'], dense),
  conv1d: layer(['filters', 'kernelSize'], conv),
  conv2d: layer(['filters', 'kernelSize'], conv),
  conv2dTranspose: layer(['filters', 'kernelSize'], conv),
  depthwiseConv2d: layer(
    ['kernelSize'],
    [
      'depthMultiplier',
      'strides',
      'padding',
      'dataFormat',
      'dilationRate',
      'activation',
      'useBias',
      ...weights('depthwise', 'bias'),
    ],
  ),
  separableConv2d: layer(
    ['filters', 'kernelSize'],
    [
      'depthMultiplier',
      'strides',
      'padding',
      'dataFormat',
      'dilationRate',
      'activation',
      'useBias',
      ...weights('depthwise', 'pointwise', 'bias'),
    ],
  ),
  maxPooling1d: layer([], pool),
  maxPooling2d: layer([], pool),
  averagePooling1d: layer([], pool),
  averagePooling2d: layer([], pool),
  globalMaxPooling1d: layer([]),
  globalMaxPooling2d: layer([], ['dataFormat']),
  globalAveragePooling1d: layer([]),
  globalAveragePooling2d: layer([], ['dataFormat']),
  batchNormalization: layer(
    [],
    [
      'axis',
      'momentum',
      'epsilon',
      'center',
      'scale',
      ...weights('beta', 'gamma'),
      'movingMeanInitializer',
      'movingVarianceInitializer',
    ],
  ),
  layerNormalization: layer([], ['axis', 'epsilon', 'center', 'scale', ...weights('beta', 'gamma')]),
  // No `seed`: tfjs would then drop the same units at every step; the experiment seed already applies.
  dropout: layer(['rate']),
  spatialDropout1d: layer(['rate']),
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

  softmax: layer([]), // tfjs 4.22 only supports the last axis
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
export const MERGE_LAYER_TYPES = [
  'add',
  'multiply',
  'average',
  'maximum',
  'minimum',
  'concatenate',
  'dot',
] as const satisfies readonly LayerType[];
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
  // zeroPadding2d's `padding` is a size, not the conv `padding` mode; 1d layers take integers, not pairs.
  const name =
    type === 'zeroPadding2d' && arg === 'padding'
      ? 'zeroPadding'
      : ['conv1d', 'maxPooling1d', 'averagePooling1d'].includes(type) && `${arg}1d` in ARG
        ? `${arg}1d`
        : arg;
  if (!(name in ARG) && !(name in COMMON_SCHEMA))
    throw new Error(`layers.ts: no schema for argument "${arg}" of ${type}`);
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
        properties: Object.fromEntries(
          layerArguments(type).map((arg) => [arg, arg === 'type' ? { const: type } : argSchema(type, arg)]),
        ),
      },
    })),
  };
}
