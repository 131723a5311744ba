// The `sweep:` block: many trials of one experiment, each with some spec values changed. Each field is declared once
// here, as a JSON Schema fragment `schema.ts` merges in; the TypeScript types mirror it after ajv fills defaults; the
// cross-field rules at the end join `RULES` in rules.ts. Distribution names and fields are W&B's sweep vocabulary.
import { quote } from './describe.ts';
import { didYouMean } from './did-you-mean.ts';
import { formatPath, parsePath, RESERVED_KEY_HINT, reservedKeyIn, type PathKey } from './paths.ts';
import type { RuleFinding } from './rules.ts';
import { parseConstraint } from './sweep-constraints.ts';
import { flattenSpace, isSweepVariable, sameValue, type SpaceParameter } from './sweep-space.ts';
import { loggedColumns } from './training-schema.ts';
import type { Spec } from './types.ts';

// ---------------------------------------------------------------------------------------------------------------
// Schema

const SWEEP_METHODS = ['grid', 'random', 'tpe'] as const;
/** Columns every trial has besides its metrics.csv ones (trials.csv writes them), so sweep.metrics may name them. */
export const TRIAL_COLUMNS = ['params', 'inference_ms_per_sample', 'seconds', 'peak_rss_mb'] as const;
export type TrialColumn = (typeof TRIAL_COLUMNS)[number];
const EARLY_TERMINATE_TYPES = ['asha', 'median'] as const;
const SWEEP_GOALS = ['maximize', 'minimize'] as const;

const bound = (side: 'Lower' | 'Upper', type: 'number' | 'integer' = 'number') =>
  ({ type, description: `${side} bound, inclusive.` }) as const;

