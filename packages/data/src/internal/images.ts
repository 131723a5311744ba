// dataset: images — a folder of class folders, resized to imageSize, RGB or grayscale, decoded once into a cache.
import { join } from 'node:path';
import { IMAGES_DEFAULTS, type DataSpec, type ImageFolderOptions } from '@tfyaml/spec-schema';
import { DataError } from '../errors.ts';
import type { Dataset, ImageSplit, LoadOptions } from '../types.ts';
import { imageCache, type CachedImages } from './images-cache.ts';
import { decodeImages, type ImageTarget } from './images-decode.ts';
import { scanImageFolder } from './images-scan.ts';
import { checkPixelMemory } from './pixel-memory.ts';
import { cacheRoot } from './remote.ts';
import { applySplits, type SplitSources } from './splits.ts';

/** Labels are stored as bytes. */
const MAX_CLASSES = 256;

export function imageTarget(options: Partial<ImageFolderOptions> | undefined): ImageTarget {
  const o = { ...IMAGES_DEFAULTS, ...options };
  const [height, width] = typeof o.imageSize === 'number' ? [o.imageSize, o.imageSize] : o.imageSize;
  return { height, width, channels: o.color === 'grayscale' ? 1 : 3, fit: o.fit };
}

export async function loadImages(spec: DataSpec, options: LoadOptions, seed: number): Promise<Dataset> {
  if (spec.path === undefined)
    throw new DataError('dataset: images needs data.path, the folder holding one sub-folder per class.', {
      specPath: 'data.dataset',
    });
  const target = imageTarget(spec.images);
  const onBadImage = spec.images?.onBadImage ?? IMAGES_DEFAULTS.onBadImage;
  const named = (source: unknown): source is string => typeof source === 'string';
  const { test, validation } = spec.split ?? {};
  const trainRoot = named(test) || named(validation) ? join(spec.path, 'train') : spec.path;
  const read = (root: string, classNames?: string[]) =>
    readImageFolder(root, target, { ...options, onBadImage, classNames });

  const train = await read(trainRoot);
  const sources: SplitSources<ImageSplit> = { train: train.split };
  if (named(test)) sources.test = (await read(join(spec.path, test), train.classNames)).split;
  if (named(validation)) sources.validation = (await read(join(spec.path, validation), train.classNames)).split;
  const splits = applySplits(sources, spec, seed);
  return {
    name: 'images',
    inputShape: [target.height, target.width, target.channels],
    numClasses: train.classNames.length,
    classNames: train.classNames,
    task: 'classification',
    ...splits,
    source: spec.path,
  };
}

export interface FolderOptions extends LoadOptions {
  onBadImage: 'fail' | 'skip';
  /** A trained run's classes: the folder's class folders must be among them. */
  classNames?: string[] | undefined;
}

/** One Keras-layout folder as an image split (ids = paths relative to it), from the cache when it is current. */
export async function readImageFolder(
  root: string,
  target: ImageTarget,
  options: FolderOptions,
): Promise<{ split: ImageSplit; classNames: string[] }> {
  const folder = await scanImageFolder(root, options.classNames);
  if (folder.classNames.length > MAX_CLASSES) {
    throw new DataError(
      `${root} has ${folder.classNames.length} class folders; tfyaml handles at most ${MAX_CLASSES} classes.`,
      { files: [root], specPath: 'data.path' },
    );
  }
  checkPixelMemory({
    counts: [folder.files.length],
    imageBytes: target.height * target.width * target.channels,
    what: `${folder.files.length} images of ${root} at ${target.height}×${target.width}×${target.channels}`,
    hint: 'Lower data.images.imageSize, or point data.path at a smaller folder.',
    specPath: 'data.images.imageSize',
  });
  const cache = imageCache(
    root,
    folder.files,
    target,
    join(cacheRoot(options.env ?? process.env, options.cacheDir), 'images'),
  );
  let images = await cache.read();
  if (images === undefined) {
    images = await decodeFolder(
      folder.files.map((f) => f.path),
      folder.files.map((f) => f.id),
      target,
    );
    await cache.write(images);
  }
  if (images.failures.length > 0) badImages(root, images.failures, options);
  const size = target.height * target.width * target.channels;
  const split: ImageSplit = {
    images: images.pixels,
    count: images.decoded.length,
    labels: Uint8Array.from(images.decoded, (i) => folder.files[i]!.label),
    ids: images.decoded.map((i) => folder.files[i]!.id),
  };
  if (split.images.length !== split.count * size)
    throw new Error(
      `readImageFolder: cache entry of ${root} has ${split.images.length} bytes for ${split.count} images`,
    );
  return { split, classNames: folder.classNames };
}

/** Decodes every file; the pixels of those that fail are left out, their reasons kept. */
async function decodeFolder(paths: string[], ids: string[], target: ImageTarget): Promise<CachedImages> {
  const { pixels, failures } = await decodeImages(paths, target);
  if (failures.size === 0) return { pixels, decoded: paths.map((_, i) => i), failures: [] };
  const size = target.height * target.width * target.channels;
  const decoded = paths.map((_, i) => i).filter((i) => !failures.has(i));
  const kept = new Uint8Array(decoded.length * size);
  decoded.forEach((from, to) => kept.set(pixels.subarray(from * size, (from + 1) * size), to * size));
  return { pixels: kept, decoded, failures: [...failures].map(([i, reason]) => ({ id: ids[i]!, reason })) };
}

function badImages(root: string, failures: CachedImages['failures'], options: FolderOptions): void {
  const lines = failures.map((f) => `${join(root, f.id)}: ${f.reason}`);
  if (options.onBadImage === 'fail') {
    throw new DataError(
      `${failures.length} image${failures.length === 1 ? '' : 's'} in ${root} could not be decoded:\n  ${lines.join('\n  ')}\nReplace or remove ${failures.length === 1 ? 'it' : 'them'}, or set data.images.onBadImage: skip to leave ${failures.length === 1 ? 'it' : 'them'} out.`,
      {
        files: failures.map((f) => join(root, f.id)),
      },
    );
  }
  for (const line of lines) options.onWarning?.(`skipped an image that does not decode: ${line}`);
}
