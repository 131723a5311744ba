// Where results may go: a folder that exists or can be created, and can be written, outside the kernel's files.
import { accessSync, constants, existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { RunError } from '../errors.ts';

/** Kernel and device files: writing there does nothing useful, or something harmful. */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

/** Refuses an output folder that is a file, is under /proc, /sys or /dev (symlinks followed), or cannot be written. */
export function checkOutDir(dir: string, flag = '--out'): void {
  const wanted = resolve(dir);
  let existing = wanted;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  const real = join(realpathSync(existing), relative(existing, wanted));
  const system = SYSTEM_FOLDERS.find((root) => real === root || real.startsWith(`${root}/`));
  const example = `e.g. ${flag} results`;
  if (system)
    throw new RunError(`${flag} ${dir} is under ${system}, a system folder`, `give a folder of your own, ${example}`);
  if (!statSync(existing).isDirectory()) {
    throw new RunError(
      `${flag} ${dir}: ${existing} is a file, not a folder`,
      `give a folder (it is created if missing), ${example}`,
    );
  }
  try {
    accessSync(existing, constants.W_OK);
  } catch {
    throw new RunError(`${flag} ${dir}: ${existing} cannot be written to`, 'give a folder you can write to');
  }
}

/** Refuses an output file whose folder checkOutDir refuses, or that names an existing folder. */
export function checkOutFile(file: string, flag = '--out'): void {
  if (existsSync(file) && statSync(file).isDirectory()) {
    const example = `${flag} ${join(file, 'predictions.csv')}`;
    throw new RunError(`${flag} ${file} is a folder, not a file`, `name the file to write, e.g. ${example}`);
  }
  checkOutDir(dirname(resolve(file)), flag);
}
