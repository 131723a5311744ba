// Optional speed-up. The stock wasm BatchMatMul uses XNNPACK only when neither transpose flag is set and
// both batch dims are 1; otherwise it runs a scalar blocked loop, ~10× slower (dense backprop uses both
// flags: (64×2304)ᵀ·(64×64) 7.2 → 1.0 ms, (64×512)·(512×512)ᵀ 12.8 → 2.9 ms). So transpose the flagged
// operand with the wasm Transpose kernel and run the stock kernel with both flags false. With a batch dim
// > 1 the stock kernel takes its scalar loop whatever the flags (transposing measured no faster), so
// those calls go to it unchanged.
import * as tf from '@tensorflow/tfjs-core';
import type { BatchMatMulAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import { call, callConfig, captureStock, free } from './_call.ts';
import type { BackendWasm, KernelArgs } from './_call.ts';

function swapLast2(backend: BackendWasm, t: TensorInfo): TensorInfo {
  const r = t.shape.length;
  const perm = [...Array(r).keys()];
  perm[r - 2] = r - 1;
  perm[r - 1] = r - 2;
  return call(tf.Transpose, backend, { x: t }, { perm });
}

export function batchMatMulFast(args: KernelArgs): TensorInfo {
  const backend = args.backend as BackendWasm;
  const stock = captureStock(tf.BatchMatMul);
  if (stock === undefined) throw new Error('wasm-kernels: stock wasm BatchMatMul is not registered');
  const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
  const { transposeA, transposeB } = args.attrs as unknown as BatchMatMulAttrs;
  const batched = tf.util.sizeFromShape(a.shape.slice(0, -2)) > 1 || tf.util.sizeFromShape(b.shape.slice(0, -2)) > 1;
  if ((!transposeA && !transposeB) || batched || a.dtype !== 'float32' || b.dtype !== 'float32') {
    return callConfig(stock, backend, args.inputs, args.attrs) as TensorInfo;
  }
  const a2 = transposeA ? swapLast2(backend, a) : a;
  const b2 = transposeB ? swapLast2(backend, b) : b;
  try {
    return callConfig(stock, backend, { a: a2, b: b2 }, { transposeA: false, transposeB: false }) as TensorInfo;
  } finally {
    // b2 is the matmul "weights": disposing it also frees the XNNPACK operator cached on its id.
    if (a2 !== a) free(backend, a2);
    if (b2 !== b) free(backend, b2);
  }
}
