// Finding the images of a Keras-layout folder (<root>/<class>/**/*.png|jpg|jpeg), with what the cache key needs.
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { DataError } from '../errors.ts';

const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'];
/** Deeper folders or more entries than this are not an image dataset; data.path: / is the usual cause. */
const MAX_DEPTH = 8;
const MAX_ENTRIES = 200_000;

export interface ImageFile {
  path: string;
  /** Relative to the scanned root, with `/` separators: the record's id. */
  id: string;
  label: number;
  size: number;
  mtimeMs: number;
}

export interface ImageFolder {
  root: string;
  classNames: string[];
  files: ImageFile[];
}

export const isImageFile = (name: string): boolean => IMAGE_EXTENSIONS.includes(extname(name).toLowerCase());

/**
 * Class folders in name order (as Keras' image_dataset_from_directory), each one's images in path order.
 * Hidden entries (the decode cache among them) are never classes. With `classNames`, the folders must be among
 * them (a test split or new data for a trained run) and keep their indices.
 */
export async function scanImageFolder(root: string, classNames?: string[]): Promise<ImageFolder> {
  const entries = await readdir(root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new DataError(`Cannot read the image folder ${root} (${error.code}). Check data.path.`, {
      files: [root],
      cause: error,
      specPath: 'data.path',
    });
  });
  const folders = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  if (folders.length === 0) {
    throw new DataError(
      `${root} has no class folders. Images go in <folder>/<class>/*.png|jpg|jpeg, one sub-folder per class (Keras' layout).`,
      { files: [root], specPath: 'data.path' },
    );
  }
  const names = classNames ?? folders;
  const unknown = folders.filter((f) => !names.includes(f));
  if (unknown.length > 0) {
    throw new DataError(
      `${root} has class folder${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} that the training data did not have (classes: ${names.join(', ')}). Rename or remove ${unknown.length === 1 ? 'it' : 'them'}.`,
      { files: unknown.map((f) => join(root, f)) },
    );
  }
  const files: ImageFile[] = [];
  const budget = { root, entries: 0 };
  for (const folder of folders) {
    const label = names.indexOf(folder);
    const images = await imagesUnder(join(root, folder), budget);
    // Training classes need images; checking each as it is scanned refuses a wrong data.path (/, a home folder) fast.
    if (images.length === 0 && classNames === undefined) {
      throw new DataError(
        `${join(root, folder)} holds no .png, .jpg or .jpeg files, but every class folder of ${root} needs some. Add images, remove the folder, or check data.path.`,
        { files: [join(root, folder)], specPath: 'data.path' },
      );
    }
    for (const path of images)
      files.push({ ...(await fileInfo(path)), id: relative(root, path).split(sep).join('/'), label });
  }
  if (files.length === 0)
    throw new DataError(`The class folders of ${root} hold no .png, .jpg or .jpeg files.`, {
      files: [root],
      specPath: 'data.path',
    });
  return { root, classNames: names, files };
}

/**
 * Every image file under `folder`, up to 8 folders deep, in path order. Hidden entries are skipped and links are
 * never followed (one could lead out of the folder, or round in a circle). `budget` counts entries across calls;
 * past 200,000 the scan stops with a DataError instead of walking a whole disk.
 */
export async function imagesUnder(folder: string, budget = { root: folder, entries: 0 }): Promise<string[]> {
  const found: string[] = [];
  let level = [folder];
  for (let depth = 0; level.length > 0; depth++) {
    const deeper: string[] = [];
    for (const dir of level) {
      for (const entry of await readFolder(dir, budget.root)) {
        if (entry.name.startsWith('.')) continue;
        if (++budget.entries > MAX_ENTRIES) {
          throw new DataError(
            `${budget.root} holds more than ${MAX_ENTRIES.toLocaleString('en-US')} files and folders under its class folders: that is not an image dataset folder. Check data.path (or the folder given to tfyaml).`,
            { files: [budget.root] },
          );
        }
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (depth >= MAX_DEPTH) {
            throw new DataError(
              `${path} is more than ${MAX_DEPTH} folders deep inside ${folder}: that is not an image dataset folder. Images go in <folder>/<class>/**/*.png|jpg|jpeg; check data.path (or the folder given to tfyaml).`,
              { files: [path] },
            );
          }
          deeper.push(path);
        } else if (entry.isFile() && isImageFile(entry.name)) found.push(path);
      }
    }
    level = deeper;
  }
  return found.sort();
}

async function readFolder(dir: string, root: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataError(
      `Cannot read ${dir} (${code}) while looking for images in ${root}. Make it readable, or check data.path.`,
      { files: [dir], cause: error },
    );
  }
}

async function fileInfo(path: string): Promise<{ path: string; size: number; mtimeMs: number }> {
  const info = await stat(path);
  return { path, size: info.size, mtimeMs: info.mtimeMs };
}
