// A process that competes for sweep locks, for lock.test.ts: for each line `<dir>` on stdin it tries to take that
// folder's lock and prints `held <dir>` or `refused <dir>`. It keeps every lock it took until stdin closes, so each
// stays held by a live process while the others try.
import { createInterface } from 'node:readline';
import { SweepLock } from './lock.ts';

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const dir of lines) {
  try {
    SweepLock.acquire(dir);
    process.stdout.write(`held ${dir}\n`);
  } catch (error) {
    process.stdout.write(`refused ${dir} ${(error as Error).message.split('\n')[0]}\n`);
  }
}
