import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DataError } from '../errors.ts';
import type { DownloadProgress } from '../types.ts';
import { download } from './download.ts';
import { extractInside } from './extract.ts';
import type { RemoteDataset } from './remote.ts';

export interface InstallOptions {
  remote: RemoteDataset;
  onDownload?: ((progress: DownloadProgress) => void) | undefined;
  /** Appended to every error: where the files may go instead. */
  help: string;
}

/**
 * Downloads, verifies (MD5) and, for an archive, extracts a named dataset into `cacheFolder`, and returns it.
 * Everything happens in a temporary folder beside it that is removed afterwards, and the checked folder is
 * renamed into place in one step, so a failure at any point leaves the cache as it was.
 */
export async function installRemote(
  cacheFolder: string,
  { remote, onDownload, help }: InstallOptions,
): Promise<string> {
  const parent = dirname(cacheFolder);
  await mkdir(parent, { recursive: true });
  const work = await mkdtemp(join(parent, `.${remote.folder}-download-`));
  try {
    const folder =
      'archive' in remote.source
        ? await fetchArchive(remote.source.archive, remote.folder, work, onDownload)
        : await fetchFiles(remote.source.files, join(work, remote.folder), onDownload);
    const source =
      'archive' in remote.source ? remote.source.archive.url : remote.source.files.map((f) => f.url).join(', ');
    await remote.check(folder, `The download from ${source} is not ${remote.title}.`);
    await moveIntoPlace(folder, cacheFolder);
    return cacheFolder;
  } catch (error) {
    throw error instanceof DataError
      ? new DataError(`${error.message}\n\n${help}`, { files: error.files, cause: error.cause })
      : error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function fetchArchive(
  archive: { url: string; md5: string },
  folder: string,
  work: string,
  onDownload: InstallOptions['onDownload'],
): Promise<string> {
  const file = join(work, 'archive.tar.gz');
  await verified(archive, file, onDownload);
  const extracted = join(work, 'extracted');
  await mkdir(extracted);
  await extractInside(file, extracted);
  return join(extracted, folder);
}

async function fetchFiles(
  files: { name: string; url: string; md5: string }[],
  folder: string,
  onDownload: InstallOptions['onDownload'],
): Promise<string> {
  await mkdir(folder);
  for (const file of files) await verified(file, join(folder, file.name), onDownload);
  return folder;
}

async function verified(
  { url, md5: expected }: { url: string; md5: string },
  file: string,
  onDownload: InstallOptions['onDownload'],
): Promise<void> {
  const md5 = await download(url, file, onDownload);
  if (md5 !== expected) {
    throw new DataError(
      `Downloaded ${url} has MD5 ${md5}, expected ${expected}: the file is damaged or not the expected one. Nothing was kept; try again.`,
    );
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
