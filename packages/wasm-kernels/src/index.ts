export { KERNEL_COVERAGE } from './kernels/index.ts';
export type { SpeedOption } from './kernels/index.ts';
export { registerWasmTrainingKernels } from './register.ts';
export type { WasmTrainingOptions } from './register.ts';
export { withWasmThreads } from './threads.ts';
