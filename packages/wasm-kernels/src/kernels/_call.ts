// Helpers shared by the wasm training kernels: run another kernel from inside a kernel, free the
// temporaries it made, keep a replaced stock kernel callable, and delegate to the cpu backend.
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
// The cpu delegate needs the 'cpu' backend and its kernels registered; importing registers both.
import '@tensorflow/tfjs-backend-cpu';

export type { BackendWasm };
export type KernelArgs = { inputs: NamedTensorInfoMap; backend: {}; attrs?: NamedAttrMap };

/** Runs the kernel currently registered as `name` on wasm (a stock one, or ours) and returns its single output. */
export function call(
  name: string,
  backend: BackendWasm,
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const config = tf.getKernel(name, 'wasm');
  if (config === undefined) throw new Error(`wasm-kernels: kernel '${name}' is not registered for wasm`);
  return single(callConfig(config, backend, inputs, attrs), name);
}

/** Disposes kernel-level temporaries. Freeing a temporary filter also frees the XNNPACK operator cached on it. */
export function free(backend: BackendWasm, ...infos: TensorInfo[]): void {
  for (const t of infos) backend.disposeData(t.dataId);
}

// A stock kernel's setupFunc (its cwrap bindings) runs only if the kernel is registered when the backend
// initialises (and on each setBackend). Once we replace it in the registry that no longer happens, so a
// kernel we keep delegating to is set up here, lazily, once per backend instance.
const setUp = new WeakMap<KernelConfig, WeakSet<object>>();

/**
 * Captures the stock wasm kernel `name` before it is replaced. Idempotent: when our replacement is already
 * registered (a second `registerWasmTrainingKernels`), the stock config captured first is returned.
 */
const stockConfigs = new Map<string, KernelConfig>();
export function captureStock(name: string): KernelConfig | undefined {
  const known = stockConfigs.get(name);
  if (known !== undefined) return known;
  const config = tf.getKernel(name, 'wasm');
  if (config !== undefined) stockConfigs.set(name, config);
  return config;
}

/** Runs a captured stock kernel, making sure its setupFunc has run for this backend first. */
export function callConfig(
  config: KernelConfig,
  backend: BackendWasm,
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap = {},
): TensorInfo | TensorInfo[] {
  if (config.setupFunc !== undefined) {
    let done = setUp.get(config);
    if (done === undefined) setUp.set(config, (done = new WeakSet()));
    if (!done.has(backend)) {
      config.setupFunc(backend);
      done.add(backend);
    }
  }
  return config.kernelFunc({ inputs, backend, attrs });
}

function single(out: TensorInfo | TensorInfo[], name: string): TensorInfo {
  if (!Array.isArray(out)) return out;
  const [first] = out;
  if (out.length !== 1 || first === undefined)
    throw new Error(`wasm-kernels: '${name}' returned ${out.length} outputs`);
  return first;
}

/**
 * Generic fallback: copies the inputs to the cpu backend, runs its kernel there and copies the result back.
 * Used only for cases the wasm paths do not cover (NCHW, odd dtypes); the cpu kernels are slow.
 */
export function cpuDelegate(name: string, args: KernelArgs): TensorInfo {
  const wasm = args.backend as BackendWasm;
  const cpu = tf.findBackend('cpu');
  const config = tf.getKernel(name, 'cpu');
  if (cpu == null || config === undefined) {
    throw new Error(`wasm-kernels: cpu fallback for '${name}' needs @tensorflow/tfjs-backend-cpu registered`);
  }
  const cpuInputs: NamedTensorInfoMap = {};
  const temps: TensorInfo[] = [];
  for (const [key, t] of Object.entries(args.inputs)) {
    if (t === undefined) continue;
    const c: TensorInfo = {
      dataId: cpu.write(wasm.readSync(t.dataId), t.shape, t.dtype),
      shape: t.shape,
      dtype: t.dtype,
    };
    cpuInputs[key] = c;
    temps.push(c);
  }
  try {
    const out = single(config.kernelFunc({ inputs: cpuInputs, backend: cpu, attrs: args.attrs ?? {} }), name);
    temps.push(out);
    return wasm.makeOutput(out.shape, out.dtype, undefined, cpu.readSync(out.dataId));
  } finally {
    for (const t of temps) cpu.disposeData(t.dataId);
  }
}
