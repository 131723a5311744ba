// Finding the images of a Keras-layout folder (<root>/<class>/**/*.png|jpg|jpeg), with what the cache key needs.
import { readdir, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { DataError } from '../errors.ts';

const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'];

export interface ImageFile {
  path: string;
  /** Relative to the scanned root, with `/` separators: the record's id. */
  id: string;
  label: number;
  size: number;
  mtimeMs: number;
}

export interface ImageFolder { root: string; classNames: string[]; files: ImageFile[] }

export const isImageFile = (name: string): boolean => IMAGE_EXTENSIONS.includes(extname(name).toLowerCase());

/**
 * Class folders in name order (as Keras' image_dataset_from_directory), each one's images in path order.
 * Hidden entries (the decode cache among them) are never classes. With `classNames`, the folders must be among
 * them (a test split or new data for a trained run) and keep their indices.
 */
export async function scanImageFolder(root: string, classNames?: string[]): Promise<ImageFolder> {
  const entries = await readdir(root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new DataError(`Cannot read the image folder ${root} (${error.code}). Check data.path.`, { files: [root], cause: error, specPath: 'data.path' });
  });
  const folders = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  if (folders.length === 0) {
    throw new DataError(`${root} has no class folders. Images go in <folder>/<class>/*.png|jpg|jpeg, one sub-folder per class (Keras' layout).`, { files: [root], specPath: 'data.path' });
  }
  const names = classNames ?? folders;
  const unknown = folders.filter((f) => !names.includes(f));
  if (unknown.length > 0) {
    throw new DataError(`${root} has class folder${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} that the training data did not have (classes: ${names.join(', ')}). Rename or remove ${unknown.length === 1 ? 'it' : 'them'}.`, { files: unknown.map((f) => join(root, f)) });
  }
  const files: ImageFile[] = [];
  for (const folder of folders) {
    const label = names.indexOf(folder);
    for (const path of await imagesUnder(join(root, folder))) files.push({ ...(await fileInfo(path)), id: relative(root, path).split(sep).join('/'), label });
  }
  if (files.length === 0) throw new DataError(`The class folders of ${root} hold no .png, .jpg or .jpeg files.`, { files: [root], specPath: 'data.path' });
  return { root, classNames: names, files };
}

/** Every image file under `folder`, at any depth, in path order; hidden entries skipped. */
export async function imagesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && isImageFile(e.name) && !relative(folder, join(e.parentPath, e.name)).split(sep).some((part) => part.startsWith('.')))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

async function fileInfo(path: string): Promise<{ path: string; size: number; mtimeMs: number }> {
  const info = await stat(path);
  return { path, size: info.size, mtimeMs: info.mtimeMs };
}
