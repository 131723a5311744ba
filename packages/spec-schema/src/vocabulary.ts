// Names users may write in a spec. Each list is the one source for its TypeScript union and its schema `enum`,
// and each name is the tfjs name, so compiling is a lookup.

export const ACTIVATIONS = [
  'linear',
  'relu',
  'relu6',
  'elu',
  'selu',
  'sigmoid',
  'hardSigmoid',
  'tanh',
  'softmax',
  'softplus',
  'softsign',
  'swish',
  'mish',
  'gelu',
  'gelu_new',
] as const;

export const INITIALIZERS = [
  'zeros',
  'ones',
  'constant',
  'randomNormal',
  'randomUniform',
  'truncatedNormal',
  'varianceScaling',
  'glorotNormal',
  'glorotUniform',
  'heNormal',
  'heUniform',
  'leCunNormal',
  'leCunUniform',
  'orthogonal',
  'identity',
] as const;

export const REGULARIZERS = ['l1', 'l2', 'l1l2'] as const;
export const CONSTRAINTS = ['maxNorm', 'minMaxNorm', 'nonNeg', 'unitNorm'] as const;

/** Each metric with the direction in which it improves, which a monitor's `mode: auto` follows (monitor.ts). */
export const METRIC_DIRECTIONS = {
  accuracy: 'max',
  binaryAccuracy: 'max',
  categoricalAccuracy: 'max',
  sparseCategoricalAccuracy: 'max',
  precision: 'max',
  recall: 'max',
  meanSquaredError: 'min',
  meanAbsoluteError: 'min',
  meanAbsolutePercentageError: 'min',
  binaryCrossentropy: 'min',
  categoricalCrossentropy: 'min',
  sparseCategoricalCrossentropy: 'min',
} as const;

/** `top<k>Accuracy` (k in 1..99), allowed beside the named metrics: the true class among the k highest scores. */
export const TOP_K_ACCURACY = /^top([1-9][0-9]?)Accuracy$/;

/** What the labels are: classes, or numbers to approximate (`data.csv.task`, and each loss's task). */
export const TASKS = ['classification', 'regression'] as const;

/** Which models `training.checkpoint` keeps: model/best/, model/last/ or both. */
export const CHECKPOINT_SAVES = ['best', 'last', 'both'] as const;

/** Each optimizer with its Keras default learning rate and the extra arguments tfjs accepts for it. */
export const OPTIMIZERS = {
  adamw: { learningRate: 0.001, args: ['beta1', 'beta2', 'epsilon', 'weightDecay'] },
  sgd: { learningRate: 0.01, args: [] },
  momentum: { learningRate: 0.01, args: ['momentum', 'useNesterov'] },
  adam: { learningRate: 0.001, args: ['beta1', 'beta2', 'epsilon'] },
  adamax: { learningRate: 0.002, args: ['beta1', 'beta2', 'epsilon', 'decay'] },
  rmsprop: { learningRate: 0.001, args: ['decay', 'momentum', 'epsilon', 'centered'] },
  adagrad: { learningRate: 0.01, args: ['initialAccumulatorValue'] },
  adadelta: { learningRate: 0.001, args: ['rho', 'epsilon'] },
} as const;

export type Activation = (typeof ACTIVATIONS)[number];
export type MetricName = keyof typeof METRIC_DIRECTIONS;
export const METRICS = Object.keys(METRIC_DIRECTIONS) as MetricName[];
export type Task = (typeof TASKS)[number];
export type CheckpointSave = (typeof CHECKPOINT_SAVES)[number];
export type OptimizerName = keyof typeof OPTIMIZERS;
export const OPTIMIZER_NAMES = Object.keys(OPTIMIZERS) as OptimizerName[];
