// MaxPool, MaxPoolGrad, AvgPool, AvgPoolGrad (NHWC, no dilation), with the stock kernels' exact semantics.
import { backend_util } from '@tensorflow/tfjs-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { floats, output, size } from './_util.ts';
import type { NativeArgs, NativeKernel } from './_util.ts';

type Attrs = {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
};

/** The addon's 12-number pool shape, or null when the geometry is outside what it handles. */
export function poolShape(ci: backend_util.Conv2DInfo): number[] | null {
  const { top, left } = ci.padInfo;
  if (ci.dilationHeight !== 1 || ci.dilationWidth !== 1 || top < 0 || left < 0) return null;
  if (top >= ci.filterHeight || left >= ci.filterWidth) return null;
  if (
    (ci.outHeight - 1) * ci.strideHeight - top >= ci.inHeight ||
    (ci.outWidth - 1) * ci.strideWidth - left >= ci.inWidth
  )
    return null;
  if (Math.min(ci.batchSize, ci.inHeight, ci.inWidth, ci.inChannels, ci.outHeight, ci.outWidth) < 1) return null;
  return [
    ci.batchSize,
    ci.inHeight,
    ci.inWidth,
    ci.inChannels,
    ci.filterHeight,
    ci.filterWidth,
    ci.outHeight,
    ci.outWidth,
    ci.strideHeight,
    ci.strideWidth,
    top,
    left,
  ];
}

function geometry(x: TensorInfo | undefined, attrs: Attrs): { ci: backend_util.Conv2DInfo; shape: number[] } | null {
  if (!x || x.shape.length !== 4) return null;
  const ci = backend_util.computePool2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  // A 1x1 window with stride 1 is the identity; the stock kernel returns the input without a copy.
  if (ci.filterHeight === 1 && ci.filterWidth === 1 && size(ci.inShape) === size(ci.outShape)) return null;
  const shape = poolShape(ci);
  return shape ? { ci, shape } : null;
}

function forward(args: NativeArgs, kind: 'max' | 'avg'): TensorInfo | null {
  const { backend } = args;
  const x = floats(backend, args.inputs['x']);
  const g = x && geometry(args.inputs['x'], args.attrs as unknown as Attrs);
  if (!g) return null;
  const fn = kind === 'max' ? backend.addon.maxPool : backend.addon.avgPool;
  return output(backend, g.ci.outShape, (out) => fn(x!, out, g.shape));
}

export const maxPool: NativeKernel = (args) => forward(args, 'max');
export const avgPool: NativeKernel = (args) => forward(args, 'avg');

export const maxPoolGrad: NativeKernel = (args) => {
  const { backend } = args;
  const dy = floats(backend, args.inputs['dy']),
    x = floats(backend, args.inputs['input']);
  const g = dy && x && geometry(args.inputs['input'], args.attrs as unknown as Attrs);
  if (!g || dy!.length !== size(g.ci.outShape)) return null;
  return output(backend, g.ci.inShape, (out) => backend.addon.maxPoolGrad(dy!, x!, out, g.shape));
};

export const avgPoolGrad: NativeKernel = (args) => {
  const { backend } = args;
  const dy = floats(backend, args.inputs['dy']);
  const g = dy && geometry(args.inputs['input'], args.attrs as unknown as Attrs);
  if (!g || dy!.length !== size(g.ci.outShape)) return null;
  return output(backend, g.ci.inShape, (out) => backend.addon.avgPoolGrad(dy!, out, g.shape));
};
