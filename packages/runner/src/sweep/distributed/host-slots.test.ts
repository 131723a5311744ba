import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { registerSlots, slotsOnThisMachine } from './host-slots.ts';

const hostSlots = suite('host slots');

hostSlots('counts the slots of every live worker on this machine, not those of a process that is gone', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'tfyaml-host-slots-'));
  assert.is(slotsOnThisMachine(1, folder), 1, 'alone: its own slots');
  const unregister = registerSlots(1, folder);
  // Another worker: a live process that registered 2 slots.
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
  writeFileSync(join(folder, String(other.pid)), '2');
  // A worker killed with -9 left its file behind.
  const gone = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => gone.on('exit', resolve));
  writeFileSync(join(folder, String(gone.pid)), '4');
  try {
    assert.is(slotsOnThisMachine(1, folder), 3);
    unregister();
    assert.not.ok(existsSync(join(folder, String(process.pid))));
    assert.is(slotsOnThisMachine(1, folder), 2);
  } finally {
    other.kill();
  }
});

hostSlots.run();
