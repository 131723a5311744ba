// Training-time pieces beyond the model: learning-rate schedules, AdamW, fused optimizer updates, gradient clipping.
export { createSchedule } from './schedule.ts';
export type { LearningRateSchedule, ScheduleBase } from './schedule.ts';
export { PlateauSchedule } from './plateau.ts';
export type { EpochLogs, ScheduleState } from './plateau.ts';
export { setLearningRate } from './learning-rate.ts';
export { AdamWOptimizer } from './adamw.ts';
export { ClippedOptimizer, clipGradients, withGradientClipping } from './clip.ts';
export { FUSED_UPDATE_KERNELS } from './fused-kernels.ts';
export {
  FusedAdadeltaOptimizer,
  FusedAdagradOptimizer,
  FusedAdamaxOptimizer,
  FusedAdamOptimizer,
  FusedMomentumOptimizer,
  FusedRMSPropOptimizer,
  FusedSGDOptimizer,
  fusedUpdateAvailable,
} from './fused-optimizers.ts';
export { readOptimizerState, restoreOptimizerState } from './optimizer-state.ts';
export type { OptimizerState } from './optimizer-state.ts';