/** Each distribution with its fields. */
const DISTRIBUTIONS = {
  categorical: {
    required: ['values'],
    properties: {
      values: {
        type: 'array',
        description:
          'The values to try: numbers, strings, lists or maps, each as it would be written in the spec; ' +
          '{value, parameters} for a value with sub-parameters of its own.',
        items: {
          description: 'A value as written in the spec, or {value, parameters}: a value with sub-parameters.',
          if: {
            type: 'object',
            properties: { parameters: { description: 'Present: this value has sub-parameters.' } },
            required: ['parameters'],
          },
          then: { $ref: '#/definitions/sweepChoice' },
        },
      },
      probabilities: {
        type: 'array',
        items: { type: 'number', minimum: 0, maximum: 1 },
        description: 'Chance of each value, in order; they sum to 1. Default: equal chances.',
      },
    },
  },
  uniform: { required: ['min', 'max'], properties: { min: bound('Lower'), max: bound('Upper') } },
  log_uniform: {
    required: ['min', 'max'],
    properties: {
      min: {
        type: 'number',
        description: "Lower bound, > 0: the value itself (W&B's log_uniform_values), not its logarithm.",
      },
      max: { type: 'number', description: 'Upper bound: the value itself.' },
    },
  },
  int_uniform: {
    required: ['min', 'max'],
    properties: { min: bound('Lower', 'integer'), max: bound('Upper', 'integer') },
  },
  q_uniform: {
    required: ['min', 'max'],
    properties: {
      min: bound('Lower'),
      max: bound('Upper'),
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

const when = {
  type: 'object',
  description:
    'Sample this parameter only when each named parameter has one of the listed values, e.g. {blocks: [2, 3]}.',
  additionalProperties: {
    type: 'array',
    minItems: 1,
    description: 'The values of that parameter that make this one active.',
  },
};

/** A length of time: seconds as a number, or a string like 90s, 30m, 2h, 1d (durationSeconds reads it). */
const duration = (description: string) => ({
  type: ['number', 'string'],
  description: `${description} Seconds, or 90s, 30m, 2h, 1d.`,
});

const DURATION = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)?$/;
const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** Seconds in a duration as written (`2h` → 7200, `90` → 90); undefined when it is not one, or not above zero. */
export function durationSeconds(value: number | string): number | undefined {
  if (typeof value === 'number') return value > 0 && Number.isFinite(value) ? value : undefined;
  const match = DURATION.exec(value.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * UNIT_SECONDS[(match[2] ?? 's') as keyof typeof UNIT_SECONDS];
  return seconds > 0 ? seconds : undefined;
}

/** One swept value: `values: [...]` (categorical), or `{distribution, ...its fields}`; one `if/then` per distribution. */
const parameterSchema = {
  type: 'object',
  description:
    'values: [...] to choose from, or {distribution: uniform | log_uniform | int_uniform | q_uniform | normal | categorical, ...}.',
  properties: {
    distribution: {
      enum: DISTRIBUTION_NAMES,
      default: 'categorical',
      description: 'How values are drawn; categorical (the default) picks one of values.',
    },
    when,
  },
  allOf: DISTRIBUTION_NAMES.map((name) => {
    const distribution = { const: name, description: `Picks the ${name} branch.` };
    return {
      // categorical needs no `required` here: an omitted distribution is categorical.
      if: { properties: { distribution }, ...(name === 'categorical' ? {} : { required: ['distribution'] }) },
      then: {
        additionalProperties: false,
        required: DISTRIBUTIONS[name].required,
        properties: { distribution, when, ...DISTRIBUTIONS[name].properties },
      },
    };
  }),
};

const parameterRef = { $ref: '#/definitions/sweepParameter' };

/** Joins the experiment schema's `definitions`: a parameter and a choice refer to each other, so nesting has no limit. */
export const sweepDefinitions = {
  sweepParameter: parameterSchema,
  sweepChoice: {
    type: 'object',
    additionalProperties: false,
    required: ['value', 'parameters'],
    description: 'A categorical value with sub-parameters that are sampled only when this value is chosen.',
    properties: {
      value: { description: 'The value, as written in the spec.' },
      parameters: {
        type: 'object',
        description: 'Sub-parameters keyed by spec path (or a sweep variable), active only with this value.',
        additionalProperties: parameterRef,
      },
    },
  },
};

const objective = (nameDescription: string) => ({
  type: 'object',
  additionalProperties: false,
  required: ['name', 'goal'],
  properties: {
    name: { type: 'string', description: nameDescription },
    goal: { enum: SWEEP_GOALS, description: 'Whether higher or lower values are better.' },
  },
});

export const sweepSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['parameters'],
  description:
    'Makes this file a sweep: trials of the experiment with the parameters below varied, scored by metric (or metrics).',
  properties: {
    method: {
      enum: SWEEP_METHODS,
      default: 'random',
      description:
        'grid: every combination of values; random: seeded draws; tpe: Tree-structured Parzen Estimator, draws near the best trials so far.',
    },
    seed: { type: 'integer', description: "Seeds the random and tpe draws; defaults to the experiment's seed." },
    trials: {
      type: 'integer',
      minimum: 1,
      description: 'How many trials random and tpe run; grid runs every combination.',
    },
    metric: {
      ...objective('A metrics.csv column, e.g. val_accuracy or val_loss.'),
      description: "What a trial is scored by: its best epoch's value of a metrics.csv column (or write metrics:).",
    },
    metrics: {
      type: 'array',
      description:
        'Two or more objectives instead of metric: the sweep ranks trials by Pareto front (best.json lists it). Each is ' +
        `a metrics.csv column (at the trial's best epoch, picked by the first of them) or one of ${TRIAL_COLUMNS.join(', ')}.`,
      items: {
        ...objective(`A metrics.csv column (val_accuracy) or a per-trial column: ${TRIAL_COLUMNS.join(', ')}.`),
        description: 'One objective: a column and whether to maximize or minimize it.',
      },
    },
    parameters: {
      type: 'object',
      description:
        'Keyed by spec path (training.optimizer.learningRate, model.layers[4].units); each is applied like --set. ' +
        'A plain name that is no spec field (blocks) is a sweep variable that when: conditions read.',
      additionalProperties: parameterRef,
    },
    earlyTerminate: {
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      description: 'Stop trials that do badly, decided at each epoch end.',
      properties: {
        type: {
          enum: EARLY_TERMINATE_TYPES,
          description:
            'asha: asynchronous successive halving; median: stop a trial worse than the median of the others at the same epoch.',
        },
        minEpochs: {
          type: 'integer',
          minimum: 1,
          default: 1,
          description: "No trial is stopped before this many epochs (asha's first rung).",
        },
        reductionFactor: {
          type: 'integer',
          minimum: 2,
          default: 3,
          description:
            'asha: rungs at minEpochs × reductionFactor^k epochs, and the top 1/reductionFactor at a rung go on.',
        },
      },
    },
    workers: {
      type: 'integer',
      minimum: 1,
      description: 'Trials run at once, each in its own process; defaults to the number of CPU cores.',
    },
    budget: {
      type: 'object',
      additionalProperties: false,
      description:
        'When the sweep stops starting trials: after trials of them, or once time has passed, whichever comes first.',
      properties: {
        trials: { type: 'integer', minimum: 1, description: 'The same as trials: (write one of the two).' },
        time: duration(
          'Wall-clock time for the sweep in this process, e.g. 2h or 90m; then running trials stop and run again on --resume.',
        ),
      },
    },
    timeout: duration('A trial running longer than this is stopped and recorded as timeout, e.g. 10m.'),
    retries: {
      type: 'integer',
      minimum: 0,
      default: 0,
      description:
        'Times a crashed (failed) trial runs again with the same parameters before it is recorded; diverged ones never.',
    },
    maxConsecutiveFailures: {
      type: 'integer',
      minimum: 1,
      description:
        'Stop the sweep early, with a summary, after this many trials in a row failed (after their retries).',
    },
    warmStart: {
      type: 'string',
      minLength: 1,
      description:
        "A sweep folder whose recorded trials seed tpe, as if they were this sweep's first; its parameters and metric must be these.",
    },
    enqueue: {
      type: 'array',
      description:
        'Configurations to try first (random and tpe), each a map of parameter → value; they count toward trials.',
      items: { type: 'object', description: 'One configuration: parameter (as under parameters) → its value.' },
    },
    constraints: {
      type: 'array',
      description:
        'Limits each trial must keep, as "<column> <op> <number>" (params <= 200000): params is counted from the ' +
        'model before training, so a trial over it is recorded infeasible without running; seconds once it ends.',
      items: { type: 'string', description: 'A limit, e.g. params <= 200000; ops: <= < >= > == !=.' },
    },
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Types (after ajv fills defaults)

export type SweepMethod = (typeof SWEEP_METHODS)[number];
export type SweepGoal = (typeof SWEEP_GOALS)[number];
export type EarlyTerminateType = (typeof EARLY_TERMINATE_TYPES)[number];

/** Parameter (path or variable) → the values that make the parameter carrying it active. */
export type SweepWhen = Record<string, unknown[]>;
/** `values` may hold `{value, parameters}` choices (sweep-space.ts). */
export interface CategoricalParameter {
  distribution: 'categorical';
  values: unknown[];
  probabilities?: number[];
  when?: SweepWhen;
}
export interface UniformParameter {
  distribution: 'uniform' | 'log_uniform';
  min: number;
  max: number;
  when?: SweepWhen;
}
export interface IntUniformParameter {
  distribution: 'int_uniform';
  min: number;
  max: number;
  when?: SweepWhen;
}
export interface QUniformParameter {
  distribution: 'q_uniform';
  min: number;
  max: number;
  q: number;
  when?: SweepWhen;
}
export interface NormalParameter {
  distribution: 'normal';
  mu: number;
  sigma: number;
  when?: SweepWhen;
}
export type SweepParameter =
  CategoricalParameter | UniformParameter | IntUniformParameter | QUniformParameter | NormalParameter;

export interface SweepMetric {
  name: string;
  goal: SweepGoal;
}
export interface EarlyTerminateSpec {
  type: EarlyTerminateType;
  minEpochs: number;
  reductionFactor: number;
}

export interface SweepSpec {
  method: SweepMethod;
  seed?: number;
  trials?: number;
  /** The one objective; a sweep has this or `metrics` (sweepObjectives reads either). */
  metric?: SweepMetric;
  /** Two or more objectives: a Pareto front. */
  metrics?: SweepMetric[];
  /** Spec path (as written, e.g. `model.layers[4].units`) → how its values are chosen. */
  parameters: Record<string, SweepParameter>;
  earlyTerminate?: EarlyTerminateSpec;
  workers?: number;
  budget?: { trials?: number; time?: Duration };
  timeout?: Duration;
  retries?: number;
  maxConsecutiveFailures?: number;
  /** As written; parseConstraint reads each. */
  constraints?: string[];
  enqueue?: Record<string, unknown>[];
  /** A sweep folder, as written; the runner reads its journal. */
  warmStart?: string;
}

/** Seconds, or a string durationSeconds reads. */
export type Duration = number | string;

export const isTrialColumn = (name: string): name is TrialColumn => (TRIAL_COLUMNS as readonly string[]).includes(name);

/** What the sweep optimizes: `metric`, or each of `metrics`. */
export const sweepObjectives = (sweep: Pick<SweepSpec, 'metric' | 'metrics'>): SweepMetric[] =>
  sweep.metrics ?? (sweep.metric ? [sweep.metric] : []);

/** The objectives read from metrics.csv (a single `metric` always is: `seconds` there is the epoch's). */
export const epochObjectives = (sweep: Pick<SweepSpec, 'metric' | 'metrics'>): SweepMetric[] =>
  sweep.metrics ? sweep.metrics.filter((m) => !isTrialColumn(m.name)) : sweepObjectives(sweep);

/** The objective that picks a trial's best epoch and that earlyTerminate watches: the first metrics.csv one (the rules
 * make sure there is one). */
export function primaryMetric(sweep: Pick<SweepSpec, 'metric' | 'metrics'>): SweepMetric {
  const [first] = epochObjectives(sweep);
  if (!first) throw new Error('a validated sweep has a metrics.csv objective');
  return first;
}

/** `budget.trials` is another spelling of `trials`, which the samplers read: copied there after validation. */
export function fillSweepDefaults(spec: Spec): void {
  const sweep = spec.sweep;
  if (sweep?.budget?.trials !== undefined) sweep.trials ??= sweep.budget.trials;
}

/** The number of values a grid visits for one parameter, or undefined for a continuous distribution. */
export function gridSize(parameter: SweepParameter): number | undefined {
  switch (parameter.distribution) {
    case 'categorical':
      return parameter.values.length;
    case 'int_uniform':
      return parameter.max - parameter.min + 1;
    case 'q_uniform':
      return Math.floor((parameter.max - parameter.min) / parameter.q + 1e-9) + 1;
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Cross-field rules

type SweepRule = (spec: Spec) => RuleFinding[];
const error = (path: PathKey[], message: string, hint?: string): RuleFinding => ({
  path,
  severity: 'error',
  message,
  ...(hint ? { hint } : {}),
});
const at = (p: SpaceParameter, ...rest: PathKey[]): PathKey[] => ['sweep', 'parameters', ...p.at, ...rest];
/** Every parameter, sub-parameters of choices included. */
const spaceOf = (spec: Spec): SpaceParameter[] => flattenSpace(spec.sweep?.parameters ?? {});
const isRead = (space: readonly SpaceParameter[], path: string) =>
  space.some((p) => p.conditions.some((c) => c.path === path));

/** Every swept path names a value this experiment has (after defaults), so a typo cannot silently sweep nothing. A
 * conditional parameter may add a field (momentum's momentum) to a map that exists; a plain name that a `when:` reads is a
 * sweep variable. */
const sweepPathExists: SweepRule = (spec) => {
  const space = spaceOf(spec);
  return space.flatMap((p) => {
    if (isSweepVariable(p.path) && isRead(space, p.path)) return [];
    const problem = pathProblem(spec, p.path, p.conditions.length > 0);
    return problem ? [error(at(p), problem.message, problem.hint)] : [];
  });
};

function pathProblem(spec: Spec, key: string, mayAdd: boolean): { message: string; hint: string } | undefined {
  const keys = parsePath(key);
  if (!keys)
    return {
      message: `${quote(key)} is not a spec path`,
      hint: 'write paths like training.optimizer.learningRate or model.layers[0].filters',
    };
  const reserved = reservedKeyIn(keys);
  if (reserved) return { message: `"${reserved}" cannot be part of a spec path`, hint: RESERVED_KEY_HINT };
  if (keys[0] === 'sweep')
    return { message: 'a sweep cannot vary its own settings', hint: 'sweep over experiment values only' };
  let node: unknown = spec;
  for (let i = 0; i < keys.length; i++) {
    const step = keys[i]!;
    const found = childOf(node, step);
    if (found.exists) {
      node = found.value;
      continue;
    }
    const where = i === 0 ? 'the experiment' : formatPath(keys.slice(0, i));
    const kind = typeof step === 'number' ? 'list' : 'map';
    if (typeof step === 'number' ? !Array.isArray(node) : !isMap(node)) {
      return { message: `${where} is not a ${kind}`, hint: `sweep ${where} itself, or a path inside a ${kind}` };
    }
    if (typeof step === 'number')
      return {
        message: `${where} has no item ${step}`,
        hint: `it has ${(node as unknown[]).length} items, counted from 0`,
      };
    if (mayAdd && i === keys.length - 1) return undefined;
    const close = didYouMean(step, Object.keys(node as object));
    if (i === 0 && keys.length === 1) {
      return {
        message: `${quote(step)} is neither a spec path nor a sweep variable that a when: reads`,
        hint: close ? `did you mean "${close}"?` : 'name it in a when: of another parameter, or write a spec path',
      };
    }
    return {
      message: `${where} has no ${quote(step)}`,
      hint: close
        ? `did you mean "${close}"?`
        : `a sweep varies values the experiment sets or fills by default; write ${step}: in ${where} first`,
    };
  }
  return undefined;
}

function childOf(node: unknown, key: PathKey): { exists: boolean; value?: unknown } {
  if (typeof key === 'number')
    return Array.isArray(node) && key < node.length ? { exists: true, value: node[key] } : { exists: false };
  return isMap(node) && node[key] !== undefined ? { exists: true, value: node[key] } : { exists: false };
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Two paths where one contains the other would both set the same value, unless the inner one is a sub-parameter of
 * the outer one's choice (set after it, into the value it chose) or their conditions never hold together. */
const sweepPathsDoNotOverlap: SweepRule = (spec) => {
  const space = spaceOf(spec);
  const ancestors = (p: SpaceParameter): string[] => {
    const parent = space.find((q) => q.path === p.parent);
    return parent ? [parent.path, ...ancestors(parent)] : [];
  };
  return space.flatMap((p) => {
    const outer = space.find(
      (other) => other.path !== p.path && (p.path.startsWith(`${other.path}.`) || p.path.startsWith(`${other.path}[`)),
    );
    if (!outer || ancestors(p).includes(outer.path) || exclusive(p, outer)) return [];
    return [
      error(at(p), `overlaps "${outer.path}", which replaces the value that contains it`, 'sweep one of the two'),
    ];
  });
};

/** Whether two parameters are never active together: both read one parameter, for values that have none in common. */
const exclusive = (a: SpaceParameter, b: SpaceParameter): boolean =>
  a.conditions.some((ca) =>
    b.conditions.some((cb) => ca.path === cb.path && !ca.values.some((v) => cb.values.some((w) => sameValue(v, w)))),
  );

/** A path is declared once; two branches that share a sub-parameter say so with when:. */
const sweepPathDeclaredOnce: SweepRule = (spec) => {
  const space = spaceOf(spec);
  return space.flatMap((p, i) => {
    const first = space.findIndex((q) => q.path === p.path);
    return first < i
      ? [
          error(
            at(p),
            `${quote(p.path)} is declared twice`,
            `declare it once, with when: listing every value that makes it active, e.g. when: {${p.conditions[0]?.path ?? 'parameter'}: [a, b]}`,
          ),
        ]
      : [];
  });
};

/** A when: names a parameter of this sweep and values it can take, and no parameter depends on itself. */
const conditionsNameParameters: SweepRule = (spec) => {
  const space = spaceOf(spec);
  return space.flatMap((p) =>
    Object.entries(whenOf(spec, p)).flatMap(([on, values]) => {
      const target = space.find((q) => q.path === on);
      if (!target) {
        const close = didYouMean(
          on,
          space.map((q) => q.path),
        );
        return [
          error(
            at(p, 'when', on),
            `${quote(on)} is not a parameter of this sweep`,
            close ? `did you mean "${close}"?` : `name one of ${space.map((q) => q.path).join(', ')}`,
          ),
        ];
      }
      if (dependsOn(space, target, p.path))
        return [
          error(
            at(p, 'when', on),
            `${quote(on)} depends on ${quote(p.path)} itself`,
            'conditions must not go round in a circle',
          ),
        ];
      if (target.parameter.distribution !== 'categorical') return [];
      const allowed = target.parameter.values;
      return values.flatMap((v, i) =>
        allowed.some((a) => sameValue(a, v))
          ? []
          : [
              error(
                at(p, 'when', on, i),
                `${on} never takes ${JSON.stringify(v)}`,
                `its values are ${allowed.map((a) => JSON.stringify(a)).join(', ')}`,
              ),
            ],
      );
    }),
  );
};

const whenOf = (spec: Spec, p: SpaceParameter): Record<string, unknown[]> => {
  let node: unknown = spec.sweep?.parameters;
  for (const key of p.at) node = (node as Record<PathKey, unknown>)[key];
  return (node as { when?: Record<string, unknown[]> }).when ?? {};
};

/** Whether `from`'s conditions read `path`, directly or through the parameters they read. */
function dependsOn(
  space: readonly SpaceParameter[],
  from: SpaceParameter,
  path: string,
  seen = new Set<string>(),
): boolean {
  if (from.path === path) return true;
  if (seen.has(from.path)) return false;
  seen.add(from.path);
  return from.conditions.some((c) => {
    const next = space.find((q) => q.path === c.path);
    return next !== undefined && dependsOn(space, next, path, seen);
  });
}

/** A choice written as a name (`optimizer: sgd`) has no map to put a sub-parameter into; its `type` field has. */
const subParametersHaveAMap: SweepRule = (spec) =>
  spaceOf(spec).flatMap((p) => {
    const parent = p.conditions[0];
    if (p.parent === undefined || !parent || typeof parent.values[0] !== 'string') return [];
    if (!p.path.startsWith(`${p.parent}.`) && !p.path.startsWith(`${p.parent}[`)) return [];
    return [
      error(
        at(p),
        `${p.parent} = ${JSON.stringify(parent.values[0])} is a name, not a map to set ${p.path.slice(p.parent.length + 1)} in`,
        `sweep ${p.parent}.type instead (the choice's name), or write the value as a map`,
      ),
    ];
  });

/** One of metric and metrics; a single metric is a metrics.csv column, each of several one that every trial has. */
const sweepObjectivesAreColumns: SweepRule = (spec) => {
  const sweep = spec.sweep;
  if (!sweep) return [];
  const logged = [...loggedColumns(spec), 'seconds', 'samples_per_second'];
  if (sweep.metric && sweep.metrics)
    return [
      error(
        ['sweep', 'metrics'],
        'metric and metrics are both written',
        'write metric: for one objective or metrics: for several (a Pareto front), not both',
      ),
    ];
  if (sweep.metrics) return multiObjectiveProblems(sweep.metrics, logged);
  if (!sweep.metric)
    return [
      error(
        ['sweep'],
        'the sweep has no metric to score trials by',
        'add metric: { name: val_accuracy, goal: maximize }, or metrics: [...] for several objectives',
      ),
    ];
  const unknown = unknownColumn(sweep.metric.name, logged, ['sweep', 'metric', 'name'], 'a metrics.csv column');
  if (unknown && isTrialColumn(sweep.metric.name))
    unknown.hint = `${sweep.metric.name} is a per-trial column: list it under metrics: beside a metrics.csv column, e.g. metrics: [{ name: val_accuracy, goal: maximize }, { name: ${sweep.metric.name}, goal: minimize }]`;
  return unknown ? [unknown] : [];
};

function multiObjectiveProblems(metrics: readonly SweepMetric[], logged: readonly string[]): RuleFinding[] {
  if (metrics.length < 2) {
    const one = metrics[0]
      ? `{ name: ${metrics[0].name}, goal: ${metrics[0].goal} }`
      : '{ name: val_accuracy, goal: maximize }';
    return [
      error(
        ['sweep', 'metrics'],
        `lists ${metrics.length} objective${metrics.length === 1 ? '' : 's'}; a Pareto front needs two or more`,
        `for one objective write metric: ${one} instead`,
      ),
    ];
  }
  const columns = [...new Set([...logged, ...TRIAL_COLUMNS])];
  const problems = metrics.flatMap((m, i): RuleFinding[] => {
    const at: PathKey[] = ['sweep', 'metrics', i, 'name'];
    const unknown = unknownColumn(m.name, columns, at, 'a column every trial has');
    if (unknown) return [unknown];
    return metrics.findIndex((other) => other.name === m.name) < i
      ? [error(at, `${quote(m.name)} is listed twice`, 'list each objective once')]
      : [];
  });
  if (problems.length > 0 || metrics.some((m) => !isTrialColumn(m.name))) return problems;
  return [
    error(
      ['sweep', 'metrics'],
      `every objective is a per-trial column (${metrics.map((m) => m.name).join(', ')}); none is a metrics.csv column`,
      "add one such as { name: val_accuracy, goal: maximize }: it picks each trial's best epoch and earlyTerminate reads it",
    ),
  ];
}

function unknownColumn(name: string, columns: readonly string[], at: PathKey[], what: string): RuleFinding | undefined {
  if (columns.includes(name)) return undefined;
  const close = didYouMean(name, columns);
  const kind = what === 'a metrics.csv column' ? 'a metrics.csv column of this experiment' : `${what} in this sweep`;
  return error(
    at,
    `${quote(name)} is not ${kind}`,
    `${close ? `did you mean "${close}"? ` : ''}choose one of ${columns.join(', ')}`,
  );
}

/** A sweep needs something to vary, and each parameter at least one value. */
const sweepSpaceIsNotEmpty: SweepRule = (spec) => {
  if (!spec.sweep) return [];
  if (Object.keys(spec.sweep.parameters).length === 0) {
    return [
      error(
        ['sweep', 'parameters'],
        'the sweep has no parameters',
        'add one, e.g. training.optimizer.learningRate: {distribution: log_uniform, min: 0.0001, max: 0.1}',
      ),
    ];
  }
  return spaceOf(spec).flatMap((p) =>
    p.parameter.distribution === 'categorical' && p.parameter.values.length === 0
      ? [error(at(p, 'values'), 'has no values to try', 'list at least one value')]
      : [],
  );
};

/** Bounds in order, a positive log range, probabilities that match the values and sum to 1. */
const distributionsAreValid: SweepRule = (spec) =>
  spaceOf(spec).flatMap((sp): RuleFinding[] => {
    const p = sp.parameter;
    if (p.distribution === 'categorical') {
      if (!p.probabilities) return [];
      if (p.probabilities.length !== p.values.length) {
        return [
          error(
            at(sp, 'probabilities'),
            `has ${p.probabilities.length} probabilities for ${p.values.length} values`,
            'give one probability per value, in order',
          ),
        ];
      }
      const sum = p.probabilities.reduce((a, b) => a + b, 0);
      return Math.abs(sum - 1) > 1e-6
        ? [
            error(
              at(sp, 'probabilities'),
              `sum to ${Number(sum.toPrecision(6))}, not 1`,
              'scale them so they add up to 1',
            ),
          ]
        : [];
    }
    if (p.distribution === 'normal') return [];
    if (p.distribution === 'log_uniform' && p.min <= 0) {
      return [
        error(
          at(sp, 'min'),
          `must be > 0 for log_uniform, received ${p.min}`,
          "min and max are the values themselves (W&B's log_uniform_values), e.g. min: 0.0001, max: 0.1",
        ),
      ];
    }
    if (p.min >= p.max)
      return [
        error(
          at(sp, 'max'),
          `must be greater than min (${p.min}), received ${p.max}`,
          'for a fixed value, write values: [that value]',
        ),
      ];
    return [];
  });

/** random and tpe draw until a budget; grid visits every combination, so every grid parameter must be finite. */
const sweepBudgetFitsMethod: SweepRule = (spec) => {
  const sweep = spec.sweep;
  if (!sweep) return [];
  if (sweep.method !== 'grid') {
    return sweep.trials === undefined
      ? [
          error(
            ['sweep'],
            `method ${sweep.method} needs a trial budget`,
            'add trials: 20 (or another count) to the sweep block',
          ),
        ]
      : [];
  }
  const continuous = spaceOf(spec)
    .filter((p) => gridSize(p.parameter) === undefined)
    .map((p) =>
      error(
        at(p, 'distribution'),
        `grid cannot enumerate a ${p.parameter.distribution} distribution`,
        'list values: [...] for a grid, or use method: random or tpe',
      ),
    );
  const ignoredBudget =
    sweep.trials === undefined
      ? []
      : [
          {
            ...error(
              ['sweep', 'trials'],
              'grid runs every combination; trials is ignored',
              'remove trials, or use method: random or tpe',
            ),
            severity: 'warning' as const,
          },
        ];
  return [...continuous, ...ignoredBudget];
};

/** Every duration reads as one, and the trial budget is written once. */
const sweepBudgetIsReadable: SweepRule = (spec) => {
  const sweep = spec.sweep;
  if (!sweep) return [];
  const durations: [PathKey[], Duration | undefined][] = [
    [['sweep', 'budget', 'time'], sweep.budget?.time],
    [['sweep', 'timeout'], sweep.timeout],
  ];
  const unreadable = durations
    .filter(([, value]) => value !== undefined && durationSeconds(value) === undefined)
    .map(([path, value]) =>
      error(
        path,
        `${JSON.stringify(value)} is not a duration above zero`,
        'write seconds (600) or a number with s, m, h or d: 90s, 30m, 2h, 1d',
      ),
    );
  const twice =
    sweep.budget?.trials !== undefined && sweep.trials !== sweep.budget.trials
      ? [
          error(
            ['sweep', 'budget', 'trials'],
            `says ${sweep.budget.trials} trials, but trials: says ${sweep.trials}`,
            'write the trial budget once, as trials: or budget.trials',
          ),
        ]
      : [];
  return [...unreadable, ...twice];
};

/** An enqueued configuration names parameters of this sweep, and a grid (which runs every combination) has none. */
const enqueueNamesParameters: SweepRule = (spec) => {
  const sweep = spec.sweep;
  if (!sweep?.enqueue) return [];
  if (sweep.method === 'grid')
    return [
      error(
        ['sweep', 'enqueue'],
        'a grid runs every combination; enqueue is for random and tpe',
        'remove enqueue, or use method: random or tpe',
      ),
    ];
  const paths = spaceOf(spec).map((p) => p.path);
  return sweep.enqueue.flatMap((configuration, i) =>
    Object.keys(configuration).flatMap((key) => {
      if (paths.includes(key)) return [];
      const close = didYouMean(key, paths);
      return [
        error(
          ['sweep', 'enqueue', i, key],
          `${quote(key)} is not a parameter of this sweep`,
          close ? `did you mean "${close}"?` : `name one of ${paths.join(', ')}`,
        ),
      ];
    }),
  );
};

/** Each constraint reads as `<column> <op> <number>` over a column a trial has. */
const constraintsParse: SweepRule = (spec) =>
  (spec.sweep?.constraints ?? []).flatMap((text, i) => {
    const parsed = parseConstraint(text);
    return 'message' in parsed ? [error(['sweep', 'constraints', i], parsed.message, parsed.hint)] : [];
  });

/** A trial is never stopped before minEpochs, so a minEpochs as long as training stops nothing. */
const earlyTerminationCanAct: SweepRule = (spec) => {
  const rule = spec.sweep?.earlyTerminate;
  return rule && rule.minEpochs >= spec.training.epochs
    ? [
        {
          ...error(
            ['sweep', 'earlyTerminate', 'minEpochs'],
            `minEpochs ${rule.minEpochs} is not below training.epochs ${spec.training.epochs}, so no trial is ever stopped`,
            'lower minEpochs or raise training.epochs',
          ),
          severity: 'warning',
        },
      ]
    : [];
};

/** Part of `RULES` in rules.ts. */
export const sweepRules: readonly SweepRule[] = [
  sweepPathExists,
  sweepPathsDoNotOverlap,
  sweepPathDeclaredOnce,
  conditionsNameParameters,
  subParametersHaveAMap,
  sweepObjectivesAreColumns,
  sweepSpaceIsNotEmpty,
  distributionsAreValid,
  sweepBudgetFitsMethod,
  earlyTerminationCanAct,
  sweepBudgetIsReadable,
  constraintsParse,
  enqueueNamesParameters,
];
