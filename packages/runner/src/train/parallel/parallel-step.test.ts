import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runExperiment } from '../../commands/run.ts';
import type { Progress } from '../../progress.ts';
import { compileModel } from '@tfyaml/model-compiler';
import { loadSpecText } from '@tfyaml/spec-schema';
import { selectBackend } from '../../backend/select.ts';
import { flatWeights } from './flat.ts';
import { ParallelStep } from './parallel-step.ts';
import { resolveWorkers } from './workers.ts';

// No dropout or batch norm: those are the only layers whose result depends on how a batch is split.
const SPEC = `name: parallel
seed: 3
backend: wasm
data:
  dataset: synthetic
  synthetic: { classes: 3, imageSize: 8, trainSize: 200, testSize: 40 }
model:
  layers:
    - { type: conv2d, filters: 4, kernelSize: 3, activation: relu }
    - { type: maxPooling2d, poolSize: 2 }
    - { type: flatten }
    - { type: dense, units: 3, activation: softmax }
training:
  optimizer: { type: sgd, learningRate: 0.1 }
  epochs: 3
  batchSize: 25
`;

const silent: Progress = { epochStart() {}, batch() {}, epochEnd() {}, download() {}, note() {}, stop() {} };

const tensorCounts: number[] = [];
const countTensors = {
  async onEpochEnd() {
    tensorCounts.push(tf.memory().numTensors);
    return undefined;
  },
  async onTrainEnd() {
    return {};
  },
};

async function lossCurve(workers: number, spec = SPEC): Promise<number[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'tfyaml-parallel-'));
  writeFileSync(join(dir, 'p.yaml'), spec);
  tensorCounts.length = 0;
  const { dir: run } = await runExperiment({
    file: join(dir, 'p.yaml'),
    out: join(dir, 'out'),
    progress: silent,
    overrides: [`training.workers=${workers}`],
    callbacks: [countTensors],
  });
  return readFileSync(join(run, 'metrics.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').slice(1, 5).map(Number));
}

const parallel = suite('ParallelStep');

// sgd: each worker steps the optimizer on the weights it owns; adam with clipNorm: each steps all of them.
for (const optimizer of ['{ type: sgd, learningRate: 0.1 }', '{ type: adam, learningRate: 0.01, clipNorm: 0.5 }']) {
  parallel(
    `with the same seed, 1 and 2 workers give the same loss curve within float tolerance (${optimizer})`,
    async () => {
      const spec = SPEC.replace('{ type: sgd, learningRate: 0.1 }', optimizer);
      const one = await lossCurve(1, spec);
      const two = await lossCurve(2, spec);
      assert.is(two.length, 3);
      assert.equal(
        tensorCounts,
        tensorCounts.map(() => tensorCounts[0]),
        `tensors after each epoch with 2 workers: ${tensorCounts.join(', ')}`,
      );
      one.forEach((row, epoch) =>
        row.forEach((value, k) => {
          assert.ok(
            Math.abs(value - two[epoch]![k]!) <= 1e-4 * Math.max(1, Math.abs(value)),
            `epoch ${epoch + 1} column ${k}: ${value} vs ${two[epoch]![k]}`,
          );
        }),
      );
    },
  );
}

for (const optimizer of ['adam', 'adamw']) {
  parallel(
    `every replica takes the same steps: worker weights are bit-identical, and sync brings them here (${optimizer})`,
    async () => {
      await selectBackend('wasm');
      const { spec } = loadSpecText(SPEC.replace('type: sgd', `type: ${optimizer}`), 'p.yaml');
      const target = { inputShape: [8, 8, 3], numClasses: 3 };
      const compiled = compileModel(spec, target);
      const stepper = await ParallelStep.start({
        model: compiled.model,
        optimizer: compiled.optimizer,
        spec,
        backend: 'wasm',
        workers: 2,
        target,
      });
      try {
        for (const size of [25, 7, 1]) {
          const x = Float32Array.from({ length: size * 192 }, (_, i) => Math.sin(i));
          const y = Int32Array.from({ length: size }, (_, i) => i % 3);
          const values = await stepper.step({ x, y, size });
          assert.ok(values.every(Number.isFinite), `step of ${size}: ${values}`);
        }
        const threads = (
          stepper as unknown as { threads: { request(m: { kind: 'weights' }): Promise<{ weights: Float32Array }> }[] }
        ).threads;
        const [first, second] = await Promise.all(
          threads.map(async (t) => (await t.request({ kind: 'weights' })).weights),
        );
        assert.equal([...second!], [...first!]);
        const before = flatWeights(compiled.model);
        await stepper.sync();
        assert.equal([...flatWeights(compiled.model)], [...first!]);
        assert.not.equal([...before], [...first!], 'training changed the weights');
      } finally {
        await stepper.dispose();
      }
    },
  );
}

parallel(
  'auto means every core on wasm and cpu unless the model is large; tfjs-node and native always run in one',
  () => {
    assert.is(resolveWorkers('auto', 'wasm', 167_562, 2), 2);
    assert.is(resolveWorkers('auto', 'cpu', 0, 8), 8);
    assert.is(resolveWorkers('auto', 'wasm', 1_707_274, 2), 1, 'the weight exchange would cost more than it gains');
    assert.is(resolveWorkers(2, 'wasm', 1_707_274, 2), 2, 'an explicit count is kept');
    assert.is(resolveWorkers('auto', 'tensorflow', 0, 8), 1);
    assert.is(resolveWorkers(3, 'tensorflow', 0, 8), 1, 'multi-threaded backends run in one worker');
    assert.is(resolveWorkers(2, 'native', 0, 8), 1);
  },
);

parallel.run();
