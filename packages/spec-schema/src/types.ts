// The validated, defaults-filled experiment spec. Mirrors `schema.ts`; a test keeps the two in step.
import type { LayerType } from './layers.ts';

export type BackendName = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
export type DatasetName = 'cifar10' | 'synthetic';
export type Normalization = 'none' | 'scale' | 'standardize';

export interface SyntheticOptions {
  classes: number;
  imageSize: number;
  channels: number;
  trainSize: number;
  testSize: number;
  /** Pixel noise amplitude in 0..1; higher makes the task harder. */
  noise: number;
}

export interface DataSpec {
  dataset: DatasetName;
  /** A folder holding the dataset's files; overrides $TFYAML_DATA_DIR and the user cache. */
  path?: string;
  trainLimit?: number;
  testLimit?: number;
  normalize: Normalization;
  synthetic?: SyntheticOptions;
}

export interface LayerSpec {
  type: LayerType;
  [arg: string]: unknown;
}

export interface ModelSpec {
  inputShape?: number[];
  layers: LayerSpec[];
}

export interface OptimizerSpec extends ClipSpec {
  type: OptimizerName;
  learningRate?: number;
  [arg: string]: unknown;
}

export type { OptimizerName } from './vocabulary.ts';
import type { ClipSpec, ScheduleSpec } from './training-schema.ts';
import type { LossName, OptimizerName } from './vocabulary.ts';

export interface LossSpec { type: LossName; fromLogits: boolean }

export type MonitorMode = 'auto' | 'min' | 'max';

export interface EarlyStoppingSpec { monitor: string; mode: MonitorMode; patience: number; minDelta: number; restoreBestWeights: boolean }

export interface CheckpointSpec { save: 'best' | 'last' | 'both'; monitor: string; mode: MonitorMode }

export interface TrainingSpec {
  optimizer: OptimizerSpec;
  schedule: ScheduleSpec;
  loss: LossSpec;
  /** Metric names, or `top<k>Accuracy`. */
  metrics: string[];
  epochs: number;
  batchSize: number;
  /** `test` validates on the test split; a number in (0, 1) holds out that fraction of the training split. */
  validation: 'test' | number;
  shuffle: boolean;
  /** Threads that share each batch (data-parallel); auto = all cores on wasm/cpu, 1 with tfjs-node. */
  workers: number | 'auto';
  earlyStopping?: EarlyStoppingSpec;
  checkpoint?: CheckpointSpec;
}

export interface Spec {
  name: string;
  seed: number;
  backend: BackendName;
  data: DataSpec;
  model: ModelSpec;
  training: TrainingSpec;
}
