// sweep.lock: one process writes a sweep folder at a time. The lock names its holder; a holder that died (kill -9,
// a crash, a reboot) left a stale lock, which the next process takes over so --resume works after any crash.
//
// Taking over is atomic. Deleting a stale lock and creating a new one are two steps, and a process that judged the
// lock stale a moment ago would delete the fresh lock another just made (two holders). So a stale lock is first
// claimed: hard-linked to a name derived from its contents (`link` fails if that name exists, so one process wins).
// The winner checks that the file it claimed is the one it judged stale before removing it; the others try again.
// proper-lockfile was not used: its stale takeover (rmdir, then mkdir) has exactly that race (its issue #121).
import { randomBytes, createHash } from 'node:crypto';
import { linkSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { RunError } from '../errors.ts';
import { diskErrorOf } from '../results/disk-error.ts';

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  /** Makes every lock's text unique. */ nonce?: string;
}

/** Tries (another process may release, or take over, in between) before giving up. */
const ATTEMPTS = 20;

export class SweepLock {
  private constructor(
    readonly path: string,
    private readonly text: string,
  ) {}

  /** Takes the sweep folder's lock; throws RunError while a live process holds it. */
  static acquire(dir: string): SweepLock {
    const path = join(dir, 'sweep.lock');
    const me: LockHolder = {
      pid: process.pid,
      host: hostname(),
      startedAt: new Date().toISOString(),
      nonce: randomBytes(8).toString('hex'),
    };
    const text = `${JSON.stringify(me)}\n`;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (createWhole(path, text)) return new SweepLock(path, text);
      const seen = readText(path);
      if (seen === undefined) continue; // released in between
      const holder = parseHolder(seen);
      if (holder && isAlive(holder)) {
        throw new RunError(
          `${dir} is in use by another tfyaml (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt})`,
          `wait for it to finish or stop it; if that process is gone, delete ${path}`,
        );
      }
      if (!removeIfStill(path, seen)) pause(10 + attempt * 5);
    }
    throw new RunError(
      `could not take the lock ${path}: other processes are taking it at the same time`,
      `run one tfyaml per sweep folder; if none is running, delete ${path} and any ${path}.stale-* beside it`,
    );
  }

  /** Removes the lock if it is still this process's (a lock taken over from a process judged dead is not ours). */
  release(): void {
    if (readText(this.path) !== this.text) return;
    try {
      unlinkSync(this.path);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

/** Creates `path` holding `text` only if it does not exist, and never visible half-written: the text is written to
 * a file of its own, which is then linked into place. */
function createWhole(path: string, text: string): boolean {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.new`;
  try {
    writeFileSync(temp, text);
  } catch (error) {
    rmSync(temp, { force: true });
    throw diskErrorOf(error, path);
  }
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    return createExclusive(path, text); // a file system without hard links
  } finally {
    unlinkSync(temp);
  }
}

function createExclusive(path: string, text: string): boolean {
  try {
    writeFileSync(path, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Removes the stale lock `path` if it still holds `seen`; false when another process is removing it right now.
 * The claim name comes from the text, so every process that judged this same lock stale competes for one name.
 */
function removeIfStill(path: string, seen: string): boolean {
  const claim = `${path}.stale-${createHash('sha256').update(seen).digest('hex').slice(0, 16)}`;
  try {
    linkSync(path, claim);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return true; // already gone
    if (code === 'EEXIST') return false; // another process holds the claim
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    return unlinkIfStill(path, seen); // no hard links here: the best that remains
  }
  try {
    // The claimed file is the one judged stale, or a fresh lock that replaced it in between: leave that one alone.
    if (readText(claim) === seen) unlinkSync(path);
  } finally {
    unlinkSync(claim);
  }
  return true;
}

function unlinkIfStill(path: string, seen: string): boolean {
  if (readText(path) === seen) unlinkSync(path);
  return true;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    return JSON.parse(text) as LockHolder;
  } catch {
    return undefined; // unreadable: a lock written by hand or by an older tfyaml that died while writing it
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

/** A short wait without an event loop turn (acquire is synchronous); lets the claiming process finish. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
