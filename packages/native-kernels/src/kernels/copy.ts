// Data movement in C++ (native/copy.cc) on float32 tensors: Slice, Tile, Transpose, PadV2 and Reverse (negative
// strides from the far end) as strided box copies;
// Concat, Pack, SplitV and Unpack as rows of the whole joined from or split into the parts' rows. Other dtypes go
// stock, and so do contiguous slices (a view, no copy, in the stock kernel).
import { backend_util, slice_util, util } from '@tensorflow/tfjs-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { floats, output, size } from './_util.ts';
import type { NativeArgs, NativeKernel } from './_util.ts';

const MAX_RANK = 8;

/** Row-major element strides of `shape`. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  for (let k = shape.length - 1, s = 1; k >= 0; k--) {
    strides[k] = s;
    s *= shape[k]!;
  }
  return strides;
}

function offsetOf(index: readonly number[], strides: readonly number[]): number {
  return index.reduce((sum, i, k) => sum + i * strides[k]!, 0);
}

/** The box [begin, begin + extent) of x as a new tensor. */
function sliceOf(args: NativeArgs, x: TensorInfo, xv: Float32Array, begin: number[], extent: number[]): TensorInfo {
  const strides = stridesOf(x.shape);
  return output(args.backend, extent, (out) => {
    if (out.length === 0) return;
    args.backend.addon.copy(xv, offsetOf(begin, strides), strides, out, 0, stridesOf(extent), extent);
  });
}

function usable(x: TensorInfo | undefined, xv: Float32Array | undefined): xv is Float32Array {
  return xv !== undefined && x !== undefined && x.shape.length >= 1 && x.shape.length <= MAX_RANK;
}

export const slice: NativeKernel = (args) => {
  const x = args.inputs['x'];
  const xv = floats(args.backend, x);
  if (!usable(x, xv)) return null;
  const { begin, size: extent } = args.attrs as { begin: number | number[]; size: number | number[] };
  const [b, e] = slice_util.parseSliceParams(x as never, begin, extent) as [number[], number[]];
  // A contiguous slice is a view in the stock kernel: no copy at all (the pool counts views).
  if (size(e) === 0 || slice_util.isSliceContinous(x!.shape, b, e)) return null;
  slice_util.assertParamsValid(x as never, b, e);
  return sliceOf(args, x!, xv, b, e);
};

/** Splits x along `axis` into parts of `sizes` there (summing to x.shape[axis]), each of `shape(size)`. */
function split(
  args: NativeArgs,
  x: TensorInfo,
  xv: Float32Array,
  axis: number,
  sizes: number[],
  shape: (size: number) => number[],
): TensorInfo[] {
  const rows = size(x.shape.slice(0, axis)),
    inner = size(x.shape.slice(axis + 1));
  const parts = sizes.map((s) => ({ s, values: args.backend.alloc(rows * s * inner) }));
  args.backend.addon.rows(
    1,
    xv,
    parts.map((p) => p.values),
    sizes.map((s) => s * inner),
    rows,
  );
  return parts.map((p) => args.backend.makeTensorInfo(shape(p.s), 'float32', p.values));
}

export const splitV: NativeKernel = (args) => {
  const x = args.inputs['x'];
  const xv = floats(args.backend, x);
  if (!usable(x, xv)) return null;
  const { numOrSizeSplits, axis } = args.attrs as { numOrSizeSplits: number | number[]; axis: number };
  const $axis = util.parseAxisParam(axis, x!.shape)[0]!;
  const sizes = backend_util.prepareSplitSize(x as never, numOrSizeSplits, $axis);
  if (sizes.some((s) => s < 1)) return null;
  return split(args, x!, xv, $axis, sizes, (s) => x!.shape.map((d, k) => (k === $axis ? s : d)));
};

export const unpack: NativeKernel = (args) => {
  const x = args.inputs['value'];
  const xv = floats(args.backend, x);
  if (!usable(x, xv)) return null;
  const axis = util.parseAxisParam((args.attrs as { axis: number }).axis, x!.shape)[0]!;
  const outShape = x!.shape.filter((_, k) => k !== axis);
  return split(args, x!, xv, axis, new Array<number>(x!.shape[axis]!).fill(1), () => outShape);
};

type Part = { shape: number[]; values: Float32Array };

/** Joins the parts along `axis` into a tensor of `outShape`. */
function join(args: NativeArgs, parts: Part[], outShape: number[], axis: number): TensorInfo {
  const rows = size(outShape.slice(0, axis));
  const widths = parts.map((p) => size(p.shape.slice(axis)));
  return output(args.backend, outShape, (out) =>
    args.backend.addon.rows(
      0,
      out,
      parts.map((p) => p.values),
      widths,
      rows,
    ),
  );
}

