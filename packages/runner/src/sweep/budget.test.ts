import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { SweepSpec } from '@tfyaml/spec-schema';
import type { TrialRecord, TrialStatus } from '../results/trials-csv.ts';
import { failureStop, limitsOf, shouldRetry } from './budget.ts';

const SWEEP: SweepSpec = {
  method: 'random',
  trials: 4,
  metric: { name: 'val_loss', goal: 'minimize' },
  parameters: {},
};
const trial = (n: number, status: TrialStatus, error?: string): TrialRecord => ({
  trial: n,
  status,
  params: {},
  epochs: 1,
  seconds: 1,
  ...(error ? { error } : {}),
});

const limits = suite('limitsOf');

limits('reads the durations in seconds; no retries and no failure limit unless asked', () => {
  assert.equal(limitsOf(SWEEP), { retries: 0 });
  assert.equal(limitsOf({ ...SWEEP, budget: { time: '2h' }, timeout: 90, retries: 2, maxConsecutiveFailures: 3 }), {
    timeSeconds: 7200,
    trialSeconds: 90,
    retries: 2,
    maxConsecutiveFailures: 3,
  });
});

limits.run();

const retry = suite('shouldRetry');

retry('a crash runs again up to retries times; diverged and timed-out trials never', () => {
  const twice = limitsOf({ ...SWEEP, retries: 2 });
  assert.equal(
    [1, 2, 3].map((attempts) => shouldRetry(trial(1, 'failed'), attempts, twice)),
    [true, true, false],
  );
  assert.is(shouldRetry(trial(1, 'diverged'), 1, twice), false);
  assert.is(shouldRetry(trial(1, 'timeout'), 1, twice), false);
  assert.is(shouldRetry(trial(1, 'failed'), 1, limitsOf(SWEEP)), false);
});

retry.run();

const stop = suite('failureStop');

stop('stops after maxConsecutiveFailures failed trials in a row, naming them and the last error', () => {
  const max2 = limitsOf({ ...SWEEP, maxConsecutiveFailures: 2 });
  assert.is(failureStop([trial(1, 'failed'), trial(2, 'completed'), trial(3, 'failed')], max2), undefined);
  assert.is(failureStop([trial(1, 'failed'), trial(2, 'diverged')], max2), undefined);
  assert.is(
    failureStop([trial(1, 'completed'), trial(2, 'failed'), trial(3, 'failed', 'out of memory\nstack')], max2),
    '2 trials in a row failed (trials 2, 3); the last: out of memory',
  );
  assert.is(failureStop([trial(1, 'failed'), trial(2, 'failed')], limitsOf(SWEEP)), undefined);
});

stop.run();
