// The activations of the fused recurrent kernels (tfjs-layers' names), as in-place loops over heap views, and their
// derivatives from the activation's output. One loop per activation, the choice made outside it, so each loop stays
// monomorphic. NaN propagates (comparisons, not Math.min/max), as in tfjs, so a diverging run still shows NaN.

export const ACTIVATIONS = ['tanh', 'sigmoid', 'hardSigmoid', 'relu', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** v[from, from + n) = a(v[from, from + n)). */
export function activate(a: Activation, v: Float32Array, from: number, n: number): void {
  const end = from + n;
  switch (a) {
    case 'tanh':
      for (let j = from; j < end; j++) v[j] = tanh(v[j]!);
      return;
    case 'sigmoid':
      for (let j = from; j < end; j++) v[j] = 0.5 + 0.5 * tanh(0.5 * v[j]!);
      return;
    case 'hardSigmoid':
      for (let j = from; j < end; j++) {
        const y = 0.2 * v[j]! + 0.5;
        v[j] = y < 0 ? 0 : y > 1 ? 1 : y;
      }
      return;
    case 'relu':
      for (let j = from; j < end; j++) v[j] = v[j]! < 0 ? 0 : v[j]!;
      return;
    case 'linear':
      return;
  }
}

// tanh as Eigen's float rational approximation (13/6), within 2.4e-7 of Math.tanh (float32 precision): ~4× faster
// than Math.tanh or Math.exp here, and tanh and sigmoid are most of the gate loops' time.
const TANH_CLAMP = 7.90531110763549805; // tanh rounds to ±1 in float32 beyond

function tanh(x: number): number {
  const c = x < -TANH_CLAMP ? -TANH_CLAMP : x > TANH_CLAMP ? TANH_CLAMP : x; // NaN stays NaN
  const x2 = c * c;
  const p =
    4.89352455891786e-3 +
    x2 *
      (6.37261928875436e-4 +
        x2 *
          (1.48572235717979e-5 +
            x2 *
              (5.12229709037114e-8 +
                x2 * (-8.60467152213735e-11 + x2 * (2.00018790482477e-13 + x2 * -2.76076847742355e-16)))));
  const q = 4.89352518554385e-3 + x2 * (2.268434632439e-3 + x2 * (1.18534705686654e-4 + x2 * 1.19825839466702e-6));
  return (c * p) / q;
}

/**
 * An activation's derivative from its output y: c0 + c1·y + c2·y² where lo < y < hi, else 0 (native-kernels'
 * form): one branch-free expression for all five, so the backward loops need no switch.
 */
export interface Slope {
  c0: number;
  c1: number;
  c2: number;
  lo: number;
  hi: number;
}

export function slopeOf(a: Activation): Slope {
  switch (a) {
    case 'tanh':
      return { c0: 1, c1: 0, c2: -1, lo: -Infinity, hi: Infinity }; // 1 − y²
    case 'sigmoid':
      return { c0: 0, c1: 1, c2: -1, lo: -Infinity, hi: Infinity }; // y(1 − y)
    case 'hardSigmoid':
      return { c0: 0.2, c1: 0, c2: 0, lo: 0, hi: 1 };
    case 'relu':
      return { c0: 1, c1: 0, c2: 0, lo: 0, hi: Infinity };
    case 'linear':
      return { c0: 1, c1: 0, c2: 0, lo: -Infinity, hi: Infinity };
  }
}

/** The derivative at output y; NaN for a NaN y. */
export function slope(s: Slope, y: number): number {
  return y <= s.lo || y >= s.hi ? 0 : s.c0 + y * (s.c1 + s.c2 * y);
}
