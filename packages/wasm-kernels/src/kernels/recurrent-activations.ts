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
      // One Math.exp: ~25% faster than Math.tanh, within 1e-16 absolute (exp's overflow gives ±1).
      for (let j = from; j < end; j++) v[j] = 1 - 2 / (Math.exp(2 * v[j]!) + 1);
      return;
    case 'sigmoid':
      for (let j = from; j < end; j++) v[j] = 1 / (1 + Math.exp(-v[j]!));
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
