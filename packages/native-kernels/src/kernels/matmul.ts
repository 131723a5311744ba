// BatchMatMul and _FusedMatMul (bias [N] and relu fused). Batch dims must match or one side must have a batch of
// one; general batch broadcasting, prelu/elu/… activations and other biases go stock.
import { broadcast_util } from '@tensorflow/tfjs-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { floats, output, size } from './_util.ts';
import type { NativeArgs, NativeKernel } from './_util.ts';

function matmul(args: NativeArgs, fused: boolean): TensorInfo | null {
  const { backend } = args;
  const { a, b, bias, preluActivationWeights } = args.inputs;
  const attrs = args.attrs as { transposeA: boolean; transposeB: boolean; activation?: string };
  const activation = fused ? (attrs.activation ?? 'linear') : 'linear';
  if ((activation !== 'linear' && activation !== 'relu') || preluActivationWeights != null) return null;
  const av = floats(backend, a),
    bv = floats(backend, b);
  if (!av || !bv || a!.shape.length < 2 || b!.shape.length < 2) return null;
  const [ta, tb] = [attrs.transposeA ? 1 : 0, attrs.transposeB ? 1 : 0];
  const ra = a!.shape.length,
    rb = b!.shape.length;
  const M = a!.shape[ta ? ra - 1 : ra - 2]!,
    K = a!.shape[ta ? ra - 2 : ra - 1]!;
  const Kb = b!.shape[tb ? rb - 1 : rb - 2]!,
    N = b!.shape[tb ? rb - 2 : rb - 1]!;
  const batchA = size(a!.shape.slice(0, -2)),
    batchB = size(b!.shape.slice(0, -2));
  if (K !== Kb || Math.min(M, N, K, batchA, batchB) < 1) return null;
  if (batchA !== batchB && batchA !== 1 && batchB !== 1) return null;
  let outer: number[];
  try {
    outer = broadcast_util.assertAndGetBroadcastShape(a!.shape.slice(0, -2), b!.shape.slice(0, -2));
  } catch {
    return null; // the stock kernel reports the mismatch
  }
  if (size(outer) !== Math.max(batchA, batchB)) return null;
  let biasValues: Float32Array | null = null;
  if (fused && bias != null) {
    if (bias.shape.at(-1) !== N || size(bias.shape) !== N || bias.shape.length > outer.length + 2) return null;
    biasValues = floats(backend, bias) ?? null;
    if (!biasValues) return null;
  }
  const shape = [batchA, batchB, M, K, N, ta, tb, activation === 'relu' ? 1 : 0];
  return output(backend, [...outer, M, N], (out) => backend.addon.matmul(av, bv, biasValues, out, shape));
}

export const batchMatMul: NativeKernel = (args) => matmul(args, false);
export const fusedMatMul: NativeKernel = (args) => matmul(args, true);
