// The validated, defaults-filled experiment spec. Mirrors `schema.ts`: each union below is the type of the list the
// schema's `enum` is, and vocabulary.test.ts checks both ends.
import type { BackendName } from './backends.ts';
import type { DataSpec } from './data-schema.ts';
import type { LayerType } from './layers.ts';

export type {
  AugmentSpec,
  ChannelStats,
  CsvOptions,
  CsvTask,
  DataSpec,
  DatasetName,
  ImageFolderOptions,
  MissingPolicy,
  Normalization,
  SplitSource,
  SplitSpec,
  SyntheticOptions,
} from './data-schema.ts';

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
import type { SweepSpec } from './sweep-schema.ts';
import type { ClipSpec, ScheduleSpec } from './training-schema.ts';
import type { LossName } from './losses.ts';
import type { MonitorMode } from './monitor.ts';
import type { CheckpointSave, OptimizerName } from './vocabulary.ts';

export interface LossSpec {
  type: LossName;
  fromLogits: boolean;
}

export interface EarlyStoppingSpec {
  monitor: string;
  mode: MonitorMode;
  patience: number;
  minDelta: number;
  restoreBestWeights: boolean;
}

export interface CheckpointSpec {
  save: CheckpointSave;
  monitor: string;
  mode: MonitorMode;
}

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
  /** Threads that share each batch (data-parallel) on wasm and cpu; auto = all cores. tensorflow and native: always 1. */
  workers: number | 'auto';
  /** CPU threads inside each op on the native backend (oneDNN/OpenMP); auto = all cores. */
  threads: number | 'auto';
  /** Memory training may use: bytes, or a size such as "8GB" (parseByteSize); default the machine's total memory. */
  maxMemory?: number | string;
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
  /** Makes the file a sweep; a single run ignores it. */
  sweep?: SweepSpec;
}
