// The weight files a model.json names, checked before a byte of them is read: model.json comes from a folder the
// user points at, so its paths are input. Each must stay inside the model folder (no `../../etc/services`, no link
// out of it), be a regular file (not `/dev/zero`), and the files together must hold exactly the bytes the weight
// specs describe, so a truncated or swapped file is named instead of loaded as garbage or read without end.
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import { RunError } from '../errors.ts';

const HINT =
  'model/ must hold the model.json and weight files a tfyaml run wrote; train the experiment again to get them';

/** Bytes per element as stored: a quantized weight's storage type, else its dtype's. */
const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2 };

/** The real paths of the manifest's weight files, in manifest order, after every check has passed. */
export function checkedWeightFiles(dir: string, manifest: tf.io.WeightsManifestConfig): string[] {
  const root = realpathSync(dir);
  const wellFormed = manifest.every(
    (g) => Array.isArray(g.paths) && g.paths.every((p) => typeof p === 'string') && Array.isArray(g.weights),
  );
  if (!wellFormed)
    throw new RunError(`${join(dir, 'model.json')} has a weightsManifest without lists of paths and weights`, HINT);
  const files = manifest.flatMap((group) => group.paths.map((path) => insideFolder(root, dir, path)));
  const expected = manifest.flatMap((group) => group.weights).reduce((sum, spec) => sum + bytesOf(spec, dir), 0);
  const actual = files.reduce((sum, file) => sum + file.size, 0);
  if (actual !== expected) {
    throw new RunError(
      `${join(dir, 'model.json')} describes weights of ${expected} bytes, but its weight files hold ${actual}`,
      HINT,
    );
  }
  return files.map((file) => file.path);
}

/** A model.json (or other file of the folder) that is a regular file; its size. */
export function regularFileSize(path: string): number {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats?.isFile()) throw new RunError(`${path} is ${stats ? 'not a regular file' : 'missing'}`, HINT);
  return stats.size;
}

function insideFolder(root: string, dir: string, path: string): { path: string; size: number } {
  const named = join(dir, path);
  let real: string;
  try {
    real = realpathSync(named);
  } catch {
    throw new RunError(
      `${join(dir, 'model.json')} names the weight file ${JSON.stringify(path)}, which does not exist`,
      HINT,
    );
  }
  const within = relative(root, real);
  if (isAbsolute(path) || within === '' || within === '..' || within.startsWith(`..${sep}`) || isAbsolute(within)) {
    throw new RunError(
      `${join(dir, 'model.json')} names the weight file ${JSON.stringify(path)}, which is outside ${dir}`,
      HINT,
    );
  }
  return { path: real, size: regularFileSize(named) };
}

function bytesOf(spec: tf.io.WeightsManifestEntry, dir: string): number {
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  const size = BYTES[dtype];
  const count = Array.isArray(spec.shape) ? spec.shape.reduce((product, d) => product * d, 1) : Number.NaN;
  if (size === undefined || !Number.isSafeInteger(count) || count < 0) {
    throw new RunError(
      `${join(dir, 'model.json')}: weight ${JSON.stringify(spec.name)} has an unreadable dtype or shape`,
      HINT,
    );
  }
  return size * count;
}
