// Which implementation serves each tfjs kernel on the native and wasm backends, read from the kernel packages' own
// registration lists, and, through the traced kernels of every layer type and optimizer (coverage-trace.json,
// written by coverage-trace.ts), which of a training step's kernels are covered. Computed when asked, so it
// follows the kernel packages as they change; a test keeps the trace itself current.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
// Registers the stock wasm kernels (without starting the backend), so that what wasm offers can be looked up.
import '@tensorflow/tfjs-backend-wasm';
import { KERNEL_COVERAGE as NATIVE_KERNEL_COVERAGE, VIEW_KERNELS } from '@tfyaml/native-kernels';
import { KERNEL_COVERAGE as WASM_KERNEL_COVERAGE } from '@tfyaml/wasm-kernels';
import type { KernelTrace } from './coverage-trace.ts';

/**
 * native: C++ over oneDNN (when the call's shapes and dtypes are covered, else the stock kernel), a stock kernel that
 * only relabels its input's buffer (a view: no code runs over the data), or tfjs's JS.
 */
export type NativeImplementation = 'oneDNN' | 'view' | 'js';
/** wasm: a tfyaml kernel (@tfyaml/wasm-kernels), tfjs's own wasm kernel (C++, XNNPACK where tfjs uses it), none. */
export type WasmImplementation = 'tfyaml' | 'tfjs-wasm' | 'none';

const NATIVE_COVERED = new Set(NATIVE_KERNEL_COVERAGE.map(({ kernel }) => kernel));
const NATIVE_VIEWS = new Set(VIEW_KERNELS);
const WASM_OURS = new Set(WASM_KERNEL_COVERAGE.map(({ kernel }) => kernel));

export function nativeImplementation(kernel: string): NativeImplementation {
  return NATIVE_COVERED.has(kernel) ? 'oneDNN' : NATIVE_VIEWS.has(kernel) ? 'view' : 'js';
}

export function wasmImplementation(kernel: string): WasmImplementation {
  if (WASM_OURS.has(kernel)) return 'tfyaml';
  return tf.getKernel(kernel, 'wasm') !== undefined ? 'tfjs-wasm' : 'none';
}

/** The committed trace: every layer type's and optimizer's kernels. */
export function readKernelTrace(): KernelTrace {
  return JSON.parse(readFileSync(new URL('./coverage-trace.json', import.meta.url), 'utf8')) as KernelTrace;
}

export interface KernelCoverage {
  kernel: string;
  native: NativeImplementation;
  /** null: no step that wasm runs uses it (only native's own kernels of a row, which wasm lacks). */
  wasm: WasmImplementation | null;
  usedBy: string[];
}

/** One row per kernel any traced step runs, with who uses it. */
export function kernelCoverage(trace: KernelTrace): KernelCoverage[] {
  const users = new Map<string, string[]>();
  for (const [name, kernels] of traceRows(trace)) {
    for (const kernel of kernels) users.set(kernel, [...(users.get(kernel) ?? []), name]);
  }
  const onWasm = new Set(wasmRows(trace).flat());
  return [...users]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kernel, usedBy]) => ({
      kernel,
      native: nativeImplementation(kernel),
      wasm: onWasm.has(kernel) ? wasmImplementation(kernel) : null,
      usedBy,
    }));
}

/**
 * What wasm runs for a row traced on cpu (`kernels`) and, where native runs other kernels, on native: native's
 * kernels where wasm registers every one native adds (model-compiler picks its fused recurrent layers by what the
 * backend registers), else the stock ones (wasm has no fused optimizer updates).
 */
function wasmKernels(kernels: string[], nativeKernels: string[] | undefined): string[] {
  const added = nativeKernels?.filter((k) => !kernels.includes(k)) ?? [];
  return nativeKernels && added.every((k) => WASM_OURS.has(k)) ? nativeKernels : kernels;
}

function wasmRows(trace: KernelTrace): string[][] {
  const native = trace.native ?? { layers: {}, optimizers: {} };
  return [
    trace.base,
    ...Object.entries(trace.layers).map(([type, kernels]) => wasmKernels(kernels, native.layers[type])),
    ...Object.entries(trace.optimizers).map(([name, kernels]) => wasmKernels(kernels, native.optimizers[name])),
  ];
}

export interface StepCoverage {
  name: string;
  kernels: string[];
  /** What native runs instead of `kernels` (its fused kernels), if it differs. */
  nativeKernels?: string[];
  nativeJs: string[];
  wasmTfyaml: string[];
  wasmNone: string[];
}

/**
 * Per layer type and optimizer: its kernels, those native leaves to JS, those tfyaml's wasm kernels serve. The
 * first row is what every traced step runs (head, loss, accuracy); layer rows list what they run beyond it.
 */
export function stepCoverage(trace: KernelTrace): StepCoverage[] {
  const base = new Set(trace.base);
  const beyondBase = (kernels: string[]) => kernels.filter((k) => !base.has(k));
  const row = (name: string, kernels: string[], nativeKernels?: string[]): StepCoverage => ({
    name,
    kernels,
    ...(nativeKernels && { nativeKernels }),
    nativeJs: (nativeKernels ?? kernels).filter((k) => nativeImplementation(k) === 'js'),
    wasmTfyaml: wasmKernels(kernels, nativeKernels).filter((k) => wasmImplementation(k) === 'tfyaml'),
    wasmNone: wasmKernels(kernels, nativeKernels).filter((k) => wasmImplementation(k) === 'none'),
  });
  return [
    row('every step: dense, softmax head, loss, accuracy', trace.base),
    ...Object.entries(trace.layers).map(([type, kernels]) => {
      const native = trace.native?.layers[type];
      return row(type, beyondBase(kernels), native && beyondBase(native));
    }),
    ...Object.entries(trace.optimizers).map(([name, kernels]) =>
      row(`optimizer ${name}`, kernels, trace.native?.optimizers[name]),
    ),
  ];
}

/** Marks the rows traced on native in `usedBy`. */
const NATIVE_ROW = ' (native)';

function traceRows(trace: KernelTrace): [string, string[]][] {
  const native = trace.native ?? { layers: {}, optimizers: {} };
  return [
    ...Object.entries(trace.layers).map(([type, kernels]): [string, string[]] => [type, kernels]),
    ...Object.entries(trace.optimizers).map(([name, kernels]): [string, string[]] => [`optimizer ${name}`, kernels]),
    ...Object.entries(native.layers).map(([type, kernels]): [string, string[]] => [`${type}${NATIVE_ROW}`, kernels]),
    ...Object.entries(native.optimizers).map(([name, kernels]): [string, string[]] => [
      `optimizer ${name}${NATIVE_ROW}`,
      kernels,
    ]),
  ];
}
