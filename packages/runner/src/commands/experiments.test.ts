// Every experiment in experiments/ runs: one epoch on a few hundred records (named datasets from $TFYAML_DATA_DIR,
// e.g. real CIFAR-10; skipped with a message without them), with the outputs a user expects. Full training is for the README command.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpec, NAMED_DATASETS } from '@tfyaml/spec-schema';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Progress } from '../progress.ts';
import { runExperiment } from './run.ts';

const EXPERIMENTS = fileURLToPath(new URL('../../../../experiments/', import.meta.url));
const dataDir = process.env['TFYAML_DATA_DIR'];
const silent: Progress = { epochStart() {}, batch() {}, epochEnd() {}, download() {}, note() {}, stop() {} };

const experiments = suite('experiments/*.yaml :: one short epoch each');
const files = readdirSync(EXPERIMENTS)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
/** A one-epoch run leaves no room for a warmup epoch (the spec rules reject that), so drop it there. */
const ONE_EPOCH_FIXES: Record<string, string[]> = { 'cifar-regularized.yaml': ['training.schedule.warmupEpochs=0'] };

experiments('the catalogue has the seed CNN, a residual graph, a regularized CNN, an MLP and the quickstart', () => {
  for (const name of ['cifar.yaml', 'cifar-resnet.yaml', 'cifar-regularized.yaml', 'cifar-mlp.yaml', 'quickstart.yaml'])
    assert.ok(files.includes(name), name);
});

/** The folder a named dataset is looked for in under $TFYAML_DATA_DIR. */
const FOLDERS: Record<string, string> = {
  cifar10: 'cifar-10-batches-bin',
  cifar100: 'cifar-100-binary',
  mnist: 'mnist',
  'fashion-mnist': 'fashion-mnist',
};

for (const name of files) {
  const { data, training } = loadSpec(join(EXPERIMENTS, name)).spec;
  const named = NAMED_DATASETS.includes(data.dataset);
  if (named && !(dataDir && existsSync(join(dataDir, FOLDERS[data.dataset]!)))) {
    console.log(`skipped: experiments/${name} (set TFYAML_DATA_DIR to the folder holding ${FOLDERS[data.dataset]}/)`);
    continue;
  }
  experiments(name, async () => {
    const out = mkdtempSync(join(tmpdir(), 'tfyaml-exp-'));
    const limits = named ? ['data.trainLimit=384', 'data.testLimit=128'] : [];
    const { dir, status, summary } = await runExperiment({
      file: join(EXPERIMENTS, name),
      out,
      backend: 'wasm',
      progress: silent,
      overrides: ['training.epochs=1', ...limits, ...(ONE_EPOCH_FIXES[name] ?? [])],
    });
    assert.is(status, 'completed');
    assert.is(summary.epochsCompleted, 1);
    const classification = /Crossentropy$/.test(training.loss.type);
    for (const output of [
      'spec.yaml',
      'metrics.csv',
      'summary.json',
      'model/model.json',
      'model/weights.bin',
      ...(classification ? ['confusion.csv'] : []),
    ]) {
      assert.ok(existsSync(join(dir, output)), `${name}: ${output}`);
    }
    assert.is(readFileSync(join(dir, 'metrics.csv'), 'utf8').trim().split('\n').length, 2);
    if (named) assert.ok((summary.data as { source: string }).source.startsWith(dataDir!));
  });
}

experiments.run();
