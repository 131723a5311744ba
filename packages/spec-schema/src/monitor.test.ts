import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSpecText } from './load.ts';
import { monitorMode } from './monitor.ts';
import { loggedColumns } from './training-schema.ts';
import { METRIC_DIRECTIONS, METRICS } from './vocabulary.ts';

const mode = suite('monitorMode');

mode("auto follows each metric's direction, on train and validation columns alike", () => {
  for (const metric of METRICS) {
    assert.is(monitorMode(metric), METRIC_DIRECTIONS[metric], metric);
    assert.is(monitorMode(`val_${metric}`), METRIC_DIRECTIONS[metric], `val_${metric}`);
  }
  assert.is(monitorMode('precision'), 'max');
  assert.is(monitorMode('val_meanSquaredError'), 'min');
});

mode('the loss falls and top<k>Accuracy rises', () => {
  assert.is(monitorMode('loss'), 'min');
  assert.is(monitorMode('val_loss'), 'min');
  assert.is(monitorMode('top5Accuracy'), 'max');
  assert.is(monitorMode('val_top12Accuracy'), 'max');
});

mode('a written mode wins over the table', () => {
  assert.is(monitorMode('val_accuracy', 'min'), 'min');
  assert.is(monitorMode('loss', 'max'), 'max');
});

mode('every column a run can write has a direction; anything else is a bug', () => {
  const text =
    `name: m\ndata: { dataset: cifar10 }\nmodel: { layers: [{ type: dense, units: 10, activation: softmax }] }\n` +
    `training: { metrics: [${[...METRICS, 'top3Accuracy'].join(', ')}] }\n`;
  const columns = loggedColumns(loadSpecText(text, 'exp.yaml').spec);
  assert.is(columns.length, 2 * (METRICS.length + 2));
  for (const column of columns) assert.ok(['min', 'max'].includes(monitorMode(column)), column);
  assert.throws(() => monitorMode('val_auc'), /not a metrics.csv column/);
});

mode.run();
