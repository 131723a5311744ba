// The decoded pixels of an image folder, kept next to it (<root>/.tfyaml-cache/, else in the user cache when the
// folder is read-only) so later runs read one file instead of decoding every image again. The key covers each
// file's path, size and modification time (to the millisecond, which every file system keeps) and the target
// size, so any change to the folder means a new decode.
import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageFile } from './images-scan.ts';
import type { ImageTarget } from './images-decode.ts';

/** Bump when the decoder or the cache format changes, so older caches are not read. */
const FORMAT = 1;
const CACHE_FOLDER = '.tfyaml-cache';

export interface CachedImages {
  pixels: Uint8Array;
  /** Indices (into the scanned files) of the images that decoded; the others are `failures`. */
  decoded: number[];
  failures: { id: string; reason: string }[];
}

export interface ImageCache {
  read(): Promise<CachedImages | undefined>;
  write(images: CachedImages): Promise<void>;
}

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/** The cache of `files` decoded to `target`: in `root` when it is writable, else under `fallbackDir`. */
export function imageCache(root: string, files: ImageFile[], target: ImageTarget, fallbackDir: string): ImageCache {
  const optionsKey = hash({ FORMAT, target });
  const key = `${optionsKey}-${hash(files.map((f) => [f.id, f.size, Math.round(f.mtimeMs), f.label]))}`;
  const places = [join(root, CACHE_FOLDER), join(fallbackDir, hash(root))];
  return {
    async read() {
      const shape = { files: files.length, imageBytes: target.height * target.width * target.channels };
      for (const dir of places) {
        const cached = await readEntry(dir, key);
        if (cached !== undefined && fits(cached, shape)) return cached;
      }
      return undefined;
    },
    async write(images) {
      for (const dir of places) {
        if (await writeEntry(dir, key, optionsKey, images)) return;
      }
    },
  };
}

/**
 * Whether an entry describes these files: the cache folder sits in the user's dataset folder, so an edited or
 * damaged entry is possible, and is then decoded again instead of trusted (or crashing on a bad index).
 */
function fits(cached: CachedImages, shape: { files: number; imageBytes: number }): boolean {
  const { decoded, failures, pixels } = cached;
  return (
    Array.isArray(decoded) &&
    Array.isArray(failures) &&
    decoded.every(
      (index, k) =>
        Number.isInteger(index) && index >= 0 && index < shape.files && (k === 0 || index > decoded[k - 1]!),
    ) &&
    decoded.length + failures.length === shape.files &&
    pixels.length === decoded.length * shape.imageBytes
  );
}

async function readEntry(dir: string, key: string): Promise<CachedImages | undefined> {
  // Only plain files are read: a planted pipe or device would block the read.
  if (!(await isPlainFile(join(dir, `${key}.json`))) || !(await isPlainFile(join(dir, `${key}.bin`)))) return undefined;
  try {
    const meta = JSON.parse(await readFile(join(dir, `${key}.json`), 'utf8')) as Omit<CachedImages, 'pixels'> & {
      bytes: number;
    };
    const pixels = new Uint8Array(await readFile(join(dir, `${key}.bin`)));
    return pixels.length === meta.bytes ? { pixels, decoded: meta.decoded, failures: meta.failures } : undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** Writes pixels, then the metadata that marks the entry complete; older entries for the same target go. */
async function writeEntry(dir: string, key: string, optionsKey: string, images: CachedImages): Promise<boolean> {
  // A cache folder that is a link (planted in a shared dataset folder) would carry the writes elsewhere: skip it.
  if ((await lstat(dir).catch(() => undefined))?.isSymbolicLink()) return false;
  try {
    await mkdir(dir, { recursive: true });
    const stale = (await readdir(dir)).filter((name) => name.startsWith(`${optionsKey}-`) && !name.startsWith(key));
    await Promise.all(stale.map((name) => rm(join(dir, name), { force: true })));
    await writeAtomically(join(dir, `${key}.bin`), images.pixels);
    await writeAtomically(
      join(dir, `${key}.json`),
      JSON.stringify({ bytes: images.pixels.length, decoded: images.decoded, failures: images.failures }),
    );
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return false;
    throw error;
  }
}

async function isPlainFile(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => undefined))?.isFile() ?? false;
}

async function writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const partial = `${path}.${process.pid}.partial`;
  await writeFile(partial, data);
  await rename(partial, path);
}
