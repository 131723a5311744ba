// Test-only helpers: run one kernel on the stock cpu backend and on the native backend from the same host data,
// and report how far apart the results are and whether the native path (not its stock fallback) ran.
import * as tf from '@tensorflow/tfjs-core';
import type { DataType, NamedAttrMap, Tensor } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core alone registers no gradients; tfjs-layers registers them all.
import '@tensorflow/tfjs-layers';
import { loadAddon } from './addon.ts';
import type { NativeAddon } from './addon.ts';
import { kernelCalls, NATIVE_BACKEND, registerNativeBackend } from './register.ts';

export type HostTensor = { shape: number[]; values: Float32Array | Int32Array; dtype?: DataType };

/** The addon when it is built here; else undefined, after printing why the calling suite skips. */
export function nativeOrSkip(suiteName: string): NativeAddon | undefined {
  const loaded = loadAddon();
  if (loaded.available) {
    tf.env().set('PROD', true);
    registerNativeBackend();
    return loaded.addon;
  }
  console.log(`skipped: ${suiteName}: native addon unavailable (${loaded.reason})`);
  return undefined;
}

/** Deterministic PRNG (mulberry32), so failures reproduce. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function int(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

export function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)]!;
}

export function randomTensor(r: () => number, shape: number[], lo = -1, hi = 1): HostTensor {
  const values = new Float32Array(tf.util.sizeFromShape(shape));
  for (let i = 0; i < values.length; i++) values[i] = lo + (hi - lo) * r();
  return { shape, values };
}

type Outcome = { shape: number[]; values: Float32Array };

async function runOn(
  backend: string,
  kernel: string,
  inputs: Record<string, HostTensor>,
  attrs: NamedAttrMap,
): Promise<Outcome> {
  await tf.setBackend(backend);
  const tensors: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(inputs)) tensors[name] = tf.tensor(t.values, t.shape, t.dtype ?? 'float32');
  // Concat and Pack take an array of inputs; the cases give them as { 0: …, 1: … }.
  const listed = Object.keys(tensors).every((k) => /^\d+$/.test(k)) ? Object.values(tensors) : tensors;
  const ran = tf.engine().runKernel(kernel, listed as never, attrs) as Tensor | Tensor[];
  const outs = Array.isArray(ran) ? ran : [ran];
  // Several outputs (SplitV, Unpack) compare as one: values end to end, shapes each closed by -1.
  const shape = Array.isArray(ran) ? outs.flatMap((t) => [...t.shape, -1]) : outs[0]!.shape;
  const values = Float32Array.from(outs.flatMap((t) => Array.from(t.dataSync())));
  tf.dispose([...outs, ...Object.values(tensors)]);
  return { shape, values };
}

export type Comparison = {
  /** max|native − stock| / max|stock| (NaN in the same places counts as equal). */
  relErr: number;
  sameShape: boolean;
  /** Calls of `kernel` that the native implementation served during the native run. */
  nativeCalls: number;
  stock: Outcome;
  native: Outcome;
};

export async function compare(
  kernel: string,
  inputs: Record<string, HostTensor>,
  attrs: NamedAttrMap = {},
): Promise<Comparison> {
  const stock = await runOn('cpu', kernel, inputs, attrs);
  const before = kernelCalls.get(kernel)?.native ?? 0;
  const native = await runOn(NATIVE_BACKEND, kernel, inputs, attrs);
  const nativeCalls = (kernelCalls.get(kernel)?.native ?? 0) - before;
  return {
    relErr: relativeError(stock.values, native.values),
    sameShape: tf.util.arraysEqual(stock.shape, native.shape),
    nativeCalls,
    stock,
    native,
  };
}

export function relativeError(ref: ArrayLike<number>, got: ArrayLike<number>): number {
  if (ref.length !== got.length) return Infinity;
  let maxRef = 0,
    maxDiff = 0;
  for (let i = 0; i < ref.length; i++) {
    const a = ref[i]!,
      b = got[i]!;
    if (Number.isNaN(a) || Number.isNaN(b)) {
      if (Number.isNaN(a) !== Number.isNaN(b)) return Infinity;
      continue;
    }
    if (a === b) {
      if (Number.isFinite(a)) maxRef = Math.max(maxRef, Math.abs(a));
      continue;
    }
    if (!Number.isFinite(a) || !Number.isFinite(b)) return Infinity;
    maxRef = Math.max(maxRef, Math.abs(a));
    maxDiff = Math.max(maxDiff, Math.abs(a - b));
  }
  return maxDiff === 0 ? 0 : maxDiff / Math.max(maxRef, 1e-30);
}

/** The tolerance of issue 6: relative error at most 1e-5. */
export const TOL = 1e-5;

/** A readable case name for failure messages. */
export function describe(kernel: string, inputs: Record<string, HostTensor>, attrs: NamedAttrMap): string {
  const shapes = Object.entries(inputs)
    .map(([k, t]) => `${k}[${t.shape.join(',')}]`)
    .join(' ');
  return `${kernel} ${shapes} ${JSON.stringify(attrs)}`;
}
