// Workers on one machine share its cores. Each worker process registers its --slots in a folder of the OS temp dir
// (one file named by its pid, removed when it exits; a file whose process is gone no longer counts), and its trials
// get this machine's cores divided by every slot on it: two `--slots 1` workers on 2 cores run 1-thread trials, as a
// local sweep with 2 workers does, rather than 2-thread trials that oversubscribe the cores.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const defaultFolder = (): string => join(tmpdir(), `tfyaml-workers-${userInfo().uid}`);

/** Registers this process's slots; the returned function unregisters them. */
export function registerSlots(slots: number, folder = defaultFolder()): () => void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const file = join(folder, String(process.pid));
  writeFileSync(file, String(slots));
  const unregister = () => rmSync(file, { force: true });
  process.once('exit', unregister);
  return unregister;
}

/** Every live worker's slots on this machine (at least `own`, this worker's). */
export function slotsOnThisMachine(own: number, folder = defaultFolder()): number {
  let total = 0;
  let names: string[] = [];
  try {
    names = readdirSync(folder);
  } catch {
    return own;
  }
  for (const name of names) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || !isAlive(pid)) continue;
    const slots = Number(readFileSync(join(folder, name), 'utf8').trim());
    if (Number.isInteger(slots) && slots > 0) total += slots;
  }
  return Math.max(total, own);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
