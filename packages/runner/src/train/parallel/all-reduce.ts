// Gradients meet in shared memory: every worker writes its shard's flat gradients into its own slot, waits until all
// slots of this step are written, then computes the same shard-size-weighted mean in the same order, so every
// replica applies bit-identical updates. No thread sends gradients or weights through messages.
//
// Two sets of slots, alternating by step parity: a worker that is one step ahead writes the other set while a slower
// one still reads this one, and it cannot get two steps ahead, since finishing a step needs everyone's gradients.

/** What one worker needs to attach to the shared buffers; plain data, so it crosses postMessage. */
export interface SharedGradientsInit {
  grads: SharedArrayBuffer;
  flags: SharedArrayBuffer;
  workers: number;
  length: number;
}

/** Written into every flag by a worker that failed, so the others stop waiting for it. */
const ABORTED = -1;
const WAKE_EVERY_MS = 1000;

export class WorkerFailed extends Error {
  override name = 'WorkerFailed';
}

export class SharedGradients {
  private readonly slots: Float32Array[];
  private readonly flags: Int32Array;
  private readonly mean: Float32Array;

  constructor(private readonly init: SharedGradientsInit) {
    const { grads, workers, length } = init;
    this.slots = Array.from({ length: 2 * workers }, (_, i) => new Float32Array(grads, i * length * 4, length));
    this.flags = new Int32Array(init.flags);
    this.mean = new Float32Array(length);
  }

  static allocate(workers: number, length: number): SharedGradientsInit {
    return { grads: new SharedArrayBuffer(2 * workers * length * 4), flags: new SharedArrayBuffer(2 * workers * 4), workers, length };
  }

  /** Where `rank` writes its gradients for `step` (numbered from 1). */
  slot(step: number, rank: number): Float32Array {
    return this.slots[this.index(step, rank)]!;
  }

  /** Marks `rank`'s gradients for `step` as written (an empty shard publishes too: everyone waits for everyone). */
  publish(step: number, rank: number): void {
    const index = this.index(step, rank);
    Atomics.store(this.flags, index, step);
    Atomics.notify(this.flags, index);
  }

  /** Blocks until every worker published `step`, then returns the mean weighted by shard sizes (rank order). */
  average(step: number, sizes: readonly number[]): Float32Array {
    for (let rank = 0; rank < this.init.workers; rank++) this.await(step, rank);
    const total = sizes.reduce((a, b) => a + b, 0);
    const mean = this.mean;
    mean.fill(0);
    sizes.forEach((size, rank) => {
      if (size === 0) return;
      const part = this.slot(step, rank);
      const weight = size / total;
      for (let i = 0; i < mean.length; i++) mean[i]! += part[i]! * weight;
    });
    return mean;
  }

  /** Wakes every waiting worker with the news that one failed. */
  abort(): void {
    for (let i = 0; i < this.flags.length; i++) {
      Atomics.store(this.flags, i, ABORTED);
      Atomics.notify(this.flags, i);
    }
  }

  private await(step: number, rank: number): void {
    const index = this.index(step, rank);
    for (let seen = Atomics.load(this.flags, index); seen !== step; seen = Atomics.load(this.flags, index)) {
      if (seen === ABORTED) throw new WorkerFailed('another worker thread failed');
      Atomics.wait(this.flags, index, seen, WAKE_EVERY_MS);
    }
  }

  private index(step: number, rank: number): number {
    return (step % 2) * this.init.workers + rank;
  }
}
