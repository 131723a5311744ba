// The binary versions of CIFAR-10 and CIFAR-100: fixed-size records of label byte(s) then 32×32 pixels stored as
// an R plane, a G plane and a B plane. Records are checked before reading and converted to NHWC once.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError } from '../errors.ts';
import type { ImageSplit } from '../types.ts';
import { readDataFile } from './data-file.ts';
import { fileSize } from './remote.ts';

const PLANE = 32 * 32;

export interface CifarFormat {
  /** For messages: "CIFAR-10". */
  title: string;
  /** Label bytes before the pixels of each record (1 for CIFAR-10; coarse then fine for CIFAR-100). */
  labelBytes: number;
  /** Which of them is the label used. */
  labelIndex: number;
  classes: number;
  /** Records per file of the official dataset: a file with fewer is cut short (data.trainLimit is how to use fewer). */
  officialRecords: Readonly<Record<string, number>>;
}

const recordSize = (format: CifarFormat) => format.labelBytes + 3 * PLANE;

/** Records per file name. */
export type RecordCounts = Map<string, number>;

/**
 * Checks that every file exists and holds whole records, as many as the official file unless `anyRecordCount`
 * (tests' small files); throws one DataError naming all bad files. `help` is appended to the message (where the
 * files may go, how to get them).
 */
export async function checkCifarFiles(
  folder: string,
  names: string[],
  format: CifarFormat,
  help: string,
  anyRecordCount = false,
): Promise<RecordCounts> {
  const record = recordSize(format);
  const sizes = await Promise.all(names.map((name) => fileSize(join(folder, name))));
  const problems: string[] = [];
  const records = new Map<string, number>();
  let miscounted = false;
  names.forEach((name, i) => {
    const size = sizes[i];
    const official = format.officialRecords[name]!;
    if (size === undefined) problems.push(`${name}: missing`);
    else if (size === 0 || size % record !== 0) {
      problems.push(
        `${name}: ${size} bytes, not a whole number of ${record}-byte records (the official file is ${official * record} bytes); it is truncated or not ${format.title}`,
      );
    } else if (!anyRecordCount && size / record !== official) {
      miscounted = true;
      problems.push(
        `${name}: ${thousands(size / record)} records, the official file has ${thousands(official)}; it is cut short or not ${format.title}`,
      );
    } else records.set(name, size / record);
  });
  if (problems.length > 0) {
    const bad = names.filter((name) => !records.has(name));
    const fewer = miscounted
      ? '\nReplace them with the whole files. To train on fewer images, keep the files whole and set data.trainLimit (or data.testLimit).'
      : '';
    throw new DataError(
      `${format.title} files in ${folder} are missing or broken:\n  ${problems.join('\n  ')}${fewer}\n\n${help}`,
      {
        files: bad.map((name) => join(folder, name)),
      },
    );
  }
  return records;
}

const thousands = (n: number) => n.toLocaleString('en-US');

/** Reads the first `limit` records of the files (all by default) as NHWC uint8. */
export async function readCifarSplit(
  folder: string,
  files: string[],
  records: RecordCounts,
  limit: number | undefined,
  format: CifarFormat,
): Promise<ImageSplit> {
  const record = recordSize(format);
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
    if (buffer.length !== expected * record) {
      throw new DataError(
        `${path} changed while it was read (${buffer.length} bytes, expected ${expected * record}). Load again once it is complete.`,
        {
          files: [path],
        },
      );
    }
    const take = Math.min(expected, count - done);
    convertRecords(buffer, take, split, done, path, format);
    done += take;
  }
  return split;
}

/** One class name per line of `path` (blank lines ignored), or `fallback` when the file is absent. */
export async function readNameList(path: string, expected: number, fallback: string[]): Promise<string[]> {
  let text: string;
  try {
    text = (await readDataFile(path, 'Fix or delete it (the standard names are then used).')).toString('utf8');
  } catch (error) {
    if (((error as Error).cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return fallback;
    throw error;
  }
  const names = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (names.length !== expected) {
    throw new DataError(
      `${path} should list ${expected} class names, one per line, but has ${names.length}. Fix or delete it (the standard names are then used).`,
      {
        files: [path],
      },
    );
  }
  return names;
}

/** Official records are labels + R plane + G plane + B plane; models want each pixel's RGB together (HWC). */
function convertRecords(
  buffer: Uint8Array,
  take: number,
  split: ImageSplit,
  at: number,
  path: string,
  format: CifarFormat,
): void {
  const { images, labels } = split;
  const record = recordSize(format);
  for (let r = 0; r < take; r++) {
    const src = r * record;
    const label = buffer[src + format.labelIndex]!;
    if (label >= format.classes) {
      throw new DataError(
        `${path}: record ${r} has label ${label}; ${format.title} labels are 0..${format.classes - 1}. The file is corrupt or not ${format.title}: replace it.`,
        {
          files: [path],
        },
      );
    }
    labels[at + r] = label;
    let dst = (at + r) * 3 * PLANE;
    for (let red = src + format.labelBytes, end = red + PLANE; red < end; red++, dst += 3) {
      images[dst] = buffer[red]!;
      images[dst + 1] = buffer[red + PLANE]!;
      images[dst + 2] = buffer[red + 2 * PLANE]!;
    }
  }
}
