import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const CIFAR10_URL = 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz';
export const CIFAR10_MD5 = 'c32a1d4ab5d03f1284b67883e8d87530';
/** The folder name inside the official archive, and the one looked for in the data dir and the cache. */
export const CIFAR10_FOLDER = 'cifar-10-batches-bin';

/** The places CIFAR-10 is looked for, in order; a download goes into `cache`. */
export interface Cifar10Location {
  /** `data.path`, resolved: the files directly in it, or in its `cifar-10-batches-bin/`. */
  dataPath?: string;
  /** `$TFYAML_DATA_DIR/cifar-10-batches-bin`, when the variable is set. */
  dataDir?: string;
  /** `<cache>/cifar-10-batches-bin`, the cache being `cacheDir`, `$XDG_CACHE_HOME/tfyaml` or `~/.cache/tfyaml`. */
  cache: string;
}

export function cifar10Location(
  dataPath: string | undefined,
  options: { env?: NodeJS.ProcessEnv; cacheDir?: string } = {},
): Cifar10Location {
  const env = options.env ?? process.env;
  const location: Cifar10Location = { cache: join(cacheRoot(env, options.cacheDir), CIFAR10_FOLDER) };
  if (dataPath !== undefined) location.dataPath = resolve(dataPath);
  if (env.TFYAML_DATA_DIR) location.dataDir = join(resolve(env.TFYAML_DATA_DIR), CIFAR10_FOLDER);
  return location;
}

/** The tfyaml cache folder (not the dataset's subfolder). */
export function cacheRoot(env: NodeJS.ProcessEnv, cacheDir: string | undefined): string {
  if (cacheDir !== undefined) return resolve(cacheDir);
  const base = env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(env.HOME ?? homedir(), '.cache');
  return join(base, 'tfyaml');
}

/** The "how to fix it" paragraph of every CIFAR-10 error: where files may go, and where to get them. */
export function cifar10Help(location: Cifar10Location, url: string): string {
  return [
    'CIFAR-10 (binary version) is read from the first of these that exists:',
    `  1. data.path in the experiment${location.dataPath ? ` (${location.dataPath})` : ''}: a folder holding the files, or holding ${CIFAR10_FOLDER}/`,
    `  2. $TFYAML_DATA_DIR/${CIFAR10_FOLDER}${location.dataDir ? ` (${location.dataDir})` : ' ($TFYAML_DATA_DIR is not set)'}`,
    `  3. the cache, ${location.cache}, which is downloaded automatically when missing`,
    'It needs data_batch_1.bin … data_batch_5.bin and test_batch.bin (batches.meta.txt optional).',
    `On an offline machine, download ${url} elsewhere and extract it so that the files sit in one of those folders.`,
  ].join('\n');
}
