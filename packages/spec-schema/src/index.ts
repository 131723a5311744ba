export { loadSpec, loadSpecText, formatResolvedSpec } from './load.ts';
export type { LoadedSpec, LoadOptions } from './load.ts';
export { SpecError, UserError, formatIssue } from './errors.ts';
export type { ErrorShape, SpecIssue, UserErrorDetails } from './errors.ts';
export type { Location } from './source.ts';
export { formatPath, parsePath } from './paths.ts';
export type { PathKey } from './paths.ts';
export { experimentSchema } from './schema.ts';
export { LAYERS, LAYER_TYPES, MERGE_LAYER_TYPES, layerArguments } from './layers.ts';
export { MODEL_INPUT, isGraphModel, layerName, resolveGraph } from './graph.ts';
export type { LayerGraph, LayerSource } from './graph.ts';
export type { LayerType } from './layers.ts';
export {
  ACTIVATIONS,
  INITIALIZERS,
  REGULARIZERS,
  CONSTRAINTS,
  METRICS,
  METRIC_DIRECTIONS,
  TOP_K_ACCURACY,
  TASKS,
  CHECKPOINT_SAVES,
  OPTIMIZERS,
  OPTIMIZER_NAMES,
} from './vocabulary.ts';
export type { Activation, CheckpointSave, MetricName, OptimizerName, Task } from './vocabulary.ts';
export { LOSSES, LOSS_NAMES } from './losses.ts';
export type { LossFacts, LossName } from './losses.ts';
export { AUTO_BACKEND_ORDER, BACKENDS } from './backends.ts';
export type { BackendName, ConcreteBackend } from './backends.ts';
export { MONITOR_MODES, monitorMode } from './monitor.ts';
export type { MonitorDirection, MonitorMode } from './monitor.ts';
export { didYouMean } from './did-you-mean.ts';
export { formatBytes, parseByteSize } from './byte-size.ts';
export { SCHEDULE_TYPES, loggedColumns } from './training-schema.ts';
export {
  CSV_DEFAULTS,
  DATASET_NAMES,
  DEFAULT_TEST_FRACTION,
  IMAGES_DEFAULTS,
  LABEL_MODE_DEFAULT,
  NAMED_DATASETS,
  SPLIT_DEFAULTS,
  SYNTHETIC_DEFAULTS,
  dataSchema,
} from './data-schema.ts';
export {
  durationSeconds,
  epochObjectives,
  gridSize,
  primaryMetric,
  sweepObjectives,
  TRIAL_COLUMNS,
} from './sweep-schema.ts';
export type {
  SweepSpec,
  SweepMethod,
  SweepGoal,
  SweepMetric,
  TrialColumn,
  SweepParameter,
  CategoricalParameter,
  UniformParameter,
  IntUniformParameter,
  QUniformParameter,
  NormalParameter,
  EarlyTerminateSpec,
  EarlyTerminateType,
  SweepWhen,
  Duration,
} from './sweep-schema.ts';
export { experimentWithoutSweep } from './sweep-experiment.ts';
export { CONSTRAINT_COLUMNS, holds, parseConstraint } from './sweep-constraints.ts';
export type { Constraint, ConstraintColumn } from './sweep-constraints.ts';
export { flattenSpace, isActive, isConditional, isSweepVariable, orderedSpace, sameValue } from './sweep-space.ts';
export type { SpaceParameter, SweepCondition } from './sweep-space.ts';
export type {
  ScheduleSpec,
  ScheduleType,
  ConstantSchedule,
  StepSchedule,
  PiecewiseSchedule,
  ExponentialSchedule,
  CosineSchedule,
  OneCycleSchedule,
  ReduceOnPlateauSchedule,
  ClipSpec,
} from './training-schema.ts';
export type {
  Spec,
  DataSpec,
  ModelSpec,
  TrainingSpec,
  LayerSpec,
  OptimizerSpec,
  SyntheticOptions,
  Normalization,
  DatasetName,
  AugmentSpec,
  ChannelStats,
  CsvOptions,
  CsvTask,
  ImageFolderOptions,
  MissingPolicy,
  SplitSource,
  SplitSpec,
  LossSpec,
  EarlyStoppingSpec,
  CheckpointSpec,
} from './types.ts';
