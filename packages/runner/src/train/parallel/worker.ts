// A worker thread: its own backend and replica of the model; computes gradients of the shards it is sent.
import { parentPort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { compileModel, type CompiledModel } from '@tfyaml/model-compiler';
import { selectBackend } from '../../backend/select.ts';
import { seedGlobalRandom } from '../../seed.ts';
import { shardGradients } from '../gradients.ts';
import { batchTensors } from '../tensors.ts';
import { flatten, setFlatWeights } from './flat.ts';
import type { FromWorker, ShardRequest, ToWorker, WorkerInit } from './protocol.ts';

const port = parentPort!;
let replica: { compiled: CompiledModel; init: WorkerInit } | undefined;

async function handle(message: ToWorker): Promise<FromWorker | undefined> {
  switch (message.kind) {
    case 'init': {
      await selectBackend(message.backend);
      seedGlobalRandom(message.seed);
      replica = { compiled: compileModel(message.spec, message.target), init: message };
      return { kind: 'ready' };
    }
    case 'shard':
      return computeShard(message);
    case 'close':
      port.close();
      return undefined;
  }
}

async function computeShard(request: ShardRequest): Promise<FromWorker> {
  const { compiled, init } = replica!;
  setFlatWeights(compiled.model, request.weights);
  const batch = { x: request.x, y: request.y, size: request.size };
  const { x, y } = batchTensors(batch, init.target.inputShape, compiled.labels);
  const { grads, values } = await shardGradients(compiled.model, x, y);
  const flat = await flatten(grads);
  tf.dispose([x, y, ...grads]);
  return { kind: 'gradients', grads: flat, values };
}

port.on('message', (message: ToWorker) => {
  handle(message).then(
    (reply) => reply && port.postMessage(reply, reply.kind === 'gradients' ? [reply.grads.buffer as ArrayBuffer] : []),
    (error: unknown) => port.postMessage({ kind: 'error', message: (error as Error).message, stack: (error as Error).stack } satisfies FromWorker),
  );
});
