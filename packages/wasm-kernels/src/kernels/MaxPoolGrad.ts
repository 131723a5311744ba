// Replaces the stock wasm MaxPoolGrad, which is wrong: its C++ seeds the running max with
// std::numeric_limits<float>::min() (+1.2e-38, not lowest()), so any window without a positive value
// (all-negative inputs, or all zeros after relu) routes its gradient to the wrong element. It is also
// slower than this JS loop on zero-copy heap views. Ties go to the first max in window order, as on cpu.
import * as tf from '@tensorflow/tfjs-core';
import type { MaxPoolGradAttrs, TensorInfo, TypedArray } from '@tensorflow/tfjs-core';
import { cpuDelegate } from './_call.ts';
import type { BackendWasm, KernelArgs } from './_call.ts';

export function maxPoolGrad(args: KernelArgs): TensorInfo {
  const backend = args.backend as BackendWasm;
  const { dy, input } = args.inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = args.attrs as unknown as MaxPoolGradAttrs;
  if (input.dtype !== 'float32' || dy.dtype !== 'float32') return cpuDelegate(tf.MaxPoolGrad, args);
  const c = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = c;
  const { strideHeight: sh, strideWidth: sw, effectiveFilterHeight: kh, effectiveFilterWidth: kw } = c;
  const { top: pt, left: pl } = c.padInfo;

  const out = backend.makeOutput(input.shape, 'float32');
  // Views only after makeOutput: its malloc may grow the heap and detach views taken earlier.
  const x = backend.typedArrayFromHeap(input);
  const g = backend.typedArrayFromHeap(dy);
  const dx = backend.typedArrayFromHeap(out);
  dx.fill(0); // malloc'd memory is not zeroed
  // Padding on any side (e.g. 'same' on an odd size) puts windows partly outside the image: general loop.
  if (kh === 2 && kw === 2 && sh === 2 && sw === 2 && pt === 0 && pl === 0 && 2 * OH <= H && 2 * OW <= W) {
    halvingPoolGrad(x, g, dx, B, H, W, C, OH, OW);
    return out;
  }
  const best = new Float64Array(C);
  const arg = new Int32Array(C);
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < OH; i++) {
      const y0 = i * sh - pt;
      const yLo = Math.max(0, y0),
        yHi = Math.min(H, y0 + kh);
      for (let j = 0; j < OW; j++) {
        const x0 = j * sw - pl;
        const xLo = Math.max(0, x0),
          xHi = Math.min(W, x0 + kw);
        best.fill(-Infinity);
        arg.fill(-1);
        for (let y = yLo; y < yHi; y++) {
          for (let xx = xLo; xx < xHi; xx++) {
            const base = ((b * H + y) * W + xx) * C;
            for (let ch = 0; ch < C; ch++) {
              const v = x[base + ch]!;
              if (v > best[ch]!) {
                best[ch] = v;
                arg[ch] = base + ch;
              }
            }
          }
        }
        const gb = ((b * OH + i) * OW + j) * C;
        for (let ch = 0; ch < C; ch++) {
          const a = arg[ch]!;
          if (a >= 0) dx[a] = dx[a]! + g[gb + ch]!;
        }
      }
    }
  }
  return out;
}

/**
 * The common 2×2, stride-2, unpadded pool (the seed CNN's): windows never overlap, so each gradient goes to one
 * element with a plain assignment, four comparisons per channel and no per-window state. ~3× the general loop.
 * Same first-max tie-break: candidates are compared in window order (top-left, top-right, bottom-left, bottom-right).
 */
function halvingPoolGrad(
  x: TypedArray,
  g: TypedArray,
  dx: TypedArray,
  B: number,
  H: number,
  W: number,
  C: number,
  OH: number,
  OW: number,
): void {
  const row = W * C;
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < OH; i++) {
      for (let j = 0; j < OW; j++) {
        const topLeft = ((b * H + 2 * i) * W + 2 * j) * C;
        const gb = ((b * OH + i) * OW + j) * C;
        for (let ch = 0; ch < C; ch++) {
          let at = topLeft + ch;
          let best = x[at]!;
          const tr = at + C,
            bl = at + row,
            br = at + row + C;
          if (x[tr]! > best) {
            best = x[tr]!;
            at = tr;
          }
          if (x[bl]! > best) {
            best = x[bl]!;
            at = bl;
          }
          if (x[br]! > best) at = br;
          dx[at] = g[gb + ch]!;
        }
      }
    }
  }
}
