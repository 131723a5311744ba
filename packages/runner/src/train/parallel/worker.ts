// A worker thread: its own backend, replica of the model and optimizer. Each step it computes its shard's gradients,
// meets the other workers in shared memory for their mean, and applies it: every replica stays identical.
import { parentPort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { compileModel, setLearningRate, type CompiledModel } from '@tfyaml/model-compiler';
import { selectBackend } from '../../backend/select.ts';
import { seedGlobalRandom } from '../../seed.ts';
import { applyGradients, shardGradients } from '../gradients.ts';
import { batchTensors } from '../tensors.ts';
import { SharedGradients } from './all-reduce.ts';
import { flatWeights, setFlatWeights, unflatten, writeFlat } from './flat.ts';
import type { FromWorker, ShardRequest, ToWorker, WorkerInit } from './protocol.ts';

const port = parentPort!;
let replica: { compiled: CompiledModel; init: WorkerInit; shared: SharedGradients; shapes: number[][] } | undefined;

async function handle(message: ToWorker): Promise<FromWorker | undefined> {
  switch (message.kind) {
    case 'init': {
      // One thread per worker: the workers already use every core between them.
      await selectBackend(message.backend, { threads: 1 });
      seedGlobalRandom(message.seed);
      const compiled = compileModel(message.spec, message.target);
      setFlatWeights(compiled.model, message.weights);
      const shapes = compiled.model.trainableWeights.map((w) => w.shape as number[]);
      replica = { compiled, init: message, shared: new SharedGradients(message.shared), shapes };
      return { kind: 'ready' };
    }
    case 'shard':
      return step(message);
    case 'weights':
      return { kind: 'weights', weights: flatWeights(replica!.compiled.model) };
    case 'close':
      port.close();
      return undefined;
  }
}

async function step(request: ShardRequest): Promise<undefined> {
  const { compiled, init, shared, shapes } = replica!;
  const started = performance.now();
  let values: number[] = [];
  if (request.size > 0) {
    const { x, y } = batchTensors(request, init.target.inputShape, compiled.labels);
    const result = await shardGradients(compiled.model, x, y);
    writeFlat(result.grads, shared.slot(request.step, init.rank));
    tf.dispose([x, y, ...result.grads]);
    values = result.values;
  }
  const computeMs = performance.now() - started;
  shared.publish(request.step, init.rank);
  // Answered before the update is applied: the next shard is on its way while this replica updates.
  port.postMessage({ kind: 'stepped', values, computeMs } satisfies FromWorker);
  const mean = unflatten(shared.average(request.step, request.sizes), shapes);
  setLearningRate(compiled.optimizer, request.learningRate);
  applyGradients(compiled.optimizer, compiled.model, mean);
  tf.dispose(mean);
  return undefined;
}

port.on('message', (message: ToWorker) => {
  handle(message).then(
    (reply) => reply && port.postMessage(reply),
    (error: unknown) => {
      replica?.shared.abort();
      port.postMessage({ kind: 'error', message: (error as Error).message, stack: (error as Error).stack } satisfies FromWorker);
    },
  );
});
