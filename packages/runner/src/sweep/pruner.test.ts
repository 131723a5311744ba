import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Asha, createPruner, MedianStop } from './pruner.ts';

const asha = suite('Asha');

asha('judges only at rungs minEpochs × η^k, keeping the top 1/η of those that got there', () => {
  const pruner = new Asha({ type: 'asha', minEpochs: 1, reductionFactor: 3 }, 'maximize');
  // Rung 1: the first trial is the best so far; the next two are worse than it; the 3rd makes n = 3 → keep 1.
  assert.is(pruner.report(1, 1, 0.6).prune, false);
  assert.is(pruner.report(2, 1, 0.5).prune, true);
  assert.is(pruner.report(3, 1, 0.7).prune, false);
  // Epoch 2 is no rung: nobody is judged there.
  assert.is(pruner.report(1, 2, 0.1).prune, false);
  // Rung 3: trial 1 alone there goes on; trial 3 below it is stopped.
  assert.is(pruner.report(1, 3, 0.8).prune, false);
  assert.equal(pruner.report(3, 3, 0.75), { prune: true, reason: 'asha: not in the top 1 of 2 trials at epoch 3' });
});

asha('a higher minEpochs starts the rungs later; minimize puts low values on top', () => {
  const pruner = new Asha({ type: 'asha', minEpochs: 2, reductionFactor: 2 }, 'minimize');
  assert.is(pruner.report(1, 1, 9).prune, false);
  assert.is(pruner.report(2, 1, 1).prune, false);
  assert.is(pruner.report(1, 2, 0.5).prune, false);
  assert.is(pruner.report(2, 2, 0.4).prune, false); // 2 at rung 2 → keep 1: 0.4 is the lowest
  assert.is(pruner.report(3, 2, 0.6).prune, true); // 3 there → keep 1: 0.6 is not 0.4
});

asha('a NaN value counts as the worst', () => {
  const pruner = new Asha({ type: 'asha', minEpochs: 1, reductionFactor: 2 }, 'maximize');
  pruner.report(1, 1, 0.5);
  assert.is(pruner.report(2, 1, Number.NaN).prune, true);
});

asha.run();

const median = suite('MedianStop');

median('stops a trial whose best so far is below the median of 3+ others at the same epoch, from minEpochs on', () => {
  const pruner = new MedianStop({ type: 'median', minEpochs: 2, reductionFactor: 3 }, 'maximize');
  for (const [trial, values] of [
    [1, [0.5, 0.6]],
    [2, [0.6, 0.7]],
    [3, [0.7, 0.8]],
  ] as const) {
    values.forEach((v, i) => assert.is(pruner.report(trial, i + 1, v).prune, false));
  }
  assert.is(pruner.report(4, 1, 0.1).prune, false, 'epoch 1 is before minEpochs');
  assert.equal(pruner.report(4, 2, 0.65), {
    prune: true,
    reason: 'median: best so far is worse than the median of 3 trials at epoch 2',
  });
  assert.is(pruner.report(5, 1, 0.9).prune, false);
  assert.is(pruner.report(5, 2, 0.2).prune, false, 'its best so far (0.9 at epoch 1) beats the median 0.7');
});

median('waits for 3 other trials', () => {
  const pruner = new MedianStop({ type: 'median', minEpochs: 1, reductionFactor: 3 }, 'minimize');
  pruner.report(1, 1, 0.1);
  pruner.report(2, 1, 0.2);
  assert.is(pruner.report(3, 1, 5).prune, false);
  assert.is(pruner.report(4, 1, 5).prune, true);
});

median.run();

const none = suite('createPruner');

none('without earlyTerminate nothing is ever stopped', () => {
  const pruner = createPruner(undefined, 'maximize');
  assert.is(pruner.report(1, 1, 0).prune, false);
  assert.ok(createPruner({ type: 'asha', minEpochs: 1, reductionFactor: 3 }, 'maximize') instanceof Asha);
});

none.run();
