// Output buffers of native kernels are recycled: a training step allocates ~100 MB of outputs, and fresh
// ArrayBuffers cost zero-filling, page faults and V8 major GCs (the measured 2.5x between "fast kernels" and
// "fast training"). An array goes back to the pool only when no tensor data entry refers to its ArrayBuffer any
// more (views count: the cpu Slice kernel returns subarrays) and it was never handed out by readSync/read.
import type { BackendValues } from './_tfjs.ts';

interface Owned {
  root: Float32Array;
  refs: number;
}

export interface PoolStats {
  /** alloc() calls served from the pool / by a new array. */
  hits: number;
  misses: number;
  /** Bytes held for reuse now, and the cap. */
  bytes: number;
  capBytes: number;
}

export class BufferPool {
  private readonly free = new Map<number, Float32Array[]>();
  // Every pooled array, least recently released first: evicted from the front when the cap is reached, so that
  // arrays of a shape no longer in use (a last partial batch, an evaluation batch) do not crowd out the rest.
  private readonly byAge = new Set<Float32Array>();
  // Keyed by ArrayBuffer so that views of an owned array count as references to it.
  private owned = new WeakMap<ArrayBufferLike, Owned>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  constructor(readonly capBytes: number) {}

  /** A Float32Array of `length` whose contents are undefined: the caller must write every element. */
  alloc(length: number): Float32Array {
    const array = this.free.get(length)?.pop();
    if (array) {
      this.byAge.delete(array);
      this.bytes -= array.byteLength;
      this.hits++;
    } else {
      this.misses++;
    }
    const out = array ?? new Float32Array(length);
    this.owned.set(out.buffer, { root: out, refs: 0 });
    return out;
  }

  /** A data entry now refers to `values`. */
  retain(values: BackendValues | undefined): void {
    const owned = ArrayBuffer.isView(values) ? this.owned.get(values.buffer) : undefined;
    if (owned) owned.refs++;
  }

  /** A data entry referring to `values` was deleted; the last one returns the array to the pool. */
  release(values: BackendValues | undefined): void {
    if (!ArrayBuffer.isView(values)) return;
    const owned = this.owned.get(values.buffer);
    if (!owned || --owned.refs > 0) return;
    this.owned.delete(values.buffer);
    const { root } = owned;
    if (root.byteLength > this.capBytes) return; // left to the GC
    for (const old of this.byAge) {
      if (this.bytes + root.byteLength <= this.capBytes) break;
      this.evict(old);
    }
    const list = this.free.get(root.length);
    if (list) list.push(root);
    else this.free.set(root.length, [root]);
    this.byAge.add(root);
    this.bytes += root.byteLength;
  }

  private evict(array: Float32Array): void {
    const list = this.free.get(array.length)!;
    list.splice(list.indexOf(array), 1);
    this.byAge.delete(array);
    this.bytes -= array.byteLength;
  }

  /** `values` escaped to user code (dataSync, data, bufferSync): its buffer is never reused. */
  expose(values: BackendValues | undefined): void {
    if (ArrayBuffer.isView(values)) this.owned.delete(values.buffer);
  }

  clear(): void {
    this.free.clear();
    this.byAge.clear();
    this.owned = new WeakMap();
    this.bytes = 0;
  }

  stats(): PoolStats {
    return { hits: this.hits, misses: this.misses, bytes: this.bytes, capBytes: this.capBytes };
  }
}
