// New records for a trained run (tfyaml evaluate --data, tfyaml predict): a csv file read with the run's table
// layout, or images decoded to the run's size and channels. Anything that does not fit the run is refused.
import { stat } from 'node:fs/promises';
import { basename, dirname, relative, sep } from 'node:path';
import { CSV_DEFAULTS, IMAGES_DEFAULTS, type DataSpec } from '@tfyaml/spec-schema';
import { DataError } from './errors.ts';
import { encodeRows } from './internal/csv-encode.ts';
import { readCsv } from './internal/csv-read.ts';
import { decodeImages, type ImageTarget } from './internal/images-decode.ts';
import { readImageFolder } from './internal/images.ts';
import { imagesUnder, isImageFile } from './internal/images-scan.ts';
import { checkPixelMemory } from './internal/pixel-memory.ts';
import type { ImageSplit, LoadOptions, Split, TableLayout } from './types.ts';

/** What a trained run says about its inputs (its preprocessing.json). */
export interface InputSpec {
  data: DataSpec;
  inputShape: number[];
  classNames: string[];
  /** Present for runs trained on a csv table. */
  table?: TableLayout | undefined;
}

/** labelled: records with their true labels (evaluate); unlabelled: inputs only, every label 0 (predict). */
export type InputKind = 'labelled' | 'unlabelled';

export interface InputRecords {
  split: Split;
  ids: string[];
}

/**
 * Reads `path` as inputs for the run described by `spec`: a csv file for a table run; an image file or a folder
 * for an image run (labelled: a Keras-layout folder whose class folders are among the run's classes).
 */
export async function readInputs(
  path: string,
  spec: InputSpec,
  kind: InputKind,
  options: LoadOptions = {},
): Promise<InputRecords> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new DataError(`${path} does not exist (${error.code}).`, { files: [path], cause: error });
  });
  // A pipe or device would block the read, or never end (/dev/zero).
  if (!info.isFile() && !info.isDirectory())
    throw new DataError(`${path} is neither a file nor a folder (a pipe, socket or device).`, { files: [path] });
  if (spec.table !== undefined) {
    if (!info.isFile() || isImageFile(path)) {
      throw new DataError(
        `This run was trained on a csv table; ${path} is ${info.isFile() ? 'an image' : 'a folder'}. Give a csv file with the columns ${spec.table.columns.map((c) => c.name).join(', ')}.`,
        { files: [path] },
      );
    }
    return readTable(path, spec.data, spec.table, kind, options);
  }
  if (info.isFile() && !isImageFile(path)) {
    throw new DataError(
      `This run was trained on [${spec.inputShape.join(', ')}] images; ${path} is not a .png, .jpg or .jpeg file. Give an image or a folder of images.`,
      { files: [path] },
    );
  }
  const target = targetOf(spec);
  if (kind === 'labelled') {
    if (!info.isDirectory())
      throw new DataError(
        `Evaluating needs labelled images: a folder <path>/<class>/*.png|jpg. ${path} is a single file.`,
        { files: [path] },
      );
    const { split } = await readImageFolder(path, target, {
      ...options,
      onBadImage: 'fail',
      classNames: spec.classNames,
    });
    return { split, ids: split.ids! };
  }
  const files = info.isDirectory() ? await imagesUnder(path) : [path];
  if (files.length === 0) throw new DataError(`${path} holds no .png, .jpg or .jpeg files.`, { files: [path] });
  const root = info.isDirectory() ? path : dirname(path);
  return {
    split: await decodeAll(files, target),
    ids: files.map((f) => (info.isDirectory() ? relative(root, f).split(sep).join('/') : basename(f))),
  };
}

async function readTable(
  path: string,
  data: DataSpec,
  layout: TableLayout,
  kind: InputKind,
  options: LoadOptions,
): Promise<InputRecords> {
  const csv = { ...CSV_DEFAULTS, ...data.csv };
  const file = await readCsv(path, csv.delimiter);
  const { split, unseen } = encodeRows(file, layout, {
    missing: csv.missing,
    fillValue: csv.fillValue,
    id: csv.id,
    withLabels: kind === 'labelled',
  });
  const dropped = file.rows.length - split.count;
  if (dropped > 0)
    options.onWarning?.(
      `${path}: ${dropped} row${dropped === 1 ? '' : 's'} with missing or non-finite values left out (data.csv.missing: drop)`,
    );
  for (const [column, count] of unseen)
    options.onWarning?.(
      `${path}: ${count} value${count === 1 ? '' : 's'} of column "${column}" never seen in training; encoded as unknown`,
    );
  return { split, ids: split.ids! };
}

function targetOf(spec: InputSpec): ImageTarget {
  const [height, width, channels] = spec.inputShape;
  if (spec.inputShape.length !== 3 || (channels !== 1 && channels !== 3))
    throw new DataError(`This run's input shape [${spec.inputShape.join(', ')}] is not an image shape.`);
  return { height: height!, width: width!, channels, fit: spec.data.images?.fit ?? IMAGES_DEFAULTS.fit };
}

/** Predict fails on any image that does not decode: a prediction silently missing would be worse. */
async function decodeAll(files: string[], target: ImageTarget): Promise<ImageSplit> {
  checkPixelMemory({
    counts: [files.length],
    imageBytes: target.height * target.width * target.channels,
    what: `${files.length} images at ${target.height}×${target.width}×${target.channels}`,
    hint: 'Predict on fewer images at a time.',
  });
  const { pixels, failures } = await decodeImages(files, target);
  if (failures.size > 0) {
    const lines = [...failures].map(([i, reason]) => `${files[i]}: ${reason}`);
    throw new DataError(
      `${failures.size} image${failures.size === 1 ? '' : 's'} could not be decoded:\n  ${lines.join('\n  ')}`,
      { files: [...failures.keys()].map((i) => files[i]!) },
    );
  }
  return { images: pixels, labels: new Uint8Array(files.length), count: files.length, ids: files };
}
