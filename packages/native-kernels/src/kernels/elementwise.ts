// Unary and broadcasting binary float32 kernels. The op codes match native/elementwise.cc's enums.
import { backend_util } from '@tensorflow/tfjs-core';
import { floats, output } from './_util.ts';
import type { NativeKernel } from './_util.ts';

export const UNARY_OPS = {
  Relu: 0, Step: 1, Sqrt: 2, Square: 3, Neg: 4, Exp: 5, Log: 6, Abs: 7, Sigmoid: 8, Tanh: 9, Rsqrt: 10,
  Reciprocal: 11, Relu6: 12, ClipByValue: 13,
} as const;

export const BINARY_OPS = { Add: 0, Sub: 1, Multiply: 2, RealDiv: 3, Maximum: 4, Minimum: 5 } as const;

const MAX_RANK = 8;

export function unaryKernel(op: number): NativeKernel {
  return ({ inputs, backend, attrs }) => {
    const x = floats(backend, inputs['x']);
    if (!x) return null;
    // Step's alpha; ClipByValue's bounds.
    const a = (attrs ?? {}) as { alpha?: number; clipValueMin?: number; clipValueMax?: number };
    const [lo, hi] = op === UNARY_OPS.ClipByValue ? [Number(a.clipValueMin), Number(a.clipValueMax)] : [Number(a.alpha ?? 0), 0];
    return output(backend, inputs['x']!.shape, (out) => backend.addon.unary(op, x, out, lo, hi));
  };
}

export function binaryKernel(op: number): NativeKernel {
  return ({ inputs, backend }) => {
    const { a, b } = inputs;
    const av = floats(backend, a), bv = floats(backend, b);
    if (!av || !bv) return null;
    let shape: number[];
    try {
      shape = backend_util.assertAndGetBroadcastShape(a!.shape, b!.shape);
    } catch {
      return null; // the stock kernel reports the mismatch
    }
    if (shape.length > MAX_RANK) return null;
    return output(backend, shape, (out) => backend.addon.binary(op, av, a!.shape, bv, b!.shape, out, shape));
  };
}
