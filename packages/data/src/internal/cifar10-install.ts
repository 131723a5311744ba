import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CIFAR10_FOLDER } from '../cifar10-location.ts';
import { DataError } from '../errors.ts';
import type { DownloadProgress } from '../types.ts';
import { checkCifar10Files } from './cifar10-read.ts';
import { download } from './download.ts';
import { extractInside } from './extract.ts';

export interface InstallOptions {
  url: string;
  md5: string;
  onDownload?: (progress: DownloadProgress) => void;
  /** Appended to every error: where the files may go instead. */
  help: string;
}

/**
 * Downloads, verifies and extracts CIFAR-10 into `cacheFolder` (…/cifar-10-batches-bin) and returns it.
 * Everything happens in a temporary folder beside it that is removed afterwards, and the checked folder is
 * renamed into place in one step, so a failure at any point leaves the cache as it was.
 */
export async function installCifar10(cacheFolder: string, options: InstallOptions): Promise<string> {
  const parent = dirname(cacheFolder);
  await mkdir(parent, { recursive: true });
  const work = await mkdtemp(join(parent, '.cifar-10-download-'));
  try {
    const archive = join(work, 'cifar-10-binary.tar.gz');
    const md5 = await download(options.url, archive, options.onDownload);
    if (md5 !== options.md5) {
      throw new DataError(
        `Downloaded ${options.url} has MD5 ${md5}, expected ${options.md5}: the file is damaged or not the CIFAR-10 archive. Nothing was kept; try again.`,
      );
    }
    const extracted = join(work, 'extracted');
    await mkdir(extracted);
    await extractInside(archive, extracted);
    const folder = join(extracted, CIFAR10_FOLDER);
    await checkCifar10Files(folder, `The archive from ${options.url} is not the CIFAR-10 binary version.`);
    await moveIntoPlace(folder, cacheFolder);
    return cacheFolder;
  } catch (error) {
    throw error instanceof DataError
      ? new DataError(`${error.message}\n\n${options.help}`, { files: error.files, cause: error.cause })
      : error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function moveIntoPlace(folder: string, destination: string): Promise<void> {
  try {
    await rename(folder, destination);
  } catch (error) {
    // Another process finished the same download first; its copy was checked the same way.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  }
}
