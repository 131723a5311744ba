import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Ajv } from 'ajv';
import {
  expandTrainingShorthands,
  fillTrainingDefaults,
  scheduleSchema,
  trainingRules,
  type ScheduleSpec,
} from './training-schema.ts';
import type { Spec } from './types.ts';
import { SpecError } from './errors.ts';
import { loadSpecText } from './load.ts';

// The options validate.ts compiles the experiment schema with.
const ajv = () => new Ajv({ allErrors: true, useDefaults: true, verbose: true, strict: true, allowUnionTypes: true });

const validateTraining = ajv().compile({
  type: 'object',
  additionalProperties: false,
  properties: { schedule: scheduleSchema },
});

/** Validates `{schedule}` in place (defaults filled); returns the schedule, or the ajv error keywords. */
function schedule(value: unknown): { ok: true; value: unknown } | { ok: false; errors: string[] } {
  const training: Record<string, unknown> = value === undefined ? {} : { schedule: value };
  expandTrainingShorthands(training);
  return validateTraining(training)
    ? { ok: true, value: training['schedule'] }
    : {
        ok: false,
        errors: (validateTraining.errors ?? [])
          .filter((e) => e.keyword !== 'if')
          .map((e) => `${e.keyword} ${e.instancePath}`),
      };
}

const schema = suite('scheduleSchema');

schema('no schedule is a constant rate; a bare name is {type}', () => {
  assert.equal(schedule(undefined), { ok: true, value: { type: 'constant' } });
  assert.equal(schedule('cosine'), { ok: true, value: { type: 'cosine', warmupEpochs: 0, minLearningRate: 0 } });
});

schema("fills each type's defaults (Keras ReduceLROnPlateau, PyTorch OneCycleLR and StepLR)", () => {
  assert.equal(schedule({ type: 'step', stepSize: 3 }), { ok: true, value: { type: 'step', stepSize: 3, gamma: 0.1 } });
  assert.equal(schedule({ type: 'reduceOnPlateau' }), {
    ok: true,
    value: {
      type: 'reduceOnPlateau',
      monitor: 'val_loss',
      mode: 'auto',
      factor: 0.1,
      patience: 10,
      minDelta: 0.0001,
      cooldown: 0,
      minLearningRate: 0,
    },
  });
  assert.equal(schedule({ type: 'oneCycle' }), {
    ok: true,
    value: { type: 'oneCycle', pctStart: 0.3, divFactor: 25, finalDivFactor: 10000 },
  });
  assert.equal(schedule({ type: 'exponential', decayRate: 0.9, decaySteps: 100 }), {
    ok: true,
    value: { type: 'exponential', decayRate: 0.9, decaySteps: 100, staircase: false },
  });
});

schema("refuses another type's field, a missing field, an unknown type and out-of-range values", () => {
  assert.equal(schedule({ type: 'cosine', gamma: 0.5 }), { ok: false, errors: ['additionalProperties /schedule'] });
  assert.equal(schedule({ type: 'step' }), { ok: false, errors: ['required /schedule'] });
  assert.equal(schedule('linear'), { ok: false, errors: ['enum /schedule/type'] });
  assert.equal(schedule({ type: 'reduceOnPlateau', factor: 1 }), {
    ok: false,
    errors: ['exclusiveMaximum /schedule/factor'],
  });
  assert.equal(schedule({ type: 'piecewise', boundaries: [0], values: [1, 2] }), {
    ok: false,
    errors: ['minimum /schedule/boundaries/0'],
  });
});

schema('every ScheduleSpec shape, fully written, is valid (the types mirror the schema)', () => {
  const all: ScheduleSpec[] = [
    { type: 'constant' },
    { type: 'step', stepSize: 2, gamma: 0.5 },
    { type: 'piecewise', boundaries: [3], values: [0.1, 0.01] },
    { type: 'exponential', decayRate: 0.9, decaySteps: 10, staircase: true },
    { type: 'cosine', warmupEpochs: 0, warmupSteps: 100, minLearningRate: 1e-5 },
    { type: 'oneCycle', maxLearningRate: 0.1, pctStart: 0.25, divFactor: 10, finalDivFactor: 100 },
    {
      type: 'reduceOnPlateau',
      monitor: 'val_accuracy',
      mode: 'max',
      factor: 0.2,
      patience: 3,
      minDelta: 0,
      cooldown: 1,
      minLearningRate: 1e-6,
    },
  ];
  for (const s of all) assert.equal(schedule(structuredClone(s)), { ok: true, value: s }, s.type);
});

schema.run();

const optimizers = suite('clipSchema');

const SPEC = (training: string) => `name: t
data: { dataset: cifar10 }
model: { layers: [{ type: flatten }, { type: dense, units: 10, activation: softmax }] }
training: ${training}
`;

optimizers('adamw fills weightDecay 0.01 and accepts clipNorm / clipValue on the real schema', () => {
  const { spec } = loadSpecText(SPEC('{ optimizer: { type: adamw, clipNorm: 1, clipValue: 0.5 } }'), 'exp.yaml');
  assert.equal(spec.training.optimizer, {
    type: 'adamw',
    clipNorm: 1,
    clipValue: 0.5,
    weightDecay: 0.01,
    learningRate: 0.001,
  });
});

optimizers('clip values must be positive', () => {
  for (const bad of ['{ type: adamw, clipNorm: 0 }', '{ type: sgd, clipValue: -1 }']) {
    try {
      loadSpecText(SPEC(`{ optimizer: ${bad} }`), 'exp.yaml');
      assert.unreachable(bad);
    } catch (error) {
      assert.instance(error, SpecError);
      assert.match((error as SpecError).issues[0]!.path, /^training\.optimizer\.clip/);
    }
  }
});

