// Gradients meet in shared memory: every worker writes its shard's flat gradients into its own slot, waits until all
// slots of this step are written, then computes the shard-size-weighted mean in rank order, so every worker gets
// bit-identical numbers. No thread sends gradients or weights through messages.
//
// A worker may average every weight (each replica then applies the whole update) or only the range it owns (a
// reduce-scatter: each one updates its range, writes the new weights into the shared weights, and every replica
// reads all of them back once every range is written: an all-gather).
//
// Two sets of gradient slots, alternating by step parity: a worker that is one step ahead writes the other set
// while a slower one still reads this one, and it cannot get two steps ahead, since finishing a step needs
// everyone's gradients. One set of weights is enough: nobody writes step s + 1's weights before every worker has
// published step s + 1's gradients, which each does only after reading step s's weights.

/** What one worker needs to attach to the shared buffers; plain data, so it crosses postMessage. */
export interface SharedGradientsInit {
  grads: SharedArrayBuffer;
  weights: SharedArrayBuffer;
  /** Per step parity and rank: the last step whose gradients it wrote; then per rank: the last step whose weights. */
  flags: SharedArrayBuffer;
  workers: number;
  length: number;
}

/** A contiguous range of the flat weights: [start, end). */
export interface Range {
  start: number;
  end: number;
}

/** Written into every flag by a worker that failed, so the others stop waiting for it. */
const ABORTED = -1;
const WAKE_EVERY_MS = 1000;

export class WorkerFailed extends Error {
  override name = 'WorkerFailed';
}

/** The range of `length` weights that `rank` of `workers` owns: equal contiguous parts, the last one shorter. */
export function ownedRange(length: number, workers: number, rank: number): Range {
  const part = Math.ceil(length / workers);
  return { start: Math.min(length, rank * part), end: Math.min(length, (rank + 1) * part) };
}

export class SharedGradients {
  /** The trainable weights, flat, as the owners of their ranges last wrote them. */
  readonly weights: Float32Array;
  private readonly slots: Float32Array[];
  private readonly flags: Int32Array;
  private readonly mean: Float32Array;

  constructor(private readonly init: SharedGradientsInit) {
    const { grads, workers, length } = init;
    this.slots = Array.from({ length: 2 * workers }, (_, i) => new Float32Array(grads, i * length * 4, length));
    this.weights = new Float32Array(init.weights);
    this.flags = new Int32Array(init.flags);
    this.mean = new Float32Array(length);
  }

  static allocate(workers: number, length: number): SharedGradientsInit {
    return {
      grads: new SharedArrayBuffer(2 * workers * length * 4),
      weights: new SharedArrayBuffer(length * 4),
      flags: new SharedArrayBuffer(3 * workers * 4),
      workers,
      length,
    };
  }

  /** Where `rank` writes its gradients for `step` (numbered from 1). */
  slot(step: number, rank: number): Float32Array {
    return this.slots[this.gradsFlag(step, rank)]!;
  }

  /** Marks `rank`'s gradients for `step` as written (an empty shard publishes too: everyone waits for everyone). */
  publish(step: number, rank: number): void {
    this.raise(this.gradsFlag(step, rank), step);
  }

  /**
   * Blocks until every worker published `step`, then returns the mean over `range` (all weights unless given),
   * weighted by shard sizes and summed in rank order. The array is reused by the next call.
   */
  average(step: number, sizes: readonly number[], range: Range = { start: 0, end: this.init.length }): Float32Array {
    for (let rank = 0; rank < this.init.workers; rank++) this.await(this.gradsFlag(step, rank), step);
    const total = sizes.reduce((a, b) => a + b, 0);
    const parts = sizes.flatMap((size, rank) =>
      size === 0 ? [] : [{ values: this.slot(step, rank), weight: size / total }],
    );
    const { start, end } = range;
    const mean = this.mean.subarray(start, end);
    // Shards are added two per pass: the loop is memory-bound, and a pass per shard (after zeroing) costs three times as much.
    for (let first = 0; first < parts.length; first += 2) {
      const a = parts[first]!;
      const b = parts[first + 1];
      const [x, wx] = [a.values, a.weight];
      if (b === undefined && first === 0) for (let i = start, j = 0; i < end; i++, j++) mean[j] = x[i]! * wx;
      else if (b === undefined) for (let i = start, j = 0; i < end; i++, j++) mean[j]! += x[i]! * wx;
      else {
        const [y, wy] = [b.values, b.weight];
        if (first === 0) for (let i = start, j = 0; i < end; i++, j++) mean[j] = x[i]! * wx + y[i]! * wy;
        else for (let i = start, j = 0; i < end; i++, j++) mean[j]! += x[i]! * wx + y[i]! * wy;
      }
    }
    return mean;
  }

  /** Marks `rank`'s range of the shared weights as written for `step`. */
  publishWeights(step: number, rank: number): void {
    this.raise(this.weightsFlag(rank), step);
  }

  /** Blocks until every worker has written its range of the weights for `step`; returns all of them. */
  awaitWeights(step: number): Float32Array {
    for (let rank = 0; rank < this.init.workers; rank++) this.await(this.weightsFlag(rank), step);
    return this.weights;
  }

  /** Wakes every waiting worker with the news that one failed. */
  abort(): void {
    for (let i = 0; i < this.flags.length; i++) this.raise(i, ABORTED);
  }

  private raise(index: number, value: number): void {
    Atomics.store(this.flags, index, value);
    Atomics.notify(this.flags, index);
  }

  private await(index: number, step: number): void {
    for (let seen = Atomics.load(this.flags, index); seen !== step; seen = Atomics.load(this.flags, index)) {
      if (seen === ABORTED) throw new WorkerFailed('another worker thread failed');
      Atomics.wait(this.flags, index, seen, WAKE_EVERY_MS);
    }
  }

  private gradsFlag(step: number, rank: number): number {
    return (step % 2) * this.init.workers + rank;
  }

  private weightsFlag(rank: number): number {
    return 2 * this.init.workers + rank;
  }
}
