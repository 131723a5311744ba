import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MetricsCsv, readMetricsCsv } from './metrics-csv.ts';
import { columnValue, readTrialsCsv, TrialsCsv, type TrialRecord } from './trials-csv.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'tfyaml-trials-'));

const trials = suite('TrialsCsv / readTrialsCsv');

trials(
  'rows read back as written: parameters, metric column, numbers; formula-like strings neutralised in the file',
  () => {
    const path = join(folder(), 'trials.csv');
    const csv = new TrialsCsv(path, ['lr', 'model.layers[0].activation'], 'val_loss');
    const records: TrialRecord[] = [
      {
        trial: 1,
        status: 'completed',
        params: { lr: -0.5, 'model.layers[0].activation': '=HYPERLINK("x")' },
        value: 0.123456789,
        bestEpoch: 2,
        epochs: 3,
        seconds: 4.25,
        paramCount: 1234,
        inferenceMsPerSample: 0.0123456,
        peakRssMb: 310,
        attempt: 1,
      },
      {
        trial: 2,
        status: 'failed',
        params: { lr: 0.01, 'model.layers[0].activation': 'relu' },
        epochs: 0,
        seconds: 1,
        error: '-1 is not a size\nsecond line',
        attempt: 2,
      },
    ];
    csv.rewrite(records.slice(0, 1));
    csv.append(records[1]!);
    const text = readFileSync(path, 'utf8');
    assert.is(text.split('\n')[1], `1,completed,-0.5,"'=HYPERLINK(""x"")",0.123457,2,3,4.3,1234,0.0123456,310,1,`);
    assert.match(text, "'-1 is not a size");
    assert.equal(readTrialsCsv(path), {
      parameters: ['lr', 'model.layers[0].activation'],
      metric: 'val_loss',
      metrics: ['val_loss'],
      rows: [
        {
          trial: 1,
          status: 'completed',
          params: { lr: '-0.5', 'model.layers[0].activation': '=HYPERLINK("x")' },
          value: 0.123457,
          bestEpoch: 2,
          epochs: 3,
          seconds: 4.3,
          paramCount: 1234,
          inferenceMsPerSample: 0.0123456,
          peakRssMb: 310,
          attempt: 1,
        },
        {
          trial: 2,
          status: 'failed',
          params: { lr: '0.01', 'model.layers[0].activation': 'relu' },
          epochs: 0,
          seconds: 1,
          attempt: 2,
          error: '-1 is not a size',
        },
      ],
    });
  },
);

trials('a multi-objective sweep: one column per metrics.csv objective, each read back by name', () => {
  const path = join(folder(), 'trials.csv');
  const record: TrialRecord = {
    trial: 1,
    status: 'completed',
    params: { lr: 0.1 },
    value: 0.9,
    metrics: { val_accuracy: 0.9, val_loss: 0.25 },
    bestEpoch: 2,
    epochs: 2,
    seconds: 3,
    paramCount: 50,
  };
  new TrialsCsv(path, ['lr'], ['val_accuracy', 'val_loss']).rewrite([record]);
  const table = readTrialsCsv(path, ['val_accuracy', 'val_loss', 'params'])!;
  assert.equal(table.parameters, ['lr']);
  assert.equal(table.metrics, ['val_accuracy', 'val_loss']);
  const row = table.rows[0]!;
  assert.equal(row.metrics, { val_accuracy: 0.9, val_loss: 0.25 });
  assert.equal(
    ['val_loss', 'params', 'seconds', 'peak_rss_mb'].map((c) => columnValue(row, c)),
    [0.25, 50, 3, undefined],
  );
  assert.equal(
    ['val_accuracy', 'params'].map((c) => columnValue(record, c)),
    [0.9, 50],
  );
});

trials('an older trials.csv (no per-trial columns, no attempt) still reads', () => {
  const path = join(folder(), 'trials.csv');
  writeFileSync(path, 'trial,status,lr,val_loss,best_epoch,epochs,seconds,error\n1,completed,0.1,0.5,1,1,2.0,\n');
  assert.equal(readTrialsCsv(path)?.rows, [
    { trial: 1, status: 'completed', params: { lr: '0.1' }, value: 0.5, bestEpoch: 1, epochs: 1, seconds: 2 },
  ]);
});

trials.run();

const metrics = suite('MetricsCsv / readMetricsCsv');

metrics('epochs read back as numbers; empty, NaN and infinite cells left out; no file is no epochs', () => {
  const path = join(folder(), 'metrics.csv');
  const csv = new MetricsCsv(path, []);
  csv.append({ epoch: 1, loss: 0.5, val_loss: Number.NaN, learning_rate: -Infinity });
  assert.is(readFileSync(path, 'utf8').split('\n')[1], '1,0.5,,NaN,,-Infinity,,');
  assert.equal(readMetricsCsv(path), { columns: csv.columns, epochs: [{ epoch: 1, loss: 0.5 }] });
  assert.equal(readMetricsCsv(join(folder(), 'metrics.csv')), { columns: [], epochs: [] });
});

metrics.run();
