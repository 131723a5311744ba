// Dataset files are read whole into memory: a FIFO or a device would block forever or never end (/dev/zero), and a
// file larger than a share of this machine's memory cannot be parsed in it. Both are refused before reading.
import { readFileSync, statSync, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { DataError } from '../errors.ts';

/** The largest file read whole: parsing holds several copies (text, cells, values), so a sixteenth of the memory. */
export const MAX_DATA_FILE_BYTES = Math.floor(totalmem() / 16);

/** A regular file's bytes; a missing, special or too large file is a DataError naming it (`fix` says what to do). */
export async function readDataFile(path: string, fix: string): Promise<Buffer> {
  const info = await stat(path).catch((error: unknown) => {
    throw unreadable(path, error, fix);
  });
  refuseSpecial(path, info, fix);
  return readFile(path).catch((error: unknown) => {
    throw unreadable(path, error, fix);
  });
}

/** readDataFile for synchronous callers (`tfyaml check` describing a csv table). */
export function readDataFileSync(path: string, fix: string): Buffer {
  try {
    refuseSpecial(path, statSync(path), fix);
    return readFileSync(path);
  } catch (error) {
    throw error instanceof DataError ? error : unreadable(path, error, fix);
  }
}

function refuseSpecial(path: string, info: Stats, fix: string): void {
  if (!info.isFile()) {
    throw new DataError(
      `${path} is ${info.isDirectory() ? 'a folder' : 'not a regular file (a pipe, socket or device)'}; a data file must be a file. ${fix}`,
      { files: [path] },
    );
  }
  if (info.size > MAX_DATA_FILE_BYTES) {
    throw new DataError(
      `${path} is ${mib(info.size)}; files are read whole, and this machine allows ${mib(MAX_DATA_FILE_BYTES)} (a sixteenth of its memory). ${fix}`,
      { files: [path] },
    );
  }
}

function unreadable(path: string, error: unknown, fix: string): DataError {
  const code = (error as NodeJS.ErrnoException).code;
  return new DataError(`Cannot read ${path} (${code === 'ENOENT' ? 'no such file' : code}). ${fix}`, {
    files: [path],
    cause: error,
  });
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
