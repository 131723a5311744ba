// Test-only helpers shared by the *.test.ts files here: run one kernel on cpu and on wasm (with our
// kernels registered) from the same host data, and compare.
import * as tf from '@tensorflow/tfjs-core';
import type { DataType, NamedAttrMap, Tensor } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
// tfjs-core alone registers no gradients; the tfjs-layers bundle registers them all.
import '@tensorflow/tfjs-layers';
import seedrandom from 'seedrandom';
import { withWasmThreads } from './threads.ts';
import { registerWasmTrainingKernels } from './register.ts';

export type HostTensor = { shape: number[]; values: Float32Array | Int32Array; dtype?: DataType };
export type Result = { shape: number[]; values: Float32Array | Int32Array };

let ready: Promise<void> | undefined;
/** Registers our kernels and initialises both backends (once per process). */
export function init(): Promise<void> {
  ready ??= (async () => {
    tf.env().set('PROD', true); // no debug-mode checks or warnings in test output
    registerWasmTrainingKernels();
    // As runs use it: with XNNPACK's thread pool (two threads, whatever the machine has).
    if (!(await withWasmThreads(2, () => tf.setBackend('wasm')))) throw new Error('wasm backend failed to initialise');
    await tf.setBackend('cpu');
  })();
  return ready;
}

/** A seeded generator (tfjs's own seedrandom), so failures reproduce. */
export const rng = (seed: number): (() => number) => seedrandom.alea(String(seed));

export function randomTensor(r: () => number, shape: number[], lo = -1, hi = 1): HostTensor {
  const values = new Float32Array(tf.util.sizeFromShape(shape));
  for (let i = 0; i < values.length; i++) values[i] = lo + (hi - lo) * r();
  return { shape, values };
}

export function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}
export function int(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

/**
 * Runs kernel `name` on `backend` through the engine (so the registry is exercised) and reads the result.
 * Also fails if the kernel left data behind on either backend (unfreed temporaries, cpu-delegate copies).
 */
export async function runKernel(
  backend: 'cpu' | 'wasm',
  name: string,
  inputs: Record<string, HostTensor>,
  attrs: NamedAttrMap,
): Promise<Result> {
  await tf.setBackend(backend);
  // engine().registry holds initialised backends only (findBackend would start initialising one).
  const counts = () => ['cpu', 'wasm'].map((b) => tf.engine().registry[b]?.numDataIds() ?? '-').join('/');
  const before = counts();
  const ts: Record<string, Tensor> = {};
  let result: Result;
  try {
    for (const [k, h] of Object.entries(inputs)) ts[k] = tf.tensor(h.values, h.shape, h.dtype ?? 'float32');
    const out = tf.engine().runKernel(name, ts, attrs) as Tensor;
    result = { shape: out.shape, values: (await out.data()) as Float32Array | Int32Array };
    out.dispose();
  } finally {
    for (const t of Object.values(ts)) t.dispose();
  }
  const after = counts();
  if (after !== before) throw new Error(`${name} on ${backend} leaked data ids (cpu/wasm ${before} -> ${after})`);
  return result;
}

/** max|wasm − ref| / max|ref| (absolute when ref is all zero). */
export function relErr(got: ArrayLike<number>, ref: ArrayLike<number>): number {
  if (got.length !== ref.length) return Infinity;
  let d = 0,
    m = 0;
  for (let i = 0; i < ref.length; i++) {
    d = Math.max(d, Math.abs(got[i]! - ref[i]!));
    m = Math.max(m, Math.abs(ref[i]!));
  }
  return Number.isNaN(d) ? Infinity : m === 0 ? d : d / m;
}

/** Runs the kernel on cpu and on wasm and returns the relative error plus both results. */
export async function compareWithCpu(
  name: string,
  inputs: Record<string, HostTensor>,
  attrs: NamedAttrMap,
): Promise<{ err: number; cpu: Result; wasm: Result }> {
  const cpu = await runKernel('cpu', name, inputs, attrs);
  const wasm = await runKernel('wasm', name, inputs, attrs);
  if (cpu.shape.join() !== wasm.shape.join()) {
    throw new Error(`shape mismatch: cpu [${cpu.shape}] vs wasm [${wasm.shape}]`);
  }
  return { err: relErr(wasm.values, cpu.values), cpu, wasm };
}

/**
 * Wraps a test body: the wasm module installs an uncaughtException handler that dumps its minified
 * source, and errors thrown through it carry enormous stack lines. Rethrow with a trimmed stack.
 */
export function readable(fn: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await fn();
    } catch (e) {
      if (e instanceof Error && e.name !== 'Assertion') {
        const stack = (e.stack ?? '').split('\n').map((l) => (l.length > 200 ? l.slice(0, 200) + '…' : l));
        const err = new Error(e.message.length > 500 ? e.message.slice(0, 500) + '…' : e.message);
        err.stack = stack.slice(0, 12).join('\n');
        throw err;
      }
      throw e;
    }
  };
}

/** Describes explicit/same/valid padding for test names. */
export type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];
export function padName(pad: Pad): string {
  return typeof pad === 'string' ? `${pad} padding` : `explicit padding ${JSON.stringify(pad.slice(1, 3))}`;
}

/** The tolerance the brief asks for: max|Δ|/max|cpu|. */
export const TOL = 1e-5;

export type ConvCase = {
  name: string;
  B: number;
  H: number;
  W: number;
  C: number;
  Co: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  pad: Pad;
};

export function describeCase(c: Omit<ConvCase, 'name'>): string {
  return `${padName(c.pad)} stride (${c.sh},${c.sw}) k${c.kh}x${c.kw} x[${c.B},${c.H},${c.W},${c.C}] co${c.Co}`;
}

/**
 * Random conv configs over the ranges the kernels must cover: batch 1–3, sizes 5–12, channels 1–4,
 * kernel 1–5 (non-square too), strides 1–3, pad same/valid/explicit. Always a valid (non-empty) output.
 */
export function randomConvCases(seed: number, n: number): ConvCase[] {
  const r = rng(seed);
  const out: ConvCase[] = [];
  while (out.length < n) {
    const kind = pick(r, ['same', 'valid', 'explicit'] as const);
    const c = {
      B: int(r, 1, 3),
      H: int(r, 5, 12),
      W: int(r, 5, 12),
      C: int(r, 1, 4),
      Co: int(r, 1, 4),
      kh: int(r, 1, 5),
      kw: int(r, 1, 5),
      sh: int(r, 1, 3),
      sw: int(r, 1, 3),
      pad: (kind === 'explicit'
        ? [
            [0, 0],
            [int(r, 0, 2), int(r, 0, 2)],
            [int(r, 0, 2), int(r, 0, 2)],
            [0, 0],
          ]
        : kind) as Pad,
    };
    if (typeof c.pad !== 'string' && (c.H + c.pad[1][0] + c.pad[1][1] < c.kh || c.W + c.pad[2][0] + c.pad[2][1] < c.kw))
      continue;
    if (c.pad === 'valid' && (c.H < c.kh || c.W < c.kw)) continue;
    out.push({ name: `random #${out.length + 1}: ${describeCase(c)}`, ...c });
  }
  return out;
}
