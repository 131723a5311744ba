import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { RunError } from '../errors.ts';
import { SweepLock } from './lock.ts';

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
});

lock('a lock left by a process that died (kill -9) is taken over', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tfyaml-lock-'));
  const dead = spawnSync(process.execPath, ['-e', '']).pid;
  writeFileSync(join(dir, 'sweep.lock'), JSON.stringify({ pid: dead, host: hostname(), startedAt: '2026-01-01T00:00:00Z' }));
  const taken = SweepLock.acquire(dir);
  assert.is((JSON.parse(readFileSync(join(dir, 'sweep.lock'), 'utf8')) as { pid: number }).pid, process.pid);
  taken.release();
});

lock.run();
