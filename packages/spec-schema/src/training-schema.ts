// Training additions to the experiment language: learning-rate schedules (`training.schedule`), the adamw optimizer,
// gradient clipping on every optimizer, and the cross-field rules they need. Each field is declared once here, as a
// JSON Schema fragment `schema.ts` merges in; the TypeScript types below mirror the fragments after ajv fills defaults.
import { didYouMean } from './did-you-mean.ts';
import { monitorColumnSchema, monitorModeSchema, type MonitorMode } from './monitor.ts';
import type { PathKey } from './paths.ts';
import type { RuleFinding } from './rules.ts';
import type { Spec } from './types.ts';

// ---------------------------------------------------------------------------------------------------------------
// Schedules

/** Each schedule type with its fields. Rates in epochs unless a name says steps (one step = one batch). */
const SCHEDULES = {
  constant: { required: [], properties: {} },
  step: {
    required: ['stepSize'],
    properties: {
      stepSize: { type: 'integer', minimum: 1, description: 'Epochs between decays (PyTorch StepLR step_size).' },
      gamma: {
        type: 'number',
        exclusiveMinimum: 0,
        maximum: 1,
        default: 0.1,
        description: 'Multiplies the rate every stepSize epochs.',
      },
    },
  },
  piecewise: {
    required: ['boundaries', 'values'],
    properties: {
      boundaries: {
        type: 'array',
        minItems: 1,
        items: { type: 'integer', minimum: 1 },
        description: 'Epoch counts, increasing: values[i + 1] applies once boundaries[i] epochs have finished.',
      },
      values: {
        type: 'array',
        minItems: 2,
        items: { type: 'number', exclusiveMinimum: 0 },
        description: 'Learning rates, one more than boundaries; replaces optimizer.learningRate.',
      },
    },
  },
  exponential: {
    required: ['decayRate', 'decaySteps'],
    properties: {
      decayRate: {
        type: 'number',
        exclusiveMinimum: 0,
        description: 'The rate is multiplied by this every decaySteps steps (Keras ExponentialDecay).',
      },
      decaySteps: { type: 'integer', minimum: 1, description: 'Steps (batches) per decayRate factor.' },
      staircase: {
        type: 'boolean',
        default: false,
        description: 'Decay in whole decaySteps jumps instead of smoothly.',
      },
    },
  },
  cosine: {
    required: [],
    properties: {
      warmupEpochs: {
        type: 'integer',
        minimum: 0,
        default: 0,
        description: 'Epochs of linear warmup up to optimizer.learningRate, before the cosine decay.',
      },
      warmupSteps: { type: 'integer', minimum: 0, description: 'Warmup in steps (batches) instead of warmupEpochs.' },
      minLearningRate: {
        type: 'number',
        minimum: 0,
        default: 0,
        description: 'Where the cosine ends, after training.epochs.',
      },
    },
  },
  oneCycle: {
    required: [],
    properties: {
      maxLearningRate: {
        type: 'number',
        exclusiveMinimum: 0,
        description: 'Peak rate; defaults to 10 × optimizer.learningRate.',
      },
      pctStart: {
        type: 'number',
        exclusiveMinimum: 0,
        exclusiveMaximum: 1,
        default: 0.3,
        description: 'Share of all steps spent rising to the peak.',
      },
      divFactor: { type: 'number', minimum: 1, default: 25, description: 'Starts at maxLearningRate / divFactor.' },
      finalDivFactor: {
        type: 'number',
        minimum: 1,
        default: 10000,
        description: 'Ends at the start rate / finalDivFactor.',
      },
    },
  },
  reduceOnPlateau: {
    required: [],
    properties: {
      monitor: monitorColumnSchema,
      mode: monitorModeSchema,
      factor: {
        type: 'number',
        exclusiveMinimum: 0,
        exclusiveMaximum: 1,
        default: 0.1,
        description: 'Multiplies the rate on a plateau.',
      },
      patience: {
        type: 'integer',
        minimum: 0,
        default: 10,
        description: 'Epochs without improvement before the rate drops.',
      },
      minDelta: {
        type: 'number',
        minimum: 0,
        default: 0.0001,
        description: 'Smaller changes do not count as improvement.',
      },
      cooldown: {
        type: 'integer',
        minimum: 0,
        default: 0,
        description: 'Epochs to wait after a drop before counting again (Keras semantics).',
      },
      minLearningRate: { type: 'number', minimum: 0, default: 0, description: 'The rate never drops below this.' },
    },
  },
} as const;

export type ScheduleType = keyof typeof SCHEDULES;
export const SCHEDULE_TYPES = Object.keys(SCHEDULES) as ScheduleType[];

