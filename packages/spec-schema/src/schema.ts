// The experiment language as one JSON Schema: every field once, with its type, default and description.
// ajv fills the defaults; `schema/tfyaml.schema.json` is this object written out for editors (a test keeps them equal).
import { BACKENDS } from './backends.ts';
import { BYTE_SIZE_PATTERN } from './byte-size.ts';
import { dataSchema } from './data-schema.ts';
import { layerArgumentDefinitions, layerSchema } from './layers.ts';
import { LOSS_NAMES } from './losses.ts';
import { monitorColumnSchema, monitorModeSchema } from './monitor.ts';
import { sweepDefinitions, sweepSchema } from './sweep-schema.ts';
import { clipSchema, scheduleSchema, weightDecaySchema } from './training-schema.ts';
import {
  CHECKPOINT_SAVES,
  METRICS,
  OPTIMIZER_NAMES,
  OPTIMIZERS,
  TOP_K_ACCURACY,
  type OptimizerName,
} from './vocabulary.ts';

const optimizerArgs = [...new Set(Object.values(OPTIMIZERS).flatMap((o) => o.args))];

type OptimizerArg = (typeof optimizerArgs)[number];

/** What each optimizer argument does, with the default optimizer.ts passes; per optimizer where the meaning differs. */
const ARG_DESCRIPTIONS: Record<
  Exclude<OptimizerArg, 'weightDecay'>,
  string | Partial<Record<OptimizerName, string>>
> = {
  beta1: 'Decay rate of the running mean of gradients (1st moment), below 1; default 0.9.',
  beta2: 'Decay rate of the running mean of squared gradients (2nd moment), below 1; default 0.999.',
  epsilon: "Small constant added to the denominator for numerical stability; default the backend's epsilon (1e-7).",
  momentum: {
    momentum: 'Share of the previous update carried into the next (velocity decay), below 1; default 0.9.',
    rmsprop: 'Momentum applied to the scaled updates, below 1; default 0 (none).',
  },
  useNesterov: 'Use Nesterov momentum (gradient taken at the look-ahead point); default false.',
  decay: {
    adamax: 'Learning-rate decay per step: rate = learningRate / (1 + decay × step); default 0.',
    rmsprop: 'Discount factor of the moving average of squared gradients (Keras rho), below 1; default 0.9.',
  },
  centered:
    'Divide by the gradient variance instead of the mean square; default false. true is rejected: tfjs 4.22 yields NaN weights.',
  initialAccumulatorValue: "Starting value of each weight's sum of squared gradients; default 0.1.",
  rho: 'Decay rate of the running averages of squared gradients and updates, below 1; default 0.95.',
};

const optimizerSchema = {
  type: 'object',
  description: 'An optimizer name, or {type, learningRate, ...its tfjs arguments}.',
  required: ['type'],
  properties: {
    type: { enum: OPTIMIZER_NAMES, description: 'A tf.train optimizer; adamw is Adam with decoupled weight decay.' },
  },
  allOf: OPTIMIZER_NAMES.map((name) => ({
    if: { properties: { type: { const: name } }, required: ['type'] },
    then: {
      additionalProperties: false,
      properties: {
        type: { const: name },
        learningRate: {
          type: 'number',
          exclusiveMinimum: 0,
          description: `Step size of each update; default ${OPTIMIZERS[name].learningRate} (Keras).`,
        },
        ...Object.fromEntries(OPTIMIZERS[name].args.map((arg) => [arg, argSchema(name, arg)])),
        ...clipSchema,
      },
    },
  })),
};

function argSchema(name: OptimizerName, arg: OptimizerArg) {
  if (arg === 'weightDecay') return weightDecaySchema;
  const text = ARG_DESCRIPTIONS[arg];
  const description = typeof text === 'string' ? text : (text[name] ?? '');
  if (arg === 'useNesterov' || arg === 'centered') return { type: 'boolean', description };
  if (arg === 'epsilon') return { type: 'number', exclusiveMinimum: 0, description };
  // Decay rates and momenta are fractions: 1 or more makes the update divide by zero or grow without bound.
  if (['beta1', 'beta2', 'rho', 'decay', 'momentum'].includes(arg) && !(name === 'adamax' && arg === 'decay')) {
    return { type: 'number', minimum: 0, exclusiveMaximum: 1, description };
  }
  return { type: 'number', minimum: 0, description };
}

export const SCHEMA_ID = 'https://tfyaml.dev/schema/experiment.json';

