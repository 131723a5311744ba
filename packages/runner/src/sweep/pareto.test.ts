import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { TrialRecord } from '../results/trials-csv.ts';
import { dominates, frontRanks, paretoFront } from './pareto.ts';
import { observationsOf } from './record.ts';

const OBJECTIVES = [
  { name: 'val_accuracy', goal: 'maximize' },
  { name: 'params', goal: 'minimize' },
] as const;

const trial = (n: number, status: TrialRecord['status'], accuracy?: number, params?: number): TrialRecord => ({
  trial: n,
  status,
  params: { lr: n / 100 },
  epochs: 2,
  seconds: 1,
  ...(accuracy === undefined ? {} : { value: accuracy, bestEpoch: 2 }),
  ...(params === undefined ? {} : { paramCount: params }),
});

const pareto = suite('paretoFront');

pareto('dominance: at least as good everywhere and better somewhere; equal vectors do not dominate', () => {
  assert.ok(dominates([1, 2], [1, 3]));
  assert.not.ok(dominates([1, 2], [1, 2]));
  assert.not.ok(dominates([0, 3], [1, 2]));
  assert.equal(
    frontRanks([
      [1, 1],
      [2, 2],
      [0, 3],
      [3, 3],
      [2, 2],
    ]),
    [0, 1, 0, 2, 1],
  );
});

pareto('completed trials only, by goal: accuracy up, params down; ties both stay on the front', () => {
  const records = [
    trial(1, 'completed', 0.9, 1000),
    trial(2, 'completed', 0.8, 100),
    trial(3, 'completed', 0.7, 500), // dominated by 2
    trial(4, 'completed', 0.9, 1000), // the same as 1
    trial(5, 'pruned', 0.95, 10), // would dominate all, but was stopped early
    trial(6, 'infeasible', undefined, 5),
    trial(7, 'completed', 0.99), // no params measured: not ranked
  ];
  assert.equal(
    paretoFront(records, OBJECTIVES).map((r) => r.trial),
    [1, 2, 4],
  );
});

const observations = suite('observationsOf (MOTPE-lite)');

observations('with several objectives a completed trial’s loss is its front; others keep their tier', () => {
  const records = [
    trial(1, 'completed', 0.9, 1000),
    trial(2, 'completed', 0.7, 2000),
    trial(3, 'completed', 0.8, 100),
    trial(4, 'pruned', 0.5, 10),
  ];
  const seen = observationsOf(records, { metrics: [...OBJECTIVES] });
  assert.equal(
    seen.map((o) => [o.tier, o.loss]),
    [
      [0, 0],
      [0, 1],
      [0, 0],
      [1, -0.5],
    ],
  );
  // One objective: the metric itself, as before.
  assert.equal(
    observationsOf(records, { metric: OBJECTIVES[0] }).map((o) => o.loss),
    [-0.9, -0.7, -0.8, -0.5],
  );
});

pareto.run();
observations.run();
