import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TrialsCsv, type TrialRecord } from '../results/trials-csv.ts';
import { Journal } from './journal.ts';
import { bestOf } from './record.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'tfyaml-journal-'));
const record = (
  trial: number,
  value: number | undefined,
  status: TrialRecord['status'] = 'completed',
): TrialRecord => ({
  trial,
  status,
  params: { lr: trial / 1000 },
  epochs: 3,
  seconds: 1.5,
  ...(value === undefined ? {} : { value, bestEpoch: 2 }),
});

const journal = suite('Journal');

journal('a trial started but never ended is the one to run again; ended trials keep their order', () => {
  const j = new Journal(join(folder(), 'journal.jsonl'));
  j.start(1, { lr: 0.001 });
  j.start(2, { lr: 0.002 });
  j.end(record(2, 0.5));
  j.start(3, { lr: 0.003 });
  j.end(record(1, 0.4));
  const state = j.recover();
  assert.equal([...state.started.keys()], [1, 2, 3]);
  assert.equal(
    state.ended.map((r) => r.trial),
    [2, 1],
  );
  assert.equal(state.started.get(3), { lr: 0.003 });
});

journal('a line a crash cut short is dropped and the file repaired, so the next append stays whole', () => {
  const path = join(folder(), 'journal.jsonl');
  const j = new Journal(path);
  j.start(1, { lr: 0.001 });
  appendFileSync(path, '{"event":"end","record":{"trial":1,"sta');
  assert.equal(j.recover().ended, []);
  j.end(record(1, 0.4));
  assert.equal(
    new Journal(path).recover().ended.map((r) => r.trial),
    [1],
  );
  assert.is(readFileSync(path, 'utf8').trim().split('\n').length, 2);
});

journal.run();

const csv = suite('TrialsCsv');

csv(
  'one row per trial: trial, status, parameters, metric, best_epoch, epochs, seconds, per-trial columns, error',
  () => {
    const path = join(folder(), 'trials.csv');
    const trials = new TrialsCsv(path, ['lr', 'model.layers[0].units'], 'val_accuracy');
    trials.rewrite([record(1, 0.8123456)]);
    trials.append({
      trial: 2,
      status: 'failed',
      params: { lr: 0.5, 'model.layers[0].units': 'a, b' },
      epochs: 0,
      seconds: 0.25,
      error: 'boom, twice\nstack',
    });
    trials.append({ ...record(3, undefined, 'diverged'), error: 'the loss became NaN or infinite in epoch 2' });
    assert.equal(readFileSync(path, 'utf8').trim().split('\n'), [
      'trial,status,lr,model.layers[0].units,val_accuracy,best_epoch,epochs,seconds,params,inference_ms_per_sample,peak_rss_mb,attempt,error',
      '1,completed,0.001,,0.812346,2,3,1.5,,,,,',
      '2,failed,0.5,"a, b",,,0,0.3,,,,,"boom, twice"',
      '3,diverged,0.003,,,,3,1.5,,,,,the loss became NaN or infinite in epoch 2',
    ]);
  },
);

csv.run();

const best = suite('bestOf');

best('completed trials first, then pruned ones; failed and diverged never; by the goal', () => {
  const records = [
    record(1, 0.9, 'pruned'),
    record(2, 0.7),
    record(3, 0.8),
    record(4, 0.99, 'diverged'),
    record(5, undefined),
  ];
  assert.is(bestOf(records, 'maximize')?.trial, 3);
  assert.is(bestOf(records, 'minimize')?.trial, 2);
  assert.is(bestOf([record(1, 0.9, 'pruned'), record(4, 0.99, 'failed')], 'maximize')?.trial, 1);
  assert.is(bestOf([record(4, 0.99, 'failed')], 'maximize'), undefined);
});

best.run();
