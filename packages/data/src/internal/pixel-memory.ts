// Images stay in memory as uint8 pixels, one buffer per split. A dataset that cannot fit is refused before anything
// is allocated or decoded, with what it would need: not a RangeError from deep inside a typed array.
import { constants } from 'node:buffer';
import { totalmem } from 'node:os';
import { DataError } from '../errors.ts';

export interface PixelDemand {
  /** Images per split that are allocated at once (train and test for synthetic; one folder for image folders). */
  counts: number[];
  /** Bytes of one image: height × width × channels. */
  imageBytes: number;
  /** What is being loaded, for the message: "1000000000 + 16 synthetic images of 8×8×3". */
  what: string;
  /** How to ask for less. */
  hint: string;
  /** The spec field to point at, when the user's spec chose the size (not for a trained run's inputs). */
  specPath?: string;
}

/** A DataError when the pixels need over half of this machine's memory, or one split more than a buffer holds. */
export function checkPixelMemory({ counts, imageBytes, what, hint, specPath }: PixelDemand): void {
  const total = counts.reduce((sum, count) => sum + count, 0) * imageBytes;
  const largest = Math.max(...counts) * imageBytes;
  const allowed = Math.min(totalmem() / 2, constants.MAX_LENGTH);
  if (total <= totalmem() / 2 && largest <= constants.MAX_LENGTH) return;
  throw new DataError(
    `${what} would need ${gib(total)} of memory; at most ${gib(allowed)} fits ` +
      `(half of this machine's memory, one buffer per split). ${hint}`,
    { specPath },
  );
}

const gib = (bytes: number) => `${(bytes / 2 ** 30).toPrecision(3)} GiB`;
