import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { recordOf } from './outcome.ts';

const METRIC = { metric: { name: 'val_accuracy', goal: 'maximize' } } as const;

function trialDir(rows: string[] = []): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'tfyaml-outcome-')), 'trials', '001');
  mkdirSync(dir, { recursive: true });
  if (rows.length)
    writeFileSync(
      join(dir, 'metrics.csv'),
      ['epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds,samples_per_second', ...rows].join('\n'),
    );
  return dir;
}

const outcome = suite('recordOf');

outcome("reads the best epoch of the metric from the trial's metrics.csv", () => {
  const dir = trialDir([
    '1,0.9,0.5,0.8,0.6,0.001,1,100',
    '2,0.7,0.6,0.7,0.75,0.001,1,100',
    '3,0.6,0.7,0.75,0.7,0.001,1,100',
  ]);
  assert.equal(
    recordOf(
      { trial: 1, params: { lr: 0.001 }, dir, seconds: 4, exit: { reported: true, status: 'completed' } },
      METRIC,
      false,
    ),
    { trial: 1, status: 'completed', params: { lr: 0.001 }, epochs: 3, seconds: 4, value: 0.75, bestEpoch: 2 },
  );
});

outcome(
  'a killed trial process is failed, with how it ended and its last output, and still gets a summary.json',
  () => {
    const dir = trialDir(['1,0.9,0.5,0.8,0.6,0.001,1,100']);
    const record = recordOf(
      {
        trial: 1,
        params: {},
        dir,
        seconds: 2,
        exit: { reported: false, code: null, signal: 'SIGKILL', lastOutput: 'Epoch 2/3 batch 5/9' },
      },
      METRIC,
      false,
    )!;
    assert.equal(
      [record.status, record.epochs, record.error],
      ['failed', 1, 'the trial process was killed (SIGKILL); its last output: Epoch 2/3 batch 5/9'],
    );
    assert.equal(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).status, 'failed');
  },
);

outcome('a diverged trial says in which epoch; an error thrown in the trial is its error', () => {
  const dir = trialDir(['1,0.9,0.5,0.8,0.6,0.001,1,100', '2,NaN,0.5,NaN,0.5,0.001,1,100']);
  const diverged = recordOf(
    { trial: 1, params: {}, dir, seconds: 2, exit: { reported: true, status: 'diverged' } },
    METRIC,
    false,
  )!;
  assert.equal([diverged.status, diverged.error], ['diverged', 'the loss became NaN or infinite in epoch 2']);
  const failed = recordOf(
    {
      trial: 2,
      params: {},
      dir: trialDir(),
      seconds: 2,
      exit: { reported: true, status: 'failed', error: 'exp.yaml:9:7 model.layers[0]: too small' },
    },
    METRIC,
    false,
  )!;
  assert.equal([failed.status, failed.error, failed.epochs], ['failed', 'exp.yaml:9:7 model.layers[0]: too small', 0]);
});

outcome('a trial stopped by Ctrl-C is not recorded: it runs again on resume', () => {
  const dir = trialDir();
  assert.is(
    recordOf({ trial: 1, params: {}, dir, seconds: 1, exit: { reported: true, status: 'interrupted' } }, METRIC, true),
    undefined,
  );
  assert.is(
    recordOf(
      { trial: 1, params: {}, dir, seconds: 1, exit: { reported: false, code: null, signal: 'SIGKILL' } },
      METRIC,
      true,
    ),
    undefined,
  );
  assert.is(
    recordOf({ trial: 1, params: {}, dir, seconds: 1, exit: { reported: true, status: 'interrupted' } }, METRIC, false)
      ?.status,
    'failed',
  );
});

outcome.run();
