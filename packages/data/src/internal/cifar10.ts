import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSpec } from '@tfyaml/spec-schema';
import { CIFAR10_FOLDER, CIFAR10_MD5, CIFAR10_URL, cifar10Help, cifar10Location, type Cifar10Location } from '../cifar10-location.ts';
import { DataError } from '../errors.ts';
import type { Dataset, LoadOptions } from '../types.ts';
import { checkCifar10Files, readCifar10Split, readClassNames, TEST_FILES, TRAIN_FILES } from './cifar10-read.ts';
import { installCifar10 } from './cifar10-install.ts';

/** Finds CIFAR-10 (data.path → $TFYAML_DATA_DIR → cache → download into the cache) and reads it. */
export async function loadCifar10(spec: DataSpec, options: LoadOptions): Promise<Dataset> {
  const url = options.cifar10Url ?? CIFAR10_URL;
  const location = cifar10Location(spec.path, options);
  const help = cifar10Help(location, url);
  const folder =
    (await findLocal(location, help)) ??
    (await installCifar10(location.cache, { url, md5: options.cifar10Md5 ?? CIFAR10_MD5, onDownload: options.onDownload, help }));

  const records = await checkCifar10Files(folder, help);
  const [train, test, classNames] = await Promise.all([
    readCifar10Split(folder, TRAIN_FILES, records, spec.trainLimit),
    readCifar10Split(folder, TEST_FILES, records, spec.testLimit),
    readClassNames(folder),
  ]);
  return { name: 'cifar10', inputShape: [32, 32, 3], numClasses: 10, classNames, train, test, source: folder };
}

/** The first existing place; a given data.path must hold the files (no fallback hides a typo there). */
async function findLocal(location: Cifar10Location, help: string): Promise<string | undefined> {
  if (location.dataPath !== undefined) return dataPathFolder(location.dataPath, help);
  for (const folder of [location.dataDir, location.cache]) {
    if (folder !== undefined && (await isFolder(folder))) return folder;
  }
  return undefined;
}

async function dataPathFolder(path: string, help: string): Promise<string> {
  if (!(await isFolder(path))) {
    throw new DataError(`data.path ${path} does not exist or is not a folder. Fix data.path, or remove it to use the default places.\n\n${help}`, {
      files: [path],
    });
  }
  const entries = await readdir(path);
  const holdsFiles = [...TRAIN_FILES, ...TEST_FILES].some((name) => entries.includes(name));
  if (!holdsFiles && entries.includes(CIFAR10_FOLDER)) return join(path, CIFAR10_FOLDER);
  return path;
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return false;
    throw error;
  }
}
