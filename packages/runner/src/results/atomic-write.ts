// How every results file is written. A whole file goes to a temporary name beside it, is flushed to the disk, then
// renamed over the old one, and the folder is flushed too: a reader, a crash or a full disk leaves the old file or
// the new one, never a 0-byte or half one. Appended rows (metrics.csv, sweep.log, journal.jsonl) go in whole or not
// at all. A full or failing disk throws a DiskError naming the file.
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { diskErrorOf } from './disk-error.ts';

/** Replaces `path` with `data` atomically and durably. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  // Unique per call: two processes (or a crash's leftovers) never write the same temporary file.
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.partial`);
  try {
    const fd = openSync(temp, 'w');
    try {
      writeAll(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw diskErrorOf(error, path);
  }
  syncFolder(dirname(path));
}

/** Appends `text` whole: when the disk fills part-way, the file is cut back to where it was, so no half row stays. */
export function appendFileWhole(path: string, text: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'a');
  } catch (error) {
    throw diskErrorOf(error, path);
  }
  const size = fstatSync(fd).size;
  try {
    writeAll(fd, text);
  } catch (error) {
    try {
      ftruncateSync(fd, size);
    } catch {
      // The cut itself failed (the device is gone): the reader's tolerance for a cut-off last line is what is left.
    }
    throw diskErrorOf(error, path);
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  for (let offset = 0; offset < bytes.byteLength;) offset += writeSync(fd, bytes, offset, bytes.byteLength - offset);
}

/** The rename is durable only once the folder's entry is on disk; some systems cannot open a folder to flush it. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EACCES') throw diskErrorOf(error, dir);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
