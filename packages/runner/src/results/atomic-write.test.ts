import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFileWhole, writeFileAtomic } from './atomic-write.ts';
import { asDiskError, DiskError, isDiskFailure } from './disk-error.ts';
import { mountSmallDisk } from './full-disk.testkit.ts';

const atomic = suite('writeFileAtomic');

atomic('replaces the file and leaves no temporary file beside it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tfyaml-atomic-'));
  writeFileSync(join(dir, 'summary.json'), 'old');
  writeFileAtomic(join(dir, 'summary.json'), '{"status":"completed"}\n');
  assert.is(readFileSync(join(dir, 'summary.json'), 'utf8'), '{"status":"completed"}\n');
  assert.equal(readdirSync(dir), ['summary.json']);
});

atomic('a full disk throws a DiskError naming the file and keeps the old file whole', () => {
  const disk = mountSmallDisk(64, 'writeFileAtomic on a full disk');
  if (!disk) return;
  try {
    const path = join(disk.dir, 'summary.json');
    writeFileAtomic(path, 'old');
    disk.fill();
    try {
      writeFileAtomic(path, 'x'.repeat(100_000));
      assert.unreachable('the write should have failed');
    } catch (error) {
      assert.instance(error, DiskError);
      assert.is((error as DiskError).code, 'ENOSPC');
      assert.match((error as Error).message, `could not write ${path}: no space left on the device (ENOSPC)`);
    }
    assert.is(readFileSync(path, 'utf8'), 'old');
    assert.equal(readdirSync(disk.dir).sort(), ['filler', 'summary.json']);
  } finally {
    disk.unmount();
  }
});

atomic.run();

const append = suite('appendFileWhole');

append('a row that does not fit is not appended in part', () => {
  const disk = mountSmallDisk(64, 'appendFileWhole on a full disk');
  if (!disk) return;
  try {
    const path = join(disk.dir, 'metrics.csv');
    appendFileWhole(path, 'epoch,loss\n1,0.5\n');
    disk.fill();
    assert.throws(
      () => appendFileWhole(path, `2,${'9'.repeat(100_000)}\n`),
      (error: unknown) => error instanceof DiskError,
    );
    assert.is(readFileSync(path, 'utf8'), 'epoch,loss\n1,0.5\n');
  } finally {
    disk.unmount();
  }
});

append.run();

const failure = suite('isDiskFailure');

failure('ENOSPC, EDQUOT and EIO, also as a cause; other errors are not', () => {
  const enospc = Object.assign(new Error('write failed'), { code: 'ENOSPC' });
  assert.ok(isDiskFailure(enospc));
  assert.ok(
    isDiskFailure(new Error('saving the model failed', { cause: Object.assign(new Error('x'), { code: 'EDQUOT' }) })),
  );
  assert.ok(isDiskFailure(new DiskError('/x', 'EIO')));
  assert.not.ok(isDiskFailure(Object.assign(new Error('gone'), { code: 'ENOENT' })));
  assert.not.ok(isDiskFailure('ENOSPC'));
  const raw = Object.assign(new Error("ENOSPC: no space left on device, open '/r/spec.yaml'"), {
    code: 'ENOSPC',
    path: '/r/spec.yaml',
  });
  assert.is(asDiskError(raw)?.message, 'could not write /r/spec.yaml: no space left on the device (ENOSPC)');
});

failure.run();
