// Every kernel the native backend replaces, by tfjs kernel name. Each returns null for inputs it does not cover,
// and the stock cpu kernel runs instead.
import {
  conv2D, conv2DBackpropFilter, conv2DBackpropInput, depthwiseConv2D, depthwiseConv2DBackpropFilter,
  depthwiseConv2DBackpropInput, fusedConv2D,
} from './conv.ts';
import { concat, pack, padV2, slice, splitV, tile, transpose, unpack } from './copy.ts';
import {
  BINARY_OPS, COMPARE_OPS, UNARY_OPS, binaryKernel, cast, compareKernel, onesLike, select, unaryKernel, zerosLike,
} from './elementwise.ts';
import { batchMatMul, fusedMatMul } from './matmul.ts';
import { avgPool, avgPoolGrad, maxPool, maxPoolGrad } from './pool.ts';
import { fusedBatchNorm } from './norm.ts';
import { resizeNearestNeighbor, resizeNearestNeighborGrad } from './resize.ts';
import { gatherV2, max, mean, softmax, sum, unsortedSegmentSum } from './reduce.ts';
import type { NativeKernel } from './_util.ts';

export const NATIVE_KERNELS: Readonly<Record<string, NativeKernel>> = {
  Conv2D: conv2D,
  FusedConv2D: fusedConv2D,
  Conv2DBackpropInput: conv2DBackpropInput,
  Conv2DBackpropFilter: conv2DBackpropFilter,
  DepthwiseConv2dNative: depthwiseConv2D,
  DepthwiseConv2dNativeBackpropInput: depthwiseConv2DBackpropInput,
  DepthwiseConv2dNativeBackpropFilter: depthwiseConv2DBackpropFilter,
  BatchMatMul: batchMatMul,
  _FusedMatMul: fusedMatMul,
  MaxPool: maxPool,
  MaxPoolGrad: maxPoolGrad,
  AvgPool: avgPool,
  AvgPoolGrad: avgPoolGrad,
  Sum: sum,
  Mean: mean,
  Max: max,
  Softmax: softmax,
  GatherV2: gatherV2,
  UnsortedSegmentSum: unsortedSegmentSum,
  FusedBatchNorm: fusedBatchNorm,
  Slice: slice,
  SplitV: splitV,
  Unpack: unpack,
  Concat: concat,
  Pack: pack,
  Tile: tile,
  Transpose: transpose,
  PadV2: padV2,
  ResizeNearestNeighbor: resizeNearestNeighbor,
  ResizeNearestNeighborGrad: resizeNearestNeighborGrad,
  Select: select,
  Cast: cast,
  ZerosLike: zerosLike,
  OnesLike: onesLike,
  ...Object.fromEntries(Object.entries(UNARY_OPS).map(([name, op]) => [name, unaryKernel(op)])),
  ...Object.fromEntries(Object.entries(BINARY_OPS).map(([name, op]) => [name, binaryKernel(op)])),
  ...Object.fromEntries(Object.entries(COMPARE_OPS).map(([name, op]) => [name, compareKernel(op)])),
};

export type { NativeKernel, NativeArgs } from './_util.ts';
