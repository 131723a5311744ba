import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/**
 * `<tmp>/sandbox/work` holds a copy of the case folder and is the CLI's working directory; `<tmp>/sandbox/home` is
 * its HOME and cache. Everything in the sandbox outside `work/` must be left as it was: that is how an escape shows.
 */
export interface Sandbox {
  /** The temporary folder around the sandbox, for the harness' own files (never snapshotted). */
  outer: string;
  root: string;
  work: string;
  home: string;
}

export function createSandbox(caseDir: string): Sandbox {
  const outer = mkdtempSync(join(tmpdir(), 'tfyaml-hostile-'));
  const root = join(outer, 'sandbox');
  const work = join(root, 'work');
  const home = join(root, 'home');
  // verbatimSymlinks keeps a case's relative symlinks relative, so they point where its author meant.
  cpSync(caseDir, work, { recursive: true, verbatimSymlinks: true });
  mkdirSync(home);
  return { outer, root, work, home };
}

/** Path → what identifies its content (kind, size, mtime, link target), for every entry of `root` outside `skip`. */
export type Snapshot = Map<string, string>;

export function snapshot(root: string, skip: string): Snapshot {
  const entries: Snapshot = new Map();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (path === skip) continue;
      const stat = lstatSync(path); // never follows a link: a link out of the sandbox is recorded, not walked
      const kind = stat.isSymbolicLink() ? `link→${readlinkSync(path)}` : stat.isDirectory() ? 'dir' : 'file';
      entries.set(relative(root, path), `${kind} ${stat.size} ${stat.mtimeMs}`);
      if (stat.isDirectory()) walk(path);
    }
  };
  walk(root);
  return entries;
}

/** The entries created, changed or removed between two snapshots, e.g. `created elsewhere/PWNED`. */
export function changes(before: Snapshot, after: Snapshot): string[] {
  const found: string[] = [];
  for (const [path, id] of after) {
    if (!before.has(path)) found.push(`created ${path}`);
    else if (before.get(path) !== id) found.push(`changed ${path}`);
  }
  for (const path of before.keys()) if (!after.has(path)) found.push(`removed ${path}`);
  return found;
}
