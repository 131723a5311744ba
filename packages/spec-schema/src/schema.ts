// The experiment language as one JSON Schema: every field once, with its type, default and description.
// ajv fills the defaults; `schema/tfyaml.schema.json` is this object written out for editors (a test keeps them equal).
import { layerArgumentDefinitions, layerSchema } from './layers.ts';
import { clipSchema, scheduleSchema, weightDecaySchema } from './training-schema.ts';
import { LOSSES, METRICS, OPTIMIZER_NAMES, OPTIMIZERS } from './vocabulary.ts';

const optimizerArgs = [...new Set(Object.values(OPTIMIZERS).flatMap((o) => o.args))];

const optimizerSchema = {
  type: 'object',
  description: 'An optimizer name, or {type, learningRate, ...its tfjs arguments}.',
  required: ['type'],
  properties: { type: { enum: OPTIMIZER_NAMES } },
  allOf: OPTIMIZER_NAMES.map((name) => ({
    if: { properties: { type: { const: name } }, required: ['type'] },
    then: {
      additionalProperties: false,
      properties: {
        type: { const: name },
        learningRate: { type: 'number', exclusiveMinimum: 0, description: `Default ${OPTIMIZERS[name].learningRate}.` },
        ...Object.fromEntries(OPTIMIZERS[name].args.map((arg) => [arg, argSchema(arg)])),
        ...clipSchema,
      },
    },
  })),
};

function argSchema(arg: (typeof optimizerArgs)[number]) {
  if (arg === 'weightDecay') return weightDecaySchema;
  if (arg === 'useNesterov' || arg === 'centered') return { type: 'boolean' };
  if (arg === 'epsilon') return { type: 'number', exclusiveMinimum: 0 };
  return { type: 'number', minimum: 0 };
}

const monitorSchema = { type: 'string', default: 'val_loss', description: 'A metrics.csv column: loss, val_loss, <metric> or val_<metric>.' };
const modeSchema = { enum: ['auto', 'min', 'max'], default: 'auto', description: 'auto: max for accuracy-like columns, min otherwise.' };

export const SCHEMA_ID = 'https://tfyaml.dev/schema/experiment.json';

export const experimentSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: SCHEMA_ID,
  title: 'tfyaml experiment',
  definitions: layerArgumentDefinitions(),
  type: 'object',
  additionalProperties: false,
  required: ['name', 'data', 'model'],
  properties: {
    $schema: { type: 'string', description: 'Editor hint; ignored.' },
    extends: { type: 'string', description: 'Another experiment file this one builds on (maps merge, lists replace); relative to this file.' },
    name: {
      type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
      description: 'Names the results folder: results/<name>/<run id>/.',
    },
    seed: { type: 'integer', default: 42, description: 'Seeds weights, shuffling, dropout and validation splits.' },
    backend: {
      enum: ['auto', 'tensorflow', 'wasm', 'cpu'], default: 'auto',
      description: 'auto = tfjs-node if it loads, else wasm, else cpu.',
    },
    data: {
      type: 'object',
      additionalProperties: false,
      required: ['dataset'],
      properties: {
        dataset: { enum: ['cifar10', 'synthetic'], description: 'Which dataset to load.' },
        path: { type: 'string', minLength: 1, description: 'Folder with the dataset files; relative to this file.' },
        trainLimit: { type: 'integer', minimum: 1, description: 'Use only the first N training records.' },
        testLimit: { type: 'integer', minimum: 1, description: 'Use only the first N test records.' },
        normalize: {
          enum: ['none', 'scale', 'standardize'], default: 'scale',
          description: 'Pixels: none = 0..255, scale = 0..1, standardize = per-channel mean/std of the training split.',
        },
        synthetic: {
          type: 'object',
          additionalProperties: false,
          description: 'Generated images (dataset: synthetic).',
          properties: {
            classes: { type: 'integer', minimum: 2, maximum: 256, default: 4 },
            imageSize: { type: 'integer', minimum: 4, maximum: 256, default: 16 },
            channels: { enum: [1, 3], default: 3 },
            trainSize: { type: 'integer', minimum: 1, default: 2000 },
            testSize: { type: 'integer', minimum: 1, default: 400 },
            noise: { type: 'number', minimum: 0, maximum: 1, default: 0.25 },
          },
        },
      },
    },
    model: {
      type: 'object',
      additionalProperties: false,
      required: ['layers'],
      properties: {
        inputShape: {
          type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 1,
          description: 'Defaults to the dataset\'s sample shape.',
        },
        layers: { type: 'array', minItems: 1, items: layerSchema(), description: 'Applied in order.' },
      },
    },
    training: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        optimizer: { ...optimizerSchema, default: { type: 'adam' } },
        schedule: scheduleSchema,
        loss: {
          type: 'object', additionalProperties: false, required: ['type'],
          default: { type: 'sparseCategoricalCrossentropy' },
          description: 'A tfjs loss name, or {type, fromLogits}.',
          properties: {
            type: { enum: LOSSES },
            fromLogits: { type: 'boolean', default: false, description: 'The last layer outputs raw scores (no softmax/sigmoid); crossentropy losses only.' },
          },
        },
        metrics: {
          type: 'array', uniqueItems: true, default: ['accuracy'],
          description: 'Computed per epoch on train and validation; each is a metrics.csv column (and val_<name>).',
          items: { anyOf: [{ enum: METRICS }, { type: 'string', pattern: '^top[1-9][0-9]?Accuracy$', description: 'topKAccuracy, e.g. top5Accuracy.' }] },
        },
        epochs: { type: 'integer', minimum: 1, default: 10 },
        batchSize: { type: 'integer', minimum: 1, default: 32, description: 'Keras default.' },
        validation: {
          anyOf: [{ const: 'test' }, { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 }],
          default: 'test',
          description: '"test" validates on the test split; a fraction holds out that share of the training split.',
        },
        shuffle: { type: 'boolean', default: true, description: 'Reshuffle training data every epoch (seeded).' },
        earlyStopping: {
          type: 'object', additionalProperties: false,
          description: 'Stop when the monitored column stops improving (Keras EarlyStopping).',
          properties: {
            monitor: monitorSchema,
            mode: modeSchema,
            patience: { type: 'integer', minimum: 0, default: 3, description: 'Epochs without improvement before stopping.' },
            minDelta: { type: 'number', minimum: 0, default: 0, description: 'Smaller changes do not count as improvement.' },
            restoreBestWeights: { type: 'boolean', default: true, description: 'End with the weights of the best epoch, not the last.' },
          },
        },
        checkpoint: {
          type: 'object', additionalProperties: false,
          description: 'Save the model during training into the run folder: model/best/ and/or model/last/.',
          properties: {
            save: { enum: ['best', 'last', 'both'], default: 'best', description: 'best: whenever the monitored column improves; last: after every epoch.' },
            monitor: monitorSchema,
            mode: modeSchema,
          },
        },
      },
    },
  },
} as const;
