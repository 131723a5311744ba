// Every kernel the native backend replaces: the list register.ts iterates and KERNEL_COVERAGE is read from (with
// the fused optimizer updates, recurrent layers and conv gradient, which replace no tfjs kernel), so the coverage reported is the
// coverage registered.
// Each kernel returns null for inputs it does not cover, and the stock cpu kernel runs instead; `note` says how it
// runs and which calls go stock.
import {
  conv2D,
  conv2DBackpropFilter,
  conv2DBackpropInput,
  depthwiseConv2D,
  depthwiseConv2DBackpropFilter,
  depthwiseConv2DBackpropInput,
  fusedConv2D,
} from './conv.ts';
import { concat, pack, padV2, reverse, slice, splitV, tile, transpose, unpack } from './copy.ts';
import {
  BINARY_OPS,
  COMPARE_OPS,
  UNARY_OPS,
  binaryKernel,
  cast,
  compareKernel,
  fill,
  onesLike,
  select,
  unaryKernel,
  zerosLike,
} from './elementwise.ts';
import { argMax, oneHot } from './labels.ts';
import { FUSED_UPDATE_COVERAGE } from './optimizers.ts';
import { RECURRENT_COVERAGE } from './recurrent.ts';
import { CONV_GRAD_COVERAGE } from './relu-bias-grad.ts';
import { batchMatMul, fusedMatMul } from './matmul.ts';
import { avgPool, avgPoolGrad, maxPool, maxPoolGrad } from './pool.ts';
import { fusedBatchNorm } from './norm.ts';
import { resizeNearestNeighbor, resizeNearestNeighborGrad } from './resize.ts';
import { gatherV2, max, mean, softmax, sum, unsortedSegmentSum } from './reduce.ts';
import type { NativeKernel } from './_util.ts';

interface NativeKernelEntry {
  kernel: string;
  run: NativeKernel;
  note: string;
}

const COPY = 'strided copy in C++, float32; other dtypes → stock';
const ROWS = "rows of the whole joined from (split into) the parts' rows in C++, float32; other dtypes → stock";

