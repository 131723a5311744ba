// The `sweep:` block: many trials of one experiment, each with some spec values changed. Each field is declared once
// here, as a JSON Schema fragment `schema.ts` merges in; the TypeScript types mirror it after ajv fills defaults; the
// cross-field rules at the end join `RULES` in rules.ts. Distribution names and fields are W&B's sweep vocabulary.
import { quote } from './describe.ts';
import { didYouMean } from './did-you-mean.ts';
import { formatPath, parsePath, RESERVED_KEY_HINT, reservedKeyIn, type PathKey } from './paths.ts';
import type { RuleFinding } from './rules.ts';
import { loggedColumns } from './training-schema.ts';
import type { Spec } from './types.ts';

// ---------------------------------------------------------------------------------------------------------------
// Schema

const SWEEP_METHODS = ['grid', 'random', 'tpe'] as const;
const EARLY_TERMINATE_TYPES = ['asha', 'median'] as const;

const bound = (side: 'Lower' | 'Upper', type: 'number' | 'integer' = 'number') =>
  ({ type, description: `${side} bound, inclusive.` }) as const;

/** Each distribution with its fields. */
const DISTRIBUTIONS = {
  categorical: {
    required: ['values'],
    properties: {
      values: { type: 'array', description: 'The values to try: numbers, strings, lists or maps, each as it would be written in the spec.' },
      probabilities: {
        type: 'array', items: { type: 'number', minimum: 0, maximum: 1 },
        description: 'Chance of each value, in order; they sum to 1. Default: equal chances.',
      },
    },
  },
  uniform: { required: ['min', 'max'], properties: { min: bound('Lower'), max: bound('Upper') } },
  log_uniform: {
    required: ['min', 'max'],
    properties: {
      min: { type: 'number', description: 'Lower bound, > 0: the value itself (W&B\'s log_uniform_values), not its logarithm.' },
      max: { type: 'number', description: 'Upper bound: the value itself.' },
    },
  },
  int_uniform: { required: ['min', 'max'], properties: { min: bound('Lower', 'integer'), max: bound('Upper', 'integer') } },
  q_uniform: {
    required: ['min', 'max'],
    properties: {
      min: bound('Lower'), max: bound('Upper'),
      q: { type: 'number', exclusiveMinimum: 0, default: 1, description: 'Draws are rounded to a multiple of q.' },
    },
  },
  normal: {
    required: [],
    properties: {
      mu: { type: 'number', default: 0, description: 'Mean.' },
      sigma: { type: 'number', exclusiveMinimum: 0, default: 1, description: 'Standard deviation.' },
    },
  },
} as const;

type DistributionName = keyof typeof DISTRIBUTIONS;
const DISTRIBUTION_NAMES = Object.keys(DISTRIBUTIONS) as DistributionName[];

/** One swept value: `values: [...]` (categorical), or `{distribution, ...its fields}`; one `if/then` per distribution. */
const parameterSchema = {
  type: 'object',
  description: 'values: [...] to choose from, or {distribution: uniform | log_uniform | int_uniform | q_uniform | normal | categorical, ...}.',
  properties: {
    distribution: {
      enum: DISTRIBUTION_NAMES, default: 'categorical',
      description: 'How values are drawn; categorical (the default) picks one of values.',
    },
  },
  allOf: DISTRIBUTION_NAMES.map((name) => {
    const distribution = { const: name, description: `Picks the ${name} branch.` };
    return {
      // categorical needs no `required` here: an omitted distribution is categorical.
      if: { properties: { distribution }, ...(name === 'categorical' ? {} : { required: ['distribution'] }) },
      then: { additionalProperties: false, required: DISTRIBUTIONS[name].required, properties: { distribution, ...DISTRIBUTIONS[name].properties } },
    };
  }),
};

