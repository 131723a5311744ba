// What each loss implies, as named fields read everywhere a stage depends on it: the schema (the names), the rules
// (task, logits form), the model compiler (output shape, label encoding, the logits function) and the runner
// (task check, confusion matrix). Nothing asks a loss's name what it means.
import type { Task } from './vocabulary.ts';

export interface LossFacts {
  /** classification: the labels are classes; regression: they are numbers to approximate. */
  task: Task;
  /**
   * What the model's output must be: `classScores` one score per class, [batch, classes], the highest being the
   * predicted class; `positiveScore` one score, [batch, 1], for the second of exactly two classes (labels 0/1);
   * `values` the target's own values.
   */
  output: 'classScores' | 'positiveScore' | 'values';
  /** How labels reach the loss: `index` one number per record (class index or target value), `onehot` a row per record. */
  labels: 'index' | 'onehot';
  /** The activation whose input `fromLogits: true` means, or null where tfjs has no logits form. */
  logits: 'softmax' | 'sigmoid' | null;
}

/** Every loss a spec may name, by its tfjs name. */
export const LOSSES = {
  sparseCategoricalCrossentropy: { task: 'classification', output: 'classScores', labels: 'index', logits: 'softmax' },
  categoricalCrossentropy: { task: 'classification', output: 'classScores', labels: 'onehot', logits: 'softmax' },
  binaryCrossentropy: { task: 'classification', output: 'positiveScore', labels: 'index', logits: 'sigmoid' },
  meanSquaredError: { task: 'regression', output: 'values', labels: 'index', logits: null },
  meanAbsoluteError: { task: 'regression', output: 'values', labels: 'index', logits: null },
  meanAbsolutePercentageError: { task: 'regression', output: 'values', labels: 'index', logits: null },
  meanSquaredLogarithmicError: { task: 'regression', output: 'values', labels: 'index', logits: null },
  hinge: { task: 'classification', output: 'classScores', labels: 'onehot', logits: null },
  squaredHinge: { task: 'classification', output: 'classScores', labels: 'onehot', logits: null },
  categoricalHinge: { task: 'classification', output: 'classScores', labels: 'onehot', logits: null },
  logcosh: { task: 'regression', output: 'values', labels: 'index', logits: null },
  kullbackLeiblerDivergence: { task: 'classification', output: 'classScores', labels: 'onehot', logits: null },
  poisson: { task: 'regression', output: 'values', labels: 'onehot', logits: null },
  cosineProximity: { task: 'regression', output: 'values', labels: 'onehot', logits: null },
} as const satisfies Record<string, LossFacts>;

export type LossName = keyof typeof LOSSES;
export const LOSS_NAMES = Object.keys(LOSSES) as LossName[];
