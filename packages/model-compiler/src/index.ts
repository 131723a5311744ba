export { compileModel } from './compile.ts';
export { registerChainedOps } from './chained-ops.ts';
export { registerLayerClasses } from './register-classes.ts';
export { FUSED_RECURRENT_KERNELS } from './recurrent/fused-kernels.ts';
export { FUSED_CONV_KERNELS } from './conv/fused-kernels.ts';
export { checkMemory, estimateMemory } from './memory-estimate.ts';
export type { MemoryEstimate } from './memory-estimate.ts';
export type { CompiledModel, CompileTarget } from './compile.ts';
export { createOptimizer, learningRateOf } from './optimizer.ts';
export { summarizeModel } from './summary.ts';
export type { LayerSummary } from './summary.ts';
export { ModelError } from './errors.ts';
export { labelEncoding } from './losses.ts';
export type { LabelEncoding } from './losses.ts';
export {
  createSchedule,
  setLearningRate,
  AdamWOptimizer,
  PlateauSchedule,
  readOptimizerState,
  restoreOptimizerState,
  FUSED_UPDATE_KERNELS,
} from './training/index.ts';
export type { LearningRateSchedule, EpochLogs, OptimizerState, ScheduleState } from './training/index.ts';
