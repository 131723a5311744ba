// tfjs-layers' Orthogonal initializer (the default for every recurrent kernel) QR-factorizes with tfjs ops, one
// small kernel per Householder step: 0.7 s for a 64-unit lstm's [64, 256] and 2 s for 128 units, per model built
// (`auto` builds one per backend it times), with a "Slowness may result" warning each time. This one does the same
// factorization in plain float64 JavaScript (~20 ms for [128, 512]) from the same seeded normal matrix, so it gives
// tfjs's matrix up to rounding: Q·sign(diag R) is unique whatever the reflectors' signs. Registered under tfjs's
// class name, so the 'orthogonal' default and saved models resolve to it.
import * as tf from '@tensorflow/tfjs-core';
// Registers tfjs's Orthogonal class, which is looked up and subclassed below.
import '@tensorflow/tfjs-layers';
import { replaceStockClass, stockClass } from '../stock-classes.ts';

interface OrthogonalArgs {
  gain?: number;
  seed?: number;
}

/** tfjs-layers exports no Initializer type: the part of it used here. */
type InitializerClass = new (args: OrthogonalArgs) => { apply(shape: number[], dtype?: tf.DataType): tf.Tensor };

let registered: InitializerClass | undefined;

/** The fast Orthogonal class, registered in place of tfjs's (idempotent). */
export function registerFastOrthogonal(): InitializerClass {
  if (registered) return registered;
  const Stock = stockClass<InitializerClass>('Orthogonal');
  class FastOrthogonal extends Stock {
    static className = 'Orthogonal';
    override apply(shape: number[], dtype?: tf.DataType): tf.Tensor {
      if (shape.length < 2 || (dtype !== undefined && dtype !== 'float32')) return super.apply(shape, dtype);
      const { gain, seed } = this as unknown as { gain: number; seed?: number };
      const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
      const cols = shape.at(-1)!;
      const [m, n] = [Math.max(rows, cols), Math.min(rows, cols)];
      const normal = tf.tidy(() => tf.randomNormal([m, n], 0, 1, 'float32', seed).dataSync());
      const q = orthonormalColumns(Float64Array.from(normal), m, n);
      const out = new Float32Array(m * n);
      // q is [m, n]; the weight is [rows, cols], q itself when rows ≥ cols, else its transpose.
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) out[rows >= cols ? i * n + j : j * m + i] = gain * q[i * n + j]!;
      }
      return tf.tensor(out, shape, 'float32');
    }
  }
  registered = replaceStockClass(FastOrthogonal, 'FastOrthogonal');
  return registered;
}

/**
 * Q·sign(diag R) of the economy QR of `a` ([m, n] row-major, m ≥ n), by Householder reflections; as tfjs, a column
 * whose diagonal entry of R is 0 comes out zero.
 */
export function orthonormalColumns(a: Float64Array, m: number, n: number): Float64Array {
  const reflectors: (Float64Array | null)[] = [];
  const signs = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm += a[i * n + k]! ** 2;
    norm = Math.sqrt(norm);
    const alpha = a[k * n + k]! > 0 ? -norm : norm;
    const v = new Float64Array(m - k);
    for (let i = k; i < m; i++) v[i - k] = a[i * n + k]!;
    v[0] = v[0]! - alpha;
    const vv = v.reduce((s, x) => s + x * x, 0);
    reflectors.push(vv > 0 ? v : null);
    if (vv > 0) reflect(a, v, vv, k, n, k, n);
    signs[k] = Math.sign(a[k * n + k]!);
  }
  // Q's first n columns: the reflectors applied, last first, to the identity's first n columns.
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * n + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const v = reflectors[k];
    if (v)
      reflect(
        q,
        v,
        v.reduce((s, x) => s + x * x, 0),
        k,
        n,
        0,
        n,
      );
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) q[i * n + j] = q[i * n + j]! * signs[j]!;
  return q;
}

/** Applies I − 2vvᵀ/(vᵀv) to rows k… of columns from…to−1 of the row-major matrix `x` (width n). */
function reflect(x: Float64Array, v: Float64Array, vv: number, k: number, n: number, from: number, to: number): void {
  for (let j = from; j < to; j++) {
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[i]! * x[(k + i) * n + j]!;
    const f = (2 * s) / vv;
    if (f === 0) continue;
    for (let i = 0; i < v.length; i++) x[(k + i) * n + j] = x[(k + i) * n + j]! - f * v[i]!;
  }
}
