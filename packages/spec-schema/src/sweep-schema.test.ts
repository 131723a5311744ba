import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { SpecError, type SpecIssue } from './errors.ts';
import { loadSpec, loadSpecText } from './load.ts';
import { experimentWithoutSweep } from './sweep-experiment.ts';
import {
  durationSeconds,
  epochObjectives,
  gridSize,
  primaryMetric,
  sweepObjectives,
  type SweepParameter,
  type SweepSpec,
} from './sweep-schema.ts';

const BASE = `name: demo
data: { dataset: synthetic }
model:
  layers:
    - { type: conv2d, filters: 4, kernelSize: 3, activation: relu }
    - { type: flatten }
    - { type: dense, units: 4, activation: softmax }
training: { epochs: 3 }
`;

/** BASE plus a sweep block; `parameters` lines are indented under it. */
const withSweep = (lines: string) => `${BASE}sweep:\n${lines}`;
const LR = '    training.optimizer.learningRate: { distribution: log_uniform, min: 0.0001, max: 0.1 }\n';

function sweepOf(text: string): { sweep: SweepSpec; warnings: SpecIssue[] } {
  const { spec, warnings } = loadSpecText(text, 'exp.yaml');
  return { sweep: spec.sweep!, warnings };
}

function issuesOf(text: string): string[] {
  try {
    loadSpecText(text, 'exp.yaml');
  } catch (error) {
    if (error instanceof SpecError)
      return error.issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}${i.hint ? ` | ${i.hint}` : ''}`);
    throw error;
  }
  throw new Error('expected a SpecError');
}

const schema = suite('sweepSchema');

schema('fills defaults: random, categorical values, asha every 3×, q = 1, a standard normal', () => {
  const { sweep } = sweepOf(
    withSweep(`  trials: 4
  metric: { name: val_accuracy, goal: maximize }
  earlyTerminate: { type: asha }
  parameters:
    training.batchSize: { values: [16, 32] }
    model.layers[0].filters: { distribution: q_uniform, min: 4, max: 16 }
    training.optimizer.learningRate: { distribution: normal }
`),
  );
  assert.is(sweep.method, 'random');
  assert.equal(sweep.earlyTerminate, { type: 'asha', minEpochs: 1, reductionFactor: 3 });
  assert.equal(sweep.parameters['training.batchSize'], { values: [16, 32], distribution: 'categorical' });
  assert.equal(sweep.parameters['model.layers[0].filters'], { distribution: 'q_uniform', min: 4, max: 16, q: 1 });
  assert.equal(sweep.parameters['training.optimizer.learningRate'], { distribution: 'normal', mu: 0, sigma: 1 });
});

schema('every SweepParameter shape, fully written, is valid (the types mirror the schema)', () => {
  const all: SweepParameter[] = [
    { distribution: 'categorical', values: [0.001, 0.01], probabilities: [0.25, 0.75] },
    { distribution: 'uniform', min: 0.0001, max: 0.1 },
    { distribution: 'log_uniform', min: 0.0001, max: 0.1 },
    { distribution: 'int_uniform', min: 1, max: 3 },
    { distribution: 'q_uniform', min: 0.001, max: 0.01, q: 0.001 },
    { distribution: 'normal', mu: 0.01, sigma: 0.001 },
  ];
  for (const p of all) {
    const text = withSweep(
      `  trials: 2\n  metric: { name: val_loss, goal: minimize }\n  parameters:\n    training.optimizer.learningRate: ${JSON.stringify(p)}\n`,
    );
    assert.equal(sweepOf(text).sweep.parameters['training.optimizer.learningRate'], p, p.distribution);
  }
});

schema("another distribution's field and an unknown distribution are errors at their position", () => {
  assert.equal(
    issuesOf(
      withSweep(`  trials: 2
  metric: { name: val_loss, goal: minimize }
  parameters:
    training.batchSize: { distribution: uniform, min: 8, max: 64, q: 8 }
    training.epochs: { distribution: log-uniform, min: 1, max: 4 }
`),
    ),
    [
      '13:67 sweep.parameters.training.batchSize.q: unknown key "q" in sweep.parameters.training.batchSize | allowed: distribution, when, min, max',
      '14:38 sweep.parameters.training.epochs.distribution: unknown value "log-uniform" | did you mean "log_uniform"? allowed: categorical, uniform, log_uniform, int_uniform, q_uniform, normal',
    ],
  );
});

schema.run();

const rules = suite('sweepRules');

rules('a path the experiment lacks is an error at its line, with the close name', () => {
  assert.equal(
    issuesOf(
      withSweep(`  trials: 2
  metric: { name: val_loss, goal: minimize }
  parameters:
    model.layers[0].filter: { values: [4, 8] }
    model.layers[5].units: { values: [4, 8] }
    training.optimizer.momentum: { values: [0.9] }
    training.epochs[0]: { values: [1] }
`),
    ),
    [
      '13:29 sweep.parameters.model.layers[0].filter: model.layers[0] has no "filter" | did you mean "filters"?',
      '14:28 sweep.parameters.model.layers[5].units: model.layers has no item 5 | it has 3 items, counted from 0',
      '15:34 sweep.parameters.training.optimizer.momentum: training.optimizer has no "momentum" | a sweep varies values the experiment sets or fills by default; write momentum: in training.optimizer first',
      '16:25 sweep.parameters.training.epochs[0]: training.epochs is not a list | sweep training.epochs itself, or a path inside a list',
    ],
  );
});

rules('paths filled by default count as existing; malformed, overlapping and sweep paths do not', () => {
  assert.equal(
    sweepOf(
      withSweep(
        `  trials: 2\n  metric: { name: val_loss, goal: minimize }\n  parameters:\n${LR}    training.batchSize: { values: [8] }\n`,
      ),
    ).warnings,
    [],
  );
  assert.equal(
    issuesOf(
      withSweep(`  trials: 2
  metric: { name: val_loss, goal: minimize }
  parameters:
${LR}    training.optimizer: { values: [sgd, adam] }
    "layers 0": { values: [1] }
    sweep.trials: { values: [1] }
`),
    ),
    [
      '15:17 sweep.parameters.layers 0: "layers 0" is not a spec path | write paths like training.optimizer.learningRate or model.layers[0].filters',
      '16:19 sweep.parameters.sweep.trials: a sweep cannot vary its own settings | sweep over experiment values only',
      '13:38 sweep.parameters.training.optimizer.learningRate: overlaps "training.optimizer", which replaces the value that contains it | sweep one of the two',
    ],
  );
});

rules('the metric must be a metrics.csv column', () => {
  assert.equal(issuesOf(withSweep(`  trials: 2\n  metric: { name: val_acc, goal: maximize }\n  parameters:\n${LR}`)), [
    '11:19 sweep.metric.name: "val_acc" is not a metrics.csv column of this experiment | choose one of loss, accuracy, val_loss, val_accuracy, seconds, samples_per_second',
  ]);
});

rules('several objectives: metrics.csv and per-trial columns; the first metrics.csv one picks the best epoch', () => {
  const { sweep } = sweepOf(
    withSweep(`  trials: 2
  metrics:
    - { name: params, goal: minimize }
    - { name: val_accuracy, goal: maximize }
    - { name: seconds, goal: minimize }
    - { name: val_loss, goal: minimize }
  parameters:
${LR}`),
  );
  assert.equal(
    sweepObjectives(sweep).map((m) => m.name),
    ['params', 'val_accuracy', 'seconds', 'val_loss'],
  );
  assert.equal(
    epochObjectives(sweep).map((m) => m.name),
    ['val_accuracy', 'val_loss'],
  );
  assert.equal(primaryMetric(sweep), { name: 'val_accuracy', goal: 'maximize' });
  // A single metric is always a metrics.csv column, `seconds` included (the epoch's).
  const single = sweepOf(withSweep(`  trials: 2\n  metric: { name: seconds, goal: minimize }\n  parameters:\n${LR}`));
  assert.equal(epochObjectives(single.sweep), [{ name: 'seconds', goal: 'minimize' }]);
});

rules('a per-trial column as the single metric points to metrics:', () => {
  const [issue] = issuesOf(withSweep(`  trials: 2\n  metric: { name: params, goal: minimize }\n  parameters:\n${LR}`));
  assert.match(issue!, '11:19 sweep.metric.name: "params" is not a metrics.csv column of this experiment');
  assert.match(issue!, '| params is a per-trial column: list it under metrics: beside a metrics.csv column');
});

rules('metrics: a name listed twice is refused at its position', () => {
  assert.equal(
    issuesOf(
      withSweep(
        `  trials: 2\n  metrics:\n    - { name: val_loss, goal: minimize }\n    - { name: val_loss, goal: maximize }\n  parameters:\n${LR}`,
      ),
    ),
    ['13:15 sweep.metrics[1].name: "val_loss" is listed twice | list each objective once'],
  );
});

rules('an empty space is an error: no parameters, no values', () => {
  assert.equal(issuesOf(withSweep('  trials: 2\n  metric: { name: val_loss, goal: minimize }\n  parameters: {}\n')), [
    '12:15 sweep.parameters: the sweep has no parameters | add one, e.g. training.optimizer.learningRate: {distribution: log_uniform, min: 0.0001, max: 0.1}',
  ]);
  assert.equal(
    issuesOf(
      withSweep(
        '  trials: 2\n  metric: { name: val_loss, goal: minimize }\n  parameters:\n    training.batchSize: { values: [] }\n',
      ),
    ),
    ['13:35 sweep.parameters.training.batchSize.values: has no values to try | list at least one value'],
  );
});

rules('invalid distributions: bounds out of order, log of a non-positive bound, probabilities that do not fit', () => {
  assert.equal(
    issuesOf(
      withSweep(`  trials: 2
  metric: { name: val_loss, goal: minimize }
  parameters:
    training.optimizer.learningRate: { distribution: log_uniform, min: -9.2, max: -2.3 }
    training.batchSize: { distribution: int_uniform, min: 64, max: 8 }
    training.epochs: { values: [1, 2], probabilities: [0.5] }
    model.layers[0].filters: { values: [4, 8], probabilities: [0.5, 0.6] }
`),
    ),
    [
      "13:72 sweep.parameters.training.optimizer.learningRate.min: must be > 0 for log_uniform, received -9.2 | min and max are the values themselves (W&B's log_uniform_values), e.g. min: 0.0001, max: 0.1",
      '14:68 sweep.parameters.training.batchSize.max: must be greater than min (64), received 8 | for a fixed value, write values: [that value]',
      '15:55 sweep.parameters.training.epochs.probabilities: has 1 probabilities for 2 values | give one probability per value, in order',
      '16:63 sweep.parameters.model.layers[0].filters.probabilities: sum to 1.1, not 1 | scale them so they add up to 1',
    ],
  );
});

rules('random and tpe need a budget; grid needs finite parameters and warns about a budget it ignores', () => {
  assert.equal(
    issuesOf(withSweep(`  method: tpe\n  metric: { name: val_loss, goal: minimize }\n  parameters:\n${LR}`)),
    ['10:3 sweep: method tpe needs a trial budget | add trials: 20 (or another count) to the sweep block'],
  );
  assert.equal(
    issuesOf(withSweep(`  method: grid\n  metric: { name: val_loss, goal: minimize }\n  parameters:\n${LR}`)),
    [
      '13:54 sweep.parameters.training.optimizer.learningRate.distribution: grid cannot enumerate a log_uniform distribution | list values: [...] for a grid, or use method: random or tpe',
    ],
  );
  const { warnings } = sweepOf(
    withSweep(`  method: grid
  trials: 5
  metric: { name: val_loss, goal: minimize }
  parameters:
    training.batchSize: { distribution: int_uniform, min: 8, max: 10 }
`),
  );
  assert.equal(
    warnings.map((w) => `${w.line}:${w.column} ${w.message}`),
    ['11:11 grid runs every combination; trials is ignored'],
  );
});

rules('early termination that can never act is a warning', () => {
  const { warnings } = sweepOf(
    withSweep(
      `  trials: 2\n  metric: { name: val_loss, goal: minimize }\n  earlyTerminate: { type: median, minEpochs: 3 }\n  parameters:\n${LR}`,
    ),
  );
  assert.equal(
    warnings.map((w) => w.path),
    ['sweep.earlyTerminate.minEpochs'],
  );
});

rules('budget: trials in either place, readable durations, retries 0 by default', () => {
  const { sweep } = sweepOf(
    withSweep(`  budget: { trials: 6, time: 2h }\n  timeout: 90s\n  maxConsecutiveFailures: 3
  metric: { name: val_loss, goal: minimize }\n  parameters:\n${LR}`),
  );
  assert.is(sweep.trials, 6);
  assert.equal([durationSeconds(sweep.budget!.time!), durationSeconds(sweep.timeout!), sweep.retries], [7200, 90, 0]);
  assert.equal(
    issuesOf(
      withSweep(`  trials: 4\n  budget: { trials: 6, time: soon }\n  timeout: 0
  metric: { name: val_loss, goal: minimize }\n  parameters:\n${LR}`),
    ),
    [
      '11:30 sweep.budget.time: "soon" is not a duration above zero | write seconds (600) or a number with s, m, h or d: 90s, 30m, 2h, 1d',
      '12:12 sweep.timeout: 0 is not a duration above zero | write seconds (600) or a number with s, m, h or d: 90s, 30m, 2h, 1d',
      '11:21 sweep.budget.trials: says 6 trials, but trials: says 4 | write the trial budget once, as trials: or budget.trials',
    ],
  );
});

rules.run();

const grid = suite('gridSize');

grid('counts values, integers and q steps; continuous distributions have no grid', () => {
  assert.is(gridSize({ distribution: 'categorical', values: ['a', 'b', 'c'] }), 3);
  assert.is(gridSize({ distribution: 'int_uniform', min: 8, max: 10 }), 3);
  assert.is(gridSize({ distribution: 'q_uniform', min: 0.1, max: 0.5, q: 0.1 }), 5);
  assert.is(gridSize({ distribution: 'uniform', min: 0, max: 1 }), undefined);
});

grid.run();

const experiment = suite('experimentWithoutSweep');

experiment(
  'merges extends, applies overrides, makes data.path absolute, drops sweep and leaves defaults unfilled',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfyaml-sweep-'));
    mkdirSync(join(dir, 'data'));
    writeFileSync(
      join(dir, 'base.yaml'),
      BASE.replace('data: { dataset: synthetic }', 'data: { dataset: synthetic, path: data }'),
    );
    writeFileSync(
      join(dir, 'sweep.yaml'),
      `extends: base.yaml\ntraining: { epochs: 2 }\nsweep:\n  trials: 2\n  metric: { name: val_loss, goal: minimize }\n  parameters:\n${LR}`,
    );
    const file = join(dir, 'sweep.yaml');
    const resolved = loadSpec(file, { overrides: ['training.batchSize=8'] }).spec;
    const raw = parse(experimentWithoutSweep(file, ['training.batchSize=8'], resolved)) as Record<
      string,
      Record<string, unknown>
    >;
    assert.is(raw['sweep'], undefined);
    assert.is(raw['extends'], undefined);
    // The swept learningRate needs an optimizer map to go into: the default one is written out, nothing else is.
    assert.equal(raw['training'], { epochs: 2, batchSize: 8, optimizer: { type: 'adam', learningRate: 0.001 } });
    assert.is(raw['data']!['path'], join(dir, 'data'));
  },
);

experiment("a shorthand on a swept path becomes its map; a trial's --set then loads", () => {
  const dir = mkdtempSync(join(tmpdir(), 'tfyaml-sweep-'));
  const file = join(dir, 'sweep.yaml');
  writeFileSync(
    file,
    withSweep(`  trials: 2\n  metric: { name: val_loss, goal: minimize }\n  parameters:\n${LR}`).replace(
      'training: { epochs: 3 }',
      'training: { epochs: 3, optimizer: sgd }',
    ),
  );
  const text = experimentWithoutSweep(file, [], loadSpec(file).spec);
  writeFileSync(join(dir, 'experiment.yaml'), text);
  const trial = loadSpec(join(dir, 'experiment.yaml'), { overrides: ['training.optimizer.learningRate=0.05'] }).spec;
  assert.equal(trial.training.optimizer, { type: 'sgd', learningRate: 0.05 });
  assert.is(trial.sweep, undefined);
});

experiment.run();