/** `training.schedule`: a schedule name or `{type, ...}`; one `if/then` branch per type, like the optimizer schema. */
export const scheduleSchema = {
  type: 'object',
  description: 'How the learning rate changes during training: a schedule name, or {type, ...its fields}.',
  default: { type: 'constant' },
  required: ['type'],
  properties: { type: { enum: SCHEDULE_TYPES } },
  allOf: SCHEDULE_TYPES.map((type) => ({
    if: { properties: { type: { const: type } }, required: ['type'] },
    then: {
      additionalProperties: false,
      required: SCHEDULES[type].required,
      properties: { type: { const: type }, ...SCHEDULES[type].properties },
    },
  })),
};

export interface ConstantSchedule {
  type: 'constant';
}
export interface StepSchedule {
  type: 'step';
  stepSize: number;
  gamma: number;
}
export interface PiecewiseSchedule {
  type: 'piecewise';
  boundaries: number[];
  values: number[];
}
export interface ExponentialSchedule {
  type: 'exponential';
  decayRate: number;
  decaySteps: number;
  staircase: boolean;
}
export interface CosineSchedule {
  type: 'cosine';
  warmupEpochs: number;
  warmupSteps?: number;
  minLearningRate: number;
}
export interface OneCycleSchedule {
  type: 'oneCycle';
  /** Filled by `fillTrainingDefaults` (10 × optimizer.learningRate) when not written. */
  maxLearningRate?: number;
  pctStart: number;
  divFactor: number;
  finalDivFactor: number;
}
export interface ReduceOnPlateauSchedule {
  type: 'reduceOnPlateau';
  monitor: string;
  mode: MonitorMode;
  factor: number;
  patience: number;
  minDelta: number;
  cooldown: number;
  minLearningRate: number;
}
export type ScheduleSpec =
  | ConstantSchedule
  | StepSchedule
  | PiecewiseSchedule
  | ExponentialSchedule
  | CosineSchedule
  | OneCycleSchedule
  | ReduceOnPlateauSchedule;

// ---------------------------------------------------------------------------------------------------------------
// Optimizer additions

/** `argSchema('weightDecay')` in schema.ts: PyTorch AdamW's default, so a bare `adamw` behaves like torch.optim.AdamW. */
export const weightDecaySchema = {
  type: 'number',
  minimum: 0,
  default: 0.01,
  description: 'Decoupled weight decay: each step multiplies weights (ndim ≥ 2) by 1 - learningRate × weightDecay.',
} as const;

/** Spread into every optimizer branch's `properties` (schema.ts), so any optimizer may clip. */
export const clipSchema = {
  clipNorm: {
    type: 'number',
    exclusiveMinimum: 0,
    description: 'Scale all gradients together so their global L2 norm is at most this (Keras global_clipnorm).',
  },
  clipValue: {
    type: 'number',
    exclusiveMinimum: 0,
    description: 'Clip each gradient element to [-clipValue, clipValue]; applied before clipNorm.',
  },
} as const;

