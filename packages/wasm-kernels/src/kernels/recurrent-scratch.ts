// The wasm tensors one fused recurrent kernel call allocates (its outputs and temporaries), the matmuls and
// transposes it runs on them, and views of their heap memory. Everything allocated is freed by `release` but the
// outputs handed back, also when the call throws halfway.
import * as tf from '@tensorflow/tfjs-core';
import type { DataId, TensorInfo } from '@tensorflow/tfjs-core';
import { call } from './_call.ts';
import type { BackendWasm } from './_call.ts';

export class Scratch {
  /** By dataId: a 2-D view of a tensor (reshaped) is the same tensor. */
  private readonly owned = new Map<DataId, TensorInfo>();

  constructor(readonly backend: BackendWasm) {}

  /** A new float32 tensor, its values whatever malloc left there: for one the caller writes in full. */
  empty(shape: number[]): TensorInfo {
    return this.own(this.backend.makeOutput(shape, 'float32'));
  }

  /** A new float32 tensor of zeros (malloc'd memory is not zeroed). */
  zeros(shape: number[]): TensorInfo {
    const t = this.empty(shape);
    this.view(t).fill(0);
    return t;
  }

  /**
   * a·b, a [M, K] and b [K, N], as the stock wasm BatchMatMul runs it without transpose flags: XNNPACK, with b's
   * packed weights cached on b's id, so a b used every step is packed once.
   */
  matMul(a: TensorInfo, b: TensorInfo): TensorInfo {
    return this.own(call(tf.BatchMatMul, this.backend, { a, b }, { transposeA: false, transposeB: false }));
  }

  /**
   * 2-D tensors of the same row count side by side, transposed: [a | b | …]ᵀ, null standing for a column of ones.
   * So that matMul never needs a transpose flag, and one matmul can serve several products. A JS loop on heap views:
   * the stock wasm Transpose took 2-8× as long on [2048, 64] and [2048, 32] (B·T × U, B·T × I).
   */
  transposeJoined(parts: (TensorInfo | null)[]): TensorInfo {
    const rows = parts.find((p) => p !== null)!.shape[0]!;
    const widths = parts.map((p) => (p === null ? 1 : p.shape[1]!));
    const out = this.empty([widths.reduce((sum, w) => sum + w, 0), rows]);
    const dst = this.view(out);
    let o = 0;
    parts.forEach((part, i) => {
      const columns = widths[i]!;
      if (part === null) dst.fill(1, o, o + rows);
      else {
        const src = this.view(part);
        // Column by column: contiguous writes ran 3-6× faster than contiguous reads on [2048, 64].
        for (let c = 0; c < columns; c++) {
          for (let r = 0, at = o + c * rows; r < rows; r++, at++) dst[at] = src[r * columns + c]!;
        }
      }
      o += columns * rows;
    });
    return out;
  }

  transpose(t: TensorInfo): TensorInfo {
    return this.transposeJoined([t]);
  }

  /** Columns [from, from + n) of a 2-D tensor, as a new [rows, n] tensor. */
  columns(t: TensorInfo, from: number, n: number): TensorInfo {
    const [rows, width] = t.shape as [number, number];
    const out = this.empty([rows, n]);
    const src = this.view(t);
    const dst = this.view(out);
    for (let r = 0; r < rows; r++) dst.set(src.subarray(r * width + from, r * width + from + n), r * n);
    return out;
  }

  /** The tensor's float32 memory. Take views again after any allocation: a growing heap detaches them. */
  view(t: TensorInfo): Float32Array {
    return this.backend.typedArrayFromHeap(t) as Float32Array;
  }

  free(t: TensorInfo): void {
    this.owned.delete(t.dataId);
    this.backend.disposeData(t.dataId);
  }

  /** Frees everything allocated but `outputs`, which the caller now owns. */
  release(outputs: TensorInfo[] = []): void {
    for (const t of outputs) this.owned.delete(t.dataId);
    for (const dataId of this.owned.keys()) this.backend.disposeData(dataId);
    this.owned.clear();
  }

  private own(t: TensorInfo): TensorInfo {
    this.owned.set(t.dataId, t);
    return t;
  }
}

/** The same memory under another shape (the kernels above read only the TensorInfo's shape; no data is copied). */
export function reshaped(t: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: t.dataId, shape, dtype: t.dtype };
}
