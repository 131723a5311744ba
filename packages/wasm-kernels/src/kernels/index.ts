// The one table of kernels this package registers on the tfjs 'wasm' backend: registerWasmTrainingKernels
// iterates it and KERNEL_COVERAGE is read from it, so the coverage reported is the coverage registered.
import * as tf from '@tensorflow/tfjs-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { KernelArgs } from './_call.ts';
import { batchMatMulFast } from './BatchMatMul.ts';
import { conv2DBackpropFilter } from './Conv2DBackpropFilter.ts';
import { conv2DBackpropInputFast } from './Conv2DBackpropInput.ts';
import { depthwiseConv2dNativeBackpropFilter } from './DepthwiseConv2dNativeBackpropFilter.ts';
import { depthwiseConv2dNativeBackpropInput } from './DepthwiseConv2dNativeBackpropInput.ts';
import { maxPoolGrad } from './MaxPoolGrad.ts';
import { RECURRENT_KERNELS } from './recurrent.ts';
import { sumLeadingAxes } from './Sum.ts';
import { unsortedSegmentSum } from './UnsortedSegmentSum.ts';

/** registerWasmTrainingKernels options, each switching one speed-up over a correct stock kernel (default on). */
export type SpeedOption = 'fastBackpropInput' | 'fastMatMul' | 'fastSum';

export interface WasmKernel {
  kernel: string;
  run: (args: KernelArgs) => TensorInfo | TensorInfo[];
  /** Why tfjs's stock wasm kernel is added or replaced, and which calls still go elsewhere. */
  note: string;
  /** Only for speed-ups: the option that restores the stock kernel when false. */
  option?: SpeedOption;
}

export const WASM_KERNELS: readonly WasmKernel[] = [
  {
    kernel: tf.Conv2DBackpropFilter,
    run: conv2DBackpropFilter,
    note: 'missing on stock wasm: an XNNPACK Conv2D (im2col + matmul for few channels); NCHW, non-float32 → cpu',
  },
  {
    kernel: tf.MaxPoolGrad,
    run: maxPoolGrad,
    note: 'stock is wrong (a window with no positive value): a JS loop on heap views; non-float32 → cpu',
  },
  {
    kernel: tf.UnsortedSegmentSum,
    run: unsortedSegmentSum,
    note: 'missing on stock wasm (embedding gradients): the stock ScatterNd; other dtypes, ids out of range → cpu',
  },
  {
    kernel: tf.DepthwiseConv2dNativeBackpropFilter,
    run: depthwiseConv2dNativeBackpropFilter,
    note: 'missing on stock wasm: a JS loop on heap views, any multiplier/stride/padding/dilation; non-float32 → cpu',
  },
  {
    kernel: tf.DepthwiseConv2dNativeBackpropInput,
    run: depthwiseConv2dNativeBackpropInput,
    note: 'missing on stock wasm: a JS loop on heap views, any multiplier/stride/padding/dilation; non-float32 → cpu',
  },
  {
    kernel: tf.Conv2DBackpropInput,
    run: conv2DBackpropInputFast,
    option: 'fastBackpropInput',
    note: 'faster (stock is a naive C++ loop): an XNNPACK Conv2D; NCHW, non-float32, padding ≥ filter → stock',
  },
  {
    kernel: tf.BatchMatMul,
    run: batchMatMulFast,
    option: 'fastMatMul',
    note: 'faster with transpose flags: Transpose + XNNPACK matmul; no flags, batch > 1, non-float32 → stock',
  },
  {
    kernel: tf.Sum,
    run: sumLeadingAxes,
    option: 'fastSum',
    note: 'faster over every axis but the last (bias gradients): one pass on heap views; other reductions → stock',
  },
  ...RECURRENT_KERNELS,
];

/** What this package registers for 'wasm', one entry per tfjs kernel name (`pnpm run bench --coverage` reads it). */
export const KERNEL_COVERAGE: readonly { kernel: string; note: string }[] = WASM_KERNELS.map(({ kernel, note }) => ({
  kernel,
  note,
}));