function floatParts(args: NativeArgs): Part[] | null {
  const tensors = Object.values(args.inputs) as TensorInfo[];
  // Empty float32 parts add nothing; floats() refuses them, so they get an empty array here.
  const parts = tensors.map((t) => ({
    shape: t.shape,
    values: t.dtype === 'float32' && size(t.shape) === 0 ? new Float32Array(0) : floats(args.backend, t),
  }));
  if (parts.length === 0 || parts.some((p) => p.values === undefined || p.shape.length > MAX_RANK - 1)) return null;
  return parts as Part[];
}

export const concat: NativeKernel = (args) => {
  const parts = floatParts(args);
  if (!parts || parts[0]!.shape.length < 1) return null;
  const axis = util.parseAxisParam((args.attrs as { axis: number }).axis, parts[0]!.shape)[0]!;
  const shapes = parts.map((p) => p.shape);
  backend_util.assertParamsConsistent(shapes, axis);
  const outShape = backend_util.computeOutShape(shapes, axis);
  if (size(outShape) === 0) return null;
  return join(args, parts, outShape, axis);
};

export const pack: NativeKernel = (args) => {
  const parts = floatParts(args);
  if (!parts) return null;
  const shape = parts[0]!.shape;
  if (parts.some((p) => !util.arraysEqual(p.shape, shape)) || size(shape) === 0) return null;
  const axis = util.parseAxisParam((args.attrs as { axis: number }).axis, [...shape, 1])[0]!;
  const expanded = parts.map((p) => ({ values: p.values, shape: [...shape.slice(0, axis), 1, ...shape.slice(axis)] }));
  return join(args, expanded, [...shape.slice(0, axis), parts.length, ...shape.slice(axis)], axis);
};

export const tile: NativeKernel = ({ inputs, backend, attrs }) => {
  const x = inputs['x'];
  const xv = floats(backend, x);
  const reps = (attrs as { reps: number[] }).reps;
  if (!usable(x, xv) || reps.length !== x!.shape.length || reps.some((r) => !(r >= 1))) return null;
  const outShape = x!.shape.map((d, k) => d * reps[k]!);
  const xs = stridesOf(x!.shape),
    os = stridesOf(outShape);
  // Each dim k splits into (repeat r, position j): x ignores r (stride 0), out places it at r·d_k + j.
  const box = x!.shape.flatMap((d, k) => [reps[k]!, d]);
  const xStrides = xs.flatMap((s) => [0, s]);
  const outStrides = os.flatMap((s, k) => [s * x!.shape[k]!, s]);
  return output(backend, outShape, (out) => backend.addon.copy(xv, 0, xStrides, out, 0, outStrides, box));
};

export const transpose: NativeKernel = ({ inputs, backend, attrs }) => {
  const x = inputs['x'];
  const xv = floats(backend, x);
  const perm = (attrs as { perm: number[] }).perm;
  if (!usable(x, xv) || perm.length !== x!.shape.length) return null;
  const xs = stridesOf(x!.shape);
  const outShape = perm.map((p) => x!.shape[p]!);
  const xStrides = perm.map((p) => xs[p]!);
  return output(backend, outShape, (out) => backend.addon.copy(xv, 0, xStrides, out, 0, stridesOf(outShape), outShape));
};

export const reverse: NativeKernel = ({ inputs, backend, attrs }) => {
  const x = inputs['x'];
  const xv = floats(backend, x);
  if (!usable(x, xv)) return null;
  const dims = util.parseAxisParam((attrs as { dims: number | number[] }).dims, x!.shape);
  const xs = stridesOf(x!.shape);
  // Reversed dims start at their last element and step backwards.
  const xOffset = dims.reduce((sum, d) => sum + (x!.shape[d]! - 1) * xs[d]!, 0);
  const xStrides = xs.map((s, k) => (dims.includes(k) ? -s : s));
  return output(backend, x!.shape, (out) => backend.addon.copy(xv, xOffset, xStrides, out, 0, xs, x!.shape));
};

export const padV2: NativeKernel = ({ inputs, backend, attrs }) => {
  const x = inputs['x'];
  const xv = floats(backend, x);
  const { paddings, constantValue } = attrs as { paddings: [number, number][]; constantValue: number };
  if (!usable(x, xv) || paddings.length !== x!.shape.length || paddings.flat().some((p) => !(p >= 0))) return null;
  const outShape = x!.shape.map((d, k) => paddings[k]![0] + d + paddings[k]![1]);
  const os = stridesOf(outShape);
  return output(backend, outShape, (out) => {
    out.fill(constantValue);
    backend.addon.copy(
      xv,
      0,
      stridesOf(x!.shape),
      out,
      offsetOf(
        paddings.map((p) => p[0]),
        os,
      ),
      os,
      x!.shape,
    );
  });
};
