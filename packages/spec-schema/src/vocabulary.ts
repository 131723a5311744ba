// Names users may write in a spec. Each list is the one source for its TypeScript union and its schema `enum`,
// and each name is the tfjs name, so compiling is a lookup.

export const ACTIVATIONS = [
  'linear', 'relu', 'relu6', 'elu', 'selu', 'sigmoid', 'hardSigmoid', 'tanh', 'softmax', 'softplus', 'softsign',
  'swish', 'mish', 'gelu', 'gelu_new',
] as const;

export const INITIALIZERS = [
  'zeros', 'ones', 'constant', 'randomNormal', 'randomUniform', 'truncatedNormal', 'varianceScaling',
  'glorotNormal', 'glorotUniform', 'heNormal', 'heUniform', 'leCunNormal', 'leCunUniform', 'orthogonal', 'identity',
] as const;

export const REGULARIZERS = ['l1', 'l2', 'l1l2'] as const;
export const CONSTRAINTS = ['maxNorm', 'minMaxNorm', 'nonNeg', 'unitNorm'] as const;

export const LOSSES = [
  'sparseCategoricalCrossentropy', 'categoricalCrossentropy', 'binaryCrossentropy', 'meanSquaredError',
  'meanAbsoluteError', 'meanAbsolutePercentageError', 'meanSquaredLogarithmicError', 'hinge', 'squaredHinge',
  'categoricalHinge', 'logcosh', 'kullbackLeiblerDivergence', 'poisson', 'cosineProximity',
] as const;

export const METRICS = [
  'accuracy', 'binaryAccuracy', 'categoricalAccuracy', 'sparseCategoricalAccuracy', 'precision', 'recall',
  'meanSquaredError', 'meanAbsoluteError', 'meanAbsolutePercentageError', 'binaryCrossentropy',
  'categoricalCrossentropy', 'sparseCategoricalCrossentropy',
] as const;

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
export type LossName = (typeof LOSSES)[number];
export type MetricName = (typeof METRICS)[number];
export type OptimizerName = keyof typeof OPTIMIZERS;
export const OPTIMIZER_NAMES = Object.keys(OPTIMIZERS) as OptimizerName[];
