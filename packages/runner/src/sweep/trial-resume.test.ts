// A sweep stopped while a trial is past its first epoch: --resume continues that trial from its resume state in its
// own folder, instead of training it from epoch 1 again.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runSweep } from './run-sweep.ts';
import type { SweepView } from './view.ts';

const SWEEP = `name: resumed-trials
seed: 3
backend: cpu
data:
  dataset: synthetic
  synthetic: { classes: 2, imageSize: 6, trainSize: 64, testSize: 16 }
model:
  layers:
    - { type: flatten }
    - { type: dense, units: 2, activation: softmax }
training:
  optimizer: adam
  epochs: 3
  batchSize: 16
  workers: 1
sweep:
  method: grid
  workers: 1
  metric: { name: val_loss, goal: minimize }
  parameters:
    training.optimizer.learningRate: { values: [0.01] }
`;

function quietView(onDetail: (text: string) => void = () => {}): SweepView & { events: string[] } {
  const events: string[] = [];
  return { events, event: (text) => events.push(text), detail: onDetail, status() {}, close() {} };
}

const resumed = suite('sweep --resume of a trial past its first epoch');

resumed('goes on from its last finished epoch: the rows it had stay, none is repeated', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tfyaml-trial-resume-'));
  writeFileSync(join(dir, 'sweep.yaml'), SWEEP);
  const stop = new AbortController();
  // Epoch 2's report comes after epoch 1's resume state was written (it is written before epoch 2 starts).
  const view = quietView((text) => {
    if (text.includes('epoch 2/3')) stop.abort();
  });
  const first = await runSweep({ file: join(dir, 'sweep.yaml'), out: join(dir, 'results'), view, signal: stop.signal });
  assert.is(first.result.interrupted, true);
  const metrics = join(first.dir, 'trials/001/metrics.csv');
  const before = readFileSync(metrics, 'utf8').trim().split('\n');
  assert.ok(before.length >= 2, 'epoch 1 was recorded before the stop');

  const second = await runSweep({ resume: first.dir, view: quietView() });
  assert.is(second.result.records.length, 1);
  assert.is(second.result.records[0]!.status, 'completed');
  assert.match(readFileSync(join(first.dir, 'sweep.log'), 'utf8'), 'trial 1 resumed from its last finished epoch');
  const after = readFileSync(metrics, 'utf8').trim().split('\n');
  assert.equal(
    after.map((row) => row.split(',')[0]),
    ['epoch', '1', '2', '3'],
  );
  assert.is(after[1], before[1], 'epoch 1 was not trained again');
  const summary = JSON.parse(readFileSync(join(first.dir, 'trials/001/summary.json'), 'utf8')) as {
    resumedAfterEpoch?: number;
  };
  assert.ok(
    summary.resumedAfterEpoch === 1 || summary.resumedAfterEpoch === 2,
    `resumed after ${summary.resumedAfterEpoch}`,
  );
});

resumed.run();
