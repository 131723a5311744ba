import { datasetLocation, type DatasetLocation } from './internal/remote.ts';

export const CIFAR10_URL = 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz';
export const CIFAR10_MD5 = 'c32a1d4ab5d03f1284b67883e8d87530';
/** The folder name inside the official archive, and the one looked for in the data dir and the cache. */
export const CIFAR10_FOLDER = 'cifar-10-batches-bin';
export const CIFAR10_TITLE = 'CIFAR-10 (binary version)';
export const CIFAR10_FILE_LIST = 'data_batch_1.bin … data_batch_5.bin and test_batch.bin (batches.meta.txt optional)';

/** The places CIFAR-10 is looked for, in order; a download goes into `cache`. */
export type Cifar10Location = DatasetLocation;

export function cifar10Location(
  dataPath: string | undefined,
  options: { env?: NodeJS.ProcessEnv; cacheDir?: string } = {},
): Cifar10Location {
  return datasetLocation(CIFAR10_FOLDER, dataPath, options);
}
