import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { TrialRecord } from '../results/trials-csv.ts';
import { describeParams, etaSeconds, formatDuration, statusOf } from './status.ts';
import { createSweepView } from './view.ts';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const stream = {
    text: '',
    isTTY,
    columns: 80,
    write(chunk: string) {
      stream.text += chunk;
      return true;
    },
  };
  return stream as unknown as NodeJS.WriteStream & { text: string };
}

const running = [{ trial: 3, label: 'learningRate=0.01', epoch: 2, epochs: 4, batch: 5, batches: 10 }];

const view = suite('createSweepView');

view('without a terminal: one plain line per event and epoch, and a status line when the counts change', () => {
  const stream = fakeStream(false);
  const v = createSweepView(stream, {});
  v.event('trial 3 started: lr=0.01');
  v.detail('trial 3 epoch 1/4: val_accuracy 0.5000');
  v.status({ counts: '0/8 done', running });
  v.status({ counts: '0/8 done', eta: 'ETA 5s', running });
  v.status({ counts: '1/8 done', best: 'best val_accuracy 0.5 (trial 3)', running });
  v.close();
  assert.is(
    stream.text,
    'trial 3 started: lr=0.01\ntrial 3 epoch 1/4: val_accuracy 0.5000\n0/8 done\n1/8 done | best val_accuracy 0.5 (trial 3)\n',
  );
});

view('on a terminal: events scroll above a live block that is erased and redrawn; CI gets plain lines', () => {
  const stream = fakeStream(true);
  const v = createSweepView(stream, {});
  v.status({ counts: '0/8 done', running });
  v.event('trial 3 started');
  v.event('trial 4 started');
  v.close();
  assert.is(
    stream.text,
    [
      'trial 3 started\n0/8 done\n  trial 3 epoch 2/4 [########------------]  38% learningRate=0.01\n',
      '\x1b[2A\r\x1b[J',
      'trial 4 started\n0/8 done\n  trial 3 epoch 2/4 [########------------]  38% learningRate=0.01\n',
      '\x1b[2A\r\x1b[J',
      '0/8 done\n  trial 3 epoch 2/4 [########------------]  38% learningRate=0.01\n',
    ].join(''),
  );
  const ci = fakeStream(true);
  createSweepView(ci, { CI: 'true' }).event('x');
  assert.is(ci.text, 'x\n');
});

view.run();

const status = suite('statusOf');

const record = (trial: number, status: TrialRecord['status'], seconds: number, value?: number): TrialRecord => ({
  trial,
  status,
  params: {},
  epochs: 2,
  seconds,
  ...(value === undefined ? {} : { value, bestEpoch: 2 }),
});

status('counts, best so far and an ETA from the mean trial time spread over the workers', () => {
  const records = [record(1, 'completed', 10, 0.8), record(2, 'pruned', 4, 0.9), record(3, 'diverged', 6)];
  const s = statusOf({
    total: 8,
    records,
    sweep: { metric: { name: 'val_accuracy', goal: 'maximize' } },
    workers: 2,
    running: [{ ...running[0]!, elapsedSeconds: 3 }],
  });
  assert.is(s.counts, '3/8 done (1 pruned, 0 failed, 1 diverged), 1 running');
  assert.is(s.best, 'best val_accuracy 0.8000 (trial 1)');
  // 5 left × 20/3 s mean, less 3 s already spent, over 2 workers.
  assert.is(s.eta, `ETA ${formatDuration(((5 * 20) / 3 - 3) / 2)}`);
  assert.is(etaSeconds(8, [], [], 2), undefined);
  assert.equal([formatDuration(42), formatDuration(65), formatDuration(3725)], ['42s', '1m05s', '1h02m']);
});

status('parameters in full, or by their last name when that is unambiguous', () => {
  const params = { 'training.optimizer.learningRate': 0.01, 'model.layers[0].filters': 8, 'training.optimizer': 'sgd' };
  assert.is(
    describeParams(params),
    'training.optimizer.learningRate=0.01, model.layers[0].filters=8, training.optimizer=sgd',
  );
  assert.is(describeParams(params, true), 'learningRate=0.01 filters=8 optimizer=sgd');
  assert.is(
    describeParams({ 'model.layers[0].filters': 8, 'model.layers[2].filters': 16 }, true),
    'model.layers[0].filters=8 model.layers[2].filters=16',
  );
});

status.run();
