// What a worker must share with the machine that enqueued a sweep: the same sweep file, project version and
// lockfile (so the same code and libraries train every trial). Each machine hashes its own checkout.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RunError } from '../../errors.ts';
import { TFYAML_VERSION } from '../../version.ts';
import type { Hashes } from './store.ts';

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** The folder with pnpm-workspace.yaml above this package: the checkout this code runs from. */
export function projectRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

/** The sweep file's path as every checkout names it; a file outside the project cannot be found on other machines. */
export function projectPath(file: string, root = projectRoot()): string {
  const path = relative(root, resolve(file));
  if (path.startsWith('..') || isAbsolute(path)) {
    throw new RunError(
      `${file} is outside the project (${root}), so workers on other machines cannot find it`,
      'keep the sweep file in the project (e.g. experiments/), committed, so every checkout has it',
    );
  }
  return path;
}

export function hashesOf(projectFile: string, root = projectRoot()): Hashes {
  const file = join(root, projectFile);
  const lockfile = join(root, 'pnpm-lock.yaml');
  return {
    experiment: existsSync(file) ? sha256(readFileSync(file)) : 'missing',
    version: sha256(TFYAML_VERSION),
    lockfile: existsSync(lockfile) ? sha256(readFileSync(lockfile)) : 'missing',
  };
}

/** Why this checkout cannot run the sweep, or undefined when it can. */
export function mismatchOf(theirs: Hashes, ours: Hashes, projectFile: string): string | undefined {
  const differing = [
    theirs.experiment !== ours.experiment ? projectFile : '',
    theirs.version !== ours.version ? 'the tfyaml version' : '',
    theirs.lockfile !== ours.lockfile ? 'pnpm-lock.yaml' : '',
  ].filter(Boolean);
  return differing.length
    ? `${differing.join(', ')} differ${differing.length === 1 ? 's' : ''} from the enqueuing machine's; ` +
        'check out the commit it enqueued from and run pnpm install'
    : undefined;
}
