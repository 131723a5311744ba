import '@tensorflow/tfjs-backend-cpu';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RunError } from '../errors.ts';
import { DiskError } from './disk-error.ts';
import { mountSmallDisk } from './full-disk.testkit.ts';
import { MetricsCsv } from './metrics-csv.ts';
import { fileLoadHandler, saveModel } from './model-io.ts';
import { createRunDir, runId } from './run-dir.ts';
import { bestEpoch } from './summary.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'tfyaml-results-'));

const runDir = suite('createRunDir');

runDir('ids sort by time; a second run in the same second gets a suffix', () => {
  const root = tmp();
  const at = new Date('2026-11-26T08:30:12.345Z');
  assert.is(runId(at), '20261126-083012');
  assert.is(createRunDir(root, 'cifar', at), join(root, 'cifar', '20261126-083012'));
  assert.is(createRunDir(root, 'cifar', at), join(root, 'cifar', '20261126-083012-2'));
});

runDir('a disk with no room for another folder is a DiskError, not a raw ENOSPC', () => {
  const disk = mountSmallDisk(64, 'createRunDir on a full disk', 4);
  if (!disk) return;
  try {
    let error: unknown;
    for (let i = 0; i < 10 && !error; i++) {
      try {
        createRunDir(disk.dir, `run${i}`);
      } catch (caught) {
        error = caught;
      }
    }
    assert.instance(error, DiskError);
    assert.match((error as Error).message, 'no space left on the device (ENOSPC)');
  } finally {
    disk.unmount();
  }
});

runDir.run();

const csv = suite('MetricsCsv');

csv('exact header, extra metrics after it, one row per append', () => {
  const path = join(tmp(), 'metrics.csv');
  const metrics = new MetricsCsv(path, ['precision']);
  assert.is(
    readFileSync(path, 'utf8'),
    'epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds,samples_per_second,precision,val_precision\n',
  );
  metrics.append({
    epoch: 1,
    loss: 1.23456789,
    accuracy: 0.5,
    val_loss: 1.1,
    val_accuracy: 0.55,
    learning_rate: 0.001,
    seconds: 12.5,
    samples_per_second: 4000,
    precision: 0.4,
  });
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  assert.is(lines[1], '1,1.23457,0.5,1.1,0.55,0.001,12.5,4000,0.4,');
});

csv.run();

const best = suite('bestEpoch');

best('highest val_accuracy, or lowest val_loss without accuracy', () => {
  assert.equal(
    bestEpoch([
      { epoch: 1, val_accuracy: 0.5 },
      { epoch: 2, val_accuracy: 0.7 },
      { epoch: 3, val_accuracy: 0.6 },
    ]),
    { metric: 'val_accuracy', value: 0.7, epoch: 2 },
  );
  assert.equal(
    bestEpoch([
      { epoch: 1, val_loss: 0.5 },
      { epoch: 2, val_loss: 0.3 },
      { epoch: 3, val_loss: Number.NaN },
    ]),
    { metric: 'val_loss', value: 0.3, epoch: 2 },
  );
});

best.run();

const modelIo = suite('saveModel / fileLoadHandler');

modelIo('round-trips a model through model.json + weights.bin', async () => {
  await tf.setBackend('cpu');
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [3], units: 4, activation: 'relu' }),
      tfl.layers.dense({ units: 2, activation: 'softmax' }),
    ],
  });
  const dir = join(tmp(), 'model');
  await saveModel(model, dir);
  assert.ok(existsSync(join(dir, 'model.json')) && existsSync(join(dir, 'weights.bin')));
  assert.not.ok(existsSync(join(dir, 'weights.bin.partial')));
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as {
    format: string;
    weightsManifest: { paths: string[] }[];
  };
  assert.is(json.format, 'layers-model');
  assert.equal(json.weightsManifest[0]!.paths, ['weights.bin']);

  const loaded = await tfl.loadLayersModel(fileLoadHandler(dir));
  const x = tf.tensor2d([
    [1, 2, 3],
    [-1, 0.5, 2],
  ]);
  const expected = await (model.predict(x) as tf.Tensor).data();
  const actual = await (loaded.predict(x) as tf.Tensor).data();
  assert.equal(Array.from(actual), Array.from(expected));
});

modelIo.run();

const hostileModel = suite('fileLoadHandler :: hostile model.json');

/** A saved two-layer model whose model.json the test then edits. */
async function savedModel(): Promise<{
  dir: string;
  json: { weightsManifest: { paths: string[]; weights: unknown[] }[] };
}> {
  await tf.setBackend('cpu');
  const model = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [3], units: 4 })] });
  const dir = join(tmp(), 'model');
  await saveModel(model, dir);
  return { dir, json: JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) };
}

async function loadError(dir: string): Promise<Error> {
  try {
    await fileLoadHandler(dir).load!();
  } catch (error) {
    assert.instance(error, RunError);
    return error as Error;
  }
  throw new Error('the model loaded');
}

hostileModel('a weight path outside the folder is refused before it is read', async () => {
  const { dir, json } = await savedModel();
  json.weightsManifest[0]!.paths = ['../../../../../../etc/services'];
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
  assert.match(
    (await loadError(dir)).message,
    'names the weight file "../../../../../../etc/services", which is outside',
  );
  symlinkSync('/etc/services', join(dir, 'linked.bin'));
  json.weightsManifest[0]!.paths = ['linked.bin'];
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
  assert.match((await loadError(dir)).message, 'which is outside');
});

hostileModel('/dev/zero, a fifo or a folder as weight file is refused, never read', async () => {
  const { dir, json } = await savedModel();
  const cases: [string, string][] = [
    ['../../../../../../dev/zero', 'which is outside'],
    ['sub', 'is not a regular file'],
  ];
  mkdirSync(join(dir, 'sub'));
  if (spawnSync('mkfifo', [join(dir, 'pipe.bin')]).status === 0) cases.push(['pipe.bin', 'is not a regular file']);
  for (const [path, message] of cases) {
    json.weightsManifest[0]!.paths = [path];
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    assert.match((await loadError(dir)).message, message);
  }
});

hostileModel('weight files of the wrong size are named with both sizes', async () => {
  const { dir } = await savedModel();
  const weights = join(dir, 'weights.bin');
  writeFileSync(weights, readFileSync(weights).subarray(0, 20));
  assert.match((await loadError(dir)).message, 'describes weights of 64 bytes, but its weight files hold 20');
});

hostileModel('a model.json that is not JSON or not a model is a user error', async () => {
  const { dir } = await savedModel();
  writeFileSync(join(dir, 'model.json'), '{"weightsManifest": 3}');
  assert.match((await loadError(dir)).message, 'is not a model.json');
  writeFileSync(join(dir, 'model.json'), '{"weightsManifest": [{"paths": "weights.bin"}]}');
  assert.match((await loadError(dir)).message, 'without lists of paths and weights');
});

hostileModel.run();
