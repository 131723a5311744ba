// Sum, Mean and Max over a contiguous block of axes (dims of size 1 between reduced axes do not break the block),
// Softmax over the last axis, GatherV2 along axis 0, and UnsortedSegmentSum (the gradient of an embedding's gather).
import { backend_util, util } from '@tensorflow/tfjs-core';
import { floats, output, size } from './_util.ts';
import type { NativeKernel } from './_util.ts';

/** [outer, reduce, inner] when `axes` reduce one contiguous block of `shape`, else null. */
export function reduceBlock(shape: number[], axes: number[]): [number, number, number] | null {
  if (axes.length === 0) return null;
  const lo = Math.min(...axes),
    hi = Math.max(...axes);
  for (let d = lo; d <= hi; d++) {
    if (!axes.includes(d) && shape[d] !== 1) return null;
  }
  return [size(shape.slice(0, lo)), size(shape.slice(lo, hi + 1)), size(shape.slice(hi + 1))];
}

type Reduction = 'sum' | 'mean' | 'max';

function reduction(kind: Reduction): NativeKernel {
  return ({ inputs, backend, attrs }) => {
    const x = inputs['x'];
    const xv = floats(backend, x);
    if (!xv) return null;
    const a = attrs as { axis?: number | number[]; reductionIndices?: number | number[]; keepDims: boolean };
    const axes = util.parseAxisParam((kind === 'max' ? a.reductionIndices : a.axis)!, x!.shape);
    const block = reduceBlock(x!.shape, axes);
    if (!block) return null;
    const [outShape] = backend_util.computeOutAndReduceShapes(x!.shape, axes);
    const shape = a.keepDims ? backend_util.expandShapeToKeepDim(outShape, axes) : outShape;
    return output(backend, shape, (out) => {
      if (kind === 'max') backend.addon.max(xv, out, block);
      // tfjs' Mean divides every element by the reduced count (as float32), then sums.
      else backend.addon.sum(xv, out, block, kind === 'mean' ? Math.fround(block[1]) : 1);
    });
  };
}

export const sum = reduction('sum');
export const mean = reduction('mean');
export const max = reduction('max');

export const softmax: NativeKernel = ({ inputs, backend, attrs }) => {
  const logits = inputs['logits'];
  const xv = floats(backend, logits);
  if (!xv) return null;
  const rank = logits!.shape.length;
  const dim = (attrs as { dim: number }).dim;
  const cols = logits!.shape[rank - 1] ?? 0;
  if (rank === 0 || (dim !== -1 && dim !== rank - 1) || cols < 1) return null;
  return output(backend, logits!.shape, (out) => backend.addon.softmax(xv, out, [xv.length / cols, cols]));
};

export const gatherV2: NativeKernel = ({ inputs, backend, attrs }) => {
  const { x, indices } = inputs;
  const xv = floats(backend, x);
  const iv = indices && indices.dtype === 'int32' ? backend.data.get(indices.dataId).values : undefined;
  if (!xv || !(iv instanceof Int32Array) || x!.shape.length < 1) return null;
  const { axis, batchDims } = attrs as { axis: number; batchDims?: number };
  if (util.parseAxisParam(axis, x!.shape)[0] !== 0 || (batchDims ?? 0) !== 0) return null;
  const rows = x!.shape[0]!,
    rowSize = size(x!.shape.slice(1));
  if (rows < 1 || iv.length !== size(indices!.shape)) return null;
  return output(backend, [...indices!.shape, ...x!.shape.slice(1)], (out) =>
    backend.addon.gather(xv, iv, out, [rows, rowSize]),
  );
};

export const unsortedSegmentSum: NativeKernel = ({ inputs, backend, attrs }) => {
  const { x, segmentIds } = inputs;
  const xv = floats(backend, x);
  const ids = segmentIds && segmentIds.dtype === 'int32' ? backend.data.get(segmentIds.dataId).values : undefined;
  if (!xv || !(ids instanceof Int32Array) || ids.length !== size(segmentIds!.shape)) return null;
  // 1-D ids only (what gather's gradient passes): the stock kernel sums ids of higher rank over axis 0 alone.
  if (segmentIds!.shape.length !== 1 || x!.shape[0] !== ids.length) return null;
  const segments = (attrs as { numSegments: number }).numSegments;
  const rowShape = x!.shape.slice(1);
  if (!(segments >= 1)) return null;
  return output(backend, [segments, ...rowShape], (out) =>
    backend.addon.segmentSum(xv, ids, out, [ids.length, size(rowShape), segments]),
  );
};
