// Shorthands to canonical form (before validation) and defaults that depend on other fields (after it).
import { fillSweepDefaults } from './sweep-schema.ts';
import { expandTrainingShorthands, fillTrainingDefaults } from './training-schema.ts';
import type { Spec } from './types.ts';
import { OPTIMIZERS, type OptimizerName } from './vocabulary.ts';

type Loose = Record<string, unknown>;

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `optimizer: adam` → `{type: adam}`, `loss: x` → `{type: x}`, `metrics: accuracy` → `[accuracy]`, an empty `synthetic` block for its defaults. */
export function expandShorthands(raw: unknown): void {
  if (!isObject(raw)) return;
  const training = raw['training'];
  if (isObject(training)) {
    if (typeof training['optimizer'] === 'string') training['optimizer'] = { type: training['optimizer'] };
    if (typeof training['metrics'] === 'string') training['metrics'] = [training['metrics']];
    if (typeof training['loss'] === 'string') training['loss'] = { type: training['loss'] };
    expandTrainingShorthands(training);
  }
  const data = raw['data'];
  if (isObject(data) && data['dataset'] === 'synthetic' && data['synthetic'] === undefined) data['synthetic'] = {};
}

/** Fills defaults that depend on other fields: the optimizer's learning rate, a oneCycle peak. */
export function fillDerivedDefaults(spec: Spec): void {
  const optimizer = spec.training.optimizer;
  optimizer.learningRate ??= OPTIMIZERS[optimizer.type as OptimizerName].learningRate;
  fillTrainingDefaults(spec);
  fillSweepDefaults(spec);
}
