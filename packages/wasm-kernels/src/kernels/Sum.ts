// Optional speed-up for bias gradients: Sum of an NHWC tensor over every axis but the last (a [rows, C] column
// sum). The stock wasm Sum first transposes the reduced axes to the end, then sums; on the seed CNN's conv
// bias gradients that is ~7% of a training step. A JS loop on zero-copy heap views reads the data once.
// Any other reduction goes to the stock kernel.
import * as tf from '@tensorflow/tfjs-core';
import type { SumAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import { callConfig, captureStock } from './_call.ts';
import type { BackendWasm, KernelArgs } from './_call.ts';

export function sumLeadingAxes(args: KernelArgs): TensorInfo {
  const backend = args.backend as BackendWasm;
  const stock = captureStock(tf.Sum);
  if (stock === undefined) throw new Error('wasm-kernels: stock wasm Sum is not registered');
  const { x } = args.inputs as { x: TensorInfo };
  const { axis, keepDims } = args.attrs as unknown as SumAttrs;
  const rank = x.shape.length;
  const axes = tf.util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
  const leading = rank >= 2 && axes.length === rank - 1 && axes.every((a, i) => a === i);
  if (!leading || x.dtype !== 'float32') return callConfig(stock, backend, args.inputs, args.attrs) as TensorInfo;

  const columns = x.shape[rank - 1]!;
  const rows = tf.util.sizeFromShape(x.shape) / columns;
  const out = backend.makeOutput(keepDims ? [...x.shape.slice(0, -1).map(() => 1), columns] : [columns], 'float32');
  // Views only after makeOutput: its malloc may grow the heap and detach views taken earlier.
  const values = backend.typedArrayFromHeap(x);
  const sums = new Float64Array(columns);
  for (let r = 0, offset = 0; r < rows; r++, offset += columns) {
    for (let c = 0; c < columns; c++) sums[c]! += values[offset + c]!;
  }
  backend.typedArrayFromHeap(out).set(sums);
  return out;
}
