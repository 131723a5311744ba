import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Progress } from '../progress.ts';
import { fileLoadHandler } from '../results/model-io.ts';
import { runExperiment } from './run.ts';

const TINY = `name: tiny
seed: 7
backend: wasm
data:
  dataset: synthetic
  synthetic: { classes: 3, imageSize: 8, trainSize: 240, testSize: 60 }
model:
  layers:
    - { type: conv2d, filters: 4, kernelSize: 3, activation: relu }
    - { type: maxPooling2d, poolSize: 2 }
    - { type: flatten }
    - { type: dropout, rate: 0.2 }
    - { type: dense, units: 3, activation: softmax }
training:
  epochs: 2
  batchSize: 16
  workers: 1
`;

const silent: Progress = { epochStart() {}, batch() {}, epochEnd() {}, download() {}, note() {}, stop() {} };

function workspace(spec = TINY): { file: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tfyaml-run-'));
  writeFileSync(join(dir, 'tiny.yaml'), spec);
  return { file: join(dir, 'tiny.yaml'), out: join(dir, 'results') };
}

const run = suite('runExperiment');

run('writes spec.yaml, metrics.csv, summary.json and a loadable model', async () => {
  const { file, out } = workspace();
  const { dir, status, summary } = await runExperiment({
    file,
    out,
    overrides: ['training.epochs=3'],
    progress: silent,
  });
  assert.is(status, 'completed');
  assert.ok(dir.startsWith(join(out, 'tiny')));

  const spec = readFileSync(join(dir, 'spec.yaml'), 'utf8');
  assert.match(spec, '#   --set training.epochs=3');
  assert.match(spec, 'batchSize: 16');
  assert.match(spec, 'learningRate: 0.001');

  const csv = readFileSync(join(dir, 'metrics.csv'), 'utf8').trim().split('\n');
  assert.is(csv[0], 'epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds,samples_per_second');
  assert.is(csv.length, 4);
  assert.equal(
    csv.slice(1).map((line) => line.split(',')[0]),
    ['1', '2', '3'],
  );

  const written = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as typeof summary;
  assert.is(written.status, 'completed');
  assert.is(written.epochsCompleted, 3);
  assert.equal(written.overrides, ['training.epochs=3']);
  assert.is((written.backend as { name: string }).name, 'wasm');
  assert.ok(written.test!['accuracy']! >= 0 && written.test!['accuracy']! <= 1);
  assert.is(written.versions['tfjs-core'], '4.22.0');

  const model = await tfl.loadLayersModel(fileLoadHandler(join(dir, 'model')));
  assert.equal(model.outputs[0]!.shape, [null, 3]);
});

run('the same seed gives the same run; another seed does not', async () => {
  const lossesOf = async (overrides: string[]) => {
    const { file, out } = workspace();
    const { dir } = await runExperiment({ file, out, overrides, progress: silent });
    return readFileSync(join(dir, 'metrics.csv'), 'utf8')
      .split('\n')
      .slice(1)
      .map((l) => l.split(',').slice(0, 5).join(','));
  };
  const first = await lossesOf([]);
  assert.equal(await lossesOf([]), first);
  assert.not.equal(await lossesOf(['seed=8']), first);
});

run('a validation fraction holds out part of train and the test split is evaluated at the end', async () => {
  const { file, out } = workspace();
  const { summary } = await runExperiment({
    file,
    out,
    overrides: ['training.validation=0.25', 'training.epochs=1'],
    progress: silent,
  });
  assert.is((summary.data as { validation: number }).validation, 0.25);
  assert.ok(summary.test && summary.test['loss']! > 0);
  assert.is.not(summary.test!['loss'], summary.final!['val_loss']);
});

run('an abort keeps the results so far and says so', async () => {
  const { file, out } = workspace();
  const controller = new AbortController();
  let batches = 0;
  const abortOnThird: Progress = {
    ...silent,
    batch() {
      if (++batches === 3) controller.abort();
    },
  };
  const { dir, status } = await runExperiment({ file, out, progress: abortOnThird, signal: controller.signal });
  assert.is(status, 'interrupted');
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as {
    status: string;
    epochsCompleted: number;
  };
  assert.equal([summary.status, summary.epochsCompleted], ['interrupted', 0]);
  assert.ok(existsSync(join(dir, 'model', 'model.json')));
  assert.is(readFileSync(join(dir, 'metrics.csv'), 'utf8').trim().split('\n').length, 1);
});

