// Conv2DBackpropFilter is not registered on the stock wasm backend (tfjs 4.22), so conv1d/conv2d/
// separableConv2d/conv2dTranspose cannot train there. This composes it from stock XNNPACK kernels.
//
//   dW[p,q,ci,co] = Σ_{b,i,j} x[b, i·sh+p−pt, j·sw+q−pl, ci] · dy[b,i,j,co]
//
// which is a Conv2D of xᵀ[ci,H,W,b] with the "filter" dyᵀ[oh,ow,b,co], stride 1, dilation = the forward
// stride and explicit padding: the batch becomes the reduction channel and ci becomes the batch. Rows and
// columns of x that the forward conv never reads come out as extra output rows/cols and are sliced off.
// NCHW and non-float32 inputs go to the cpu kernel.
import * as tf from '@tensorflow/tfjs-core';
import type { Conv2DBackpropFilterAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import { call, cpuDelegate, free } from './_call.ts';
import type { BackendWasm, KernelArgs } from './_call.ts';
import { conv2DBackpropFilterIm2col, useIm2col } from './Conv2DBackpropFilterIm2col.ts';

type Shape4 = [number, number, number, number];

export function conv2DBackpropFilter(args: KernelArgs): TensorInfo {
  const backend = args.backend as BackendWasm;
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = args.attrs as unknown as Conv2DBackpropFilterAttrs;
  if (dataFormat === 'NCHW' || x.dtype !== 'float32' || dy.dtype !== 'float32') {
    return cpuDelegate(tf.Conv2DBackpropFilter, args);
  }
  const c = tf.backend_util.computeConv2DInfo(
    x.shape as Shape4,
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  if (useIm2col(c)) return conv2DBackpropFilterIm2col(backend, x, dy, c);

  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = c;
  const { inHeight: H, inWidth: W, outHeight: oh, outWidth: ow } = c;
  const { top: pt, left: pl } = c.padInfo;
  // Only as much bottom/right padding as makes the output at least kh×kw (the forward pad may be larger).
  const pb = Math.max(0, kh + (oh - 1) * sh - H - pt);
  const pr = Math.max(0, kw + (ow - 1) * sw - W - pl);

  const xt = call(tf.Transpose, backend, { x }, { perm: [3, 1, 2, 0] });
  const dyt = call(tf.Transpose, backend, { x: dy }, { perm: [1, 2, 0, 3] });
  const r = call(
    tf.Conv2D,
    backend,
    { x: xt, filter: dyt },
    {
      strides: 1,
      dilations: [sh, sw],
      pad: [
        [0, 0],
        [pt, pb],
        [pl, pr],
        [0, 0],
      ],
      dataFormat: 'NHWC',
    },
  );
  // Disposing dyt also deletes the XNNPACK operator Conv2D cached on it (a disposal callback).
  free(backend, xt, dyt);
  const out = call(tf.Transpose, backend, { x: r }, { perm: [1, 2, 0, 3] });
  free(backend, r);
  if (out.shape[0] === kh && out.shape[1] === kw) return out;
  const sliced = call(tf.Slice, backend, { x: out }, { begin: [0, 0, 0, 0], size: [kh, kw, -1, -1] });
  free(backend, out);
  return sliced;
}
