// The real experiment file on a few hundred real CIFAR-10 records (full training is for the README command, not tests).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Progress } from '../progress.ts';
import { runExperiment } from './run.ts';

const CIFAR_YAML = fileURLToPath(new URL('../../../../experiments/cifar.yaml', import.meta.url));
const dataDir = process.env['TFYAML_DATA_DIR'];
const silent: Progress = { epochStart() {}, batch() {}, epochEnd() {}, download() {}, note() {}, stop() {} };

const cifar = suite('experiments/cifar.yaml :: real CIFAR-10');

if (dataDir) {
  cifar('trains one epoch on 512 records and records where the data came from', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tfyaml-cifar-'));
    const { dir, status } = await runExperiment({
      file: CIFAR_YAML, out, backend: 'wasm', progress: silent,
      overrides: ['training.epochs=1', 'data.trainLimit=512', 'data.testLimit=256'],
    });
    assert.is(status, 'completed');
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { data: { source: string; train: number; test: number; classNames: string[] } };
    assert.equal([summary.data.train, summary.data.test], [512, 256]);
    assert.ok(summary.data.source.startsWith(dataDir), summary.data.source);
    assert.is(summary.data.classNames[0], 'airplane');
    const rows = readFileSync(join(dir, 'metrics.csv'), 'utf8').trim().split('\n');
    assert.is(rows.length, 2);
  });
} else {
  console.log('skipped: experiments/cifar.yaml :: real CIFAR-10 (set TFYAML_DATA_DIR to the folder holding cifar-10-batches-bin/)');
}

cifar.run();
