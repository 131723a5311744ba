import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError } from '../errors.ts';
import type { ImageSplit } from '../types.ts';

export const TRAIN_FILES = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'];
export const TEST_FILES = ['test_batch.bin'];
const META_FILE = 'batches.meta.txt';
const DEFAULT_CLASS_NAMES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
const PLANE = 32 * 32;
const RECORD = 1 + 3 * PLANE;

/** Records per batch file name. */
export type RecordCounts = Map<string, number>;

/**
 * Checks that every batch file exists and holds whole records; throws one DataError naming all bad files.
 * `help` is appended to the message (where the files may go, how to get them).
 */
export async function checkCifar10Files(folder: string, help: string): Promise<RecordCounts> {
  const names = [...TRAIN_FILES, ...TEST_FILES];
  const sizes = await Promise.all(names.map((name) => fileSize(join(folder, name))));
  const problems: string[] = [];
  const records = new Map<string, number>();
  names.forEach((name, i) => {
    const size = sizes[i];
    if (size === undefined) problems.push(`${name}: missing`);
    else if (size === 0 || size % RECORD !== 0) {
      problems.push(`${name}: ${size} bytes, not a whole number of ${RECORD}-byte records (the official files are 30730000 bytes); it is truncated or not CIFAR-10`);
    } else records.set(name, size / RECORD);
  });
  if (problems.length > 0) {
    const bad = names.filter((name) => !records.has(name));
    throw new DataError(`CIFAR-10 files in ${folder} are missing or broken:\n  ${problems.join('\n  ')}\n\n${help}`, {
      files: bad.map((name) => join(folder, name)),
    });
  }
  return records;
}

/** Reads the first `limit` records of the files (all by default) as NHWC uint8. */
export async function readCifar10Split(
  folder: string,
  files: string[],
  records: RecordCounts,
  limit: number | undefined,
): Promise<ImageSplit> {
  const available = files.reduce((sum, name) => sum + records.get(name)!, 0);
  const count = Math.max(0, Math.min(limit ?? available, available));
  const split: ImageSplit = { images: new Uint8Array(count * 3 * PLANE), labels: new Uint8Array(count), count };
  // Start every needed read at once; converting one file overlaps reading the next.
  const needed: string[] = [];
  for (let covered = 0, i = 0; covered < count; i++) {
    needed.push(files[i]!);
    covered += records.get(files[i]!)!;
  }
  const reads = needed.map((name) => readFile(join(folder, name)));
  // Each read is awaited below; this only stops a read failing after an earlier throw from crashing the process.
  for (const read of reads) read.catch(() => undefined);
  let done = 0;
  for (const [i, read] of reads.entries()) {
    const path = join(folder, needed[i]!);
    const expected = records.get(needed[i]!)!;
    const buffer = await read;
    if (buffer.length !== expected * RECORD) {
      throw new DataError(`${path} changed while it was read (${buffer.length} bytes, expected ${expected * RECORD}). Load again once it is complete.`, {
        files: [path],
      });
    }
    const take = Math.min(expected, count - done);
    convertRecords(buffer, take, split, done, path);
    done += take;
  }
  return split;
}

/** Class names from batches.meta.txt, or the standard ones when the file is absent. */
export async function readClassNames(folder: string): Promise<string[]> {
  const path = join(folder, META_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_CLASS_NAMES;
    throw error;
  }
  const names = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  if (names.length !== 10) {
    throw new DataError(`${path} should list 10 class names, one per line, but has ${names.length}. Fix or delete it (the standard names are then used).`, {
      files: [path],
    });
  }
  return names;
}

/** Official records are label + R plane + G plane + B plane; models want each pixel's RGB together (HWC). */
function convertRecords(buffer: Uint8Array, take: number, split: ImageSplit, at: number, path: string): void {
  const { images, labels } = split;
  for (let r = 0; r < take; r++) {
    const src = r * RECORD;
    const label = buffer[src]!;
    if (label >= 10) {
      throw new DataError(`${path}: record ${r} has label ${label}; CIFAR-10 labels are 0..9. The file is corrupt or not CIFAR-10: replace it.`, {
        files: [path],
      });
    }
    labels[at + r] = label;
    let dst = (at + r) * 3 * PLANE;
    for (let red = src + 1, end = red + PLANE; red < end; red++, dst += 3) {
      images[dst] = buffer[red]!;
      images[dst + 1] = buffer[red + PLANE]!;
      images[dst + 2] = buffer[red + 2 * PLANE]!;
    }
  }
}

async function fileSize(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
