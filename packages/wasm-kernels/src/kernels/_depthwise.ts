// The window walk both depthwise gradients share: every (output pixel, filter tap) pair that lands inside the
// image, as flat NHWC offsets, so each kernel only says what it does per channel.
import type { backend_util } from '@tensorflow/tfjs-core';

export interface Tap {
  /** Offset of the output pixel's first value in dy ([B, OH, OW, C·M]). */
  gb: number;
  /** Offset of the input pixel's first channel in x / dx ([B, H, W, C]). */
  xb: number;
  /** Offset of the tap's first value in the filter ([kh, kw, C, M]). */
  wb: number;
}

export function forEachTap(c: backend_util.Conv2DInfo, visit: (tap: Tap) => void): void {
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = c;
  const {
    strideHeight: sh,
    strideWidth: sw,
    dilationHeight: dh,
    dilationWidth: dw,
    filterHeight: kh,
    filterWidth: kw,
  } = c;
  const { top: pt, left: pl } = c.padInfo;
  const CM = c.outChannels;
  const tap: Tap = { gb: 0, xb: 0, wb: 0 };
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < OH; i++) {
      for (let j = 0; j < OW; j++) {
        tap.gb = ((b * OH + i) * OW + j) * CM;
        for (let p = 0; p < kh; p++) {
          const y = i * sh + p * dh - pt;
          if (y < 0 || y >= H) continue;
          for (let q = 0; q < kw; q++) {
            const xx = j * sw + q * dw - pl;
            if (xx < 0 || xx >= W) continue;
            tap.xb = ((b * H + y) * W + xx) * C;
            tap.wb = (p * kw + q) * CM;
            visit(tap);
          }
        }
      }
    }
  }
}
