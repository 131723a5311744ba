export { loadAddon } from './addon.ts';
export type { Availability, NativeAddon } from './addon.ts';
export { NativeBackend } from './backend.ts';
export { cpuInternalsProblems, PINNED_TFJS } from './internals.ts';
export {
  CONV_GRAD_KERNELS,
  FUSED_UPDATES,
  KERNEL_COVERAGE,
  NATIVE_KERNELS,
  RECURRENT_KERNELS,
  VIEW_KERNELS,
} from './kernels/index.ts';
export { BufferPool } from './pool.ts';
export type { PoolStats } from './pool.ts';
export { kernelCalls, NATIVE_BACKEND, NativeUnavailableError, registerNativeBackend } from './register.ts';
export type { NativeInfo, NativeOptions } from './register.ts';