const NATIVE_KERNEL_LIST: readonly NativeKernelEntry[] = [
  {
    kernel: 'Conv2D',
    run: conv2D,
    note: 'oneDNN convolution (conv1d too), NHWC float32; NCHW, padding ≥ filter → stock',
  },
  {
    kernel: 'FusedConv2D',
    run: fusedConv2D,
    note: 'oneDNN convolution + bias [C] + relu; NCHW, prelu/elu, padding ≥ filter → stock',
  },
  {
    kernel: 'Conv2DBackpropInput',
    run: conv2DBackpropInput,
    note: 'oneDNN backward data (conv2dTranspose too); NCHW, padding ≥ filter → stock',
  },
  {
    kernel: 'Conv2DBackpropFilter',
    run: conv2DBackpropFilter,
    note: 'oneDNN backward weights; NCHW, padding ≥ filter → stock',
  },
  {
    kernel: 'DepthwiseConv2dNative',
    run: depthwiseConv2D,
    note: 'oneDNN grouped convolution (a group per channel), any multiplier; NCHW → stock',
  },
  {
    kernel: 'DepthwiseConv2dNativeBackpropInput',
    run: depthwiseConv2DBackpropInput,
    note: 'oneDNN grouped backward data; NCHW, dilation → stock',
  },
  {
    kernel: 'DepthwiseConv2dNativeBackpropFilter',
    run: depthwiseConv2DBackpropFilter,
    note: 'oneDNN grouped backward weights; NCHW, dilation → stock',
  },
  {
    kernel: 'BatchMatMul',
    run: batchMatMul,
    note: 'oneDNN matmul, transposes as strides; general batch broadcasting → stock',
  },
  {
    kernel: '_FusedMatMul',
    run: fusedMatMul,
    note: 'oneDNN matmul; bias [N] and relu fused; prelu/elu/other biases → stock',
  },
  { kernel: 'MaxPool', run: maxPool, note: 'C++ loop, NHWC float32, any window/stride/padding; 1×1 identity → stock' },
  {
    kernel: 'MaxPoolGrad',
    run: maxPoolGrad,
    note: 'C++ loop (first maximum wins), any window/stride/padding; 1×1 identity → stock',
  },
  {
    kernel: 'AvgPool',
    run: avgPool,
    note: 'C++ loop (in-bounds count), any window/stride/padding; 1×1 identity → stock',
  },
  {
    kernel: 'AvgPoolGrad',
    run: avgPoolGrad,
    note: 'C++ loop (1/window area, as tfjs), any window/stride/padding; 1×1 identity → stock',
  },
  { kernel: 'Sum', run: sum, note: 'C++ loop in double over one contiguous block of axes; other axis sets → stock' },
  { kernel: 'Mean', run: mean, note: 'C++ loop in double over one contiguous block of axes; other axis sets → stock' },
  { kernel: 'Max', run: max, note: 'C++ loop over one contiguous block of axes (NaN wins); other axis sets → stock' },
  { kernel: 'Softmax', run: softmax, note: 'C++ loop over the last axis; other axes → stock' },
  { kernel: 'GatherV2', run: gatherV2, note: 'C++ row copy along axis 0 (embeddings); other axes, batchDims → stock' },
  {
    kernel: 'UnsortedSegmentSum',
    run: unsortedSegmentSum,
    note: 'C++ loop in double (embedding gradients), 1-D ids; other ranks → stock',
  },
  {
    kernel: 'FusedBatchNorm',
    run: fusedBatchNorm,
    note: 'C++ loop in double (batch and layer normalization), any parameter length; other dtypes → stock',
  },
  {
    kernel: 'Slice',
    run: slice,
    note: 'strided copy in C++, float32; contiguous slices (a view, no copy), other dtypes → stock',
  },
  { kernel: 'SplitV', run: splitV, note: ROWS },
  { kernel: 'Unpack', run: unpack, note: ROWS },
  { kernel: 'Concat', run: concat, note: ROWS },
  { kernel: 'Pack', run: pack, note: ROWS },
  { kernel: 'Tile', run: tile, note: COPY },
  { kernel: 'Transpose', run: transpose, note: COPY },
  { kernel: 'PadV2', run: padV2, note: COPY },
  { kernel: 'Reverse', run: reverse, note: 'strided copy in C++ (negative strides), float32; other dtypes → stock' },
  { kernel: 'ResizeNearestNeighbor', run: resizeNearestNeighbor, note: 'C++ row copy, NHWC float32' },
  {
    kernel: 'ResizeNearestNeighborGrad',
    run: resizeNearestNeighborGrad,
    note: 'C++ scatter in double, enlarging only; shrinking → stock',
  },
  { kernel: 'Select', run: select, note: 'C++ loop, a condition of the same size; broadcast conditions → stock' },
  {
    kernel: 'Cast',
    run: cast,
    note: 'int32/bool → float32 into a real Float32Array, float32 → int32, same dtype a view; other casts → stock',
  },
  { kernel: 'ZerosLike', run: zerosLike, note: 'a pooled buffer filled, float32; other dtypes → stock' },
  { kernel: 'OnesLike', run: onesLike, note: 'a pooled buffer filled, float32; other dtypes → stock' },
  { kernel: 'Fill', run: fill, note: 'a pooled buffer filled, float32; other dtypes → stock' },
  {
    kernel: 'ArgMax',
    run: argMax,
    note: 'C++ loop (first maximum wins) along one axis, float32 → int32; other dtypes → stock',
  },
  {
    kernel: 'OneHot',
    run: oneHot,
    note: 'C++ loop, int32 indices into float32, or int32 with integer on/off values; other dtypes → stock',
  },
  ...Object.entries(UNARY_OPS).map(([kernel, op]) => ({
    kernel,
    run: unaryKernel(op),
    note: 'C++ loop, float32; other dtypes → stock',
  })),
  ...(Object.keys(BINARY_OPS) as (keyof typeof BINARY_OPS)[]).map((kernel) => ({
    kernel,
    run: binaryKernel(kernel),
    note: 'C++ loop, float32, any broadcast up to rank 8; other dtypes → stock',
  })),
  ...Object.entries(COMPARE_OPS).map(([kernel, op]) => ({
    kernel,
    run: compareKernel(op),
    note: 'C++ loop into a bool tensor, float32 (logical ops: bool), any broadcast up to rank 8',
  })),
];

export const NATIVE_KERNELS: Readonly<Record<string, NativeKernel>> = Object.fromEntries(
  NATIVE_KERNEL_LIST.map(({ kernel, run }) => [kernel, run]),
);

/**
 * Every tfjs kernel the native backend replaces, with how and which calls go stock (same shape as wasm-kernels'),
 * then the fused optimizer updates, recurrent layers and conv gradient it adds.
 */
export const KERNEL_COVERAGE: readonly { kernel: string; note: string }[] = [
  ...NATIVE_KERNEL_LIST.map(({ kernel, note }) => ({ kernel, note })),
  ...FUSED_UPDATE_COVERAGE,
  ...RECURRENT_COVERAGE,
  ...CONV_GRAD_COVERAGE,
];

/**
 * Stock cpu kernels the native backend keeps because they touch no data: each returns its input's buffer under a new
 * shape (views.test.ts checks that on native), so there is no JavaScript loop to replace.
 */
export const VIEW_KERNELS: readonly string[] = ['Reshape', 'Identity', 'ExpandDims'];

export { FUSED_UPDATES } from './optimizers.ts';
export type { FusedUpdate } from './optimizers.ts';
export { RECURRENT_KERNELS } from './recurrent.ts';
export type { RecurrentKernel } from './recurrent.ts';
export { CONV_GRAD_KERNELS } from './relu-bias-grad.ts';
export type { NativeKernel, NativeArgs } from './_util.ts';
