// UnsortedSegmentSum (the gradient of Gather, so of embedding layers) is not registered on stock wasm.
// The stock wasm ScatterNd sums duplicate indices, which is exactly a segment sum: ids → [n,1] indices,
// x → [n, ...rest] updates. The cpu kernel issues five kernels per segment (O(numSegments)), so it is only
// the fallback: for dtypes ScatterNd does not take, and for ids outside [0, numSegments) (cpu drops them;
// ScatterNd does no bounds check).
import * as tf from '@tensorflow/tfjs-core';
import type { TensorInfo, UnsortedSegmentSumAttrs } from '@tensorflow/tfjs-core';
import { call, cpuDelegate, free } from './_call.ts';
import type { BackendWasm, KernelArgs } from './_call.ts';

export function unsortedSegmentSum(args: KernelArgs): TensorInfo {
  const backend = args.backend as BackendWasm;
  const { x, segmentIds } = args.inputs as { x: TensorInfo; segmentIds: TensorInfo };
  const { numSegments } = args.attrs as unknown as UnsortedSegmentSumAttrs;
  const n = tf.util.sizeFromShape(segmentIds.shape);
  const rest = x.shape.slice(segmentIds.shape.length);
  if ((x.dtype !== 'float32' && x.dtype !== 'int32') || segmentIds.dtype !== 'int32' || n === 0) {
    return cpuDelegate(tf.UnsortedSegmentSum, args);
  }
  const ids = backend.typedArrayFromHeap(segmentIds);
  for (let k = 0; k < n; k++) {
    const id = ids[k]!;
    if (id < 0 || id >= numSegments) return cpuDelegate(tf.UnsortedSegmentSum, args);
  }
  const idx = call(tf.Reshape, backend, { x: segmentIds }, { shape: [n, 1] });
  const upd = call(tf.Reshape, backend, { x }, { shape: [n, ...rest] });
  const out = call(tf.ScatterNd, backend, { indices: idx, updates: upd }, { shape: [numSegments, ...rest] });
  free(backend, idx, upd);
  return out;
}
