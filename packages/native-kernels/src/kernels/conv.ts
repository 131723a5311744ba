// Conv2D, FusedConv2D (bias and relu fused into the oneDNN call), Conv2DBackpropInput, Conv2DBackpropFilter, and
// the depthwise trio (DepthwiseConv2dNative and its two gradients: oneDNN grouped convolutions). NHWC only; NCHW,
// prelu/elu/leakyrelu activations, odd biases, explicit padding beyond the filter and dilated depthwise gradients
// (which tfjs does not define) go stock.
import { backend_util } from '@tensorflow/tfjs-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { floats, output, size } from './_util.ts';
import type { NativeArgs, NativeKernel } from './_util.ts';

type Attrs = {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: [number, number] | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  activation?: string;
  filterShape?: [number, number, number, number];
  inputShape?: [number, number, number, number];
};

function outDim(input: number, effectiveFilter: number, stride: number, before: number, after: number): number {
  return Math.floor((input + before + after - effectiveFilter) / stride) + 1;
}

/** The addon's 17-number conv shape, or null when oneDNN's geometry would differ from tfjs'. */
export function convShape(ci: backend_util.Conv2DInfo): number[] | null {
  const p = ci.padInfo;
  if (ci.dataFormat !== 'channelsLast') return null;
  if (Math.min(p.top, p.bottom, p.left, p.right) < 0) return null;
  if (Math.max(p.top, p.bottom) >= ci.effectiveFilterHeight || Math.max(p.left, p.right) >= ci.effectiveFilterWidth)
    return null;
  if (outDim(ci.inHeight, ci.effectiveFilterHeight, ci.strideHeight, p.top, p.bottom) !== ci.outHeight) return null;
  if (outDim(ci.inWidth, ci.effectiveFilterWidth, ci.strideWidth, p.left, p.right) !== ci.outWidth) return null;
  return [
    ci.batchSize,
    ci.inHeight,
    ci.inWidth,
    ci.inChannels,
    ci.outChannels,
    ci.filterHeight,
    ci.filterWidth,
    ci.outHeight,
    ci.outWidth,
    ci.strideHeight,
    ci.strideWidth,
    ci.dilationHeight,
    ci.dilationWidth,
    p.top,
    p.left,
    p.bottom,
    p.right,
  ];
}

function info(
  xShape: number[],
  filterShape: number[],
  a: Attrs,
  dilations: Attrs['dilations'] = 1,
  depthwise = false,
): backend_util.Conv2DInfo | null {
  // The depthwise gradients carry no dataFormat: tfjs defines them for NHWC only.
  if ((a.dataFormat ?? 'NHWC') !== 'NHWC' || xShape.length !== 4 || filterShape.length !== 4) return null;
  return backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    a.strides,
    dilations ?? 1,
    a.pad,
    a.dimRoundingMode,
    depthwise,
    'channelsLast',
  );
}

/** Dilations other than 1 in a gradient: tfjs' own gradients refuse them, so only a direct call brings them. */
function dilated(a: Attrs): boolean {
  const d = a.dilations ?? 1;
  return typeof d === 'number' ? d !== 1 : d.some((v) => v !== 1);
}

/** A bias oneDNN can add per output channel: [OC] or [1, …, 1, OC]. */
function channelBias(
  args: NativeArgs,
  bias: TensorInfo | undefined,
  channels: number,
): Float32Array | null | undefined {
  if (bias == null) return null;
  const ok = bias.shape.at(-1) === channels && size(bias.shape) === channels;
  return ok ? floats(args.backend, bias) : undefined;
}

