// Synchronous data-parallel training: each batch is split into one shard per worker thread; every worker computes
// its shard's gradients on identical weights, the workers average them in shared memory (weighted by shard size:
// the full batch's mean gradient, up to float rounding), and each worker steps the optimizer on the range of the
// weights it owns, then reads the others' ranges back from shared memory (replica-update.ts). Every replica takes the
// same steps, nothing travels through messages per step but the batch, and this thread only hands out batches: it
// never competes with the workers for a core.
//
// This thread's model is brought up to date from worker 0 when the loop asks (`sync`: before validation,
// checkpoints and saving). Batch-norm moving statistics are worker 0's, taken from its shards only.
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Batch } from '@tfyaml/data';
import { learningRateOf } from '@tfyaml/model-compiler';
import type { Spec } from '@tfyaml/spec-schema';
import type { ConcreteBackend } from '../../backend/select.ts';
import type { StepRunner } from '../step.ts';
import { SharedGradients } from './all-reduce.ts';
import { ShardBalancer } from './balance.ts';
import { flatWeights, setFlatWeights } from './flat.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

export interface ParallelOptions {
  model: tfl.LayersModel;
  /** Holds the learning rate the loop sets before each step; the workers' optimizers apply it. */
  optimizer: tf.Optimizer;
  spec: Spec;
  target: { inputShape: number[]; numClasses: number };
  backend: ConcreteBackend;
  /** Worker threads (≥ 2). */
  workers: number;
}

export class ParallelStep implements StepRunner {
  private steps = 0;
  private readonly balancer: ShardBalancer;

  private constructor(
    private readonly options: ParallelOptions,
    private readonly threads: WorkerThread[],
  ) {
    this.balancer = new ShardBalancer(threads.length);
  }

  static async start(options: ParallelOptions): Promise<ParallelStep> {
    const { model, spec, target, backend, workers } = options;
    const shared = SharedGradients.allocate(
      workers,
      model.trainableWeights.reduce((n, w) => n + tf.util.sizeFromShape(w.shape as number[]), 0),
    );
    const weights = flatWeights(model);
    const threads = Array.from({ length: workers }, () => new WorkerThread());
    try {
      await Promise.all(
        threads.map((thread, rank) =>
          thread.request({
            kind: 'init',
            spec,
            target,
            backend,
            seed: spec.seed + 1000 * (rank + 1),
            rank,
            shared,
            weights,
          }),
        ),
      );
    } catch (error) {
      await Promise.all(threads.map((t) => t.close()));
      throw error;
    }
    return new ParallelStep(options, threads);
  }

  async step(batch: Batch): Promise<number[]> {
    const sizes = this.balancer.sizes(batch.size);
    const shards = split(batch, sizes);
    const step = ++this.steps;
    const learningRate = learningRateOf(this.options.optimizer);
    const replies = await Promise.all(
      this.threads.map((thread, rank) =>
        thread.request({ kind: 'shard', step, sizes, learningRate, ...shards[rank]! }),
      ),
    );
    const stepped = replies as Extract<FromWorker, { kind: 'stepped' }>[];
    this.balancer.record(
      sizes,
      stepped.map((r) => r.computeMs),
    );
    const values = stepped.map((r) => r.values);
    const count = values.find((v) => v.length > 0)!.length;
    return Array.from(
      { length: count },
      (_, k) => values.reduce((sum, v, rank) => sum + (sizes[rank]! > 0 ? v[k]! * sizes[rank]! : 0), 0) / batch.size,
    );
  }

  async sync(): Promise<void> {
    const reply = await this.threads[0]!.request({ kind: 'weights' });
    setFlatWeights(this.options.model, (reply as Extract<FromWorker, { kind: 'weights' }>).weights);
  }

  async dispose(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.close()));
  }
}

/** Contiguous shards of the given sizes, one per worker. */
function split(batch: Batch, sizes: readonly number[]): Batch[] {
  const per = batch.x.length / batch.size;
  let start = 0;
  return sizes.map((size) => {
    const shard = { x: batch.x.slice(start * per, (start + size) * per), y: batch.y.slice(start, start + size), size };
    start += size;
    return shard;
  });
}

/** One worker thread, answering one request at a time. */
class WorkerThread {
  private readonly worker = new Worker(new URL('./worker-entry.js', import.meta.url));
  private pending: { resolve: (m: FromWorker) => void; reject: (e: Error) => void } | undefined;
  /** A failure reported while no request was waiting (an update fails after its step was answered). */
  private failure: Error | undefined;

  constructor() {
    this.worker.on('message', (message: FromWorker) => {
      if (message.kind === 'error')
        this.fail(Object.assign(new Error(`worker thread: ${message.message}`), { stack: message.stack }));
      else this.settle()?.resolve(message);
    });
    this.worker.on('error', (error) => this.fail(error));
  }

  request(message: ToWorker): Promise<FromWorker> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(
        message,
        message.kind === 'shard' ? [message.x.buffer as ArrayBuffer, message.y.buffer as ArrayBuffer] : [],
      );
    });
  }

  private fail(error: Error): void {
    const pending = this.settle();
    if (pending) pending.reject(error);
    else this.failure = error;
  }

  private settle() {
    const pending = this.pending;
    this.pending = undefined;
    return pending;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
