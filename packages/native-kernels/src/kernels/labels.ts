// What a loss or metric does to labels and predictions (native/labels.cc): ArgMax along any one axis (accuracy) and
// OneHot of int32 indices (sparse crossentropy). Their outputs are small and not pooled.
import { util } from '@tensorflow/tfjs-core';
import { floats, size } from './_util.ts';
import type { NativeKernel } from './_util.ts';

export const argMax: NativeKernel = ({ inputs, backend, attrs }) => {
  const x = inputs['x'];
  const xv = floats(backend, x);
  if (!xv) return null;
  const axes = util.parseAxisParam((attrs as { axis: number | number[] }).axis, x!.shape);
  // The stock kernel reduces the first axis given; one axis is what tf.argMax passes.
  if (axes.length !== 1 || x!.shape[axes[0]!]! < 1) return null;
  const axis = axes[0]!;
  const outShape = x!.shape.filter((_, k) => k !== axis);
  const out = new Int32Array(size(outShape));
  backend.addon.argMax(xv, out, [size(x!.shape.slice(0, axis)), x!.shape[axis]!, size(x!.shape.slice(axis + 1))]);
  return backend.makeTensorInfo(outShape, 'int32', out);
};

export const oneHot: NativeKernel = ({ inputs, backend, attrs }) => {
  const indices = inputs['indices'];
  const { dtype, depth, onValue, offValue } = attrs as {
    dtype: string;
    depth: number;
    onValue: number;
    offValue: number;
  };
  if (indices === undefined || !(depth >= 1)) return null;
  const values = backend.data.get(indices.dataId).values;
  if (!(values instanceof Int32Array) || values.length !== size(indices.shape) || values.length === 0) return null;
  // An int32 output holds integers only (the stock kernel keeps a Float32Array under the int32 dtype).
  const integral = [onValue, offValue].every((v) => Number.isInteger(v) && Math.abs(v) < 2 ** 31);
  if (dtype !== 'float32' && !(dtype === 'int32' && integral)) return null;
  const outShape = [...indices.shape, depth];
  const out = dtype === 'float32' ? backend.alloc(size(outShape)) : new Int32Array(size(outShape));
  backend.addon.oneHot(values, out, depth, onValue, offValue);
  return backend.makeTensorInfo(outShape, dtype as 'float32' | 'int32', out);
};