optimizers.run();

const rules = suite('trainingRules');

function specWith(
  schedule: ScheduleSpec,
  training: Record<string, unknown> = {},
  data: Record<string, unknown> = {},
): Spec {
  return {
    name: 'x',
    seed: 1,
    backend: 'cpu',
    data: {
      dataset: 'synthetic',
      normalize: 'scale',
      synthetic: { classes: 4, imageSize: 8, channels: 3, trainSize: 320, testSize: 10, noise: 0 },
      ...data,
    },
    model: { layers: [{ type: 'dense', units: 4, activation: 'softmax' }] },
    training: {
      optimizer: { type: 'adam', learningRate: 0.001 },
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy'],
      epochs: 10,
      batchSize: 32,
      validation: 'test',
      shuffle: true,
      schedule,
      ...training,
    },
  } as unknown as Spec; // through unknown: other fields of Spec are still changing under other work
}

const findings = (spec: Spec) =>
  trainingRules
    .flatMap((rule) => rule(spec))
    .map((f) => `${f.severity} ${f.path.join('.')}: ${f.message}${f.hint ? ` (${f.hint})` : ''}`);

rules('a sound spec has no findings', () => {
  assert.equal(findings(specWith({ type: 'cosine', warmupEpochs: 2, minLearningRate: 0 })), []);
  assert.equal(
    findings(
      specWith({
        type: 'reduceOnPlateau',
        monitor: 'val_accuracy',
        mode: 'auto',
        factor: 0.1,
        patience: 2,
        minDelta: 0,
        cooldown: 0,
        minLearningRate: 0,
      }),
    ),
    [],
  );
});

rules('piecewise: values must fit the boundaries, which increase inside training', () => {
  assert.equal(findings(specWith({ type: 'piecewise', boundaries: [5, 3, 12], values: [1, 0.1] })), [
    'error training.schedule.values: has 2 values for 3 boundaries; piecewise needs 4 (give one rate before the first boundary and one after each boundary)',
    'error training.schedule.boundaries: boundaries must increase, but 3 follows 5 (sort them and remove duplicates)',
    'warning training.schedule.boundaries: boundary 12 is never reached in 10 epochs (lower it or raise training.epochs)',
  ]);
});

rules('reduceOnPlateau monitors a column the run logs, with a did-you-mean', () => {
  const plateau = (monitor: string): ScheduleSpec => ({
    type: 'reduceOnPlateau',
    monitor,
    mode: 'auto',
    factor: 0.1,
    patience: 2,
    minDelta: 0,
    cooldown: 0,
    minLearningRate: 0,
  });
  assert.equal(findings(specWith(plateau('val_acuracy'))), [
    'error training.schedule.monitor: "val_acuracy" is not a metrics.csv column of this run (did you mean "val_accuracy"? allowed: loss, accuracy, val_loss, val_accuracy)',
  ]);
  assert.equal(findings(specWith(plateau('val_precision'), { metrics: ['precision'] })), []);
});

rules('cosine warmup: shorter than training, and given once', () => {
  assert.equal(findings(specWith({ type: 'cosine', warmupEpochs: 10, minLearningRate: 0 })), [
    'error training.schedule.warmupEpochs: warmupEpochs 10 is not shorter than training.epochs 10 (lower warmupEpochs or raise training.epochs)',
  ]);
  // 320 records / 32 per batch × 10 epochs = 100 steps
  assert.equal(findings(specWith({ type: 'cosine', warmupEpochs: 0, warmupSteps: 99, minLearningRate: 0 })), []);
  assert.equal(findings(specWith({ type: 'cosine', warmupEpochs: 0, warmupSteps: 100, minLearningRate: 0 })), [
    'warning training.schedule.warmupSteps: warmupSteps 100 is not shorter than training (about 100 steps) (lower warmupSteps or raise training.epochs)',
  ]);
  assert.equal(findings(specWith({ type: 'cosine', warmupEpochs: 1, warmupSteps: 5, minLearningRate: 0 })), [
    'error training.schedule.warmupSteps: warmupSteps 5 and warmupEpochs 1 both set the warmup (keep one of them)',
  ]);
});

rules('the schedule fits the optimizer: a floor below its rate, no second decay', () => {
  assert.equal(findings(specWith({ type: 'cosine', warmupEpochs: 0, minLearningRate: 0.001 })), [
    'warning training.schedule.minLearningRate: minLearningRate 0.001 is not below optimizer.learningRate 0.001, so the rate never decreases (lower minLearningRate or raise optimizer.learningRate)',
  ]);
  assert.equal(
    findings(
      specWith(
        { type: 'step', stepSize: 2, gamma: 0.5 },
        { optimizer: { type: 'adamax', learningRate: 0.002, decay: 0.01 } },
      ),
    ),
    [
      'warning training.optimizer.decay: adamax decay also lowers the rate every step, on top of the step schedule (set decay: 0 and let the schedule decide)',
    ],
  );
});

rules('fillTrainingDefaults: oneCycle peaks at 10 × the optimizer rate unless told', () => {
  const spec = specWith({ type: 'oneCycle', pctStart: 0.3, divFactor: 25, finalDivFactor: 1e4 });
  fillTrainingDefaults(spec);
  assert.equal(spec.training.schedule, {
    type: 'oneCycle',
    pctStart: 0.3,
    divFactor: 25,
    finalDivFactor: 1e4,
    maxLearningRate: 0.01,
  });
  const given = specWith({ type: 'oneCycle', maxLearningRate: 0.5, pctStart: 0.3, divFactor: 25, finalDivFactor: 1e4 });
  fillTrainingDefaults(given);
  assert.is((given.training.schedule as { maxLearningRate?: number }).maxLearningRate, 0.5);
});

rules.run();