export const sweepSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['metric', 'parameters'],
  description: 'Makes this file a sweep: trials of the experiment with the parameters below varied, scored by metric.',
  properties: {
    method: {
      enum: SWEEP_METHODS, default: 'random',
      description: 'grid: every combination of values; random: seeded draws; tpe: Tree-structured Parzen Estimator, draws near the best trials so far.',
    },
    seed: { type: 'integer', description: 'Seeds the random and tpe draws; defaults to the experiment\'s seed.' },
    trials: { type: 'integer', minimum: 1, description: 'How many trials random and tpe run; grid runs every combination.' },
    metric: {
      type: 'object', additionalProperties: false, required: ['name', 'goal'],
      description: 'What a trial is scored by: its best epoch\'s value of a metrics.csv column.',
      properties: {
        name: { type: 'string', description: 'A metrics.csv column, e.g. val_accuracy or val_loss.' },
        goal: { enum: ['maximize', 'minimize'], description: 'Whether higher or lower values are better.' },
      },
    },
    parameters: {
      type: 'object',
      description: 'Keyed by spec path (training.optimizer.learningRate, model.layers[4].units); each is applied like --set.',
      additionalProperties: parameterSchema,
    },
    earlyTerminate: {
      type: 'object', additionalProperties: false, required: ['type'],
      description: 'Stop trials that do badly, decided at each epoch end.',
      properties: {
        type: {
          enum: EARLY_TERMINATE_TYPES,
          description: 'asha: asynchronous successive halving; median: stop a trial worse than the median of the others at the same epoch.',
        },
        minEpochs: { type: 'integer', minimum: 1, default: 1, description: 'No trial is stopped before this many epochs (asha\'s first rung).' },
        reductionFactor: {
          type: 'integer', minimum: 2, default: 3,
          description: 'asha: rungs at minEpochs × reductionFactor^k epochs, and the top 1/reductionFactor at a rung go on.',
        },
      },
    },
    workers: { type: 'integer', minimum: 1, description: 'Trials run at once, each in its own process; defaults to the number of CPU cores.' },
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Types (after ajv fills defaults)

export type SweepMethod = (typeof SWEEP_METHODS)[number];
export type SweepGoal = 'maximize' | 'minimize';
export type EarlyTerminateType = (typeof EARLY_TERMINATE_TYPES)[number];

export interface CategoricalParameter { distribution: 'categorical'; values: unknown[]; probabilities?: number[] }
export interface UniformParameter { distribution: 'uniform' | 'log_uniform'; min: number; max: number }
export interface IntUniformParameter { distribution: 'int_uniform'; min: number; max: number }
export interface QUniformParameter { distribution: 'q_uniform'; min: number; max: number; q: number }
export interface NormalParameter { distribution: 'normal'; mu: number; sigma: number }
export type SweepParameter = CategoricalParameter | UniformParameter | IntUniformParameter | QUniformParameter | NormalParameter;

export interface SweepMetric { name: string; goal: SweepGoal }
export interface EarlyTerminateSpec { type: EarlyTerminateType; minEpochs: number; reductionFactor: number }

export interface SweepSpec {
  method: SweepMethod;
  seed?: number;
  trials?: number;
  metric: SweepMetric;
  /** Spec path (as written, e.g. `model.layers[4].units`) → how its values are chosen. */
  parameters: Record<string, SweepParameter>;
  earlyTerminate?: EarlyTerminateSpec;
  workers?: number;
}

/** The number of values a grid visits for one parameter, or undefined for a continuous distribution. */
export function gridSize(parameter: SweepParameter): number | undefined {
  switch (parameter.distribution) {
    case 'categorical': return parameter.values.length;
    case 'int_uniform': return parameter.max - parameter.min + 1;
    case 'q_uniform': return Math.floor((parameter.max - parameter.min) / parameter.q + 1e-9) + 1;
    default: return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Cross-field rules

type SweepRule = (spec: Spec) => RuleFinding[];
const error = (path: PathKey[], message: string, hint?: string): RuleFinding => ({ path, severity: 'error', message, ...(hint ? { hint } : {}) });
const parameterPath = (key: string, ...rest: PathKey[]): PathKey[] => ['sweep', 'parameters', key, ...rest];
const parametersOf = (spec: Spec) => Object.entries(spec.sweep?.parameters ?? {});

/** Every swept path names a value this experiment has (after defaults), so a typo cannot silently sweep nothing. */
const sweepPathExists: SweepRule = (spec) => parametersOf(spec).flatMap(([key]) => {
  const keys = parsePath(key);
  if (!keys) return [error(parameterPath(key), `${quote(key)} is not a spec path`, 'write paths like training.optimizer.learningRate or model.layers[0].filters')];
  const reserved = reservedKeyIn(keys);
  if (reserved) return [error(parameterPath(key), `"${reserved}" cannot be part of a spec path`, RESERVED_KEY_HINT)];
  if (keys[0] === 'sweep') return [error(parameterPath(key), 'a sweep cannot vary its own settings', 'sweep over experiment values only')];
  let node: unknown = spec;
  for (let i = 0; i < keys.length; i++) {
    const step = keys[i]!;
    const found = childOf(node, step);
    if (found.exists) { node = found.value; continue; }
    const where = i === 0 ? 'the experiment' : formatPath(keys.slice(0, i));
    const kind = typeof step === 'number' ? 'list' : 'map';
    if (typeof step === 'number' ? !Array.isArray(node) : !isMap(node)) {
      return [error(parameterPath(key), `${where} is not a ${kind}`, `sweep ${where} itself, or a path inside a ${kind}`)];
    }
    if (typeof step === 'number') {
      return [error(parameterPath(key), `${where} has no item ${step}`, `it has ${(node as unknown[]).length} items, counted from 0`)];
    }
    const close = didYouMean(step, Object.keys(node as object));
    return [error(parameterPath(key), `${where} has no ${quote(step)}`,
      close ? `did you mean "${close}"?` : `a sweep varies values the experiment sets or fills by default; write ${step}: in ${where} first`)];
  }
  return [];
});

function childOf(node: unknown, key: PathKey): { exists: boolean; value?: unknown } {
  if (typeof key === 'number') return Array.isArray(node) && key < node.length ? { exists: true, value: node[key] } : { exists: false };
  return isMap(node) && node[key] !== undefined ? { exists: true, value: node[key] } : { exists: false };
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Two paths where one contains the other would both set the same value. */
const sweepPathsDoNotOverlap: SweepRule = (spec) => {
  const keys = parametersOf(spec).map(([key]) => key);
  return keys.flatMap((key) => {
    const outer = keys.find((other) => other !== key && (key.startsWith(`${other}.`) || key.startsWith(`${other}[`)));
    return outer ? [error(parameterPath(key), `overlaps "${outer}", which replaces the value that contains it`, 'sweep one of the two')] : [];
  });
};

/** The metric is a column every trial's metrics.csv has. */
const sweepMetricIsLogged: SweepRule = (spec) => {
  const name = spec.sweep?.metric.name;
  const columns = [...loggedColumns(spec), 'seconds', 'samples_per_second'];
  if (name === undefined || columns.includes(name)) return [];
  const close = didYouMean(name, columns);
  return [error(['sweep', 'metric', 'name'], `${quote(name)} is not a metrics.csv column of this experiment`,
    `${close ? `did you mean "${close}"? ` : ''}choose one of ${columns.join(', ')}`)];
};

/** A sweep needs something to vary, and each parameter at least one value. */
const sweepSpaceIsNotEmpty: SweepRule = (spec) => {
  if (!spec.sweep) return [];
  if (parametersOf(spec).length === 0) {
    return [error(['sweep', 'parameters'], 'the sweep has no parameters', 'add one, e.g. training.optimizer.learningRate: {distribution: log_uniform, min: 0.0001, max: 0.1}')];
  }
  return parametersOf(spec).flatMap(([key, p]) => p.distribution === 'categorical' && p.values.length === 0
    ? [error(parameterPath(key, 'values'), 'has no values to try', 'list at least one value')] : []);
};

/** Bounds in order, a positive log range, probabilities that match the values and sum to 1. */
const distributionsAreValid: SweepRule = (spec) => parametersOf(spec).flatMap(([key, p]): RuleFinding[] => {
  if (p.distribution === 'categorical') {
    if (!p.probabilities) return [];
    if (p.probabilities.length !== p.values.length) {
      return [error(parameterPath(key, 'probabilities'), `has ${p.probabilities.length} probabilities for ${p.values.length} values`, 'give one probability per value, in order')];
    }
    const sum = p.probabilities.reduce((a, b) => a + b, 0);
    return Math.abs(sum - 1) > 1e-6 ? [error(parameterPath(key, 'probabilities'), `sum to ${Number(sum.toPrecision(6))}, not 1`, 'scale them so they add up to 1')] : [];
  }
  if (p.distribution === 'normal') return [];
  if (p.distribution === 'log_uniform' && p.min <= 0) {
    return [error(parameterPath(key, 'min'), `must be > 0 for log_uniform, received ${p.min}`,
      'min and max are the values themselves (W&B\'s log_uniform_values), e.g. min: 0.0001, max: 0.1')];
  }
  if (p.min >= p.max) return [error(parameterPath(key, 'max'), `must be greater than min (${p.min}), received ${p.max}`, 'for a fixed value, write values: [that value]')];
  return [];
});

/** random and tpe draw until a budget; grid visits every combination, so every grid parameter must be finite. */
const sweepBudgetFitsMethod: SweepRule = (spec) => {
  const sweep = spec.sweep;
  if (!sweep) return [];
  if (sweep.method !== 'grid') {
    return sweep.trials === undefined ? [error(['sweep'], `method ${sweep.method} needs a trial budget`, 'add trials: 20 (or another count) to the sweep block')] : [];
  }
  const continuous = parametersOf(spec).filter(([, p]) => gridSize(p) === undefined)
    .map(([key, p]) => error(parameterPath(key, 'distribution'), `grid cannot enumerate a ${p.distribution} distribution`,
      'list values: [...] for a grid, or use method: random or tpe'));
  const ignoredBudget = sweep.trials === undefined ? [] : [{ ...error(['sweep', 'trials'], 'grid runs every combination; trials is ignored', 'remove trials, or use method: random or tpe'), severity: 'warning' as const }];
  return [...continuous, ...ignoredBudget];
};

/** A trial is never stopped before minEpochs, so a minEpochs as long as training stops nothing. */
const earlyTerminationCanAct: SweepRule = (spec) => {
  const rule = spec.sweep?.earlyTerminate;
  return rule && rule.minEpochs >= spec.training.epochs
    ? [{ ...error(['sweep', 'earlyTerminate', 'minEpochs'], `minEpochs ${rule.minEpochs} is not below training.epochs ${spec.training.epochs}, so no trial is ever stopped`, 'lower minEpochs or raise training.epochs'), severity: 'warning' }]
    : [];
};

/** Part of `RULES` in rules.ts. */
export const sweepRules: readonly SweepRule[] = [
  sweepPathExists, sweepPathsDoNotOverlap, sweepMetricIsLogged, sweepSpaceIsNotEmpty, distributionsAreValid,
  sweepBudgetFitsMethod, earlyTerminationCanAct,
];
