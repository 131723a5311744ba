// Reading an experiment file (or a base it extends) without trusting the path: only a regular file, and only up to
// a size no experiment reaches, so `/dev/zero`, a FIFO or a 5 GB log fails at once with a message instead of hanging.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** Experiments are a few kB; YAML parses at about 1 MB in 3 s here (250 k keys in 17 s), so 1 MB bounds the wait. */
export const MAX_SPEC_BYTES = 1024 * 1024;

export type SpecFileRead = { text: string } | { missing: boolean; message: string; hint: string; cause?: unknown };

export function readSpecFile(file: string): SpecFileRead {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? {
          missing: true,
          message: 'file not found',
          hint: `check the path; it is resolved from ${process.cwd()}`,
          cause: error,
        }
      : { missing: false, message: `cannot read the file (${code})`, hint: 'check the file permissions', cause: error };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      return {
        missing: false,
        message: `is not a regular file but ${kindOf(stat)}`,
        hint: 'an experiment is a .yaml file; name one',
      };
    }
    const bytes = readAtMost(fd, MAX_SPEC_BYTES);
    if (!bytes) {
      return {
        missing: false,
        message: `is larger than ${MAX_SPEC_BYTES / 1024 / 1024} MB, the limit for an experiment file`,
        hint: 'experiments are a few kB of YAML; check that this is the file you meant',
      };
    }
    return { text: bytes.toString('utf8') };
  } finally {
    closeSync(fd);
  }
}

/** The file's bytes, or undefined when it holds more than `limit` (read in full only up to one byte past it). */
function readAtMost(fd: number, limit: number): Buffer | undefined {
  const buffer = Buffer.allocUnsafe(limit + 1);
  let length = 0;
  while (length < buffer.length) {
    const read = readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) return buffer.subarray(0, length);
    length += read;
  }
  return undefined;
}

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'something else';
}
