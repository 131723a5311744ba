// DepthwiseConv2dNativeBackpropInput is not registered on stock wasm (needed by depthwiseConv2d and
// separableConv2d unless the layer is the model's first). JS loop on zero-copy heap views, scattering each
// dy pixel through the filter; any depth multiplier, stride, padding and dilation. ~3× faster than the cpu
// kernel via delegation.
import * as tf from '@tensorflow/tfjs-core';
import type { DepthwiseConv2dNativeBackpropInputAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import { cpuDelegate } from './_call.ts';
import { forEachTap } from './_depthwise.ts';
import type { BackendWasm, KernelArgs } from './_call.ts';

export function depthwiseConv2dNativeBackpropInput(args: KernelArgs): TensorInfo {
  const backend = args.backend as BackendWasm;
  const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, dilations, pad, dimRoundingMode, inputShape } =
    args.attrs as unknown as DepthwiseConv2dNativeBackpropInputAttrs;
  if (dy.dtype !== 'float32' || filter.dtype !== 'float32')
    return cpuDelegate(tf.DepthwiseConv2dNativeBackpropInput, args);
  const c = tf.backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    dilations,
    pad,
    dimRoundingMode,
    true,
  );
  const C = c.inChannels;
  const M = c.outChannels / C;

  const out = backend.makeOutput(c.inShape, 'float32');
  const g = backend.typedArrayFromHeap(dy); // views after makeOutput (heap growth detaches)
  const w = backend.typedArrayFromHeap(filter);
  const dx = backend.typedArrayFromHeap(out);
  dx.fill(0); // malloc'd memory is not zeroed
  forEachTap(c, ({ gb, xb, wb }) => {
    for (let ch = 0; ch < C; ch++) {
      const o = ch * M;
      let s = 0;
      for (let m = 0; m < M; m++) s += g[gb + o + m]! * w[wb + o + m]!;
      dx[xb + ch] = dx[xb + ch]! + s;
    }
  });
  return out;
}
