// Every kernel the native backend replaces, by tfjs kernel name. Each returns null for inputs it does not cover,
// and the stock cpu kernel runs instead.
import { conv2D, conv2DBackpropFilter, conv2DBackpropInput, fusedConv2D } from './conv.ts';
import { BINARY_OPS, UNARY_OPS, binaryKernel, unaryKernel } from './elementwise.ts';
import { batchMatMul, fusedMatMul } from './matmul.ts';
import { avgPool, avgPoolGrad, maxPool, maxPoolGrad } from './pool.ts';
import { gatherV2, softmax, sum } from './reduce.ts';
import type { NativeKernel } from './_util.ts';

export const NATIVE_KERNELS: Readonly<Record<string, NativeKernel>> = {
  Conv2D: conv2D,
  FusedConv2D: fusedConv2D,
  Conv2DBackpropInput: conv2DBackpropInput,
  Conv2DBackpropFilter: conv2DBackpropFilter,
  BatchMatMul: batchMatMul,
  _FusedMatMul: fusedMatMul,
  MaxPool: maxPool,
  MaxPoolGrad: maxPoolGrad,
  AvgPool: avgPool,
  AvgPoolGrad: avgPoolGrad,
  Sum: sum,
  Softmax: softmax,
  GatherV2: gatherV2,
  ...Object.fromEntries(Object.entries(UNARY_OPS).map(([name, op]) => [name, unaryKernel(op)])),
  ...Object.fromEntries(Object.entries(BINARY_OPS).map(([name, op]) => [name, binaryKernel(op)])),
};

export type { NativeKernel, NativeArgs } from './_util.ts';
