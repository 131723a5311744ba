import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import { extract, type ReadEntry } from 'tar';
import { DataError } from '../errors.ts';

/**
 * Extracts the (gzipped) tar `archive` into the existing folder `target`, refusing entries that could write
 * outside it: absolute paths, `..` segments, and links pointing outside. Offending entries are skipped and
 * then reported together as a DataError; the caller discards `target` on failure.
 */
export async function extractInside(archive: string, target: string): Promise<void> {
  const root = resolve(target);
  const refused: string[] = [];
  await extract({
    file: archive,
    cwd: root,
    strict: true,
    // Runs on the raw header path, before tar's own (warn-and-skip) sanitizing, so nothing is silently dropped.
    filter: (path, entry) => {
      const problem = escapes(root, path, entry as ReadEntry);
      if (problem !== undefined) refused.push(`${path}: ${problem}`);
      return problem === undefined;
    },
  });
  if (refused.length > 0) {
    throw new DataError(
      `Archive ${archive} has entries that would be written outside the extraction folder, so it was rejected:\n  ${refused.join('\n  ')}`,
      {
        files: [archive],
      },
    );
  }
}

function escapes(root: string, path: string, entry: ReadEntry): string | undefined {
  const normalized = path.replace(/\\/g, '/');
  if (isAbsolute(path) || posix.isAbsolute(normalized) || /^[a-zA-Z]:/.test(normalized)) return 'absolute path';
  if (normalized.split('/').includes('..')) return "path contains '..'";
  if (entry.type === 'SymbolicLink' || entry.type === 'Link') {
    const link = String(entry.linkpath ?? '').replace(/\\/g, '/');
    if (posix.isAbsolute(link) || /^[a-zA-Z]:/.test(link)) return `link to absolute path ${link}`;
    // A symlink is relative to its own folder, a hard link to the archive root.
    const base = entry.type === 'SymbolicLink' ? resolve(root, posix.dirname(normalized)) : root;
    const inside = relative(root, resolve(base, link));
    if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside))
      return `link to ${link}, outside the folder`;
  }
  return undefined;
}
