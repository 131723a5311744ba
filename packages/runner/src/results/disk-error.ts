// A results file that could not be written because of the disk, not the data: full (ENOSPC), over quota (EDQUOT) or
// failing (EIO). It is the user's to fix (free space, another --out), so it is a RunError: one line, no stack.
import { RunError } from '../errors.ts';

const DISK_CODES: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EIO: 'the device reported an I/O error',
};

export class DiskError extends RunError {
  constructor(
    readonly path: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(
      `could not write ${path}: ${DISK_CODES[code] ?? code} (${code})`,
      'free some space (or pass --out on another disk) and run again; a sweep continues with tfyaml sweep --resume <sweep folder>',
      options,
    );
  }
}

/** Whether an error (or one it was caused by) is a disk failure rather than a bug or bad input. */
export function isDiskFailure(error: unknown): boolean {
  return asDiskError(error) !== undefined;
}

/** The disk failure behind `error` (itself, or one it was caused by) as a DiskError; undefined when there is none.
 * A raw `ENOSPC` names its file only when it came from opening one; else `where` (the folder being written) does. */
export function asDiskError(error: unknown, where = 'a results file'): DiskError | undefined {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (e instanceof DiskError) return e;
    const { code, path } = e as NodeJS.ErrnoException;
    if (code !== undefined && code in DISK_CODES) return new DiskError(path ?? where, code, { cause: error });
  }
  return undefined;
}

/** The DiskError for `error` when the disk caused it; any other error unchanged. */
export function diskErrorOf(error: unknown, path: string): unknown {
  if (error instanceof DiskError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && code in DISK_CODES ? new DiskError(path, code, { cause: error }) : error;
}
