// How many samples of each batch go to each worker. On a shared machine one core is often slower than the other for
// seconds at a time (measured on this project's 2-core VM: 40-step windows at 52 vs 71 ms per 16-sample shard), and
// a synchronous step waits for the slowest worker, so the split follows each worker's recent speed: a worker's
// share shrinks when its shard took longer than the others'. The split changes only float rounding of the
// gradient mean (weighted by shard size), not what is computed.

/** How far one step's timing moves the shares; small enough that one slow step barely matters. */
const SMOOTHING = 0.2;

export class ShardBalancer {
  private shares: number[];

  constructor(workers: number) {
    this.shares = Array.from({ length: workers }, () => 1 / workers);
  }

  /** Shard sizes for a batch: in proportion to the shares, summing to `batchSize`, none empty while samples last. */
  sizes(batchSize: number): number[] {
    const workers = this.shares.length;
    if (batchSize <= workers) return this.shares.map((_, rank) => (rank < batchSize ? 1 : 0));
    // One sample each first, then the rest by share, largest remainders rounding up.
    const rest = batchSize - workers;
    const exact = this.shares.map((share) => share * rest);
    const sizes = exact.map((x) => 1 + Math.floor(x));
    const byRemainder = exact.map((x, rank) => [x - Math.floor(x), rank] as const).sort((a, b) => b[0] - a[0]);
    for (let left = batchSize - sizes.reduce((a, b) => a + b, 0), i = 0; left > 0; left--, i++)
      sizes[byRemainder[i]![1]]! += 1;
    return sizes;
  }

  /** Learns from one step: each worker's shard size and the milliseconds it took to compute. */
  record(sizes: readonly number[], milliseconds: readonly number[]): void {
    if (sizes.some((size, rank) => size === 0 || !(milliseconds[rank]! > 0))) return;
    // A worker's speed is samples per millisecond; shares that follow speed make every worker take equally long.
    const speeds = sizes.map((size, rank) => size / milliseconds[rank]!);
    const total = speeds.reduce((a, b) => a + b, 0);
    this.shares = this.shares.map((share, rank) => (1 - SMOOTHING) * share + SMOOTHING * (speeds[rank]! / total));
  }
}
