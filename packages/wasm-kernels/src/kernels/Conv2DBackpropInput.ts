// Optional speed-up. The stock wasm Conv2DBackpropInput is correct but a naive C++ loop (~1.6 GFLOP/s,
// 125 of 280 ms per CIFAR batch). Here it is an XNNPACK Conv2D instead:
//
//   dx = Conv2D(dy with (stride−1) zeros inserted between pixels, W flipped in space with in/out swapped),
//        stride 1, padding [kh−1−pt, H+pt−hd] rows and [kw−1−pl, W+pl−wd] cols (hd, wd: dilated dy size).
//
// Negative pads (explicit padding ≥ the kernel size), NCHW and non-float32 go to the stock kernel.
import * as tf from '@tensorflow/tfjs-core';
import type { Conv2DBackpropInputAttrs, TensorInfo } from '@tensorflow/tfjs-core';
import { call, callConfig, captureStock, free } from './_call.ts';
import type { BackendWasm, KernelArgs } from './_call.ts';

function stock(args: KernelArgs): TensorInfo {
  const config = captureStock(tf.Conv2DBackpropInput);
  if (config === undefined) throw new Error('wasm-kernels: stock wasm Conv2DBackpropInput is not registered');
  return callConfig(config, args.backend as BackendWasm, args.inputs, args.attrs) as TensorInfo;
}

export function conv2DBackpropInputFast(args: KernelArgs): TensorInfo {
  const backend = args.backend as BackendWasm;
  const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = args.attrs as unknown as Conv2DBackpropInputAttrs;
  if (dataFormat === 'NCHW' || dy.dtype !== 'float32' || filter.dtype !== 'float32') return stock(args);
  const c = tf.backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  const { batchSize: B, inHeight: H, inWidth: W, outHeight: oh, outWidth: ow, outChannels: Co } = c;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = c;
  const { top: pt, left: pl } = c.padInfo;
  const hd = (oh - 1) * sh + 1,
    wd = (ow - 1) * sw + 1;
  const ptD = kh - 1 - pt,
    plD = kw - 1 - pl,
    pbD = H + pt - hd,
    prD = W + pl - wd;
  if (ptD < 0 || plD < 0 || pbD < 0 || prD < 0) return stock(args);

  // Zero insertion: [B,oh,1,ow,1,Co] → pad the unit axes to sh, sw → [B,oh·sh,ow·sw,Co]. The trailing
  // (sh−1) zero rows/cols are then counted as part of the bottom/right padding, or sliced off if too many.
  let d = dy;
  let pb = pbD,
    pr = prD;
  if (sh > 1 || sw > 1) {
    const r6 = call(tf.Reshape, backend, { x: dy }, { shape: [B, oh, 1, ow, 1, Co] });
    const p6 = call(
      tf.PadV2,
      backend,
      { x: r6 },
      {
        paddings: [
          [0, 0],
          [0, 0],
          [0, sh - 1],
          [0, 0],
          [0, sw - 1],
          [0, 0],
        ],
        constantValue: 0,
      },
    );
    free(backend, r6);
    d = call(tf.Reshape, backend, { x: p6 }, { shape: [B, oh * sh, ow * sw, Co] });
    free(backend, p6);
    pb -= sh - 1;
    pr -= sw - 1;
    if (pb < 0 || pr < 0) {
      const s = call(tf.Slice, backend, { x: d }, { begin: [0, 0, 0, 0], size: [B, hd, wd, Co] });
      free(backend, d);
      d = s;
      pb = pbD;
      pr = prD;
    }
  }
  const rev = call(tf.Reverse, backend, { x: filter }, { dims: [0, 1] });
  const wf = call(tf.Transpose, backend, { x: rev }, { perm: [0, 1, 3, 2] });
  free(backend, rev);
  const out = call(
    tf.Conv2D,
    backend,
    { x: d, filter: wf },
    {
      strides: 1,
      dilations: 1,
      pad: [
        [0, 0],
        [ptD, pb],
        [plD, pr],
        [0, 0],
      ],
      dataFormat: 'NHWC',
    },
  );
  // wf is a temporary filter: disposing it frees the XNNPACK operator Conv2D cached on its id.
  free(backend, wf);
  if (d !== dy) free(backend, d);
  return out;
}
