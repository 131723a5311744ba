import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RunError } from '../errors.ts';
import { goalOf, ranked, readSweep } from './read-sweep.ts';
import { writeSweepFixture } from './folders.testkit.ts';
import { sweepReport } from './html/sweep-page.ts';

const read = suite<{ root: string }>('readSweep');

read.before((context) => {
  context.root = mkdtempSync(join(tmpdir(), 'tfyaml-report-sweep-'));
});
read.after(({ root }) => rmSync(root, { recursive: true, force: true }));

read('metric, goal, parameter axes and trials from sweep.yaml, trials.csv and best.json', ({ root }) => {
  const sweep = readSweep(writeSweepFixture(join(root, 'pets-sweep', '20261126-091402'), { trials: 8 }));
  assert.is(sweep.name, 'pets-sweep');
  assert.is(sweep.id, '20261126-091402');
  assert.equal(sweep.metric, { name: 'val_accuracy', goal: 'maximize' });
  assert.is(sweep.method, 'tpe');
  assert.equal(
    sweep.axes.map((a) => [a.path, a.scale]),
    [
      ['training.optimizer.learningRate', 'log'],
      ['training.batchSize', 'category'],
      ['model.layers[4].units', 'linear'],
      ['model.layers[0].activation', 'category'],
    ],
  );
  assert.is(sweep.trials.length, 8);
  const failed = sweep.trials.find((t) => t.id === 3)!;
  assert.is(failed.status, 'failed');
  assert.is(failed.value, undefined);
  assert.ok(failed.error?.includes('"conv2d_1"'), 'the quoted, comma-holding error survives CSV');
  const pruned = sweep.trials.find((t) => t.status === 'pruned')!;
  assert.is(pruned.folder, `trials/${String(pruned.id).padStart(3, '0')}`, 'padded folders matched by number');
  assert.is(pruned.curve.length, pruned.epochs, 'a pruned curve ends where the trial stopped');
  assert.is(sweep.bestId, ranked(sweep.trials, 'maximize')[0]!.id);
});

read('two objectives: the front from trials.csv, the front chart and per-trial columns on the page', ({ root }) => {
  const dir = join(root, 'pareto', 'a');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'sweep.yaml'),
    'name: pareto\nsweep:\n  metrics:\n    - { name: val_accuracy, goal: maximize }\n    - { name: params, goal: minimize }\n  parameters:\n    lr: { values: [0.1] }\n',
  );
  writeFileSync(
    join(dir, 'trials.csv'),
    [
      'trial,status,lr,val_accuracy,best_epoch,epochs,seconds,params,inference_ms_per_sample,peak_rss_mb,attempt,error',
      '1,completed,0.1,0.9,2,2,3.0,1000,0.5,200,1,',
      '2,completed,0.2,0.8,2,2,3.0,100,0.2,190,1,',
      '3,completed,0.3,0.7,2,2,3.0,500,0.3,195,2,',
      '4,pruned,0.4,0.95,1,1,1.0,10,,180,1,',
      '5,infeasible,0.5,,,0,0.0,99999,,,1,params 99999 breaks params <= 5000',
    ].join('\n'),
  );
  const sweep = readSweep(dir);
  assert.equal(sweep.objectives, [
    { name: 'val_accuracy', goal: 'maximize' },
    { name: 'params', goal: 'minimize' },
  ]);
  assert.equal(sweep.frontIds, [1, 2]);
  assert.equal(sweep.metric, { name: 'val_accuracy', goal: 'maximize' });
  assert.is(sweep.bestId, undefined);
  assert.equal(
    sweep.trials.map((t) => [t.paramCount, t.attempt]),
    [
      [1000, 1],
      [100, 1],
      [500, 2],
      [10, 1],
      [99999, 1],
    ],
  );
  const { html, charts } = sweepReport(sweep);
  assert.is(charts[0]?.id, 'pareto-front');
  assert.match(html, 'Pareto front: val_accuracy against params');
  assert.match(html, 'Pareto front: <strong>2</strong> trials (1, 2)');
  assert.match(html, 'ms / sample');
  // The lead counts statuses in the order completed, pruned, timeout, failed, diverged, infeasible.
  assert.match(html, /3 <span[^>]*>completed<\/span> 1 <span[^>]*>pruned<\/span> 1 <span[^>]*>infeasible/);
});

read('a sweep in progress: a trial folder not yet in trials.csv is listed as unfinished', ({ root }) => {
  const dir = writeSweepFixture(join(root, 'live', 'a'), { trials: 4 });
  mkdirSync(join(dir, 'trials', '005'));
  writeFileSync(join(dir, 'trials', '005', 'metrics.csv'), 'epoch,loss,val_accuracy\n1,0.9,0.5\n2,0.7,0.6\n');
  const trial = readSweep(dir).trials.find((t) => t.id === 5)!;
  assert.equal([trial.status, trial.epochs, trial.curve.length], ['unfinished', 2, 2]);
});

read('without sweep.yaml or best.json: the metric is the column before best_epoch, a loss is minimized', ({ root }) => {
  const dir = join(root, 'bare');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'trials.csv'),
    'trial,status,training.batchSize,val_loss,best_epoch,epochs,seconds\n1,completed,16,0.4,3,3,9.1\n2,completed,32,0.3,3,3,8.0\n3,pruned,64,0.2,1,1,3.0\n',
  );
  const sweep = readSweep(dir);
  assert.equal(sweep.metric, { name: 'val_loss', goal: 'minimize' });
  assert.equal(
    sweep.axes.map((a) => a.path),
    ['training.batchSize'],
  );
  assert.is(sweep.bestId, 2, 'completed before pruned, then the lowest loss');
});

read('a folder that is no sweep is a user error', ({ root }) => {
  assert.throws(
    () => readSweep(root),
    (error: unknown) => error instanceof RunError && /not a sweep folder/.test(error.message),
  );
});

read.run();

const goal = suite('goalOf');

goal('written goals win; otherwise losses and errors are minimized, anything else maximized', () => {
  assert.is(goalOf('maximize', 'val_loss'), 'maximize');
  assert.is(goalOf('min', 'val_accuracy'), 'minimize');
  assert.is(goalOf(undefined, 'val_loss'), 'minimize');
  assert.is(goalOf(undefined, 'val_mae'), 'minimize');
  assert.is(goalOf(undefined, 'val_auc'), 'maximize');
});

goal.run();
