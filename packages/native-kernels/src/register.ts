// Registers the `native` backend with tfjs: every stock cpu kernel under the new name, the hot ones wrapped so
// that the native implementation runs when it covers the call and the stock kernel otherwise; and our fused
// optimizer updates, recurrent layers and conv gradient, which only this backend has.
import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import type { KernelFunc } from '@tensorflow/tfjs-core';
// Registers the cpu backend and its kernels, which are copied below.
import '@tensorflow/tfjs-backend-cpu';
import { loadAddon } from './addon.ts';
import type { NativeAddon } from './addon.ts';
import { NativeBackend } from './backend.ts';
import { cpuInternalsProblems } from './internals.ts';
import { CONV_GRAD_KERNELS, FUSED_UPDATES, NATIVE_KERNELS, RECURRENT_KERNELS } from './kernels/index.ts';
import type { NativeArgs, NativeKernel } from './kernels/index.ts';
import { BufferPool } from './pool.ts';

export const NATIVE_BACKEND = 'native';

export interface NativeOptions {
  /** oneDNN/OpenMP threads; default: every core (os.availableParallelism()). */
  threads?: number;
  /** Cap on bytes the output-buffer pool keeps for reuse; default 512 MiB. */
  poolMegabytes?: number;
}

export interface NativeInfo {
  onednn: string;
  threads: number;
}

/** The native backend cannot run here; `message` is one line saying why. */
export class NativeUnavailableError extends Error {
  override name = 'NativeUnavailableError';
}

/** Calls per kernel name that ran natively and that fell back to the stock kernel. */
export const kernelCalls = new Map<string, { native: number; stock: number }>();

let registered: NativeAddon | undefined;

/** Registers the `native` backend (idempotent) and sets its thread count. Throws NativeUnavailableError. */
export function registerNativeBackend(options: NativeOptions = {}): NativeInfo {
  const addon = registered ?? register(options);
  return setNativeThreads(addon, options.threads ?? availableParallelism());
}

function register(options: NativeOptions): NativeAddon {
  const loaded = loadAddon();
  if (!loaded.available) throw new NativeUnavailableError(loaded.reason);
  const problems = cpuInternalsProblems();
  if (problems.length > 0)
    throw new NativeUnavailableError(`tfjs cpu backend internals changed: ${problems.join('; ')}`);
  const { addon } = loaded;
  const capBytes = (options.poolMegabytes ?? 512) * 2 ** 20;
  tf.registerBackend(NATIVE_BACKEND, () => new NativeBackend(addon, new BufferPool(capBytes)), 0);
  for (const stock of tf.getKernelsForBackend('cpu')) {
    const fast = NATIVE_KERNELS[stock.kernelName];
    const kernelFunc = fast ? withFallback(stock.kernelName, fast, stock.kernelFunc) : stock.kernelFunc;
    tf.registerKernel({ ...stock, backendName: NATIVE_BACKEND, kernelFunc });
  }
  for (const [kernelName, run] of Object.entries({ ...FUSED_UPDATES, ...RECURRENT_KERNELS, ...CONV_GRAD_KERNELS })) {
    const calls = { native: 0, stock: 0 };
    kernelCalls.set(kernelName, calls);
    const kernelFunc: KernelFunc = (args) => {
      calls.native++;
      return run(args as unknown as NativeArgs);
    };
    tf.registerKernel({ kernelName, backendName: NATIVE_BACKEND, kernelFunc });
  }
  registered = addon;
  return addon;
}

function withFallback(name: string, fast: NativeKernel, stock: KernelFunc): KernelFunc {
  const calls = { native: 0, stock: 0 };
  kernelCalls.set(name, calls);
  return (args) => {
    const out = fast(args as unknown as NativeArgs);
    if (out !== null) {
      calls.native++;
      return out;
    }
    calls.stock++;
    return stock(args);
  };
}

function setNativeThreads(addon: NativeAddon, threads: number): NativeInfo {
  addon.setThreads(threads);
  const info = addon.info();
  return { onednn: info.onednn, threads: info.threads };
}
