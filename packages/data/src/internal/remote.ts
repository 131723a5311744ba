// Named datasets (CIFAR-10/100, MNIST, Fashion-MNIST) are found the same way: data.path, then
// $TFYAML_DATA_DIR/<folder>, then the cache, else downloaded into the cache (checksummed, extracted safely).
import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataError } from '../errors.ts';
import type { LoadOptions, RemoteSource } from '../types.ts';
import { installRemote } from './install.ts';

export interface RemoteDataset {
  /** For messages, e.g. "CIFAR-100 (binary version)". */
  title: string;
  /** The folder looked for in $TFYAML_DATA_DIR and the cache, and the archive's top folder. */
  folder: string;
  /** The files a folder must hold, as listed in messages. */
  fileList: string;
  source: RemoteSource;
  /** Whether a folder's entries are the dataset's files (else data.path may hold `folder/`). */
  holdsFiles(entries: string[]): boolean;
  /** Throws a DataError (with `help` appended) unless `folder` holds complete files. */
  check(folder: string, help: string): Promise<void>;
}

/** The places a named dataset is looked for, in order; a download goes into `cache`. */
export interface DatasetLocation {
  /** `data.path`, resolved: the files directly in it, or in its `<folder>/`. */
  dataPath?: string;
  /** `$TFYAML_DATA_DIR/<folder>`, when the variable is set. */
  dataDir?: string;
  /** `<cache>/<folder>`, the cache being `cacheDir`, `$XDG_CACHE_HOME/tfyaml` or `~/.cache/tfyaml`. */
  cache: string;
}

export function datasetLocation(
  folder: string,
  dataPath: string | undefined,
  options: { env?: NodeJS.ProcessEnv; cacheDir?: string },
): DatasetLocation {
  const env = options.env ?? process.env;
  const location: DatasetLocation = { cache: join(cacheRoot(env, options.cacheDir), folder) };
  if (dataPath !== undefined) location.dataPath = resolve(dataPath);
  if (env.TFYAML_DATA_DIR) location.dataDir = join(resolve(env.TFYAML_DATA_DIR), folder);
  return location;
}

/** The tfyaml cache folder (not a dataset's subfolder). */
export function cacheRoot(env: NodeJS.ProcessEnv, cacheDir: string | undefined): string {
  if (cacheDir !== undefined) return resolve(cacheDir);
  const base = env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(env.HOME ?? homedir(), '.cache');
  return join(base, 'tfyaml');
}

/** The "how to fix it" paragraph of every error about a named dataset: where its files may go, and where to get them. */
export function remoteHelp(
  remote: Pick<RemoteDataset, 'title' | 'folder' | 'fileList' | 'source'>,
  location: DatasetLocation,
): string {
  const urls = 'archive' in remote.source ? [remote.source.archive.url] : remote.source.files.map((f) => f.url);
  const get =
    'archive' in remote.source
      ? `download ${urls[0]} elsewhere and extract it so that the files sit in one of those folders.`
      : `download ${urls.join(', ')} elsewhere and put them in one of those folders.`;
  return [
    `${remote.title} is read from the first of these that exists:`,
    `  1. data.path in the experiment${location.dataPath ? ` (${location.dataPath})` : ''}: a folder holding the files, or holding ${remote.folder}/`,
    `  2. $TFYAML_DATA_DIR/${remote.folder}${location.dataDir ? ` (${location.dataDir})` : ' ($TFYAML_DATA_DIR is not set)'}`,
    `  3. the cache, ${location.cache}, which is downloaded automatically when missing`,
    `It needs ${remote.fileList}.`,
    `On an offline machine, ${get}`,
  ].join('\n');
}

/** The folder holding the dataset's files: found locally, or downloaded into the cache and checked. */
export async function locateRemote(
  remote: RemoteDataset,
  dataPath: string | undefined,
  options: LoadOptions,
): Promise<string> {
  const location = datasetLocation(remote.folder, dataPath, options);
  const help = remoteHelp(remote, location);
  const local = await findLocal(remote, location, help);
  const folder = local ?? (await installRemote(location.cache, { remote, help, onDownload: options.onDownload }));
  await remote.check(folder, help);
  return folder;
}

/** The first existing place; a given data.path must hold the files (no fallback hides a typo there). */
async function findLocal(remote: RemoteDataset, location: DatasetLocation, help: string): Promise<string | undefined> {
  if (location.dataPath !== undefined) return dataPathFolder(remote, location.dataPath, help);
  for (const folder of [location.dataDir, location.cache]) {
    if (folder !== undefined && (await isFolder(folder))) return folder;
  }
  return undefined;
}

async function dataPathFolder(remote: RemoteDataset, path: string, help: string): Promise<string> {
  if (!(await isFolder(path))) {
    throw new DataError(
      `data.path ${path} does not exist or is not a folder. Fix data.path, or remove it to use the default places.\n\n${help}`,
      {
        files: [path],
        specPath: 'data.path',
      },
    );
  }
  const entries = await readdir(path);
  if (!remote.holdsFiles(entries) && entries.includes(remote.folder)) return join(path, remote.folder);
  return path;
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR')
      return false;
    throw error;
  }
}

/** A file's size, or undefined when there is no such file. */
export async function fileSize(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
