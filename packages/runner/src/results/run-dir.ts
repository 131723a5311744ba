// results/<name>/<run id>/: one folder per run, never reused, so no run overwrites another.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { diskErrorOf } from './disk-error.ts';

/** `20261126-083012`, in UTC: sorts by time and is safe in every file system. */
export function runId(date: Date): string {
  return date.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

/** Uses a folder chosen by the caller (a sweep trial); it must not hold a run already. */
export function claimRunDir(dir: string): string {
  makeFolder(dir);
  if (readdirSync(dir).length > 0) throw new Error(`claimRunDir: ${dir} is not empty`);
  return dir;
}

/** Creates the run folder; a second run in the same second gets `-2`, `-3`, … */
export function createRunDir(resultsRoot: string, name: string, date = new Date()): string {
  const parent = join(resultsRoot, name);
  makeFolder(parent);
  const id = runId(date);
  for (let attempt = 1; ; attempt++) {
    const dir = join(parent, attempt === 1 ? id : `${id}-${attempt}`);
    try {
      mkdirSync(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw diskErrorOf(error, dir);
    }
  }
}

/** A full disk can refuse even a folder: that is a DiskError like any results file. */
function makeFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw diskErrorOf(error, dir);
  }
}