export const experimentSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: SCHEMA_ID,
  title: 'tfyaml experiment',
  definitions: { ...layerArgumentDefinitions(), ...sweepDefinitions },
  type: 'object',
  additionalProperties: false,
  required: ['name', 'data', 'model'],
  properties: {
    $schema: { type: 'string', description: 'Editor hint; ignored.' },
    extends: {
      type: 'string',
      description: 'Another experiment file this one builds on (maps merge, lists replace); relative to this file.',
    },
    name: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
      maxLength: 64,
      description: 'Names the results folder: results/<name>/<run id>/.',
    },
    seed: {
      type: 'integer',
      default: 42,
      description: 'Seeds weights, shuffling, dropout, validation splits and synthetic data.',
    },
    backend: {
      enum: BACKENDS,
      default: 'auto',
      description: 'auto = tfjs-node if it loads, else native (oneDNN kernels), else wasm, else cpu.',
    },
    data: dataSchema,
    model: {
      type: 'object',
      additionalProperties: false,
      description: 'The network: its layers and, optionally, its input shape.',
      required: ['layers'],
      properties: {
        inputShape: {
          type: 'array',
          items: { type: 'integer', minimum: 1 },
          minItems: 1,
          description:
            "Shape of one sample without the batch axis, e.g. [32, 32, 3]; must match the dataset's (the default).",
        },
        layers: {
          type: 'array',
          minItems: 1,
          items: layerSchema(),
          description: 'The layers, applied in order: each feeds the next unless it lists inputs.',
        },
      },
    },
    training: {
      type: 'object',
      additionalProperties: false,
      description: 'How the model is trained: optimizer, schedule, loss, metrics, epochs, batches and callbacks.',
      default: {},
      properties: {
        optimizer: { ...optimizerSchema, default: { type: 'adam' } },
        schedule: {
          ...scheduleSchema,
          properties: {
            ...scheduleSchema.properties,
            type: {
              ...scheduleSchema.properties.type,
              description: 'constant keeps optimizer.learningRate; the others change it by epoch or step.',
            },
          },
        },
        loss: {
          type: 'object',
          additionalProperties: false,
          required: ['type'],
          default: { type: 'sparseCategoricalCrossentropy' },
          description: 'A tfjs loss name, or {type, fromLogits}.',
          properties: {
            type: { enum: LOSS_NAMES, description: 'The loss to minimize, by its tfjs name.' },
            fromLogits: {
              type: 'boolean',
              default: false,
              description: 'The last layer outputs raw scores (no softmax/sigmoid); crossentropy losses only.',
            },
          },
        },
        metrics: {
          type: 'array',
          uniqueItems: true,
          default: ['accuracy'],
          description: 'Computed per epoch on train and validation; each is a metrics.csv column (and val_<name>).',
          items: {
            anyOf: [
              { enum: METRICS },
              { type: 'string', pattern: TOP_K_ACCURACY.source, description: 'topKAccuracy, e.g. top5Accuracy.' },
            ],
          },
        },
        epochs: { type: 'integer', minimum: 1, default: 10, description: 'Passes over the training data.' },
        batchSize: {
          type: 'integer',
          minimum: 1,
          default: 32,
          description: 'Samples per gradient step; default 32 (Keras).',
        },
        validation: {
          anyOf: [{ const: 'test' }, { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 }],
          default: 'test',
          description: '"test" validates on the test split; a fraction holds out that share of the training split.',
        },
        shuffle: { type: 'boolean', default: true, description: 'Reshuffle training data every epoch (seeded).' },
        workers: {
          anyOf: [{ const: 'auto' }, { type: 'integer', minimum: 1, maximum: 64 }],
          default: 'auto',
          description:
            'Threads that share each batch (synchronous data-parallel) on wasm and cpu: auto = all cores for models up to 1 M weights, else 1. tensorflow and native use every core within each op and always run in one.',
        },
        threads: {
          anyOf: [{ const: 'auto' }, { type: 'integer', minimum: 1, maximum: 1024 }],
          default: 'auto',
          description:
            'CPU threads inside each op on the native (oneDNN/OpenMP) and wasm (XNNPACK) backends: auto = all cores. Each wasm worker of training.workers runs one.',
        },
        maxMemory: {
          anyOf: [
            { type: 'integer', minimum: 1 },
            { type: 'string', pattern: BYTE_SIZE_PATTERN, title: 'a size such as "8GB" or "512MiB"' },
          ],
          description:
            'Memory training may use, e.g. "8GB" or bytes; default: all of this machine\'s. check and run refuse a model whose estimate (weights, gradients, optimizer slots, one batch of activations) is larger.',
        },
        earlyStopping: {
          type: 'object',
          additionalProperties: false,
          description: 'Stop when the monitored column stops improving (Keras EarlyStopping).',
          properties: {
            monitor: monitorColumnSchema,
            mode: monitorModeSchema,
            patience: {
              type: 'integer',
              minimum: 0,
              default: 3,
              description: 'Epochs without improvement before stopping.',
            },
            minDelta: {
              type: 'number',
              minimum: 0,
              default: 0,
              description: 'Smaller changes do not count as improvement.',
            },
            restoreBestWeights: {
              type: 'boolean',
              default: true,
              description: 'End with the weights of the best epoch, not the last.',
            },
          },
        },
        checkpoint: {
          type: 'object',
          additionalProperties: false,
          description: 'Save the model during training into the run folder: model/best/ and/or model/last/.',
          properties: {
            save: {
              enum: CHECKPOINT_SAVES,
              default: 'best',
              description: 'best: whenever the monitored column improves; last: after every epoch.',
            },
            monitor: monitorColumnSchema,
            mode: monitorModeSchema,
          },
        },
      },
    },
    sweep: sweepSchema,
  },
} as const;
