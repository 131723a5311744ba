// The `native` backend: tfjs' own cpu backend (same data layout, same stock kernels) whose data storage recycles
// the output buffers of native kernels. Registered under its own name so the stock `cpu` backend stays untouched
// beside it (parity tests and benchmarks run both in one process).
import * as tf from '@tensorflow/tfjs-core';
import { DataStorage } from '@tensorflow/tfjs-core';
import type { DataMover, KernelBackend } from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { BackendValues, TensorData } from './_tfjs.ts';
import type { NativeAddon } from './addon.ts';
import type { BufferPool } from './pool.ts';

type DataId = object;

/** Counts data entries per pooled buffer: set() adds a reference, delete() drops one. */
export class RecyclingStorage extends DataStorage<TensorData> {
  constructor(
    backend: KernelBackend,
    dataMover: DataMover,
    private readonly pool: BufferPool,
  ) {
    super(backend, dataMover);
  }

  override set(dataId: DataId, value: TensorData): void {
    if (this.has(dataId)) this.pool.release(this.get(dataId).values); // move() re-sets an entry
    super.set(dataId, value);
    this.pool.retain(value.values);
  }

  override delete(dataId: DataId): boolean {
    const values = this.has(dataId) ? this.get(dataId).values : undefined;
    const deleted = super.delete(dataId);
    this.pool.release(values);
    return deleted;
  }
}

export class NativeBackend extends MathBackendCPU {
  constructor(
    readonly addon: NativeAddon,
    readonly pool: BufferPool,
  ) {
    super();
    this.data = new RecyclingStorage(this, tf.engine(), pool);
    // The cpu backend advertises tfjs-node on first use; this backend is the alternative to it.
    (this as unknown as { firstUse: boolean }).firstUse = false;
  }

  /** A Float32Array for a kernel output; every element must be written. */
  alloc(length: number): Float32Array {
    return this.pool.alloc(length);
  }

  /** Values handed to user code are theirs to keep: their buffer leaves the pool's reach. */
  override readSync(dataId: DataId): BackendValues {
    this.pool.expose(this.data.get(dataId).values);
    return super.readSync(dataId);
  }

  override dispose(): void {
    this.pool.clear();
    super.dispose();
  }
}
