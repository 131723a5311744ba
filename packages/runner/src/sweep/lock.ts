// sweep.lock: one process writes a sweep folder at a time. The lock names its holder; a holder that died (kill -9,
// a crash, a reboot) left a stale lock, which the next process takes over so --resume works after any crash.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { RunError } from '../errors.ts';

export interface LockHolder { pid: number; host: string; startedAt: string }

export class SweepLock {
  private constructor(readonly path: string) {}

  /** Takes the sweep folder's lock; throws RunError while a live process holds it. */
  static acquire(dir: string): SweepLock {
    const path = join(dir, 'sweep.lock');
    const me: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(path, `${JSON.stringify(me)}\n`, { flag: 'wx' });
        return new SweepLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readHolder(path);
      if (holder && isAlive(holder)) {
        throw new RunError(`${dir} is in use by another tfyaml (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt})`,
          `wait for it to finish or stop it; if that process is gone, delete ${path}`);
      }
      unlinkSync(path); // stale: its holder is gone
    }
    throw new RunError(`could not take the lock ${path}: another process took it at the same time`, 'run one tfyaml per sweep folder');
  }

  release(): void {
    try {
      unlinkSync(this.path);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
  } catch {
    return undefined; // unreadable or cut short: its writer died while writing it
  }
}

/** On another machine nobody can tell, so it counts as alive. EPERM: alive, but another user's. */
function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
