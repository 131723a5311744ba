/** Images of one split, NHWC uint8: image `i` is `images.subarray(i * H * W * C, (i + 1) * H * W * C)`. */
export interface ImageSplit {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

export interface Dataset {
  name: string;
  /** [height, width, channels] */
  inputShape: [number, number, number];
  numClasses: number;
  classNames: string[];
  train: ImageSplit;
  test: ImageSplit;
  /** The folder the files were read from, or 'generated'. */
  source: string;
}

export interface DownloadProgress {
  url: string;
  receivedBytes: number;
  /** From Content-Length; absent when the server does not send it. */
  totalBytes?: number;
  done: boolean;
}

export interface LoadOptions {
  /** Where $TFYAML_DATA_DIR, $XDG_CACHE_HOME and $HOME are read from; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** The tfyaml cache folder (default `$XDG_CACHE_HOME/tfyaml` or `~/.cache/tfyaml`); datasets go in subfolders. */
  cacheDir?: string;
  /** Called as download chunks arrive and once more with `done: true`. */
  onDownload?: (progress: DownloadProgress) => void;
  cifar10Url?: string;
  cifar10Md5?: string;
  /**
   * Seed of generated datasets. Defaults to a fixed constant, so the same synthetic options give the same
   * images in every run; pass the experiment seed to tie the data to it instead.
   */
  seed?: number;
}