run('a model the data cannot feed is reported at its spec line', async () => {
  const { file, out } = workspace(TINY.replace('units: 3, activation: softmax', 'units: 5, activation: softmax'));
  try {
    await runExperiment({ file, out, progress: silent });
    assert.unreachable();
  } catch (error) {
    assert.match((error as Error).message, `${file}:13:`);
    assert.match((error as Error).message, 'outputs 5 values, but the dataset has 3 classes');
  }
  assert.not.ok(existsSync(out), 'no run folder for a run that never started');
});

run(
  'early stopping stops, restores the best epoch and says so; checkpoints land in model/best and model/last',
  async () => {
    const { file, out } = workspace();
    const { dir, summary } = await runExperiment({
      file,
      out,
      progress: silent,
      overrides: [
        'training.epochs=5',
        'training.earlyStopping={monitor: val_loss, patience: 1, minDelta: 10}',
        'training.checkpoint={save: both}',
      ],
    });
    assert.is(summary.epochsCompleted, 3);
    const written = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Record<string, unknown>;
    assert.match(String(written['stoppedEarly']), 'val_loss did not improve for 2 epochs');
    assert.equal((written['earlyStopping'] as { bestEpoch: number; restoredBestWeights: boolean }).bestEpoch, 1);
    assert.ok(
      existsSync(join(dir, 'model', 'best', 'model.json')) && existsSync(join(dir, 'model', 'last', 'model.json')),
    );
  },
);

run('a schedule sets the rate of every step; the learning_rate column shows it', async () => {
  const { file, out } = workspace();
  const { dir } = await runExperiment({
    file,
    out,
    progress: silent,
    overrides: ['training.epochs=3', 'training.schedule={type: step, stepSize: 1, gamma: 0.5}'],
  });
  const rates = readFileSync(join(dir, 'metrics.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => Number(l.split(',')[5]));
  assert.equal(rates, [0.001, 0.0005, 0.00025]);
});

run('classification writes confusion.csv, per-class accuracy and top-k columns', async () => {
  const { file, out } = workspace();
  const { dir, summary } = await runExperiment({
    file,
    out,
    progress: silent,
    overrides: ['training.epochs=1', 'training.metrics=[accuracy, top2Accuracy]'],
  });
  const header = readFileSync(join(dir, 'metrics.csv'), 'utf8').split('\n')[0];
  assert.is(
    header,
    'epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds,samples_per_second,top2Accuracy,val_top2Accuracy',
  );
  assert.ok(summary.test!['top2Accuracy']! >= summary.test!['accuracy']!);
  const confusion = readFileSync(join(dir, 'confusion.csv'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
  assert.equal(confusion[0], ['true\\predicted', 'class_0', 'class_1', 'class_2']);
  const total = confusion
    .slice(1)
    .flatMap((row) => row.slice(1).map(Number))
    .reduce((a, b) => a + b, 0);
  assert.is(total, 60);
  const perClass = (
    JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { perClassAccuracy: Record<string, number> }
  ).perClassAccuracy;
  assert.equal(Object.keys(perClass), ['class_0', 'class_1', 'class_2']);
});

run('sparse crossentropy on logits trains (fromLogits)', async () => {
  const { file, out } = workspace(TINY.replace('units: 3, activation: softmax', 'units: 3'));
  const { status, summary } = await runExperiment({
    file,
    out,
    progress: silent,
    overrides: ['training.loss={type: sparseCategoricalCrossentropy, fromLogits: true}'],
  });
  assert.is(status, 'completed');
  assert.ok(summary.final!['loss']! < Math.log(3) + 0.1);
});

run('tensor count stays flat across epochs (no leak per epoch or step)', async () => {
  const { file, out } = workspace();
  const counts: number[] = [];
  const countTensors = {
    async onEpochEnd() {
      counts.push(tf.memory().numTensors);
      return undefined;
    },
    async onTrainEnd() {
      return {};
    },
  };
  await runExperiment({ file, out, progress: silent, overrides: ['training.epochs=4'], callbacks: [countTensors] });
  assert.is(counts.length, 4);
  assert.equal(
    counts,
    counts.map(() => counts[0]),
    `tensors after each epoch: ${counts.join(', ')}`,
  );
});

run.run();
