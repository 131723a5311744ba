import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RunError } from '../errors.ts';
import { DiskError } from '../results/disk-error.ts';
import { mountSmallDisk } from '../results/full-disk.testkit.ts';
import { SweepLock } from './lock.ts';

const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid;
const staleLock = (dir: string, pid = deadPid()) =>
  writeFileSync(join(dir, 'sweep.lock'), JSON.stringify({ pid, host: hostname(), startedAt: '2026-01-01T00:00:00Z' }));

const lock = suite('SweepLock');

lock('a second process is refused with who holds the folder; after release it may take it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tfyaml-lock-'));
  const first = SweepLock.acquire(dir);
  try {
    SweepLock.acquire(dir);
    assert.unreachable();
  } catch (error) {
    assert.instance(error, RunError);
    assert.match((error as Error).message, `is in use by another tfyaml (pid ${process.pid} on ${hostname()}`);
  }
  first.release();
  assert.not.ok(existsSync(join(dir, 'sweep.lock')));
  SweepLock.acquire(dir).release();
  assert.equal(readdirSync(dir), [], 'no temporary or claim files are left');
});

lock('a lock left by a process that died (kill -9) is taken over', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tfyaml-lock-'));
  staleLock(dir);
  const taken = SweepLock.acquire(dir);
  assert.is((JSON.parse(readFileSync(join(dir, 'sweep.lock'), 'utf8')) as { pid: number }).pid, process.pid);
  assert.equal(readdirSync(dir), ['sweep.lock']);
  taken.release();
});

lock("release leaves a lock that is no longer this holder's", () => {
  const dir = mkdtempSync(join(tmpdir(), 'tfyaml-lock-'));
  const taken = SweepLock.acquire(dir);
  staleLock(dir, 1); // replaced by hand (or taken over by another machine's view): not ours to delete
  taken.release();
  assert.ok(existsSync(join(dir, 'sweep.lock')));
});

lock('a full disk is a DiskError naming the lock, and leaves no temporary file', () => {
  const disk = mountSmallDisk(64, 'SweepLock on a full disk');
  if (!disk) return;
  try {
    disk.fill();
    assert.throws(
      () => SweepLock.acquire(disk.dir),
      (error: unknown) => error instanceof DiskError && error.path === join(disk.dir, 'sweep.lock'),
    );
    assert.equal(readdirSync(disk.dir), ['filler']);
  } finally {
    disk.unmount();
  }
});

lock.run();

const race = suite('SweepLock :: concurrent takeover');

/** Starts `count` contender processes and waits until each has loaded the lock module. */
async function contenders(count: number): Promise<{ tell(dir: string): Promise<string[]>; end(): void }> {
  const script = new URL('./lock-contender.testkit.ts', import.meta.url).pathname;
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  const outputs = children.map((child) => createInterface({ input: child.stdout })[Symbol.asyncIterator]());
  const next = async (i: number) => String((await outputs[i]!.next()).value);
  for (const [i] of children.entries()) assert.is(await next(i), 'ready');
  return {
    // Every contender gets the folder at once; their answers in process order.
    async tell(dir) {
      for (const child of children) child.stdin.write(`${dir}\n`);
      return Promise.all(children.map((_, i) => next(i)));
    },
    end: () => children.forEach((child) => child.stdin.end()),
  };
}

race('several processes taking over one stale lock at once: exactly one holds it, every time', async () => {
  const rounds = 15;
  const group = await contenders(4);
  try {
    for (let round = 0; round < rounds; round++) {
      const dir = join(mkdtempSync(join(tmpdir(), 'tfyaml-lock-race-')), 'sweep');
      mkdirSync(dir);
      staleLock(dir);
      const answers = await group.tell(dir);
      const held = answers.filter((a) => a.startsWith('held'));
      assert.is(held.length, 1, `round ${round}: ${answers.join(' | ')}`);
      assert.ok(
        answers.filter((a) => !a.startsWith('held')).every((a) => a.includes('is in use by another tfyaml')),
        answers.join(' | '),
      );
      assert.equal(readdirSync(dir), ['sweep.lock']);
    }
  } finally {
    group.end();
  }
});

race.run();
