// A worker thread: its own backend and replica of the model. Each step it computes its shard's gradients, meets the
// other workers in shared memory, and updates its replica with their mean (replica-update.ts): every replica stays
// identical.
import { parentPort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { compileModel, type CompiledModel } from '@tfyaml/model-compiler';
import { selectBackend } from '../../backend/select.ts';
import { seedGlobalRandom } from '../../seed.ts';
import { shardGradients } from '../gradients.ts';
import { batchTensors } from '../tensors.ts';
import { SharedGradients } from './all-reduce.ts';
import { flatWeights, setFlatWeights, writeFlat } from './flat.ts';
import type { FromWorker, ShardRequest, ToWorker, WorkerInit } from './protocol.ts';
import { replicaUpdate, type ReplicaUpdate } from './replica-update.ts';

const port = parentPort!;
let replica: { compiled: CompiledModel; init: WorkerInit; shared: SharedGradients; update: ReplicaUpdate } | undefined;

async function handle(message: ToWorker): Promise<FromWorker | undefined> {
  switch (message.kind) {
    case 'init': {
      // One thread per worker: the workers already use every core between them.
      await selectBackend(message.backend, { threads: 1 });
      seedGlobalRandom(message.seed);
      const compiled = compileModel(message.spec, message.target);
      setFlatWeights(compiled.model, message.weights);
      const shared = new SharedGradients(message.shared);
      const update = replicaUpdate(
        compiled,
        message.spec.training.optimizer,
        shared,
        message.rank,
        message.shared.workers,
      );
      replica = { compiled, init: message, shared, update };
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
  const { compiled, init, shared, update } = replica!;
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
  update.apply(request.step, request.sizes, request.learningRate);
  return undefined;
}

port.on('message', (message: ToWorker) => {
  handle(message).then(
    (reply) => reply && port.postMessage(reply),
    (error: unknown) => {
      replica?.shared.abort();
      port.postMessage({
        kind: 'error',
        message: (error as Error).message,
        stack: (error as Error).stack,
      } satisfies FromWorker);
    },
  );
});
