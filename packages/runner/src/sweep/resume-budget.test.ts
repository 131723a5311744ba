import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { SweepSpec } from '@tfyaml/spec-schema';
import { RunError } from '../errors.ts';
import { differences, resumedBudget } from './resume-budget.ts';

const SWEEP: SweepSpec = {
  method: 'random',
  trials: 4,
  metric: { name: 'val_loss', goal: 'minimize' },
  parameters: {},
  retries: 0,
};
const specOf = (sweep: SweepSpec) => ({ spec: { name: 'x', training: { epochs: 2 }, sweep }, sweep });

const thrown = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    assert.instance(error, RunError);
    return (error as Error).message;
  }
  throw new Error('expected a RunError');
};

const diff = suite('differences');

diff("lists changed paths with both values, leaving the sweep's budget fields out", () => {
  const before = specOf(SWEEP).spec;
  const after = {
    ...before,
    training: { epochs: 3 },
    sweep: { ...SWEEP, trials: 9, timeout: '1h', metric: { name: 'val_loss', goal: 'maximize' } },
  };
  assert.equal(differences(before, after), ['training.epochs: 2 → 3', 'sweep.metric.goal: "minimize" → "maximize"']);
});

diff.run();

const budget = suite('resumedBudget');

budget(
  "takes the given file's budget, then --trials; refuses other changes, a grid and a budget below what is recorded",
  () => {
    assert.equal(resumedBudget(specOf(SWEEP), specOf({ ...SWEEP, trials: 6, retries: 2 }), undefined, 4).trials, 6);
    assert.equal(resumedBudget(specOf({ ...SWEEP, budget: { trials: 4, time: '1h' } }), undefined, 40, 4), {
      trials: 40,
      budget: { trials: 40, time: '1h' },
      timeout: undefined,
      retries: 0,
      maxConsecutiveFailures: undefined,
    });
    assert.match(
      thrown(() => resumedBudget(specOf(SWEEP), specOf({ ...SWEEP, method: 'tpe' }), undefined, 4)),
      'beyond its budget:\n  sweep.method: "random" → "tpe"',
    );
    assert.match(
      thrown(() => resumedBudget(specOf({ ...SWEEP, method: 'grid' }), undefined, 9, 4)),
      '--trials does not apply to a grid',
    );
    assert.match(
      thrown(() => resumedBudget(specOf(SWEEP), undefined, 3, 4)),
      '--trials 3 is below the 4 trials already recorded',
    );
  },
);

budget.run();
