// What every native kernel needs: float32 inputs as Float32Arrays (or a reason to use the stock kernel), and
// outputs in pooled buffers.
import { util } from '@tensorflow/tfjs-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { NativeBackend } from '../backend.ts';
import type { KernelArgs } from '../_tfjs.ts';

export type NativeArgs = KernelArgs<NativeBackend>;

/** A native kernel: its output(s), or null when the stock kernel must handle these inputs/attributes. */
export type NativeKernel = (args: NativeArgs) => TensorInfo | TensorInfo[] | null;

/**
 * The values of a float32 tensor, or undefined when the stock kernel must run: not float32, or float32 in name
 * only (Cast int32→float32 and bool→float32 keep the Int32Array/Uint8Array under the new dtype), or empty.
 */
export function floats(backend: NativeBackend, t: TensorInfo | undefined): Float32Array | undefined {
  if (t === undefined || t.dtype !== 'float32') return undefined;
  const values = backend.data.get(t.dataId).values;
  return values instanceof Float32Array && values.length > 0 && values.length === util.sizeFromShape(t.shape)
    ? values
    : undefined;
}

/** Runs `fill` on a fresh output buffer of `shape` and wraps it as a float32 tensor. */
export function output(backend: NativeBackend, shape: number[], fill: (out: Float32Array) => void): TensorInfo {
  const out = backend.alloc(util.sizeFromShape(shape));
  fill(out);
  return backend.makeTensorInfo(shape, 'float32', out);
}

export const size = util.sizeFromShape;
