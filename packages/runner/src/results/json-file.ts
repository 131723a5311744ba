// The JSON files of a run or sweep folder (summary.json, best.json, preprocessing.json): written atomically and
// indented, read back with a user error, not a stack, when one was damaged (hand-edited, cut off by an old crash).
import { RunError } from '../errors.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { readResultsFile } from './read-file.ts';

export function writeJsonFile(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** The parsed file; undefined when it does not exist (yet). */
export function readJsonFile<T>(path: string): T | undefined {
  const text = readResultsFile(path);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new RunError(
      `${path} is not valid JSON: ${(error as Error).message}`,
      'restore the file, or delete it to go on without it',
      { cause: error },
    );
  }
}
