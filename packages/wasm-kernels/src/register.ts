// Registers TensorFlow.js 4.22 `wasm` backend kernels for training that tfjs lacks or gets wrong (the table in
// kernels/index.ts; see /work/shared/research/tfjs-wasm-training.md), once, before or after tf.setBackend('wasm').
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
// Registers the wasm backend and its stock kernels first, so ours are never overwritten by a later import
// and the stock configs we wrap exist when captured.
import '@tensorflow/tfjs-backend-wasm';
import { callConfig, captureStock } from './kernels/_call.ts';
import type { BackendWasm, KernelArgs } from './kernels/_call.ts';
import { WASM_KERNELS } from './kernels/index.ts';
import type { SpeedOption } from './kernels/index.ts';

export type WasmTrainingOptions = Partial<Record<SpeedOption, boolean>>;

function reg(
  kernelName: string,
  kernelFunc: (args: KernelArgs) => unknown,
  setupFunc?: KernelConfig['setupFunc'],
): void {
  // Unregister first: registerKernel warns on overwrite.
  if (tf.getKernel(kernelName, 'wasm') !== undefined) tf.unregisterKernel(kernelName, 'wasm');
  const config: KernelConfig = { kernelName, backendName: 'wasm', kernelFunc: kernelFunc as KernelFunc };
  if (setupFunc !== undefined) config.setupFunc = setupFunc;
  tf.registerKernel(config);
}

/**
 * Swaps the stock kernel `name` for `fast` (on) or back to the stock one (off). The stock config is
 * captured once, before the first swap, and keeps its setupFunc: the engine runs it on later
 * setBackend('wasm') calls and callConfig runs it lazily otherwise (the "setupFunc gotcha").
 */
function toggle(name: string, on: boolean, fast: (args: KernelArgs) => unknown): void {
  const stock = captureStock(name);
  if (stock === undefined) throw new Error(`wasm-kernels: stock wasm kernel '${name}' is not registered`);
  if (on) reg(name, fast, stock.setupFunc);
  else if (tf.getKernel(name, 'wasm') !== stock) {
    reg(name, (args) => callConfig(stock, args.backend as BackendWasm, args.inputs, args.attrs), stock.setupFunc);
  }
}

/**
 * Registers the wasm training kernels. Idempotent; works before or after tf.setBackend('wasm').
 * - fastBackpropInput (default true): Conv2DBackpropInput as an XNNPACK conv instead of the naive C++ loop.
 * - fastMatMul (default true): BatchMatMul with transpose flags as Transpose + XNNPACK matmul.
 * - fastSum (default true): Sum over all axes but the last (bias gradients) as one pass over the data.
 * Calling again with an option false restores the stock kernel.
 */
export function registerWasmTrainingKernels(options: WasmTrainingOptions = {}): void {
  for (const { kernel, run, option } of WASM_KERNELS) {
    if (option === undefined) reg(kernel, run);
    else toggle(kernel, options[option] ?? true, run);
  }
}