function forward(args: NativeArgs, fused: boolean): TensorInfo | null {
  const { backend } = args;
  const a = args.attrs as unknown as Attrs;
  const { x, filter, bias, preluActivationWeights } = args.inputs;
  const activation = fused ? (a.activation ?? 'linear') : 'linear';
  if ((activation !== 'linear' && activation !== 'relu') || preluActivationWeights != null) return null;
  const xs = floats(backend, x),
    ws = floats(backend, filter);
  const ci = xs && ws ? info(x!.shape, filter!.shape, a, a.dilations) : null;
  const shape = ci && convShape(ci);
  if (!shape || !ci) return null;
  const b = fused ? channelBias(args, bias, ci.outChannels) : null;
  if (b === undefined) return null;
  return output(backend, ci.outShape, (out) =>
    backend.addon.conv2d(xs!, ws!, b, out, shape, activation === 'relu' ? 1 : 0),
  );
}

export const conv2D: NativeKernel = (args) => forward(args, false);
export const fusedConv2D: NativeKernel = (args) => forward(args, true);

export const conv2DBackpropInput: NativeKernel = (args) => {
  const { backend } = args;
  const a = args.attrs as unknown as Attrs;
  const dy = floats(backend, args.inputs['dy']),
    w = floats(backend, args.inputs['filter']);
  const ci = dy && w && a.inputShape ? info(a.inputShape, args.inputs['filter']!.shape, a) : null;
  const shape = ci && convShape(ci);
  if (!shape || !ci || dy!.length !== size(ci.outShape)) return null;
  return output(backend, ci.inShape, (out) => backend.addon.conv2dBackpropInput(dy!, w!, out, shape));
};

export const conv2DBackpropFilter: NativeKernel = (args) => {
  const { backend } = args;
  const a = args.attrs as unknown as Attrs;
  const x = floats(backend, args.inputs['x']),
    dy = floats(backend, args.inputs['dy']);
  const ci = x && dy && a.filterShape ? info(args.inputs['x']!.shape, a.filterShape, a) : null;
  const shape = ci && convShape(ci);
  if (!shape || !ci || dy!.length !== size(ci.outShape)) return null;
  return output(backend, a.filterShape!, (out) => backend.addon.conv2dBackpropFilter(x!, dy!, out, shape));
};

export const depthwiseConv2D: NativeKernel = (args) => {
  const { backend } = args;
  const a = args.attrs as unknown as Attrs;
  const { x, filter } = args.inputs;
  const xs = floats(backend, x),
    ws = floats(backend, filter);
  const ci = xs && ws ? info(x!.shape, filter!.shape, a, a.dilations, true) : null;
  const shape = ci && convShape(ci);
  if (!shape || !ci) return null;
  return output(backend, ci.outShape, (out) => backend.addon.depthwiseConv2d(xs!, ws!, null, out, shape, 0));
};

export const depthwiseConv2DBackpropInput: NativeKernel = (args) => {
  const { backend } = args;
  const a = args.attrs as unknown as Attrs;
  const dy = floats(backend, args.inputs['dy']),
    w = floats(backend, args.inputs['filter']);
  const ci =
    dy && w && a.inputShape && !dilated(a) ? info(a.inputShape, args.inputs['filter']!.shape, a, 1, true) : null;
  const shape = ci && convShape(ci);
  if (!shape || !ci || dy!.length !== size(ci.outShape)) return null;
  return output(backend, ci.inShape, (out) => backend.addon.depthwiseConv2dBackpropInput(dy!, w!, out, shape));
};

export const depthwiseConv2DBackpropFilter: NativeKernel = (args) => {
  const { backend } = args;
  const a = args.attrs as unknown as Attrs;
  const x = floats(backend, args.inputs['x']),
    dy = floats(backend, args.inputs['dy']);
  const ci = x && dy && a.filterShape && !dilated(a) ? info(args.inputs['x']!.shape, a.filterShape, a, 1, true) : null;
  const shape = ci && convShape(ci);
  if (!shape || !ci || dy!.length !== size(ci.outShape)) return null;
  return output(backend, a.filterShape!, (out) => backend.addon.depthwiseConv2dBackpropFilter(x!, dy!, out, shape));
};
