import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MetricsCsv, readMetricsCsv } from './metrics-csv.ts';
import { readTrialsCsv, TrialsCsv, type TrialRecord } from './trials-csv.ts';

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
      },
      {
        trial: 2,
        status: 'failed',
        params: { lr: 0.01, 'model.layers[0].activation': 'relu' },
        epochs: 0,
        seconds: 1,
        error: '-1 is not a size\nsecond line',
      },
    ];
    csv.rewrite(records.slice(0, 1));
    csv.append(records[1]!);
    const text = readFileSync(path, 'utf8');
    assert.is(text.split('\n')[1], `1,completed,-0.5,"'=HYPERLINK(""x"")",0.123457,2,3,4.3,`);
    assert.match(text, "'-1 is not a size");
    assert.equal(readTrialsCsv(path), {
      parameters: ['lr', 'model.layers[0].activation'],
      metric: 'val_loss',
      rows: [
        {
          trial: 1,
          status: 'completed',
          params: { lr: '-0.5', 'model.layers[0].activation': '=HYPERLINK("x")' },
          value: 0.123457,
          bestEpoch: 2,
          epochs: 3,
          seconds: 4.3,
        },
        {
          trial: 2,
          status: 'failed',
          params: { lr: '0.01', 'model.layers[0].activation': 'relu' },
          epochs: 0,
          seconds: 1,
          error: '-1 is not a size',
        },
      ],
    });
  },
);

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