export interface ClipSpec {
  clipNorm?: number;
  clipValue?: number;
}
export interface AdamWArgs {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  weightDecay: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Normalization (load.ts calls these beside expandShorthands / fillDerivedDefaults)

/** `schedule: cosine` → `{type: cosine}`; call on the raw `training` object before validation. */
export function expandTrainingShorthands(training: unknown): void {
  if (typeof training !== 'object' || training === null || Array.isArray(training)) return;
  const t = training as Record<string, unknown>;
  if (typeof t['schedule'] === 'string') t['schedule'] = { type: t['schedule'] };
}

/** oneCycle's peak defaults to 10 × the optimizer's rate, so it is written into the resolved spec.yaml. Call after
 * the optimizer's learningRate is filled. */
export function fillTrainingDefaults(spec: Spec): void {
  const schedule = spec.training.schedule;
  const base = spec.training.optimizer.learningRate;
  if (schedule?.type === 'oneCycle' && base !== undefined) schedule.maxLearningRate ??= 10 * base;
}

// ---------------------------------------------------------------------------------------------------------------
// Cross-field rules

type TrainingRule = (spec: Spec) => RuleFinding[];

const SCHEDULE: PathKey[] = ['training', 'schedule'];
const error = (key: PathKey | undefined, message: string, hint?: string): RuleFinding => ({
  path: key === undefined ? SCHEDULE : [...SCHEDULE, key],
  severity: 'error',
  message,
  ...(hint ? { hint } : {}),
});
const warning = (key: PathKey | undefined, message: string, hint?: string): RuleFinding => ({
  ...error(key, message, hint),
  severity: 'warning',
});

/** One value before the first boundary and one after each; boundaries increasing and inside training. */
const piecewiseValuesFitBoundaries: TrainingRule = (spec) => {
  const s = spec.training.schedule;
  if (s?.type !== 'piecewise') return [];
  const findings: RuleFinding[] = [];
  if (s.values.length !== s.boundaries.length + 1) {
    findings.push(
      error(
        'values',
        `has ${s.values.length} values for ${s.boundaries.length} boundaries; piecewise needs ${s.boundaries.length + 1}`,
        'give one rate before the first boundary and one after each boundary',
      ),
    );
  }
  const unordered = s.boundaries.findIndex((b, i) => i > 0 && b <= s.boundaries[i - 1]!);
  if (unordered >= 0)
    findings.push(
      error(
        'boundaries',
        `boundaries must increase, but ${s.boundaries[unordered]} follows ${s.boundaries[unordered - 1]}`,
        'sort them and remove duplicates',
      ),
    );
  const late = s.boundaries.findIndex((b) => b >= spec.training.epochs);
  if (late >= 0)
    findings.push(
      warning(
        'boundaries',
        `boundary ${s.boundaries[late]} is never reached in ${spec.training.epochs} epochs`,
        'lower it or raise training.epochs',
      ),
    );
  return findings;
};

/** The schedule and the optimizer both shape the rate: catch combinations where one cancels or doubles the other. */
const scheduleFitsOptimizer: TrainingRule = (spec) => {
  const s = spec.training.schedule;
  const optimizer = spec.training.optimizer;
  const base = optimizer.learningRate;
  const findings: RuleFinding[] = [];
  if ((s?.type === 'cosine' || s?.type === 'reduceOnPlateau') && base !== undefined && s.minLearningRate >= base) {
    findings.push(
      warning(
        'minLearningRate',
        `minLearningRate ${s.minLearningRate} is not below optimizer.learningRate ${base}, so the rate never decreases`,
        'lower minLearningRate or raise optimizer.learningRate',
      ),
    );
  }
  if (
    s !== undefined &&
    s.type !== 'constant' &&
    optimizer.type === 'adamax' &&
    typeof optimizer['decay'] === 'number' &&
    optimizer['decay'] > 0
  ) {
    findings.push({
      path: ['training', 'optimizer', 'decay'],
      severity: 'warning',
      message: `adamax decay also lowers the rate every step, on top of the ${s.type} schedule`,
      hint: 'set decay: 0 and let the schedule decide',
    });
  }
  return findings;
};

/** reduceOnPlateau reads one epoch row; the column must be one the run writes. */
const plateauMonitorIsLogged: TrainingRule = (spec) => {
  const s = spec.training.schedule;
  if (s?.type !== 'reduceOnPlateau') return [];
  const columns = loggedColumns(spec);
  if (columns.includes(s.monitor)) return [];
  const close = didYouMean(s.monitor, columns);
  return [
    error(
      'monitor',
      `"${s.monitor}" is not a metrics.csv column of this run`,
      `${close ? `did you mean "${close}"? ` : ''}allowed: ${columns.join(', ')}`,
    ),
  ];
};

/** The per-epoch values the training loop logs: the loss and each metric, for training and validation. */
export function loggedColumns(spec: Spec): string[] {
  const names = ['loss', ...spec.training.metrics];
  return [...names, ...names.map((n) => `val_${n}`)];
}

/** Cosine warmup is written in epochs or in steps, not both. */
const oneWarmupLength: TrainingRule = (spec) => {
  const s = spec.training.schedule;
  return s?.type === 'cosine' && s.warmupSteps !== undefined && s.warmupEpochs > 0
    ? [
        error(
          'warmupSteps',
          `warmupSteps ${s.warmupSteps} and warmupEpochs ${s.warmupEpochs} both set the warmup`,
          'keep one of them',
        ),
      ]
    : [];
};

/** A warmup as long as training leaves no steps for the decay it precedes. */
const warmupShorterThanTraining: TrainingRule = (spec) => {
  const s = spec.training.schedule;
  if (s?.type !== 'cosine') return [];
  const epochs = spec.training.epochs;
  if (s.warmupSteps === undefined) {
    return s.warmupEpochs >= epochs
      ? [
          error(
            'warmupEpochs',
            `warmupEpochs ${s.warmupEpochs} is not shorter than training.epochs ${epochs}`,
            'lower warmupEpochs or raise training.epochs',
          ),
        ]
      : [];
  }
  const total = approximateStepsPerEpoch(spec) * epochs;
  return s.warmupSteps >= total
    ? [
        warning(
          'warmupSteps',
          `warmupSteps ${s.warmupSteps} is not shorter than training (about ${total} steps)`,
          'lower warmupSteps or raise training.epochs',
        ),
      ]
    : [];
};

/** Batches per epoch from the spec alone (the runner knows exactly); good enough for a warning. */
export function approximateStepsPerEpoch(spec: Spec): number {
  const full = spec.data.dataset === 'synthetic' ? (spec.data.synthetic?.trainSize ?? 2000) : 50000;
  const records = Math.min(full, spec.data.trainLimit ?? full);
  const validation = spec.training.validation;
  const train = validation === 'test' ? records : records - Math.round(records * validation);
  return Math.max(1, Math.ceil(train / spec.training.batchSize));
}

/** Part of `RULES` in rules.ts. */
export const trainingRules: readonly TrainingRule[] = [
  piecewiseValuesFitBoundaries,
  scheduleFitsOptimizer,
  plateauMonitorIsLogged,
  oneWarmupLength,
  warmupShorterThanTraining,
];
