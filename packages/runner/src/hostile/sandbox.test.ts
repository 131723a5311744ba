import { mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { changes, createSandbox, snapshot } from './sandbox.ts';

const SOME_CASE = join(import.meta.dirname, '..', '..', 'test-fixtures', 'hostile', '_shared');
const sandbox = suite('sandbox snapshots');

sandbox('a file created, changed or removed outside work/ is reported; work/ itself is not watched', () => {
  const box = createSandbox(SOME_CASE);
  writeFileSync(join(box.root, 'kept.txt'), 'same');
  writeFileSync(join(box.root, 'edited.txt'), 'before');
  writeFileSync(join(box.root, 'gone.txt'), 'x');
  const before = snapshot(box.root, box.work);
  writeFileSync(join(box.work, 'inside.txt'), 'allowed');
  writeFileSync(join(box.root, 'edited.txt'), 'after!');
  rmSync(join(box.root, 'gone.txt'));
  mkdirSync(join(box.home, '.cache'));
  symlinkSync('/etc/passwd', join(box.root, 'PWNED'));
  assert.equal(
    changes(before, snapshot(box.root, box.work)).sort(),
    ['changed edited.txt', 'created PWNED', 'created home/.cache', 'changed home', 'removed gone.txt'].sort(),
  );
  rmSync(box.outer, { recursive: true, force: true });
});

sandbox('the same size with a new modification time counts as changed', () => {
  const box = createSandbox(SOME_CASE);
  writeFileSync(join(box.root, 'a.txt'), 'one');
  const before = snapshot(box.root, box.work);
  writeFileSync(join(box.root, 'a.txt'), 'two');
  utimesSync(join(box.root, 'a.txt'), new Date(2001, 1, 1), new Date(2001, 1, 1));
  assert.equal(changes(before, snapshot(box.root, box.work)), ['changed a.txt']);
  rmSync(box.outer, { recursive: true, force: true });
});

sandbox.run();
