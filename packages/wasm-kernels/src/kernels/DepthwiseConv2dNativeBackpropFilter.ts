// DepthwiseConv2dNativeBackpropFilter is not registered on stock wasm (depthwiseConv2d, separableConv2d).
// A JS loop on zero-copy heap views, NHWC, channels innermost; any depth multiplier, stride, padding and
// dilation. Accumulates in float64. The cpu kernel via delegation was ~45× slower (1086 vs 24 ms).
import * as tf from '@tensorflow/tfjs-core';
import type { DepthwiseConv2dNativeBackpropFilterAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import { cpuDelegate } from './_call.ts';
import { forEachTap } from './_depthwise.ts';
import type { BackendWasm, KernelArgs } from './_call.ts';

export function depthwiseConv2dNativeBackpropFilter(args: KernelArgs): TensorInfo {
  const backend = args.backend as BackendWasm;
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, dilations, pad, dimRoundingMode, filterShape } =
    args.attrs as unknown as DepthwiseConv2dNativeBackpropFilterAttrs;
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') return cpuDelegate(tf.DepthwiseConv2dNativeBackpropFilter, args);
  const c = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    dilations,
    pad,
    dimRoundingMode,
    true,
  );
  const C = c.inChannels;
  const M = c.outChannels / C;

  const out = backend.makeOutput(c.filterShape, 'float32');
  const xv = backend.typedArrayFromHeap(x); // views after makeOutput (heap growth detaches)
  const g = backend.typedArrayFromHeap(dy);
  const acc = new Float64Array(tf.util.sizeFromShape(c.filterShape));
  forEachTap(c, ({ gb, xb, wb }) => {
    for (let ch = 0; ch < C; ch++) {
      const v = xv[xb + ch]!;
      const o = ch * M;
      for (let m = 0; m < M; m++) acc[wb + o + m] = acc[wb + o + m]! + v * g[gb + o + m]!;
    }
  });
  backend.typedArrayFromHeap(out).set(acc);
  return out;
}
