// Shorthands to canonical form (before validation) and defaults that depend on other fields (after it).
import { isAbsolute, resolve } from 'node:path';
import type { Spec } from './types.ts';
import { OPTIMIZERS, type OptimizerName } from './vocabulary.ts';

type Loose = Record<string, unknown>;

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `optimizer: adam` → `{type: adam}`, `metrics: accuracy` → `[accuracy]`, an empty `synthetic` block for its defaults. */
export function expandShorthands(raw: unknown): void {
  if (!isObject(raw)) return;
  const training = raw['training'];
  if (isObject(training)) {
    if (typeof training['optimizer'] === 'string') training['optimizer'] = { type: training['optimizer'] };
    if (typeof training['metrics'] === 'string') training['metrics'] = [training['metrics']];
  }
  const data = raw['data'];
  if (isObject(data) && data['dataset'] === 'synthetic' && data['synthetic'] === undefined) data['synthetic'] = {};
}

/** Fills the optimizer's default learning rate and makes `data.path` absolute (relative to the spec's folder). */
export function fillDerivedDefaults(spec: Spec, specDir: string, overriddenPaths: ReadonlySet<string>): void {
  const optimizer = spec.training.optimizer;
  optimizer.learningRate ??= OPTIMIZERS[optimizer.type as OptimizerName].learningRate;
  if (spec.data.path !== undefined && !isAbsolute(spec.data.path)) {
    // A path typed on the command line is relative to where it was typed.
    spec.data.path = resolve(overriddenPaths.has('data.path') ? process.cwd() : specDir, spec.data.path);
  }
}
