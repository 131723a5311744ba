// Unary and broadcasting binary float32 kernels (activations and their gradients among them), comparisons and
// logical ops into bool tensors, Select, Fill, and the Cast/ZerosLike/OnesLike that keep gradients of masks on real
// Float32Arrays. The op codes match
// native/elementwise.cc's enums.
import { backend_util } from '@tensorflow/tfjs-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { NativeBackend } from '../backend.ts';
import { floats, output, size } from './_util.ts';
import type { NativeKernel } from './_util.ts';

export const UNARY_OPS = {
  Relu: 0,
  Step: 1,
  Sqrt: 2,
  Square: 3,
  Neg: 4,
  Exp: 5,
  Log: 6,
  Abs: 7,
  Sigmoid: 8,
  Tanh: 9,
  Rsqrt: 10,
  Reciprocal: 11,
  Relu6: 12,
  ClipByValue: 13,
  Elu: 14,
  LeakyRelu: 15,
  Floor: 16,
} as const;

/** Prelu's inputs are { x, alpha } and EluGrad's { dy, y }: the C++ op takes them as (a, b) in that order. */
export const BINARY_OPS = {
  Add: 0,
  Sub: 1,
  Multiply: 2,
  RealDiv: 3,
  Maximum: 4,
  Minimum: 5,
  Prelu: 6,
  EluGrad: 7,
} as const;

const BINARY_INPUTS: Record<string, [string, string]> = { Prelu: ['x', 'alpha'], EluGrad: ['dy', 'y'] };

export const COMPARE_OPS = {
  Equal: 0,
  NotEqual: 1,
  Greater: 2,
  GreaterEqual: 3,
  Less: 4,
  LessEqual: 5,
  LogicalAnd: 6,
  LogicalOr: 7,
} as const;

const MAX_RANK = 8;

export function unaryKernel(op: number): NativeKernel {
  return ({ inputs, backend, attrs }) => {
    const x = floats(backend, inputs['x']);
    if (!x) return null;
    // Step's and LeakyRelu's alpha; ClipByValue's bounds.
    const a = (attrs ?? {}) as { alpha?: number; clipValueMin?: number; clipValueMax?: number };
    const [lo, hi] =
      op === UNARY_OPS.ClipByValue ? [Number(a.clipValueMin), Number(a.clipValueMax)] : [Number(a.alpha ?? 0), 0];
    return output(backend, inputs['x']!.shape, (out) => backend.addon.unary(op, x, out, lo, hi));
  };
}

/** The broadcast shape of a and b, or null when they do not broadcast (the stock kernel reports it) or rank > 8. */
function broadcastShape(a: TensorInfo, b: TensorInfo): number[] | null {
  try {
    const shape = backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    return shape.length > MAX_RANK ? null : shape;
  } catch {
    return null;
  }
}

export function binaryKernel(name: keyof typeof BINARY_OPS): NativeKernel {
  const op = BINARY_OPS[name];
  const [first, second] = BINARY_INPUTS[name] ?? ['a', 'b'];
  return ({ inputs, backend }) => {
    const a = inputs[first],
      b = inputs[second];
    const av = floats(backend, a),
      bv = floats(backend, b);
    const shape = av && bv ? broadcastShape(a!, b!) : null;
    // The stock EluGrad pairs elements by position and does not broadcast.
    if (!shape || (name === 'EluGrad' && av!.length !== bv!.length)) return null;
    return output(backend, shape, (out) => backend.addon.binary(op, av!, a!.shape, bv!, b!.shape, out, shape));
  };
}

/** The values of a bool tensor, or undefined. */
function bools(backend: NativeBackend, t: TensorInfo | undefined): Uint8Array | undefined {
  if (t === undefined || t.dtype !== 'bool') return undefined;
  const values = backend.data.get(t.dataId).values;
  return values instanceof Uint8Array && values.length === size(t.shape) ? values : undefined;
}

export function compareKernel(op: number): NativeKernel {
  const logical = op === COMPARE_OPS.LogicalAnd || op === COMPARE_OPS.LogicalOr;
  return ({ inputs, backend }) => {
    const { a, b } = inputs;
    const av = logical ? bools(backend, a) : floats(backend, a);
    const bv = logical ? bools(backend, b) : floats(backend, b);
    const shape = av && bv && av.length > 0 && bv.length > 0 ? broadcastShape(a!, b!) : null;
    if (!shape) return null;
    // Bool outputs are small (a byte per element) and not pooled.
    const out = new Uint8Array(size(shape));
    backend.addon.compare(op, av!, a!.shape, bv!, b!.shape, out, shape);
    return backend.makeTensorInfo(shape, 'bool', out);
  };
}

export const select: NativeKernel = ({ inputs, backend }) => {
  const { condition, t, e } = inputs;
  const c = bools(backend, condition),
    tv = floats(backend, t),
    ev = floats(backend, e);
  if (!c || !tv || !ev || c.length !== tv.length || ev.length !== tv.length) return null;
  return output(backend, t!.shape, (out) => backend.addon.select(c, tv, ev, out));
};

/**
 * Cast: int32 or bool to float32 into a real Float32Array (the stock kernel keeps the old array); float32 to int32
 * through the Int32Array constructor (V8's conversion loop, the stock kernel's ToInt32 truncation); a cast to the
 * same dtype is a view of x, as in the stock kernel (no copy).
 */
export const cast: NativeKernel = ({ inputs, backend, attrs }) => {
  const x = inputs['x'];
  const dtype = (attrs as { dtype: string }).dtype;
  if (!x || size(x.shape) === 0) return null;
  if (dtype === x.dtype && (dtype === 'float32' || dtype === 'int32')) {
    backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  }
  const values = backend.data.get(x.dataId).values;
  if (dtype === 'int32') {
    const xv = floats(backend, x);
    return xv ? backend.makeTensorInfo(x.shape, 'int32', new Int32Array(xv)) : null;
  }
  if (dtype !== 'float32' || (x.dtype !== 'int32' && x.dtype !== 'bool')) return null;
  if (!(values instanceof Int32Array || values instanceof Uint8Array) || values.length !== size(x.shape)) return null;
  return output(backend, x.shape, (out) => out.set(values));
};

function filled(value: number): NativeKernel {
  return ({ inputs, backend }) => {
    const x = inputs['x'];
    if (!x || x.dtype !== 'float32' || size(x.shape) === 0) return null;
    return output(backend, x.shape, (out) => out.fill(value));
  };
}

export const zerosLike = filled(0);
export const onesLike = filled(1);

export const fill: NativeKernel = ({ backend, attrs }) => {
  const { shape, value, dtype } = attrs as { shape: number[]; value: number; dtype?: string };
  // No dtype: the stock kernel infers float32 from a number.
  if ((dtype || 'float32') !== 'float32' || typeof value !== 'number' || size(shape) === 0) return null;
  return output(backend, shape, (out) => out.fill(value));
};
