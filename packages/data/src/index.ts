export { BatchSource } from './batches.ts';
export type { Batch, BatchSourceOptions } from './batches.ts';
export { CIFAR10_MD5, CIFAR10_URL, cifar10Location } from './cifar10-location.ts';
export type { Cifar10Location } from './cifar10-location.ts';
export { DataError } from './errors.ts';
export { describeDataset } from './describe.ts';
export type { DatasetShape } from './describe.ts';
export { readInputs } from './inputs.ts';
export type { InputKind, InputRecords, InputSpec } from './inputs.ts';
export { loadDataset } from './load.ts';
export { fitNormalization, isTableNormalization, pixelNormalization } from './normalization.ts';
export type { FeatureNormalization, PixelNormalization, TableNormalization } from './normalization.ts';
export { createRng, deriveSeed } from './rng.ts';
export { splitValidation } from './split.ts';
export type { HoldOutOptions } from './split.ts';
export { isTableSplit } from './types.ts';
export type {
  Dataset,
  DownloadProgress,
  ImageSplit,
  LoadOptions,
  RemoteSource,
  Split,
  TableColumn,
  TableLayout,
  TableSplit,
} from './types.ts';
