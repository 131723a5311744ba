// Synchronous data-parallel training: each batch is split into one shard per thread (this one included), every
// shard's gradients are computed on the same weights, averaged weighted by shard size, and applied by the one
// optimizer here. The average of shard-mean gradients weighted by shard size is the full batch's mean gradient,
// so the result equals a one-thread step up to float rounding (batch-norm statistics and dropout masks excepted).
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Batch } from '@tfyaml/data';
import type { LabelEncoding } from '@tfyaml/model-compiler';
import type { Spec } from '@tfyaml/spec-schema';
import type { ConcreteBackend } from '../../backend/select.ts';
import { applyGradients, shardGradients } from '../gradients.ts';
import type { StepRunner } from '../step.ts';
import { batchTensors } from '../tensors.ts';
import { flatten, flatWeights, unflatten } from './flat.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

export interface ParallelOptions {
  model: tfl.LayersModel;
  optimizer: tf.Optimizer;
  labels: LabelEncoding;
  spec: Spec;
  target: { inputShape: number[]; numClasses: number };
  backend: ConcreteBackend;
  /** Threads in all, this one included (≥ 2). */
  workers: number;
}

export class ParallelStep implements StepRunner {
  private constructor(private readonly options: ParallelOptions, private readonly threads: WorkerThread[]) {}

  static async start(options: ParallelOptions): Promise<ParallelStep> {
    const threads = Array.from({ length: options.workers - 1 }, () => new WorkerThread());
    try {
      await Promise.all(threads.map((thread, i) => thread.request({
        kind: 'init', spec: options.spec, target: options.target, backend: options.backend, seed: options.spec.seed + 1000 * (i + 1),
      })));
    } catch (error) {
      await Promise.all(threads.map((t) => t.close()));
      throw error;
    }
    return new ParallelStep(options, threads);
  }

  async step(batch: Batch): Promise<number[]> {
    const { model, optimizer, labels, target } = this.options;
    const shards = split(batch, this.threads.length + 1);
    const weights = await flatWeights(model);
    // Workers get theirs first, so they compute while this thread does its own shard.
    const remote = shards.slice(1).map((shard, i) => this.threads[i]!.request({ kind: 'shard', weights, ...shard }));
    const { x, y } = batchTensors(shards[0]!, target.inputShape, labels);
    const local = await shardGradients(model, x, y);
    const shapes = local.grads.map((g) => g.shape);
    const localFlat = await flatten(local.grads);
    tf.dispose([x, y, ...local.grads]);
    const results = await Promise.all(remote);

    // Shard-size-weighted mean, on flat arrays: one pass, no per-shard tensors.
    const parts = [{ grads: localFlat, values: local.values, size: shards[0]!.size }, ...results.map((r, i) => {
      if (r.kind !== 'gradients') throw new Error(`worker ${i + 1} answered ${r.kind}`);
      return { grads: r.grads, values: r.values, size: shards[i + 1]!.size };
    })];
    const mean = new Float32Array(localFlat.length);
    for (const part of parts) {
      const weight = part.size / batch.size;
      for (let i = 0; i < mean.length; i++) mean[i]! += part.grads[i]! * weight;
    }
    const averaged = unflatten(mean, shapes);
    applyGradients(optimizer, model, averaged);
    tf.dispose(averaged);
    return local.values.map((_, k) => parts.reduce((sum, part) => sum + part.values[k]! * part.size, 0) / batch.size);
  }

  async dispose(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.close()));
  }
}

/** Near-equal contiguous shards; a batch smaller than the thread count leaves the last threads idle. */
function split(batch: Batch, parts: number): Batch[] {
  const per = batch.x.length / batch.size;
  const shards: Batch[] = [];
  for (let p = 0, start = 0; p < parts && start < batch.size; p++) {
    const size = Math.ceil((batch.size - start) / (parts - p));
    shards.push({ x: batch.x.slice(start * per, (start + size) * per), y: batch.y.slice(start, start + size), size });
    start += size;
  }
  return shards;
}

/** One worker thread, answering one request at a time. */
class WorkerThread {
  private readonly worker = new Worker(new URL('./worker-entry.js', import.meta.url));
  private pending: { resolve: (m: FromWorker) => void; reject: (e: Error) => void } | undefined;

  constructor() {
    this.worker.on('message', (message: FromWorker) => {
      const pending = this.pending;
      this.pending = undefined;
      if (message.kind === 'error') pending?.reject(Object.assign(new Error(`worker thread: ${message.message}`), { stack: message.stack }));
      else pending?.resolve(message);
    });
    this.worker.on('error', (error) => this.pending?.reject(error));
  }

  request(message: ToWorker): Promise<FromWorker> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(message, message.kind === 'shard' ? [message.x.buffer as ArrayBuffer, message.y.buffer as ArrayBuffer] : []);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
