// Reading a file of a run or sweep folder. Folders come from the user (`tfyaml report <dir>`, `--resume <dir>`,
// `evaluate <run>`), so a file there may be a link to /etc/passwd (its text would end up in report.html) or to
// /dev/zero (read without end). It must be a regular file inside its own folder, of a size tfyaml could have written.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative } from 'node:path';
import { RunError } from '../errors.ts';

/** Far above any file tfyaml writes besides weights (a 10 000-epoch metrics.csv is ~1 MB). */
const MAX_BYTES = 256 * 1024 * 1024;

/** The file's text; undefined when it does not exist. */
export function readResultsFile(path: string): string | undefined {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return undefined;
  const hint = `${basename(path)} must be the file tfyaml wrote there; restore it, or delete it`;
  if (!stats.isFile()) throw new RunError(`${path} is not a regular file`, hint);
  const within = relative(realpathSync(dirname(path)), realpathSync(path));
  if (within.startsWith('..') || isAbsolute(within))
    throw new RunError(`${path} links to a file outside its folder`, hint);
  if (stats.size > MAX_BYTES)
    throw new RunError(`${path} is ${stats.size} bytes, more than tfyaml ever writes there`, hint);
  return readFileSync(path, 'utf8');
}
