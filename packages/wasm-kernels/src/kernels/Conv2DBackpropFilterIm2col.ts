// Faster Conv2DBackpropFilter for layers with few input channels (a CNN's first layer, Ci=3).
// There the transpose+conv trick hands XNNPACK a conv with only kh·kw·Ci output pixels per output
// channel (27 for 3×3×3) against a reduction of B·oh·ow (57 600 at batch 64), and most of its time goes
// to transposing dy and packing that 1.8M-float "filter" (the conv itself ran ~5 of ~19 ms at batch 64).
// Instead, as a plain GEMM:
//
//   dW[(p,q,ci), co] = P[(p,q,ci), (b,i,j)] · dy[(b,i,j), co],   P[(p,q,ci),(b,i,j)] = x[b, i·sh+p−pt, j·sw+q−pl, ci]
//
// P (im2col, transposed) is gathered by a JS loop on heap views (zeros where the window leaves the image),
// then one stock BatchMatMul runs on XNNPACK's fully-connected path with dy as the weights. dy is copied
// first: XNNPACK caches that operator on the weights tensor's id (not its shape), so using the caller's dy
// could reuse a stale operator; a fresh temporary's operator is freed with it.
import * as tf from '@tensorflow/tfjs-core';
import type { backend_util, TensorInfo } from '@tensorflow/tfjs-core';
import { call, free } from './_call.ts';
import type { BackendWasm } from './_call.ts';

/**
 * When to take this path, from bench.ts-style measurements on 2 cores (ms, conv trick → im2col):
 * 32×32×3→32 B64 20→17, B32 7.9→8.0; 32×32×3→64 B32 28→22; 28×28×1→32 B32 4.1→3.8; but with
 * few output channels it loses (32×32×3→16 B32 4.0→4.7; 32×32×8→16 B64 2.8→4.2). P is kh·kw·Ci times
 * the size of x, so it is also capped. End to end (seed CNN, batch 64, adam) the gain is ~4 of ~150 ms per
 * step, which A/B runs on the shared 2-core machine could not separate from noise.
 * `mode` lets tests and bench.ts force either path; not part of the public API.
 */
export const im2colPolicy: { mode: 'auto' | 'always' | 'never' } = { mode: 'auto' };
const MAX_IN_CHANNELS = 4,
  MIN_OUT_CHANNELS = 32,
  MAX_P_ELEMENTS = 1 << 23; // P ≤ 32 MiB

export function useIm2col(c: backend_util.Conv2DInfo): boolean {
  if (im2colPolicy.mode !== 'auto') return im2colPolicy.mode === 'always';
  const pSize = c.filterHeight * c.filterWidth * c.inChannels * c.batchSize * c.outHeight * c.outWidth;
  return c.inChannels <= MAX_IN_CHANNELS && c.outChannels >= MIN_OUT_CHANNELS && pSize <= MAX_P_ELEMENTS;
}

export function conv2DBackpropFilterIm2col(
  backend: BackendWasm,
  x: TensorInfo,
  dy: TensorInfo,
  c: backend_util.Conv2DInfo,
): TensorInfo {
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outHeight: oh, outWidth: ow, outChannels: Co } = c;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = c;
  const { top: pt, left: pl } = c.padInfo;
  const N = B * oh * ow,
    K = kh * kw * C;

  const P = backend.makeOutput([1, K, N], 'float32');
  const d = backend.makeOutput([1, N, Co], 'float32');
  // Views only after both makeOutputs: malloc may grow the heap and detach earlier views.
  const xv = backend.typedArrayFromHeap(x);
  const pv = backend.typedArrayFromHeap(P);
  backend.typedArrayFromHeap(d).set(backend.typedArrayFromHeap(dy));
  let o = 0;
  for (let p = 0; p < kh; p++) {
    for (let q = 0; q < kw; q++) {
      // Output columns j whose input column j·sw+q−pl lies inside [0, W).
      const jLo = Math.min(ow, Math.max(0, Math.ceil((pl - q) / sw)));
      const jHi = Math.max(jLo, Math.min(ow, Math.floor((W - 1 - q + pl) / sw) + 1));
      const step = sw * C;
      for (let ci = 0; ci < C; ci++) {
        for (let b = 0; b < B; b++) {
          for (let i = 0; i < oh; i++) {
            const y = i * sh + p - pt;
            if (y < 0 || y >= H) {
              pv.fill(0, o, o + ow);
              o += ow;
              continue;
            }
            for (let j = 0; j < jLo; j++) pv[o++] = 0;
            let s = ((b * H + y) * W + jLo * sw + q - pl) * C + ci;
            for (let j = jLo; j < jHi; j++, s += step) pv[o++] = xv[s]!;
            for (let j = jHi; j < ow; j++) pv[o++] = 0;
          }
        }
      }
    }
  }
  const r = call(tf.BatchMatMul, backend, { a: P, b: d }, { transposeA: false, transposeB: false });
  free(backend, P, d); // freeing d also frees the XNNPACK operator cached on it
  const out = call(tf.Reshape, backend, { x: r }, { shape: [kh, kw, C, Co] });
  free(backend, r);
  return out;
}
