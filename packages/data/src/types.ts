import type { CsvTask } from '@tfyaml/spec-schema';

/** Images of one split, NHWC uint8: image `i` is `images.subarray(i * H * W * C, (i + 1) * H * W * C)`. */
export interface ImageSplit {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  /** What names each record in predictions (a file path); absent for datasets whose records have no names. */
  ids?: string[];
}

/**
 * Rows of a table, as read: `values[i * columns + j]` is row i's raw value of feature column j: the number for a
 * numeric column, the category's index for a categorical one, NaN when missing, -1 for a category never seen in
 * training. Standardizing and encoding happen per batch with the training split's statistics (`fitNormalization`).
 */
export interface TableSplit {
  values: Float64Array;
  /** Class indices (classification) or targets (regression). */
  labels: Int32Array | Float32Array;
  count: number;
  /** The id column's values, or each row's line number in its file. */
  ids?: string[];
}

export type Split = ImageSplit | TableSplit;

export function isTableSplit(split: Split): split is TableSplit {
  return 'values' in split;
}

export type TableColumn =
  { name: string; type: 'numeric' } | { name: string; type: 'categorical'; categories: string[] };

/** How a table's columns become features: fixed at load from the whole file, then stored with the run. */
export interface TableLayout {
  columns: TableColumn[];
  label: string;
  task: CsvTask;
  /** Classification: the label values, in class-index order. */
  classNames: string[];
  encoding: 'onehot' | 'embedding';
}

export interface Dataset {
  name: string;
  /** One sample's shape: [height, width, channels] for images, [features] for tables. */
  inputShape: number[];
  /** Classes for classification; 1 for regression (one output). */
  numClasses: number;
  classNames: string[];
  task: CsvTask;
  train: Split;
  test: Split;
  /** Validation records named by `data.split` (a fraction, a named split or a column); else the runner decides. */
  validation?: Split;
  /** The folder or file the records were read from, or 'generated'. */
  source: string;
  /** csv only: the columns and their categories. */
  table?: TableLayout;
}

export interface DownloadProgress {
  url: string;
  receivedBytes: number;
  /** From Content-Length; absent when the server does not send it. */
  totalBytes?: number;
  done: boolean;
}

/** Where a named dataset is downloaded from: its archive, or its files, each with an MD5 checksum. */
export type RemoteSource =
  { archive: { url: string; md5: string } } | { files: { name: string; url: string; md5: string }[] };

export interface LoadOptions {
  /** Where $TFYAML_DATA_DIR, $XDG_CACHE_HOME and $HOME are read from; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** The tfyaml cache folder (default `$XDG_CACHE_HOME/tfyaml` or `~/.cache/tfyaml`); datasets go in subfolders. */
  cacheDir?: string;
  /** Called as download chunks arrive and once more with `done: true`. */
  onDownload?: (progress: DownloadProgress) => void;
  /** Something the user should know that does not stop loading: skipped images, dropped rows. */
  onWarning?: (message: string) => void;
  cifar10Url?: string;
  cifar10Md5?: string;
  /**
   * Accept named datasets' files with other record counts than the official ones (tests' small files). By default a
   * file cut short at a record boundary is an error, not a smaller dataset.
   */
  anyRecordCount?: boolean;
  /** Replaces the official download of cifar100, mnist or fashion-mnist (mirrors, tests). */
  remote?: Partial<Record<'cifar100' | 'mnist' | 'fashion-mnist', RemoteSource>>;
  /**
   * Seeds generated datasets and `data.split` fractions. Defaults to a fixed constant, so the same options give
   * the same records in every run; pass the experiment seed to tie them to it instead.
   */
  seed?: number;
  /**
   * csv only: read the rows with this layout (a trained run's) instead of inferring one, so new data is encoded
   * exactly as in training; categories it never saw become "unknown".
   */
  layout?: TableLayout;
}
